"""Assembly with the tone engine: every sentence, pause, sound and chapter lands on the sample the
rules give (the real-engine tests check the same things within tolerances)."""

import pytest

from briefing.audio.assembly import LEAD_IN, TAIL, layout, make_chime, make_sting
from briefing.speech.engines.tone import SAMPLE_RATE, expected_frames

from ..conftest import tone_clips, tone_script


def expected_layout(script, chime: bool):
    """Where each sentence starts and ends and where each chapter starts, in samples, worked out
    from the script, the tone engine's lengths and the layout rules alone."""
    rate = SAMPLE_RATE
    sounds = {"chime": len(make_chime(rate)) // 2, "sting": len(make_sting(rate)) // 2}
    position = round(LEAD_IN * rate)
    sentences, chapter_starts = [], [0]
    segment_before = 0
    for segment, sentence in script.sentences():
        if segment != segment_before:  # a new chapter without a sound starts at its first word
            chapter_starts.append(position)
            segment_before = segment
        start = position
        position += expected_frames(sentence.speech)
        sentences.append((start, position))
        following = script.segments[segment + 1] if segment + 1 < len(script.segments) else None
        last = sentence is script.segments[segment].sentences[-1]
        pause = sentence.pause_after
        if chime and pause and last and following and following.transition in sounds:
            position += 2 * round(pause / 4 * rate)
            chapter_starts.append(position)
            segment_before = segment + 1
            position += sounds[following.transition] + round(pause / 2 * rate)
        elif pause:
            position += 2 * round(pause / 2 * rate)
    return sentences, chapter_starts, position + round(TAIL * rate)


@pytest.mark.parametrize("stories", [1, 3])
@pytest.mark.parametrize("chime", [True, False])
def test_every_sentence_and_chapter_lands_on_its_sample(stories, chime):
    script = tone_script(sections=3, sentences=2, stories=stories)
    pieces, _, timeline = layout(script, tone_clips(script), chime)
    sentences, chapters, total = expected_layout(script, chime)
    rate = timeline.sample_rate
    assert rate == SAMPLE_RATE
    assert sum(piece.frames for piece in pieces) == total
    assert round(timeline.duration * rate) == total
    assert [(round(s.start * rate), round(s.end * rate)) for s in timeline.sentences] == sentences
    assert [round(c.start * rate) for c in timeline.chapters] == chapters
    assert [c.title for c in timeline.chapters] == [seg.title for seg in script.segments]
    # Chapters tile the bulletin: each ends where the next begins, the last at the end.
    assert [c.end for c in timeline.chapters[:-1]] == [c.start for c in timeline.chapters[1:]]
    assert timeline.chapters[-1].end == timeline.duration


def test_the_sounds_sit_where_the_chapters_start():
    script = tone_script(sections=2, sentences=1, stories=2)
    pieces, _, timeline = layout(script, tone_clips(script), chime=True)
    starts, position = [], 0
    for piece in pieces:
        if piece.sound:
            starts.append((piece.sound, position))
        position += piece.frames
    rate = timeline.sample_rate
    # The first chapter starts at 0, every later one with its sound: a sting before each story
    # and before the outro of a several-story bulletin.
    assert [round(c.start * rate) for c in timeline.chapters[1:]] == [at for _, at in starts]
    assert {sound for sound, _ in starts} == {"sting"}
