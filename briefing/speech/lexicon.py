"""The pronunciation lexicon: whole-word, case-aware replacements applied to the spoken text.

Names in the news (Kherson, Dnieper, Kyiv) are often mispronounced by every engine in a different
way; a respelling fixes them for all voices at once, and engines that accept raw phonemes (Piper's
`[[ ... ]]`) can be given exact ones. Entries come from `lexicon.toml` files in the voice folders
(the shipped one first, the user's overriding it) and from the profile's own `[lexicon]` table.

An `[acronyms]` table says how acronyms in capitals are read, `NATO = "word"` or `WHO = "letters"`,
over each language's own list; it is handed to the script stage's normalization, which spells
acronyms before the respellings apply. A respelled key in capitals (`AP = "A P"`) is kept whole
as a word there, so that its respelling still finds it.
"""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.errors import VoiceError
from briefing.script.acronyms import READINGS
from briefing.speech.voices import VoiceProfile, check_lexicon, is_a


@dataclass(frozen=True)
class Lexicon:
    exact: dict[str, str]
    """Keys with a capital letter: matched as spelled."""
    folded: dict[str, str]
    """All-lowercase keys: matched in any case."""
    acronyms: dict[str, str] = field(default_factory=dict)
    """Acronym in capitals -> "word" or "letters", for the script's normalization."""

    @classmethod
    def from_entries(cls, entries: dict[str, str], acronyms: dict[str, str] | None = None) -> "Lexicon":
        readings = {k: "word" for k in entries if k.isalpha() and k.isupper()}
        readings.update(acronyms or {})
        return cls(
            exact={k: v for k, v in entries.items() if k != k.lower()},
            folded={k: v for k, v in entries.items() if k == k.lower()},
            acronyms=readings,
        )

    def apply(self, text: str) -> str:
        if not (self.exact or self.folded):
            return text
        keys = sorted({*self.exact, *self.folded}, key=len, reverse=True)
        pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, keys)) + r")(?![\w-])", re.I)

        def replace(match: re.Match[str]) -> str:
            word = match.group(0)
            if word in self.exact:
                return self.exact[word]
            return self.folded.get(word.lower(), word)

        return pattern.sub(replace, text)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))  # a BOM, as Notepad writes
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise VoiceError(f"{path}: not a valid lexicon ({exc})") from None
    unknown = set(data) - {"words", "engine", "acronyms"}
    if unknown:
        raise VoiceError(f"{path}: unknown table {sorted(unknown)[0]!r} (known: words, engine, acronyms)")
    for table in ("engine", "acronyms"):
        if not isinstance(data.get(table, {}), dict):
            raise VoiceError(f"{path}: {table} must be an [{table}] table, not {table} = "
                             f"{data[table]!r}; see voices/lexicon.toml")
    # Every table is checked, not only the engine's in use, so a mistake shows whichever voice runs.
    check_lexicon(path, "[words]", data.get("words", {}))
    for engine, entries in data.get("engine", {}).items():
        check_lexicon(path, f"[engine.{engine}]", entries)
    return data


def _entries(data: dict[str, Any], engine: str) -> dict[str, str]:
    entries = dict(data.get("words", {}))
    entries.update(data.get("engine", {}).get(engine, {}))
    return entries


def _acronyms(data: dict[str, Any], path: Path) -> dict[str, str]:
    readings: dict[str, str] = {}
    for acronym, reading in data.get("acronyms", {}).items():
        if not (acronym.isalpha() and isinstance(reading, str) and reading in READINGS):
            raise VoiceError(f"{path}: [acronyms] {acronym} = {reading!r}: write an acronym in letters "
                             f"= \"word\" (read as a word) or \"letters\" (spelled)")
        readings[acronym.upper()] = reading
    return readings


def read_lexicon_file(path: Path, engine: str) -> dict[str, str]:
    """The entries of one `lexicon.toml` for `engine`: `[words]`, then `[engine.<engine>]` over them."""
    return _entries(_read_toml(path), engine)


def load_lexicon(profile: VoiceProfile, folders: list[Path]) -> Lexicon:
    """Merge the lexicon files in `folders` (earlier folders win) and the profile's own entries."""
    entries: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    for folder in reversed(folders):
        path = folder / "lexicon.toml"
        if is_a(path, "file"):
            data = _read_toml(path)
            entries.update(_entries(data, profile.engine))
            acronyms.update(_acronyms(data, path))
    entries.update(profile.lexicon)
    return Lexicon.from_entries(entries, acronyms)
