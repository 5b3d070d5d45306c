"""Parts cut from a tone-engine bulletin: contiguous, cut only in silence, sized by the rules, and
the timeline moved to the joined MP3 by exactly each part's frames and priming."""

import itertools
from dataclasses import replace

from briefing.audio.assembly import layout
from briefing.audio.mp3 import OUTPUT_RATE
from briefing.audio.parts import FRAME_SAMPLES, MAX_SECONDS, MIN_SECONDS, PRIMING, moved, plan_parts
from briefing.speech.engines.tone import SAMPLE_RATE

from ..conftest import tone_clips, tone_script


def long_layout():
    """About twelve minutes of tone speech in 30 sections."""
    script = tone_script(sections=30, sentences=8)
    return layout(script, tone_clips(script), chime=True)


def test_parts_tile_the_bulletin_and_are_cut_only_in_silence():
    pieces, cuts, timeline = long_layout()
    parts = plan_parts(pieces, cuts, SAMPLE_RATE)
    assert len(parts) >= 3
    total = sum(piece.frames for piece in pieces)
    assert sum(part.frames for part in parts) == total == round(timeline.duration * SAMPLE_RATE)
    assert parts[0].start == 0
    for before, after in itertools.pairwise(parts):
        assert after.start == before.start + before.frames
    assert [piece for part in parts for piece in part.pieces] == pieces
    cut_pieces = {cut.piece for cut in cuts}
    boundaries = list(itertools.accumulate(len(part.pieces) for part in parts))[:-1]
    for boundary in boundaries:
        assert boundary in cut_pieces
        # Silence on both sides of every cut: the joins cannot be heard.
        assert pieces[boundary - 1].clip is None and pieces[boundary - 1].sound is None
        assert pieces[boundary].clip is None and pieces[boundary].sound is None
    longest_piece = max(piece.frames for piece in pieces)
    for part in parts[:-1]:
        assert MIN_SECONDS * SAMPLE_RATE <= part.frames <= MAX_SECONDS * SAMPLE_RATE + longest_piece


def test_the_same_pieces_give_the_same_parts():
    pieces, cuts, _ = long_layout()
    first = plan_parts(pieces, cuts, SAMPLE_RATE)
    again = plan_parts(pieces, cuts, SAMPLE_RATE)
    assert [(p.start, p.frames) for p in first] == [(p.start, p.frames) for p in again]


def test_the_timeline_moves_by_each_parts_mp3_frames_and_priming():
    pieces, cuts, timeline = long_layout()
    # A pause inside every sentence (the tone engine makes none this long): moved with it.
    timeline = replace(timeline, sentences=tuple(
        replace(s, pauses=((s.start + 0.3, s.start + 0.6),)) for s in timeline.sentences))
    parts = plan_parts(pieces, cuts, SAMPLE_RATE)
    # What the encoder would have written: enough whole frames for each part, plus one.
    mp3_frames = [part.frames * OUTPUT_RATE // SAMPLE_RATE // FRAME_SAMPLES + 2 for part in parts]
    heard = moved(timeline, parts, mp3_frames, OUTPUT_RATE)
    begins = [0, *itertools.accumulate(frames * FRAME_SAMPLES for frames in mp3_frames)]
    assert heard.duration == begins[-1] / OUTPUT_RATE
    for before, after in zip(timeline.sentences, heard.sentences, strict=True):
        index = max(i for i, part in enumerate(parts) if part.start / SAMPLE_RATE <= before.start)
        shift = (begins[index] + PRIMING) / OUTPUT_RATE - parts[index].start / SAMPLE_RATE
        assert after.start == round(before.start + shift, 4)
        assert after.end == round(before.end + shift, 4)
        assert after.pauses == tuple((round(a + shift, 4), round(b + shift, 4))
                                     for a, b in before.pauses)
        assert after.text == before.text
    assert heard.chapters[0].start == 0.0
    assert heard.chapters[-1].end == heard.duration
    for chapter, following in itertools.pairwise(heard.chapters):
        assert chapter.end == following.start
