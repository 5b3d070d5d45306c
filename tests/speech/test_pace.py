"""The pace of a whole script, measured with fake speakers whose response is known: the sample is
aimed by its letters so the whole lands on the rate, and a second pass corrects a miss even when
speed factors do not act in proportion (Kokoro's effect jumps near 0.8)."""

import datetime as dt
from dataclasses import replace
from typing import NamedTuple

import pytest

from briefing.errors import VoiceError
from briefing.script.compose import Sentence, build_script, count_words
from briefing.sources.read import read_text_article
from briefing.sources.text import read_text
from briefing.speech.cache import ClipStore, digest
from briefing.speech.pace import RATE_TOLERANCE, corrected_factor, pace_factor
from briefing.speech.speaker import Speaker
from briefing.speech.synthesis import (
    CALIBRATION_AIM,
    calibrate,
    calibration_sample,
    heard_wpm,
    letters,
    quantize,
    sample_aim,
)
from briefing.speech.voices import load_voice, read_profile

from ..conftest import SEED

#: The fake voice's pace in words a minute at speed 1.0; between these speed factors it speeds up
#: by a further tenth, as Kokoro's voices do there.
NATURAL_WPM, JUMP_FROM, JUMP_TO, JUMP = 180.0, 0.78, 0.82, 0.1


class Timed(NamedTuple):
    duration: float


class JumpySpeaker:
    """Speaks at NATURAL_WPM x factor, faster still by up to JUMP between JUMP_FROM and JUMP_TO;
    the sentences outside the calibration sample go 6 % faster, so the sample misjudges the whole
    as a real one can."""

    def __init__(self, sample: list[Sentence]) -> None:
        self.sample = {s.speech for s in sample}

    def speak(self, sentences: list[Sentence], factor: float) -> list[Timed]:
        ramp = min(1.0, max(0.0, (factor - JUMP_FROM) / (JUMP_TO - JUMP_FROM)))
        wpm = NATURAL_WPM * factor * (1 + JUMP * ramp)
        return [Timed(s.words * 60 / (wpm * (1.0 if s.speech in self.sample else 1.06)))
                for s in sentences]

    def calibrated(self, rate_wpm: float, sample: list[Sentence]) -> float:
        return calibrate(self.speak, rate_wpm, sample)


def test_a_miss_is_corrected_across_a_jump_in_the_speed_factors_effect():
    script = build_script([read_text_article(SEED)], dt.date(2026, 11, 24))
    sentences = [s for _, s in script.sentences()]
    sample = calibration_sample(script)
    speaker = JumpySpeaker(sample)

    def whole(factor: float) -> float:
        return heard_wpm(speaker.speak(sentences, factor), script.word_count)

    first = speaker.calibrated(160, sample)
    assert first >= JUMP_TO and whole(first) / 160 - 1 > RATE_TOLERANCE  # the sample misjudged
    proportional = quantize(first * 160 / whole(first))
    assert abs(whole(proportional) / 160 - 1) > RATE_TOLERANCE  # past the jump: missed the other way
    better = corrected_factor(script, speaker, 160, first, whole(first))
    assert abs(whole(better) / 160 - 1) <= RATE_TOLERANCE, (better, whole(better))


class LetterSpeaker:
    """Speaks every letter in the same time at a given factor, as real voices roughly do, so a
    sentence of long words lasts longer than one of short words with as many words."""

    SECONDS_PER_LETTER = 0.075

    def speak(self, sentences: list[Sentence], factor: float) -> list[Timed]:
        return [Timed(letters([s]) * self.SECONDS_PER_LETTER / factor) for s in sentences]

    def calibrated(self, rate_wpm: float, sample: list[Sentence]) -> float:
        return calibrate(self.speak, rate_wpm, sample)


def test_the_sample_is_aimed_by_its_letters_so_the_whole_lands_on_the_rate():
    """One paragraph in four has long words: the hashed sample is not the same mix, so calibrating
    it to the rate by words misses the whole; aiming by letters does not."""
    short = "The old man and his dog ran up the hill to see the sun set on the bay."
    long_ = ("International negotiators characterised the administration's environmental "
             "commitments as unprecedented, comprehensive and extraordinarily ambitious.")
    paragraphs = [f"{n}. " + (long_ if n % 4 == 0 else short) for n in range(1, 31)]
    article = read_text("Budget\n\n" + "\n\n".join(paragraphs), "budget.txt")
    assert article is not None
    script = build_script([article], dt.date(2026, 11, 24))
    sentences = [s for _, s in script.sentences()]
    sample = calibration_sample(script)
    speaker = LetterSpeaker()

    def whole(factor: float) -> float:
        return heard_wpm(speaker.speak(sentences, factor), script.word_count)

    by_words = speaker.calibrated(160, sample)
    assert abs(whole(by_words) / 160 - 1) > RATE_TOLERANCE  # the case this guards against
    assert sample_aim(160, sample, sentences) != 160
    by_letters = pace_factor(script, speaker, 160)
    assert abs(whole(by_letters) / 160 - 1) <= CALIBRATION_AIM, whole(by_letters)


def _sentences(words: list[str]) -> list[Sentence]:
    texts = [f"The {w} council met on Monday to vote on the plan for the {w} harbour." for w in words]
    return [Sentence(t, 0.0, t, count_words(t)) for t in texts]


def test_a_voice_measured_before_starts_its_search_where_it_was_heard(tmp_path, tone_voice):
    """The pace memory: a second text in the same voice is calibrated in one pass over its sample,
    at the factor the first text's search found (the texts read at the same pace per letter)."""
    profile = replace(load_voice(tone_voice), rate=120)
    first, second = _sentences(["north", "south", "east"]), _sentences(["upper", "lower", "inner"])
    with Speaker(profile, ClipStore(tmp_path / "fresh")) as fresh:
        alone = fresh.calibrated(120, second)
        assert fresh.spoken > len(second)  # a voice never heard: several passes
    with Speaker(profile, ClipStore(tmp_path / "store")) as speaker:
        speaker.calibrated(120, first)
        before = speaker.spoken
        factor = speaker.calibrated(120, second)
        assert speaker.spoken - before == len(second)  # one pass
    assert factor == alone


def test_a_profile_pace_starts_a_first_search_where_the_voice_is_heard(tmp_path, tone_voice):
    """A voice this machine has never measured, whose profile ships its `pace`: the calibration
    sample is spoken once, and lands on the factor a search from scratch finds."""
    profile = replace(load_voice(tone_voice), rate=120)
    sample = _sentences(["upper", "lower", "inner"])
    with Speaker(profile, ClipStore(tmp_path / "scratch")) as fresh:
        alone = fresh.calibrated(120, sample)
        assert fresh.spoken > len(sample)  # several passes
        measured = fresh.store.load_value(digest("pace", digest(fresh.identity)))
    assert measured
    shipped = tuple((f, p) for f, p in measured["points"])
    with Speaker(replace(profile, pace=shipped), ClipStore(tmp_path / "new")) as seeded:
        assert seeded.calibrated(120, sample) == alone
        assert seeded.spoken == len(sample)


def test_a_profile_pace_must_be_factor_and_letter_pairs(tmp_path):
    good = tmp_path / "good.toml"
    good.write_text('engine = "tone"\npace = [[0.85, 860.0], [1, 950]]\n')
    assert read_profile(good).pace == ((0.85, 860.0), (1.0, 950.0))
    for bad in ('"fast"', "[[0.85]]", "[[3.0, 860.0]]", "[[0.85, nan]]", "[[true, 900.0]]"):
        path = tmp_path / "bad.toml"
        path.write_text(f'engine = "tone"\npace = {bad}\n')
        with pytest.raises(VoiceError, match="pace"):
            read_profile(path)
