"""Speech levels: the RMS of every 20 ms of a bulletin, decoded at 8 kHz and fed in as a stream.

The quality check judges each sentence's window by these levels. They are taken wherever the MP3 is
already being decoded (the encoder's own meter, during a build), or by decoding a file afterwards
(`briefing check`); either way memory holds one float per 20 ms, not the audio.
"""

from dataclasses import dataclass
from typing import IO

import numpy as np

#: Decoding rate: enough to hear speech, small for long bulletins. Levels are taken over FRAME
#: samples (20 ms).
CHECK_RATE, FRAME = 8000, 160
#: ffmpeg output options that decode an input's audio for `LevelMeter`.
DECODE_ARGS = ["-map", "0:a:0", "-ac", "1", "-ar", str(CHECK_RATE), "-f", "s16le"]


@dataclass(frozen=True)
class Levels:
    """What a decode heard."""

    frames: np.ndarray
    """Level of each 20 ms frame, dBFS."""
    seconds: float
    """Length of the decoded audio."""
    error: str | None = None
    """Why the audio did not decode cleanly, if it did not."""


class LevelMeter:
    """Frame levels of 8 kHz mono 16-bit audio, fed in pieces of any size."""

    def __init__(self) -> None:
        self._levels: list[np.ndarray] = []
        self._leftover = b""
        self._bytes = 0

    def feed(self, data: bytes) -> None:
        self._bytes += len(data)
        buffer = self._leftover + data
        frame_bytes = FRAME * 2
        usable = len(buffer) // frame_bytes * frame_bytes
        frames = np.frombuffer(buffer[:usable], dtype="<i2").astype(np.float32).reshape(-1, FRAME)
        self._levels.append(10 * np.log10(np.mean((frames / 32768.0) ** 2, axis=1) + 1e-12))
        self._leftover = buffer[usable:]

    def drain(self, stream: IO[bytes]) -> None:
        """Feed everything `stream` (a binary file object) gives until it ends."""
        while data := stream.read(FRAME * 2 * 500):
            self.feed(data)

    def result(self, error: str | None = None) -> Levels:
        frames = np.concatenate(self._levels) if self._levels else np.zeros(0, dtype=np.float32)
        if error is None and self._bytes == 0:
            error = "no audio in it"
        return Levels(frames, self._bytes / 2 / CHECK_RATE, error)
