"""Synthesis with the real system engine (espeak-ng), plus forced failures with a test double."""

import numpy as np
import pytest

from briefing.errors import EngineError
from briefing.script.compose import build_script
from briefing.sources.read import Article, Section
from briefing.speech.cache import ClipStore
from briefing.speech.engines import open_engine
from briefing.speech.engines.base import Clip, Engine
from briefing.speech.speaker import Speaker
from briefing.speech.synthesis import (
    LONGEST_INSIDE,
    SILENCE_LEVEL,
    inner_pauses,
    plausible,
    shorten_pauses,
    speak_items,
    trim_silence,
)
from briefing.speech.voices import load_voice

from ..conftest import SEED


@pytest.fixture(scope="module")
def engine():
    with open_engine(load_voice("system")) as opened:
        yield opened


def samples(clip: Clip) -> np.ndarray:
    return np.frombuffer(clip.samples, dtype="<i2").astype(np.int32)


def test_a_sentence_is_speech_of_plausible_length(engine):
    text = "Rain is expected in the north by the evening."
    clip = trim_silence(engine.synthesize(text))
    assert plausible(clip, text, 160)
    assert 1.5 <= clip.duration <= 5.0
    pcm = samples(clip)
    # Trimmed: speech starts within the 5 ms onset margin and ends within the 30 ms decay margin.
    loud = np.flatnonzero(np.abs(pcm) > SILENCE_LEVEL)
    assert loud[0] <= 0.006 * clip.sample_rate
    assert pcm.size - loud[-1] <= 0.031 * clip.sample_rate


def test_a_whole_article_in_one_utterance_is_complete(engine):
    # The documented trap: pyttsx3's espeak driver may hand back a long file before it is written.
    text = " ".join(SEED.read_text().split())
    clip = trim_silence(engine.synthesize(text))
    words = len(text.split())
    assert words / 160 * 60 * 0.7 <= clip.duration <= words / 160 * 60 * 1.4


def longest_quiet(clip: Clip) -> float:
    """Seconds of the longest run of 10 ms blocks more than 30 dB below the clip's RMS."""
    pcm = samples(clip).astype(np.float64)
    step = clip.sample_rate // 100
    power = np.mean(pcm[: pcm.size // step * step].reshape(-1, step) ** 2, axis=1)
    quiet = power < np.mean(power) / 1000
    longest = run = 0
    for flag in quiet:
        run = run + 1 if flag else 0
        longest = max(longest, run)
    return longest / 100


def test_a_long_pause_inside_a_sentence_is_shortened_and_the_speech_kept(engine):
    first = trim_silence(engine.synthesize("The council met on Monday,"))
    second = trim_silence(engine.synthesize("and it approved the budget."))
    gap = np.zeros(int(1.5 * first.sample_rate), dtype="<i2").tobytes()
    joined = Clip(samples=first.samples + gap + second.samples, sample_rate=first.sample_rate)
    assert longest_quiet(joined) >= 1.4
    short = shorten_pauses(joined)
    assert longest_quiet(short) <= LONGEST_INSIDE + 0.02
    # Only silence went: the cut is the pause's excess, to within a 10 ms block either side.
    assert abs((joined.duration - short.duration) - (1.5 - LONGEST_INSIDE)) <= 0.12
    # A sentence with ordinary comma pauses comes through untouched.
    plain = trim_silence(engine.synthesize("Rain, wind and snow are expected, forecasters said."))
    assert shorten_pauses(plain).samples == plain.samples


def test_the_pauses_inside_a_sentence_are_found_where_they_are(engine):
    """Captions are cut at the pauses `inner_pauses` finds: a held comma is one, a stop between
    words is not, and the silence at the clip's ends (trimmed to margins) is not either."""
    first = trim_silence(engine.synthesize("The council met on Monday,"))
    second = trim_silence(engine.synthesize("and it approved the budget,"))
    third = trim_silence(engine.synthesize("after a long debate."))
    rate = first.sample_rate

    def gap(seconds: float) -> bytes:
        return np.zeros(int(seconds * rate), dtype="<i2").tobytes()

    joined = first.samples + gap(0.45) + second.samples + gap(0.12) + third.samples
    found = inner_pauses(joined, rate)
    assert len(found) == 1
    (start, end), held = found[0], first.duration
    # Within a 10 ms block (and the clip's own decay margin) of the silence put there.
    assert held - 0.04 <= start <= held + 0.01 and held + 0.44 <= end <= held + 0.47
    assert inner_pauses(joined, rate, shortest=0.1)[1][0] > held + 0.45 + second.duration - 0.05
    assert inner_pauses(gap(0.3) + first.samples + gap(0.3), rate) == ()


def test_rate_changes_the_length(engine):
    text = "The council will vote on the new budget next Thursday afternoon."
    slow, fast = (trim_silence(open_engine_rate(rate).synthesize(text)) for rate in (120, 240))
    assert 1.6 <= slow.duration / fast.duration <= 2.4


def open_engine_rate(rate: int) -> Engine:
    from dataclasses import replace

    return open_engine(replace(load_voice("system"), rate=rate))


class SilentEngine(Engine):
    """Test double: an engine that fails quietly, returning silence."""

    name = "silent"

    def __init__(self) -> None:
        self.calls = 0

    def set_speed(self, factor: float) -> None:
        pass

    def synthesize(self, text: str) -> Clip:
        self.calls += 1
        return Clip(samples=b"\x00\x00" * 22050, sample_rate=22050)


def test_silent_clip_is_retried_once_then_names_the_sentence():
    import datetime as dt

    article = Article("T", (Section(("The bridge reopened this morning after repairs.",)),), "t.txt")
    script = build_script([article], dt.date(2026, 11, 24))
    engine = SilentEngine()
    items = [(i, s.speech, s.text) for i, (_, s) in enumerate(script.sentences())]
    with pytest.raises(EngineError) as caught:
        speak_items(engine, 160, items)
    assert engine.calls == 2
    assert str(caught.value) == (
        'the silent engine gave 0.00 s of speech (expected about 0.4 s) twice for sentence 1: "T."'
    )


def test_progress_counts_sentences_found_and_spoken(tmp_path):
    import datetime as dt

    article = Article("T", (Section(("One sentence here. Another one there.",)),), "t.txt")
    sentences = [s for _, s in build_script([article], dt.date(2026, 11, 24)).sentences()]
    total = len(sentences)
    with Speaker(load_voice("system"), ClipStore(tmp_path)) as speaker:
        seen = []
        speaker.speak(sentences[:2], 1.0)
        clips = speaker.speak(sentences, 1.0, lambda *report: seen.append(report))
    assert len(clips) == total and speaker.spoken == total
    # Two were in the store already; the rest are spoken in batches, counted as they come back.
    assert seen[0] == ("synthesize", 2, total) and seen[-1] == ("synthesize", total, total)
    assert [done for _, done, _ in seen] == sorted(done for _, done, _ in seen)


@pytest.mark.parametrize("language", ["en", "es", "fr", "it", "pt", "de"])
def test_a_short_text_is_calibrated_on_stock_news_in_its_language(language: str):
    """Four plain news sentences per language, without numbers (read digit by digit by some
    engines, they would skew the pace), recognised as that language by detection."""
    import datetime as dt

    from briefing.language import detect_language
    from briefing.speech.synthesis import CALIBRATION, calibration_sample

    stock = CALIBRATION[language]
    assert len(stock) == 4
    assert not any(ch.isdigit() for sentence in stock for ch in sentence)
    assert detect_language(" ".join(stock)) == language
    article = Article("Titel", (Section(("Kurz.",)),), "x")
    script = build_script([article], dt.date(2026, 11, 24), language=language)
    sample = [s.text for s in calibration_sample(script)]
    framing = [s.text for i, s in script.sentences() if script.segments[i].kind != "section"]
    assert sample == framing + list(stock)


def test_started_workers_speak_everything_and_this_process_loads_no_model(tmp_path):
    """`Speaker.start` (called when a first build's voice is known) starts the workers, which
    load their models meanwhile; from then on every sentence goes to them, even a single one,
    and the main process never opens an engine. The clips are those of one process."""
    from briefing.script.compose import Sentence

    profile = load_voice("anchor")
    texts = ["The harbour reopened on Monday.", "Ferries run again.", "Prices fell."]
    sentences = [Sentence(t, 0.0, t, len(t.split())) for t in texts]
    with Speaker(profile, ClipStore(tmp_path / "two"), jobs=2) as speaker:
        speaker.start()
        assert speaker._pool is not None
        single = speaker.speak(sentences[:1], 1.0)
        rest = speaker.speak(sentences, 1.0)
        assert speaker._engine is None and speaker.spoken == 3
    with Speaker(profile, ClipStore(tmp_path / "one"), jobs=1) as alone:
        assert [c.read() for c in alone.speak(sentences, 1.0)] == [c.read() for c in rest]
        assert alone._engine is not None and alone._pool is None
    assert single[0].read() == rest[0].read()
