"""Speech engines behind one small interface: text in, a `Clip` of 16-bit mono PCM out.

Engines are imported only when a profile asks for them, so a missing optional engine never breaks
the others, and nothing heavy happens at import time.
"""

from ..errors import VoiceError
from .base import Clip, Engine

__all__ = ["ENGINES", "Clip", "Engine", "open_engine", "why_unusable"]

#: Engine names a voice profile may use.
ENGINES = ("hibari", "piper", "pyttsx3")


def open_engine(profile) -> Engine:
    """Start the engine a voice profile names; the caller closes it (it is a context manager)."""
    if profile.engine == "pyttsx3":
        from .system import SystemEngine

        return SystemEngine(profile)
    if profile.engine == "hibari":
        from .neural import HibariEngine

        return HibariEngine(profile)
    if profile.engine == "piper":
        from .neural import PiperEngine

        return PiperEngine(profile)
    raise VoiceError(
        f"voice {profile.name!r}: unknown engine {profile.engine!r} (known: {', '.join(ENGINES)})"
    )


def why_unusable(profile) -> str | None:
    """None if the profile's engine starts and speaks a word; otherwise the reason, in one line."""
    from ..errors import BriefingError

    try:
        with open_engine(profile) as engine:
            if engine.synthesize("Test.").frames == 0:
                return "the engine produced no audio"
    except BriefingError as exc:
        return str(exc)
    return None
