"""Speech engines behind one small interface: text in, a `Clip` of 16-bit mono PCM out.

Engines are imported only when a profile asks for them, so a missing optional engine never breaks
the others, and nothing heavy happens at import time.
"""

import os
from typing import TYPE_CHECKING

from briefing.errors import VoiceError
from briefing.speech.engines.base import Clip, Engine

if TYPE_CHECKING:  # voices imports the engines (lazily): only the type checker imports it here
    from briefing.speech.voices import VoiceProfile

__all__ = ["ENGINES", "Clip", "Engine", "engine_identity", "open_engine", "prepare_model", "why_unusable"]

# onnxruntime, under the neural engines, records a telemetry session in `$TMPDIR/.ses` when it is
# loaded: a file left behind by every run that uses (or lists) a neural voice. Asked not to, before
# it loads; the speech workers inherit the setting. A caller who sets it otherwise is obeyed.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

#: Engine names a voice profile may use.
ENGINES = ("hibari", "kokoro", "piper", "pyttsx3", "tone")


def open_engine(profile: "VoiceProfile", threads: int | None = None) -> Engine:
    """Start the engine a voice profile names; the caller closes it (it is a context manager).
    `threads` caps the CPU threads of an engine that would otherwise take every core (Piper, Kokoro)."""
    if profile.engine == "pyttsx3":
        from briefing.speech.engines.system import SystemEngine

        return SystemEngine(profile)
    if profile.engine == "hibari":
        from briefing.speech.engines.neural import HibariEngine

        return HibariEngine(profile)
    if profile.engine == "piper":
        from briefing.speech.engines.neural import PiperEngine

        return PiperEngine(profile, threads)
    if profile.engine == "kokoro":
        from briefing.speech.engines.kokoro import KokoroEngine

        return KokoroEngine(profile, threads)
    if profile.engine == "tone":
        from briefing.speech.engines.tone import ToneEngine

        return ToneEngine(1.0 if profile.volume is None else profile.volume)
    raise VoiceError(
        f"voice {profile.name!r}: unknown engine {profile.engine!r} (known: {', '.join(ENGINES)})"
    )


def why_unusable(profile: "VoiceProfile") -> str | None:
    """None if the profile's engine starts and speaks a word; otherwise the reason, in one line."""
    from briefing.errors import BriefingError

    try:
        with open_engine(profile) as engine:
            if engine.synthesize("Test.").frames == 0:
                return "the engine produced no audio"
    except BriefingError as exc:
        return str(exc)
    return None


def prepare_model(profile: "VoiceProfile") -> None:
    """Put in place, in this process, a model the engine makes once on this machine (Kokoro's is
    joined from its parts), so that worker processes opening the engine find it ready."""
    if profile.engine == "kokoro":
        from briefing.speech.engines.kokoro_model import model_path

        model_path()


#: The package whose version is part of each engine's identity.
_PACKAGES = {"hibari": "hibari-tts", "kokoro": "kokoro-onnx", "piper": "piper-tts", "pyttsx3": "pyttsx3",
             "tone": "briefing"}


#: How clips are cut from an engine's output (see `synthesis.tidy`): a change makes new cache keys.
CLIP_FORMAT = 2


def kokoro_identity(profile: "VoiceProfile") -> str:
    """The Kokoro model and voice file by name and SHA-256, and the espeak-ng that makes the
    phonemes the model reads, found without joining or loading the model."""
    import hashlib
    from importlib.metadata import PackageNotFoundError, version

    from briefing.speech.engines.kokoro import system_espeak, voice_file
    from briefing.speech.engines.kokoro_model import MODEL_NAME, MODEL_SHA256

    voice = voice_file(profile)
    espeak = system_espeak()
    if espeak:
        phonemizer = f"espeak-ng {espeak[2]}"
    else:
        try:
            phonemizer = f"espeakng-loader {version('espeakng-loader')}"
        except PackageNotFoundError:
            phonemizer = "espeak-ng"
    voice_digest = hashlib.sha256(voice.read_bytes()).hexdigest()
    return f"{MODEL_NAME} sha256:{MODEL_SHA256[:16]}, {voice.name} sha256:{voice_digest[:16]}, {phonemizer}"


def engine_identity(profile: "VoiceProfile") -> dict:
    """Everything about a profile that changes how a sentence sounds, apart from speed and text,
    found without loading any model: the key of the cache and of a voice's calibrated speed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        package = f"{_PACKAGES.get(profile.engine, profile.engine)} " \
                  f"{version(_PACKAGES.get(profile.engine, profile.engine))}"
    except PackageNotFoundError:
        package = profile.engine
    model = ""
    if profile.engine == "piper":
        from briefing.speech.engines.neural import piper_model_path

        path = piper_model_path(profile)
        model = f"{path.name} {path.stat().st_size}"
    if profile.engine == "kokoro":
        model = kokoro_identity(profile)
    identity = {"clips": CLIP_FORMAT, "engine": profile.engine, "package": package,
                "voice": profile.voice, "model": model, "rate": profile.rate, "pitch": profile.pitch,
                "volume": profile.volume}
    if profile.engine == "kokoro":
        # Kokoro clips are made only by a model whose loaded bytes were hashed. Before, a model
        # damaged in place passed on its size and time, so clips kept from then get new keys.
        identity["model_checked"] = "bytes hashed on load"
    return identity
