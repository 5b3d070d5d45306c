"""Synthesis: each sentence of the script spoken by the engine, trimmed and checked.

Engines pad their output with silence of varying length; trimming it makes the script's pauses the
only pauses, so they are exact. Each clip is checked against its word count, because an engine that
fails quietly (an empty or truncated file) must never become a silent gap in the bulletin.
"""

import re
from collections.abc import Callable

import numpy as np

from .engines.base import Clip, Engine
from .errors import EngineError
from .script import Script

#: Samples below this level (about -54 dBFS) count as engine silence.
SILENCE_LEVEL = 64
#: Kept before the first and after the last audible sample, so soft onsets and decays survive.
ONSET_MARGIN, DECAY_MARGIN = 0.005, 0.03
#: A clip must last between these multiples of its expected length (words at the profile's rate).
MIN_RATIO, MAX_RATIO = 0.25, 3.0
#: Plus this much slack above, for short sentences and numbers read digit by digit.
MAX_SLACK = 2.0

Progress = Callable[[str, int, int], None]
_WORD = re.compile(r"\w+")


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
    return len(_WORD.findall(text)) * 60.0 / rate_wpm


def plausible(clip: Clip, text: str, rate_wpm: int) -> bool:
    expected = expected_seconds(text, rate_wpm)
    return MIN_RATIO * expected <= clip.duration <= MAX_RATIO * expected + MAX_SLACK and clip.frames > 0


def synthesize_script(
    script: Script, engine: Engine, rate_wpm: int, progress: Progress | None = None
) -> list[Clip]:
    """Speak every sentence in order; retry an implausible clip once, then fail naming it."""
    sentences = [sentence for _, sentence in script.sentences()]
    clips = []
    for index, sentence in enumerate(sentences):
        clip = trim_silence(engine.synthesize(sentence.text))
        if not plausible(clip, sentence.text, rate_wpm):
            clip = trim_silence(engine.synthesize(sentence.text))
        if not plausible(clip, sentence.text, rate_wpm):
            expected = expected_seconds(sentence.text, rate_wpm)
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
