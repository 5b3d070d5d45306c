"""The recognizer: faster-whisper running Whisper base, offline, on 16 kHz mono samples.

It is an optional extra (`briefing[verify]`): without it, asking to verify is one line saying how
to install it (`model.NOT_INSTALLED`), said before any sentence is spoken.

Every call hears its audio without the previous text as context (`condition_on_previous_text`
off, no prompt, no hotwords): with context Whisper carries a phrase over from one window into the
next and invents whole phrases the voice never said, which would pass a sentence that was not
heard or fail one that was.
"""

import importlib.util
import logging
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version

import numpy as np

from briefing.errors import EngineError
from briefing.hearing.model import MODEL_NAME, NOT_INSTALLED, PARTS, part_file, verified_folder

log = logging.getLogger(__name__)

#: The recognizer's input.
RATE = 16000
#: The beam of the pass over the whole bulletin, and of a sentence heard again alone. The pass is
#: greedy: a beam of 5 cost a fifth more CPU time (16 CPU-seconds against 13 for the seed's 158
#: seconds) for no sentence more heard right, and what it gets wrong is heard again anyway.
FIRST_BEAM, SECOND_BEAM = 1, 10


@dataclass(frozen=True)
class Word:
    """A word as heard: where it starts and ends in the audio given, in seconds."""

    start: float
    end: float
    text: str


def require() -> None:
    """Fail now, in one line, if the recognizer or its model is not installed: before a build
    spends minutes speaking a bulletin it then cannot verify."""
    if importlib.util.find_spec("faster_whisper") is None:
        raise EngineError(NOT_INSTALLED)
    for package, name, _ in PARTS:
        part_file(package, name)


class Recognizer:
    """Whisper base, loaded once; `hear` may be called many times."""

    def __init__(self, threads: int) -> None:
        require()
        try:
            from faster_whisper import WhisperModel
        except ImportError:
            raise EngineError(NOT_INSTALLED) from None
        folder = verified_folder()
        self.model = WhisperModel(str(folder), device="cpu", compute_type="int8",
                                                cpu_threads=max(1, threads), local_files_only=True)
        self.name = f"{MODEL_NAME} (faster-whisper {version('faster-whisper')})"

    def hear(self, audio: np.ndarray, language: str, beam: int = FIRST_BEAM,
             progress: Callable[[float], None] | None = None) -> list[Word]:
        """The words in `audio` (float32 samples at `RATE`), timed; `progress` is told the
        seconds heard so far as each window is done."""
        if audio.size == 0:
            return []
        segments, _ = self.model.transcribe(
            audio.astype(np.float32, copy=False), language=whisper_language(language),
            beam_size=beam, word_timestamps=True, condition_on_previous_text=False,
            vad_filter=False)
        words = []
        for segment in segments:
            words += [Word(w.start, w.end, w.word) for w in segment.words or ()]
            if progress:
                progress(segment.end)
        return words


def whisper_language(language: str) -> str:
    """Whisper's code for a script language: the primary subtag (pt-BR is `pt`)."""
    return language.split("-")[0].lower()
