"""A whole script's pace: the speed factor that makes it heard at the profile's rate.

This sits on top of the `Speaker` (it speaks samples and the bulletin through it, so every clip
lands in the cache), while `synthesis` below it only handles single clips and the search for a
factor on a sample. Every step depends only on the text, so the same text always gets the same
pace, and the same clips from the cache.
"""

import logging
from collections.abc import Callable
from typing import NamedTuple

from briefing.progress import Progress
from briefing.script.compose import Script
from briefing.speech.cache import ClipRef
from briefing.speech.speaker import Speaker
from briefing.speech.synthesis import (
    CALIBRATION_AIM,
    CALIBRATION_WORDS,
    calibration_sample,
    heard_wpm,
    quantize,
    sample_aim,
)

log = logging.getLogger(__name__)

#: Bulletins of at least WIDE_FROM calibration samples check the pace on WIDE_SHARE of their words.
WIDE_FROM, WIDE_SHARE = 10, 0.1
#: A whole bulletin heard further than this from the profile's rate is spoken again, corrected.
#: Calibration aims within CALIBRATION_AIM on samples that predict the whole to about 1.5 %, so a
#: tighter tolerance made long Piper bulletins (whose pace varies with its noise) be spoken twice
#: for a miss no listener hears: 4 % of 160 words a minute stays within radio's 150 to 170.
RATE_TOLERANCE = 0.04


def pace_factor(script: Script, speaker: Speaker, rate_wpm: int) -> float:
    """The speed factor for the script: calibrated on a short sample (and remembered for that
    sample), aiming at the pace there that gives the whole `rate_wpm` (see `sample_aim`), and
    checked on a wider sample for a long bulletin."""
    whole = [sentence for _, sentence in script.sentences()]
    sample = calibration_sample(script)
    factor = speaker.calibrated(sample_aim(rate_wpm, sample, whole), sample)
    if script.word_count >= WIDE_FROM * CALIBRATION_WORDS:
        # A long bulletin's pace is checked on a wider spread first: a miss costs speaking
        # everything twice. These clips are the bulletin's own, so when the factor holds they are
        # not spoken again.
        wide = calibration_sample(script, int(script.word_count * WIDE_SHARE))
        aim = sample_aim(rate_wpm, wide, whole)
        heard = heard_wpm(speaker.speak(wide, factor), sum(s.words for s in wide))
        log.debug("a wider sample at factor %.2f: %.1f wpm on %d sentences (aim %.1f)", factor,
                  heard, len(wide), aim)
        if heard and abs(heard / aim - 1) > CALIBRATION_AIM:
            factor = corrected_factor(script, speaker, rate_wpm, factor, heard * rate_wpm / aim)
    return factor


def corrected_factor(script: Script, speaker: Speaker, rate_wpm: int, factor: float,
                     heard: float) -> float:
    """A better factor for a script whose whole would be heard at `heard` words a minute at
    `factor` (as measured on the whole, or on a wide spread of it).

    Speed factors do not act in proportion: hibari's come in steps, and Kokoro's effect grows
    faster than the factor in the range its voices need for news pace. So instead of scaling the
    factor, the search runs again on the small sample (its clips mostly in the cache), aiming at
    the pace there that the whole's reading says gives the rate."""
    sample = calibration_sample(script)
    small = heard_wpm(speaker.speak(sample, factor), sum(s.words for s in sample))
    if not small:
        return quantize(factor * rate_wpm / heard)
    return speaker.calibrated(round(rate_wpm * small / heard, 1), sample)


class Spoken(NamedTuple):
    clips: list[ClipRef]
    """The clips in speaking order."""
    factor: float
    """The engine speed factor they were spoken at."""


def synthesize_at_rate(script: Script, speaker: Speaker, rate_wpm: int,
                       progress: Progress | None = None, factor: float | None = None,
                       ready: Callable[[list[ClipRef | None]], None] | None = None) -> Spoken:
    """Speak the script so its heard rate is `rate_wpm`; return its clips in speaking order and
    the speed factor used.

    The factor is `pace_factor`'s unless given. The heard rate of the whole still depends on all
    its words, so it is measured, and if it is more than `RATE_TOLERANCE` off the script is
    spoken once more at a corrected speed (see `corrected_factor`). Every step depends only on the text, so
    the same text always gets the same pace, and the same clips from the cache. `ready` follows
    the first pass (see `Speaker.speak`).
    """
    if factor is None:
        factor = pace_factor(script, speaker, rate_wpm)
    sentences = [sentence for _, sentence in script.sentences()]
    clips = speaker.speak(sentences, factor, progress, ready)
    heard = heard_wpm(clips, script.word_count)
    log.debug("the bulletin at factor %.2f: %.1f wpm (aim %d)", factor, heard, rate_wpm)
    if heard and abs(heard / rate_wpm - 1) > RATE_TOLERANCE:
        corrected = corrected_factor(script, speaker, rate_wpm, factor, heard)
        if corrected != factor:
            again = speaker.speak(sentences, corrected, progress)
            # Speed factors act in steps on some engines: keep whichever pass came closer.
            if abs(heard_wpm(again, script.word_count) / rate_wpm - 1) < abs(heard / rate_wpm - 1):
                return Spoken(again, corrected)
    return Spoken(clips, factor)
