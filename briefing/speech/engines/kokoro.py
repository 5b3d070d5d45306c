"""Kokoro-82M through kokoro-onnx: neural voices in English, Spanish, French, Italian and Brazilian
Portuguese from one model.

The model comes from the part packages (see `kokoro_model`); the voices are style vectors shipped
in `voices/kokoro/<voice>.bin`. Text becomes phonemes through the system's espeak-ng (driven by
kokoro-onnx's phonemizer), in the language of the profile, and a lexicon entry written `[[ ... ]]`
is taken as phonemes as they are (espeak-ng with no sound server to find: see `soundless`).
Kokoro's raw output can go past full scale (if_sara's does), so a clip that would is scaled down
whole before it becomes 16-bit: nothing is clipped.
"""

import ctypes.util
import hashlib
import os
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from briefing.atomic import Scratch
from briefing.errors import EngineError, ModelError, VoiceError
from briefing.speech.engines.base import Clip, Engine
from briefing.speech.engines.kokoro_model import model_file, verified_model
from briefing.speech.engines.neural import onnx_session
from briefing.speech.engines.soundless import NO_SERVER, no_sound_server

if TYPE_CHECKING:  # types only: onnxruntime loads with a model; voices imports the engines (lazily)
    from onnxruntime import InferenceSession

    from briefing.speech.voices import VoiceProfile

#: A profile's language (lower case) and the espeak-ng language Kokoro is given for it.
LANGUAGES = {
    "en": "en-us", "en-us": "en-us", "en-gb": "en-gb", "es": "es", "fr": "fr-fr", "fr-fr": "fr-fr",
    "it": "it", "pt": "pt-br", "pt-br": "pt-br", "pt-pt": "pt",
}
#: A voice file: one 256-value style for each input length of 1 to 510 phonemes, float32.
STYLE_SHAPE = (510, 1, 256)
#: A clip whose peak would pass full scale is scaled so its peak lands here.
PEAK_CEILING = 0.98
#: Phonemes written in a lexicon entry between double brackets, as Piper's are.
_PHONEMES = re.compile(r"\[\[(.*?)\]\]")


@lru_cache(maxsize=1)
def system_espeak() -> tuple[str, str, str] | None:
    """The system's espeak-ng as (library, data folder, version), or None if it has none.

    kokoro-onnx would phonemize with the espeak-ng inside espeakng-loader. But a process holds one
    library named `libespeak-ng.so.1`: once that copy is loaded, pyttsx3 (which asks for the
    library by that name) is given it, without its data, and fails. With the system's espeak-ng,
    which pyttsx3 uses anyway, both engines work in one process. (The program, even asked for its
    version, opens its audio output: it is given no sound server to find, see `soundless`.)"""
    library, program = ctypes.util.find_library("espeak-ng"), shutil.which("espeak-ng")
    if not (library and program):
        return None
    try:
        said = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=10,
                              check=True, env={**os.environ, "PULSE_SERVER": NO_SERVER}).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r"text-to-speech:\s*(\S+).*Data at:\s*(.+?)\s*$", said, re.S)
    return (library, found[2], found[1]) if found and Path(found[2]).is_dir() else None


def kokoro_language(profile: "VoiceProfile") -> str:
    """The espeak-ng language Kokoro phonemizes the profile's text in."""
    language = LANGUAGES.get(profile.language.replace("_", "-").lower())
    if language is None:
        known = ", ".join(sorted(LANGUAGES))
        raise VoiceError(f"voice {profile.name!r}: Kokoro does not speak {profile.language!r} "
                         f"(it speaks: {known})")
    return language


def voice_file(profile: "VoiceProfile") -> Path:
    """The style vectors a profile names: `voice = "ef_dora"` is `kokoro/ef_dora.bin` in the voice
    folders (yours first, then the shipped ones); a name ending in `.bin` is a path (relative to
    the profile)."""
    from briefing.speech.voice_dirs import is_a, search_dirs

    if not profile.voice:
        raise VoiceError(f"voice {profile.name!r}: a Kokoro profile needs voice = \"NAME\", e.g. "
                         "\"ef_dora\" (see voices/kokoro/NOTICE)")
    if profile.voice.endswith(".bin"):
        path = Path(profile.voice).expanduser()
        if not path.is_absolute() and profile.path is not None:
            path = Path(profile.path).parent / path
        if is_a(path, "file"):
            return path
        raise VoiceError(f"voice {profile.name!r}: no Kokoro voice file at {path}")
    folders = [folder / "kokoro" for folder in search_dirs()]
    for folder in folders:
        if is_a(folder / f"{profile.voice}.bin", "file"):
            return folder / f"{profile.voice}.bin"
    known = sorted({path.stem for folder in folders if is_a(folder, "dir") for path in folder.glob("*.bin")})
    raise VoiceError(f"voice {profile.name!r}: no Kokoro voice {profile.voice!r} "
                     f"(there are: {', '.join(known) or 'none'})")


#: A voice's style vectors spread as Kokoro's own voices' do (their standard deviation is about
#: 0.15-0.2, none beyond 2.5): all zeros made a bulletin of gibberish, and noise ran for minutes
#: before the engine failed.
STYLE_SPREAD, STYLE_PEAK = (0.05, 0.6), 6.0
#: The file beside shipped voices that pins each one's SHA-256 (as `sha256sum` writes it).
SUMS = "SHA256SUMS"


def load_style(path: Path, name: str) -> np.ndarray:
    """A voice file's style vectors; `VoiceError` if it is not one, or not the file its folder's
    `SHA256SUMS` pins."""
    expected = int(np.prod(STYLE_SHAPE))
    what = f"voice {name!r}: {path} is not a Kokoro voice ({expected * 4:,} bytes of float32 style vectors"
    try:
        if path.stat().st_size != expected * 4:  # before reading: it may be gigabytes
            raise VoiceError(f"{what})")
        data = path.read_bytes()
    except OSError as exc:
        raise VoiceError(f"voice {name!r}: cannot read {path} ({exc.strerror})") from None
    pinned = _pinned(path)
    if pinned is not None and hashlib.sha256(data).hexdigest() != pinned:
        raise VoiceError(f"voice {name!r}: {path} is damaged (its SHA-256 is not the one {SUMS} "
                         "pins); reinstall briefing, or restore the file")
    style = np.frombuffer(data, dtype="<f4")
    if not np.all(np.isfinite(style)):
        raise VoiceError(f"{what})")
    spread, peak = float(style.std()), float(np.abs(style).max())
    low, high = STYLE_SPREAD
    if not (low <= spread <= high and peak <= STYLE_PEAK):
        raise VoiceError(f"{what} spread as a voice's are: these are "
                         f"{'all alike' if spread < low else 'noise'})")
    return style.reshape(STYLE_SHAPE).astype(np.float32)


def _pinned(path: Path) -> str | None:
    """The SHA-256 its folder's `SHA256SUMS` gives the file, if it names it."""
    try:
        sums = (path.parent / SUMS).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    for line in sums.splitlines():
        digest, _, file = line.strip().partition("  ")
        if file.lstrip("*") == path.name:
            return digest.lower()
    return None


def to_pcm16(audio: np.ndarray) -> bytes:
    """Float audio as 16-bit samples, scaled down whole (never clipped) if it passes full scale."""
    audio = np.asarray(audio, dtype=np.float32).ravel()
    peak = float(np.max(np.abs(audio))) if audio.size else 0.0
    gain = 32767.0 * (PEAK_CEILING / peak if peak > PEAK_CEILING else 1.0)
    return np.round(audio * gain).astype("<i2").tobytes()


@lru_cache(maxsize=1)
def _session(threads: int) -> "InferenceSession":
    """One onnxruntime session per thread count, shared by the engines of a process (`briefing
    voices` opens each Kokoro profile in turn; loading the model takes about a second). It is made
    from the very bytes that were hashed, so no other model can be loaded under the pinned one's
    name (and so make clips that are cached under its key)."""
    session = onnx_session(verified_model(), threads)
    # Made from bytes, the session knows no file; kokoro-onnx checks that its model's file exists.
    session._model_path = str(model_file())
    return session


class KokoroEngine(Engine):
    """Kokoro-82M: one model, a voice per profile, phonemes from espeak-ng in its language."""

    name = "kokoro"

    def __init__(self, profile: "VoiceProfile", threads: int | None = None) -> None:
        try:
            from kokoro_onnx import Kokoro
            from kokoro_onnx.config import SAMPLE_RATE, EspeakConfig
        except ImportError as exc:
            raise EngineError(f"the Kokoro engine is not installed ({exc}); "
                              "install it with: pip install kokoro-onnx") from None
        self._language = kokoro_language(profile)
        self._style = load_style(voice_file(profile), profile.name)
        try:
            session = _session(threads or os.cpu_count() or 1)
            # kokoro-onnx reads its voices from a NumPy file; this profile's one voice is handed
            # over in a file of its own, and then given to every call as an array.
            with Scratch("briefing-kokoro-") as folder:
                styles = Path(folder) / "voice.npy"
                np.save(styles, self._style)
                espeak = system_espeak()
                config = EspeakConfig(lib_path=espeak[0], data_path=espeak[1]) if espeak else None
                self._tts = Kokoro.from_session(session, str(styles), espeak_config=config)
        except ModelError:  # a missing or damaged part: it names its own fix
            raise
        except Exception as exc:
            raise EngineError(f"voice {profile.name!r}: Kokoro could not load {model_file()} "
                              f"({exc})") from None
        self._speed, self._rate = 1.0, SAMPLE_RATE

    def set_speed(self, factor: float) -> None:
        self._speed = factor

    def phonemes(self, text: str) -> str:
        """What the model is given: the text's phonemes, with `[[ ... ]]` passed through as written."""
        pieces = _PHONEMES.split(text)
        with no_sound_server():  # the phonemizer starts a copy of espeak-ng for every call
            spoken = [piece.strip() if index % 2 else
                      self._tts.tokenizer.phonemize(piece, self._language)
                      for index, piece in enumerate(pieces) if piece.strip()]
        return " ".join(piece for piece in spoken if piece)

    def synthesize(self, text: str) -> Clip:
        phonemes = self.phonemes(text)
        if not phonemes:  # nothing to say: an empty clip, which synthesis reports with the sentence
            return Clip(samples=b"", sample_rate=self._rate)
        try:
            audio, rate = self._tts.create(phonemes, self._style, speed=self._speed,
                                           lang=self._language, is_phonemes=True)
        except ValueError as exc:  # no phoneme the model knows, or a speed out of its range
            raise EngineError(f"Kokoro could not speak {text!r} ({exc})") from None
        return Clip(samples=to_pcm16(audio), sample_rate=rate)
