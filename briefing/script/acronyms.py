"""Acronyms: spelled letter by letter ("WFP" -> "W F P", "U.N." -> "U N") unless read as words.

Engines read a run of capitals as a word, so "WFP" comes out as one odd syllable. The rule is to
spell every word of two to five capitals, and leave as words the ones a language reads that way
(NATO, UNESCO, OTAN), longer ones, and Roman numerals. The user's lexicon may move any acronym
either way. Capitals that are a shouted headline, not abbreviations, are left alone: a sentence
mostly in capitals, or capitals beside a long word in capitals ("BREAKING NEWS").
"""

import re
from collections.abc import Mapping

#: How an acronym may be read, as the user's lexicon names it.
READINGS = ("word", "letters")
#: Longer runs of capitals are read as words unless the lexicon says "letters".
LONGEST_SPELLED = 5

_DOTTED = re.compile(r"\b[A-Z](?:\.[A-Z])+\.?(?!\w)")
_CAPITALS = re.compile(r"\b(?P<caps>[A-ZÀ-ÖØ-Þ]{2,})(?P<plural>s?)\b")
#: Capitals side by side ("BREAKING NEWS", "US FDA").
_RUN = re.compile(r"\b[A-ZÀ-ÖØ-Þ]{2,}s?\b(?:[\s,:;&/-]+[A-ZÀ-ÖØ-Þ]{2,}s?\b)*")
_ROMAN = re.compile(r"[IVX]+")
_WORD = re.compile(r"[^\W\d_]+")


def _shouted(text: str, words: frozenset[str], overrides: Mapping[str, str]) -> bool:
    """Two words or more and none in lower case, or more than half the words in capitals with
    two of them long and not known acronyms."""
    tokens = _WORD.findall(text)
    capitals = [t for t in tokens if len(t) > 1 and t.isupper()]
    if len(capitals) >= 2 and not any(t.lower() != t.upper() and not t.isupper() for t in tokens):
        return True
    unknown = [t for t in capitals if len(t) >= 4 and t not in words and t not in overrides]
    return len(unknown) >= 2 and 2 * len(capitals) > len(tokens)


def read_acronyms(text: str, words: frozenset[str], overrides: Mapping[str, str]) -> str:
    """`text` with its acronyms spelled, except `words` and those `overrides` call "word"."""
    if _shouted(text, words, overrides):
        return text

    def spell(m: re.Match[str]) -> str:
        caps = m["caps"]
        reading = overrides.get(caps)
        if reading is None:
            known = caps in words or len(caps) > LONGEST_SPELLED or _ROMAN.fullmatch(caps)
            reading = "word" if known else "letters"
        if reading == "word":
            return m.group(0)
        return " ".join(caps) + ("'s" if m["plural"] else "")

    def run(m: re.Match[str]) -> str:
        """A long word in capitals that no one spells marks the run as a shouted headline."""
        shouted = any(len(caps) > LONGEST_SPELLED and caps not in words and caps not in overrides
                      for caps in _WORD.findall(m.group(0)))
        return m.group(0) if shouted else _CAPITALS.sub(spell, m.group(0))

    text = _DOTTED.sub(lambda m: " ".join(m.group(0).replace(".", "")), text)
    return _RUN.sub(run, text)
