"""The engine interface and the audio value every engine returns."""

from abc import ABC, abstractmethod
from dataclasses import dataclass

#: Bytes per sample: every clip is signed 16-bit little-endian mono.
SAMPLE_WIDTH = 2


@dataclass(frozen=True)
class Clip:
    """Synthesized speech: signed 16-bit little-endian mono PCM at `sample_rate`."""

    samples: bytes
    sample_rate: int

    @property
    def frames(self) -> int:
        return len(self.samples) // SAMPLE_WIDTH

    @property
    def duration(self) -> float:
        return self.frames / self.sample_rate

    def read(self) -> bytes:
        """The samples (as a stored clip's `read` does)."""
        return self.samples


class Engine(ABC):
    """Speaks one utterance at a time; loads its voice once, in the constructor."""

    #: Name used in voice profiles and the manifest.
    name: str = ""

    @abstractmethod
    def synthesize(self, text: str) -> Clip:
        """Speak `text` (about a sentence) and return the audio, engine silence included."""

    @abstractmethod
    def set_speed(self, factor: float) -> None:
        """Speak `factor` times faster than the engine's natural pace for the profile (1.0)."""

    def close(self) -> None:  # noqa: B027 - most engines have nothing to release
        """Release the engine's resources."""

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
