"""The pace of a whole script: a second pass corrects a miss even when speed factors do not act in
proportion (Kokoro's effect jumps near 0.8), measured with a fake speaker whose response is known."""

import datetime as dt
from typing import NamedTuple

from briefing.script.compose import Sentence, build_script
from briefing.sources.read import read_text_article
from briefing.speech.pace import RATE_TOLERANCE, corrected_factor
from briefing.speech.synthesis import calibrate, calibration_sample, heard_wpm, quantize

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
