"""The pronunciation lexicon: whole-word, case-aware replacements applied to the spoken text.

Names in the news (Kherson, Dnieper, Kyiv) are often mispronounced by every engine in a different
way; a respelling fixes them for all voices at once, and engines that accept raw phonemes (Piper's
and Kokoro's `[[ ... ]]`, hibari's `[Name](/misaki/)`) can be given exact ones. Entries come from
the voice folders (the shipped one first, the user's overriding it) and from the profile's own
`[lexicon]` table. In each folder `names.toml` is read first, then `lexicon.toml` over it.

A `[names.LANGUAGE."Name"]` table gives one name its sounds for each kind of engine at once
(`ipa` for Piper and Kokoro, `misaki` for hibari, `words` for the others), for the voices of that
language only, since sounds belong to a language. The shipped `names.toml` holds the names the
news says most, each checked by a recognizer; the user's entries, in any table, win over them. A
name spelled with accents is also found without them (Turkiye for Türkiye), and its possessive
("Kyiv's") is said with the ending English gives it, inside the phonemes.

An `[acronyms]` table says how acronyms in capitals are read, `NATO = "word"` or `WHO = "letters"`,
over each language's own list; it is handed to the script stage's normalization, which spells
acronyms before the respellings apply. A respelled key in capitals (`AP = "A P"`) is kept whole
as a word there, so that its respelling still finds it.
"""

import json
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.errors import VoiceError
from briefing.language import primary
from briefing.script.acronyms import READINGS
from briefing.speech.engines import ENGINES
from briefing.speech.phonemes import IPA, MISAKI, possessive, to_misaki
from briefing.speech.voices import VoiceProfile, check_lexicon, is_a

#: The files of a voice folder, lowest priority first.
FILES = ("names.toml", "lexicon.toml")
#: Engines that read phonemes between double brackets; hibari reads misaki's links.
BRACKETS_ENGINES = ("piper", "kokoro")
_BRACKETS = re.compile(r"^\[\[\s*(.*?)\s*\]\]$", re.S)
_LINK = re.compile(r"^\[([^\]]+)\]\(/([^/)]*)/\)$")
_NAME_KEYS = {"ipa": str, "misaki": str, "words": str, "heard": list, "skip": list}


@dataclass(frozen=True)
class Name:
    """A name's entry in a `[names.LANGUAGE]` table."""

    name: str
    """As printed in the news."""
    ipa: str = ""
    """espeak-ng's English IPA, given to Piper and Kokoro as `[[ ipa ]]`; empty: read as written."""
    misaki: str = ""
    """misaki's phonemes, given to hibari as `[Name](/misaki/)`; empty: read as written."""
    words: str = ""
    """A respelling, for the other engines (espeak-ng through pyttsx3); empty: read as written."""
    heard: tuple[str, ...] = ()
    """Other spellings a listener (or a recognizer) may write for the name said right."""
    skip: tuple[str, ...] = ()
    """Engines that say the name better as written than with the entry (Piper and Kokoro share
    `ipa`, and one may be heard right without it while the other is not)."""

    def spoken(self, engine: str) -> str:
        """What `engine` is given for the name, or "" when it reads the name as written."""
        if engine in self.skip:
            return ""
        if engine == "hibari":
            return f"[{self.name}](/{self.misaki}/)" if self.misaki else ""
        if engine in BRACKETS_ENGINES:
            return f"[[ {self.ipa} ]]" if self.ipa else ""
        return self.words

    def heard_in(self, text: str) -> bool:
        """Whether `text`, a transcript, writes the name as printed or as one of its `heard`
        spellings (case, accents, hyphens and punctuation aside): said right, if heard so."""
        words = f" {plain_words(text)} "
        return any(f" {plain_words(spelling)} " in words for spelling in (self.name, *self.heard))


def plain_words(text: str) -> str:
    """Words to compare spellings by: lower case, without accents, hyphens or punctuation."""
    text = _unaccented(text.lower().replace("-", " ").replace("’", "'"))
    return " ".join(re.sub(r"[^\w' ]+|'(?!\w)|(?<!\w)'", " ", text).split())


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
        pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, keys)) +
                             r")(['’]s(?![\w-]))?(?![\w-])", re.I)

        def replace(match: re.Match[str]) -> str:
            word, ending = match.group(1), match.group(2) or ""
            said = self.exact.get(word) or self.folded.get(word.lower())
            if said is None:
                return match.group(0)
            return with_possessive(said, ending) if ending else said

        return pattern.sub(replace, text)


def with_possessive(said: str, ending: str) -> str:
    """An entry followed by a possessive `ending` ('s): inside the phonemes for an entry of
    phonemes (an engine reads "[[ kˈiːv ]]'s" as "Keev ess"), after a respelling as written."""
    found = _BRACKETS.match(said)
    if found:
        return f"[[ {found[1]}{possessive(found[1])} ]]"
    found = _LINK.match(said)
    if found:
        return f"[{found[1]}{ending}](/{found[2]}{possessive(found[2], misaki=True)}/)"
    return said + ending


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))  # a BOM, as Notepad writes
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise VoiceError(f"{path}: not a valid lexicon ({exc})") from None
    unknown = set(data) - {"words", "engine", "acronyms", "names"}
    if unknown:
        raise VoiceError(f"{path}: unknown table {sorted(unknown)[0]!r} (known: words, engine, "
                         "acronyms, names)")
    for table in ("engine", "acronyms", "names"):
        if not isinstance(data.get(table, {}), dict):
            raise VoiceError(f"{path}: {table} must be an [{table}] table, not {table} = "
                             f"{data[table]!r}; see voices/lexicon.toml")
    # Every table is checked, not only the engine's in use, so a mistake shows whichever voice runs.
    check_lexicon(path, "[words]", data.get("words", {}))
    for engine, entries in data.get("engine", {}).items():
        check_lexicon(path, f"[engine.{engine}]", entries)
    data["names"] = {language: _names(path, language, entries)
                     for language, entries in data.get("names", {}).items()}
    return data


def _names(path: Path, language: str, entries: object) -> dict[str, Name]:
    """The `[names.LANGUAGE]` table, each entry checked: phonemes only of the engines' alphabets."""
    if not (language.isalpha() and 2 <= len(language) <= 3 and language == language.lower()):
        raise VoiceError(f"{path}: [names.{language}]: name the language by its code in lower "
                         "case, as [names.en.\"Türkiye\"]")
    if not isinstance(entries, dict):
        raise VoiceError(f"{path}: [names.{language}] must hold one table per name, as "
                         f"[names.{language}.\"Name\"]")
    names = {}
    for name, entry in entries.items():
        at = f"[names.{language}.{json.dumps(name, ensure_ascii=False)}]"
        if not isinstance(entry, dict) or not name.strip():
            raise VoiceError(f"{path}: {at} must be a table of ipa, misaki, words, heard and skip")
        for key, value in entry.items():
            if key not in _NAME_KEYS:
                raise VoiceError(f"{path}: {at} unknown key {key!r} (known: {', '.join(_NAME_KEYS)})")
            if not isinstance(value, _NAME_KEYS[key]) or (
                    isinstance(value, list) and not all(isinstance(v, str) and v.strip() for v in value)):
                raise VoiceError(f"{path}: {at} {key} must be " + (
                    "a list of spellings in quotes" if key == "heard" else
                    "a list of engines in quotes" if key == "skip" else "text in quotes"))
        unknown = sorted(set(entry.get("skip", ())) - set(ENGINES))
        if unknown:
            raise VoiceError(f"{path}: {at} skip names {unknown[0]!r}, not an engine (known: "
                             f"{', '.join(ENGINES)})")
        for key, alphabet, engines in (("ipa", IPA, "Piper and Kokoro know"),
                                       ("misaki", MISAKI, "hibari knows")):
            odd = sorted(set(entry.get(key, "")) - alphabet)
            if odd:
                raise VoiceError(f"{path}: {at} {key} = {entry[key]!r}: {odd[0]!r} is not a sound "
                                 f"{engines}; draft the entry with `briefing lexicon draft`")
        check_lexicon(path, at, {"words": entry["words"]} if "words" in entry else {})
        names[name] = Name(name, entry.get("ipa", "").strip(), entry.get("misaki", "").strip(),
                           entry.get("words", "").strip(), tuple(entry.get("heard", ())),
                           tuple(entry.get("skip", ())))
    return names


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _name_entries(names: dict[str, Name], engine: str) -> dict[str, str]:
    """The names as entries for `engine`, each also under its spelling without accents."""
    entries = {}
    for name in names.values():
        said = name.spoken(engine)
        if said:
            entries[name.name] = said
            entries.setdefault(_unaccented(name.name), said)
    return entries


def _for_engine(entries: dict[str, str], engine: str) -> dict[str, str]:
    """hibari reads phonemes only as misaki's links: an entry written `[[ ipa ]]` for it is
    turned into one, so a user writes phonemes one way for every engine."""
    if engine != "hibari":
        return dict(entries)
    converted = {}
    for key, said in entries.items():
        found = _BRACKETS.match(said)
        converted[key] = f"[{key}](/{to_misaki(found[1])}/)" if found else said
    return converted


def _entries(data: dict[str, Any], engine: str, language: str = "") -> dict[str, str]:
    """A file's entries for `engine`: its names (of `language`), then `[words]`, then
    `[engine.<engine>]`, each over the one before."""
    entries = _name_entries(data.get("names", {}).get(primary(language), {}), engine) if language else {}
    _merge(entries, dict(data.get("words", {})))
    _merge(entries, _for_engine(data.get("engine", {}).get(engine, {}), engine))
    return entries


def _merge(entries: dict[str, str], over: dict[str, str]) -> None:
    """Put `over` over `entries`: an all-lowercase key there, which matches any case, also takes
    the place of the keys here it would match (the user's `kyiv` over a shipped `Kyiv`)."""
    folded = {key for key in over if key == key.lower()}
    for key in [k for k in entries if k.lower() in folded and k not in over]:
        del entries[key]
    entries.update(over)


def _acronyms(data: dict[str, Any], path: Path) -> dict[str, str]:
    readings: dict[str, str] = {}
    for acronym, reading in data.get("acronyms", {}).items():
        if not (acronym.isalpha() and isinstance(reading, str) and reading in READINGS):
            raise VoiceError(f"{path}: [acronyms] {acronym} = {reading!r}: write an acronym in letters "
                             f"= \"word\" (read as a word) or \"letters\" (spelled)")
        readings[acronym.upper()] = reading
    return readings


def read_lexicon_file(path: Path, engine: str, language: str = "") -> dict[str, str]:
    """The entries of one lexicon file for `engine`: its `[names]` of `language`, `[words]`,
    then `[engine.<engine>]` over them."""
    return _entries(_read_toml(path), engine, language)


def read_names(folders: list[Path], language: str) -> dict[str, Name]:
    """The names of `language` in the files of `folders` (earlier folders win), by name."""
    names: dict[str, Name] = {}
    for folder in reversed(folders):
        for file in FILES:
            if is_a(folder / file, "file"):
                names.update(_read_toml(folder / file)["names"].get(primary(language), {}))
    return names


def load_lexicon(profile: VoiceProfile, folders: list[Path]) -> Lexicon:
    """Merge the lexicon files in `folders` (earlier folders win; in each, `lexicon.toml` over
    `names.toml`) and the profile's own entries."""
    entries: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    for folder in reversed(folders):
        for file in FILES:
            path = folder / file
            if is_a(path, "file"):
                data = _read_toml(path)
                _merge(entries, _entries(data, profile.engine, profile.language))
                acronyms.update(_acronyms(data, path))
    _merge(entries, _for_engine(profile.lexicon, profile.engine))
    return Lexicon.from_entries(entries, acronyms)
