"""Assembly with generated clips: exact pauses, chime placement, chapters, linear joining."""

import datetime as dt

import numpy as np

from briefing.audio.assembly import CHIME_SECONDS, LEAD_IN, TAIL, assemble
from briefing.script.compose import Pauses, build_script
from briefing.sources.read import Article, Section
from briefing.speech.engines.base import Clip

RATE = 22050


def tone(seconds: float) -> Clip:
    t = np.arange(int(seconds * RATE)) / RATE
    return Clip((np.sin(2 * np.pi * 220 * t) * 8000).astype("<i2").tobytes(), RATE)


def script_with(sections: int):
    article = Article("T", tuple(Section((f"Sentence {n}a. Sentence {n}b.",)) for n in range(sections)), "t")
    return build_script([article], dt.date(2026, 11, 24), Pauses(0.25, 0.5, 1.0))


def test_pauses_are_exact_and_chapters_follow_segments():
    script = script_with(2)
    count = sum(1 for _ in script.sentences())
    clips = [tone(0.5)] * count
    pcm, timeline = assemble(script, clips, chime=False)
    total_pause = sum(s.pause_after for _, s in script.sentences())
    expected = LEAD_IN + 0.5 * count + total_pause + TAIL
    assert abs(len(pcm) / 2 / RATE - expected) < 1e-3
    assert abs(timeline.duration - expected) < 1e-3
    starts = [s.start for s in timeline.sentences]
    assert starts[0] == LEAD_IN
    assert abs(starts[1] - (LEAD_IN + 0.5 + 0.25)) < 1e-4
    assert [c.title for c in timeline.chapters] == ["Introduction", "Sentence 0a", "Sentence 1a", "Closing"]
    # Without a chime a chapter starts at its first word.
    assert abs(timeline.chapters[1].start - timeline.sentences[2].start) < 1e-4
    assert timeline.chapters[-1].end == timeline.duration


def test_chime_sits_in_the_segment_pause_and_starts_the_chapter():
    script = script_with(1)
    count = sum(1 for _ in script.sentences())
    pcm, timeline = assemble(script, [tone(0.5)] * count, chime=True)
    chapter = timeline.chapters[1]
    previous_end = timeline.sentences[1].end
    assert abs(chapter.start - (previous_end + 0.5)) < 1e-4
    assert abs(timeline.sentences[2].start - (chapter.start + CHIME_SECONDS + 0.5)) < 1e-4
    audio = np.frombuffer(pcm, dtype="<i2")
    chime = audio[int(chapter.start * RATE): int((chapter.start + 0.2) * RATE)]
    assert np.abs(chime).max() > 1000  # audible, and quiet against speech
    gap = audio[int((previous_end + 0.01) * RATE): int((chapter.start - 0.01) * RATE)]
    assert not gap.any()


def test_hundreds_of_segments_join_in_one_pass():
    script = script_with(300)
    count = sum(1 for _ in script.sentences())
    pcm, timeline = assemble(script, [tone(0.2)] * count, chime=True)
    assert len(timeline.sentences) == count == 604
    assert len(timeline.chapters) == 302
    assert len(pcm) == round(timeline.duration * RATE) * 2
