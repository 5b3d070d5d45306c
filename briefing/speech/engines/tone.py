"""A tone per word: a fast, deterministic engine whose output length is known exactly.

Not a voice for listeners. It lets the stages after speech (assembly, parts, chapters, transcripts)
be tested exactly and in milliseconds, the way piper1-gpl tests with a generated voice, beside the
tests that run the real engines. Each word (a run of letters or digits, counted as the pace is) is
a sine of `WORD_SECONDS / speed` at a pitch taken from the word, and words are separated by
`GAP_SECONDS / speed` of silence. A clip starts and ends on a tone, so trimming an engine's silence
leaves it exactly as made: `expected_frames` says how long every clip is, to the sample.
"""

import hashlib

import numpy as np

from briefing.script.compose import count_words
from briefing.speech.engines.base import Clip, Engine

SAMPLE_RATE = 16000
#: A word and the silence after it, at speed 1.0: 160 words a minute over a long sentence.
WORD_SECONDS, GAP_SECONDS = 0.3, 0.075
#: Peak level of a word's tone (full scale is 1.0).
LEVEL = 0.5


def word_frames(speed: float) -> int:
    return round(WORD_SECONDS * SAMPLE_RATE / speed)


def gap_frames(speed: float) -> int:
    return round(GAP_SECONDS * SAMPLE_RATE / speed)


def expected_frames(text: str, speed: float = 1.0) -> int:
    """The exact length in samples of what the engine says for `text` at `speed`."""
    words = count_words(text)
    return words * word_frames(speed) + max(0, words - 1) * gap_frames(speed)


def _pitch(word_number: int, text: str) -> float:
    """A pitch between 300 and 700 Hz, the same for the same text and word position."""
    seed = hashlib.sha256(f"{word_number} {text}".encode()).digest()
    return 300.0 + int.from_bytes(seed[:2], "big") % 400


class ToneEngine(Engine):
    name = "tone"

    def __init__(self, volume: float = 1.0) -> None:
        self.speed = 1.0
        self.volume = volume
        """The profile's `volume`, scaling `LEVEL`: two tone voices that differ in loudness."""

    def set_speed(self, factor: float) -> None:
        self.speed = factor

    def synthesize(self, text: str) -> Clip:
        words = count_words(text)
        length, gap = word_frames(self.speed), gap_frames(self.speed)
        time = np.arange(length) / SAMPLE_RATE
        pieces = []
        for number in range(words):
            if number:
                pieces.append(np.zeros(gap))
            pieces.append(self.volume * LEVEL * np.sin(2 * np.pi * _pitch(number, text) * time))
        samples = np.concatenate(pieces) if pieces else np.zeros(0)
        return Clip((samples * 32767).astype("<i2").tobytes(), SAMPLE_RATE)
