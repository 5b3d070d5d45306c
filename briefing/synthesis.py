"""Synthesis: each sentence of the script spoken by the engine, trimmed and checked.

Engines pad their output with silence of varying length; trimming it makes the script's pauses the
only pauses, so they are exact. Each clip is checked against its word count, because an engine that
fails quietly (an empty or truncated file) must never become a silent gap in the bulletin.
"""

from collections.abc import Callable

import numpy as np

from .engines.base import Clip, Engine
from .errors import EngineError
from .language import primary
from .script import Script, Sentence, count_words

#: Samples below this level (about -54 dBFS) count as engine silence.
SILENCE_LEVEL = 64
#: Kept before the first and after the last audible sample, so soft onsets and decays survive.
ONSET_MARGIN, DECAY_MARGIN = 0.005, 0.03
#: A clip must last between these multiples of its expected length (words at the profile's rate).
MIN_RATIO, MAX_RATIO = 0.25, 3.0
#: Plus this much slack above, for short sentences and numbers read digit by digit.
MAX_SLACK = 2.0

Progress = Callable[[str, int, int], None]


def trim_silence(clip: Clip) -> Clip:
    """Cut leading and trailing silence, keeping short margins around the speech."""
    samples = np.frombuffer(clip.samples, dtype="<i2")
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > SILENCE_LEVEL)
    if loud.size == 0:
        return Clip(samples=b"", sample_rate=clip.sample_rate)
    start = max(0, int(loud[0]) - int(ONSET_MARGIN * clip.sample_rate))
    end = min(samples.size, int(loud[-1]) + 1 + int(DECAY_MARGIN * clip.sample_rate))
    return Clip(samples=samples[start:end].tobytes(), sample_rate=clip.sample_rate)


def expected_seconds(text: str, rate_wpm: int) -> float:
    """How long a sentence should take at the given rate, counting words as runs of letters/digits."""
    return count_words(text) * 60.0 / rate_wpm


def plausible(clip: Clip, text: str, rate_wpm: int) -> bool:
    expected = expected_seconds(text, rate_wpm)
    return MIN_RATIO * expected <= clip.duration <= MAX_RATIO * expected + MAX_SLACK and clip.frames > 0


#: Plain news sentences, without numbers, spoken to measure an engine's pace before a build.
CALIBRATION = {
    "en": (
        "The city council approved a new budget on Monday after a long debate.",
        "Officials said the plan would repair roads, expand bus service and hire more teachers.",
        "Residents who spoke at the meeting asked for faster action on housing.",
        "The mayor promised a public report before the end of the month.",
    ),
    "es": (
        "El ayuntamiento aprobó el lunes un nuevo presupuesto tras un largo debate.",
        "Los responsables dijeron que el plan servirá para reparar calles y contratar profesores.",
        "Los vecinos que hablaron en la reunión pidieron medidas más rápidas sobre la vivienda.",
        "El alcalde prometió un informe público antes de fin de mes.",
    ),
}
#: Calibration never moves an engine further than this from its natural pace.
SPEED_LIMITS = (0.5, 2.0)
#: Words of the script spoken to measure the pace; how close to aim; how many measurements at most.
CALIBRATION_WORDS, CALIBRATION_AIM, CALIBRATION_TRIES = 60, 0.02, 6


def heard_wpm(clips: list[Clip], words: int) -> float:
    """Words a minute over speech time alone: the pauses between clips do not count."""
    seconds = sum(clip.duration for clip in clips)
    return words * 60.0 / seconds if seconds else 0.0


def calibration_sample(script: Script, words: int = CALIBRATION_WORDS) -> list[Sentence]:
    """Sentences to measure the pace on: the intro and outro and the first sentences of the
    bulletin's own sections, since the heard rate in words depends on the words (news copy has long
    ones); a stock paragraph in the script's language instead when the sections are too short.
    Taking the first sentences (not a spread) makes the pace reproducible: the same opening gives
    the same pace, however much follows."""
    framing = [s for i, s in script.sentences() if script.segments[i].kind != "section"]
    body = [s for i, s in script.sentences() if script.segments[i].kind == "section"]
    if sum(s.words for s in body) < words:
        stock = CALIBRATION.get(primary(script.language), CALIBRATION["en"])
        return framing + [Sentence(t, 0.0, t, count_words(t)) for t in stock]
    chosen, count = [], 0
    for sentence in body:
        chosen.append(sentence)
        count += sentence.words
        if count >= words:
            break
    return framing + chosen


def calibrate(engine: Engine, rate_wpm: int, sample: list[Sentence]) -> float:
    """Set the engine's speed so its heard rate on `sample` is `rate_wpm`; return the factor.

    Engines' own rate controls are nominal (espeak-ng asked for 160 speaks about 175 to 190) and
    neural voices have only a speed factor whose effect comes in steps (hibari rounds phoneme
    lengths), so the pace is measured and the factor searched: proportional steps until the target
    is bracketed, then interpolation inside the bracket, keeping the best factor seen.
    """
    factor, low, high, best = 1.0, None, None, (float("inf"), 1.0)
    for _ in range(CALIBRATION_TRIES):
        engine.set_speed(factor)
        clips = [trim_silence(engine.synthesize(s.speech)) for s in sample]
        heard = heard_wpm(clips, sum(s.words for s in sample))
        if heard <= 0:
            raise EngineError(f"the {engine.name} engine produced no speech while measuring its pace")
        error = heard / rate_wpm - 1
        best = min(best, (abs(error), factor))
        if abs(error) <= CALIBRATION_AIM:
            break
        if error < 0:
            low = (factor, heard)
        else:
            high = (factor, heard)
        if low and high:
            (f1, h1), (f2, h2) = low, high
            factor = f1 + (rate_wpm - h1) * (f2 - f1) / (h2 - h1) if h2 != h1 else (f1 + f2) / 2
            factor = min(max(factor, f1 + 0.1 * (f2 - f1)), f1 + 0.9 * (f2 - f1))
        else:
            factor = min(SPEED_LIMITS[1], max(SPEED_LIMITS[0], factor * rate_wpm / heard))
    engine.set_speed(best[1])
    return best[1]


def synthesize_script(
    script: Script, engine: Engine, rate_wpm: int, progress: Progress | None = None,
    known: dict[str, Clip] | None = None,
) -> list[Clip]:
    """Speak every sentence in order; retry an implausible clip once, then fail naming it.

    `known` holds clips already spoken at the engine's current speed, by text; they are reused.
    """
    sentences = [sentence for _, sentence in script.sentences()]
    clips = []
    for index, sentence in enumerate(sentences):
        if known and sentence.speech in known:
            clips.append(known[sentence.speech])
            continue
        clip = trim_silence(engine.synthesize(sentence.speech))
        if not plausible(clip, sentence.speech, rate_wpm):
            clip = trim_silence(engine.synthesize(sentence.speech))
        if not plausible(clip, sentence.speech, rate_wpm):
            expected = expected_seconds(sentence.speech, rate_wpm)
            raise EngineError(
                f"the {engine.name} engine gave {clip.duration:.2f} s of speech (expected about "
                f"{expected:.1f} s) twice for sentence {index + 1}: {_quote(sentence.text)}"
            )
        clips.append(clip)
        if progress:
            progress("synthesize", index + 1, len(sentences))
    return clips


def _quote(text: str, limit: int = 70) -> str:
    return f'"{text}"' if len(text) <= limit else f'"{text[:limit].rstrip()}..."'


#: A whole bulletin heard further than this from the profile's rate is spoken again, corrected.
RATE_TOLERANCE = 0.03


def synthesize_at_rate(
    script: Script, engine: Engine, rate_wpm: int, progress: Progress | None = None
) -> list[Clip]:
    """Speak the script so its heard rate is `rate_wpm`.

    The pace is calibrated on a short sample first; the heard rate of the whole bulletin still
    depends on its words, so it is measured, and if it is more than `RATE_TOLERANCE` off the
    script is spoken once more at a proportionally corrected speed. Both steps depend only on the
    text, so the same text always gets the same pace.
    """
    factor = calibrate(engine, rate_wpm, calibration_sample(script))
    clips = synthesize_script(script, engine, rate_wpm, progress)
    heard = heard_wpm(clips, script.word_count)
    if heard and abs(heard / rate_wpm - 1) > RATE_TOLERANCE:
        engine.set_speed(min(SPEED_LIMITS[1], max(SPEED_LIMITS[0], factor * rate_wpm / heard)))
        clips = synthesize_script(script, engine, rate_wpm, progress)
    return clips
