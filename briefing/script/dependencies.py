"""Which sentences of a story lean on others, so that brief mode cuts as an editor does.

An extractive cut keeps whole sentences, but a sentence is not always whole on its own. A
quotation is only news with the sentence that says who said it; "He added that…", "But the
council…" or the second half of a quotation carried over a sentence break mean nothing once the
sentence before them is gone. `dependencies` finds, for each sentence of a story, the others that
must be kept with it; brief mode then keeps them together or leaves them all out.

The rules are a newsroom's, written per language as word lists and patterns (no model to load;
the lists are in `dependency_words`):
a sentence needs the one before it when it opens with a pronoun or a connective, when its subject
is a pronoun or left unsaid ("…", dijo; a-t-il déclaré; sagte er), or when it carries on a
quotation left open; a quotation that no speech verb or speech noun outside its marks attributes
needs the sentence that does, after it (within the quotation, or a sentence of attribution alone)
or else the one before it, where the speaker was named.
"""

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

from briefing.language import primary
from briefing.script.dependency_words import WORDS

#: A quotation left open is carried over at most this many sentences: past that it was a stray
#: mark, not a quotation, and later sentences do not lean on it.
MAX_CARRIED = 6
#: A sentence that needs more sentences than this to be understood (a chain of "It…" sentences
#: through a long text) is no part of a brief: its needs are not followed further, which keeps
#: the work and the memory linear in the sentences, and brief mode never keeps it.
MAX_NEEDS = 12

#: Typographic quotation marks: each opening mark and the marks that close it. „ closes with “
#: (German) or ”, » with « (German) and « with » (French, Spanish and the others). The sources
#: hand the script straight marks (see `sources.textclean`), " and ', where the side a mark is
#: on tells opening from closing; these are for text from elsewhere.
_CLOSERS = {"“": "”", "„": "“”", "«": "»", "»": "«", "「": "」", "『": "』"}
_SINGLE = "'\u2018\u2019"  # ' and the typographic left and right single marks
_MARKS = frozenset(_SINGLE + '"”」』' + "".join(_CLOSERS))
_PUNCTUATION = ".,;:!?)"
_LEADING_MARK = re.compile(r"\s*[\"'“„«»\u2018「『]")
_LEADING = re.compile(r"^[\s\"'“”„«»\u2018\u2019「『(\[—\u2013-]+")


@dataclass(frozen=True)
class _Patterns:
    leaning: re.Pattern[str]
    speech: re.Pattern[str]
    unnamed: re.Pattern[str] | None
    reported: re.Pattern[str] | None


@lru_cache(maxsize=16)
def _patterns(language: str) -> _Patterns | None:
    """The compiled words of `language`, or None for a language without a list (whose sentences
    still lean on an open quotation)."""
    words = WORDS.get(primary(language))
    if words is None:
        return None
    spaced = primary(language) not in ("ja", "zh")  # words there are not set apart by spaces
    end = r"(?![^\W_])" if spaced else ""
    bound = r"\b" if spaced else ""
    return _Patterns(re.compile(rf"(?:{words.leaning}){end}", re.IGNORECASE),
                     re.compile(rf"{bound}(?:{words.speech}){end}", re.IGNORECASE),
                     re.compile(words.unnamed) if words.unnamed else None,
                     re.compile(words.reported) if words.reported else None)


@dataclass(frozen=True)
class Quoting:
    """What a sentence does with quotation marks."""

    carried: bool
    """It starts inside a quotation opened in a sentence before it."""
    quoted: bool
    """Some of it is quoted."""
    open: str
    """The mark of the quotation it leaves open, "" if none."""
    outside: str
    """Its words outside quotation marks: where the speaker is named."""
    introduced: bool = False
    """Its first quotation follows a colon after words of its own ("The mayor was blunt: “…”"),
    which name the speaker."""


def quoting(text: str, open_mark: str = "", language: str = "en") -> Quoting:
    """How `text` quotes, when it starts inside the quotation opened by `open_mark` ("" if
    none). A closing mark with no quotation open means the quotation began a sentence earlier;
    an opening mark at the very start of a sentence already inside one is the convention for a
    quotation carried on to a new paragraph."""
    carried = quoted = bool(open_mark)
    introduced = False
    outside: list[str] = []
    start = len(text) - len(text.lstrip())
    german = primary(language) == "de"
    for index, mark in enumerate(text):
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        kind = _kind(mark, before, after, index == start, open_mark, german)
        if kind == "close" and open_mark:
            open_mark = ""
        elif kind == "close":
            quoted = carried = True  # its quotation was opened before: it carries it on
            outside.clear()
        elif kind == "open":
            quoted = True
            open_mark = "'" if mark in _SINGLE else mark
            said = "".join(outside).rstrip()
            introduced = introduced or (said.endswith(":") and any(c.isalpha() for c in said))
        elif not open_mark:
            outside.append(mark)
    return Quoting(carried, quoted, open_mark, "".join(outside), introduced)


def _kind(mark: str, before: str, after: str, first: bool, open_mark: str, german: bool) -> str:
    """Whether `mark` opens a quotation ("open"), closes one ("close") or is none ("": a letter,
    an inch or an apostrophe), from the marks around it and the quotation open, if any.

    A straight double mark with none open closes one when it ends a word or stands before
    punctuation (French puts a space inside: `" Non ", a-t-il dit`), and opens one otherwise. A
    single mark opens only at the start of a word and closes only at its end, since it is also
    the apostrophe (don't, l'eau, the residents' homes). "»" opens only in German (»…«)."""
    if mark not in _MARKS:
        return ""
    if mark in _SINGLE:
        if open_mark == "'":
            return "close" if not after.isalpha() and not before.isspace() else ""
        starts = first or before.isspace() or before in "([\"-"
        return "open" if not open_mark and starts and after.isalpha() else ""
    if mark == '"':
        if open_mark:
            return "close" if open_mark == '"' and not first else ""
        if before.isdigit():  # 12"
            return ""
        ends = (after.isspace() and not before.isspace()) or after in _PUNCTUATION
        return "close" if not first and ends else "open"
    if open_mark:
        return "close" if mark in _CLOSERS.get(open_mark, "") else ""
    return "close" if mark in "”」』" or (mark == "»" and not german) else "open"


def dependencies(sentences: Sequence[str], language: str = "en",
                 paragraphs: Collection[int] = ()) -> tuple[frozenset[int], ...]:
    """For each sentence of a story (lead first), the other sentences it must be kept with, all
    of them: if 3 needs 2 and 2 needs 1, 3 needs 1 and 2; more than `MAX_NEEDS` means "too many
    to keep" (the set is then cut short). `paragraphs` are the sentences that begin a paragraph
    (see `direct_needs`)."""
    return _dependencies(tuple(sentences), language, frozenset(paragraphs))


@lru_cache(maxsize=256)
def _dependencies(sentences: tuple[str, ...], language: str,
                  paragraphs: frozenset[int]) -> tuple[frozenset[int], ...]:
    """`dependencies`, remembered: fitting tries several choices of stories, each the same."""
    direct = direct_needs(sentences, language, paragraphs)
    found = []
    for start in range(len(sentences)):
        seen: set[int] = set()
        todo = list(direct[start])
        while todo and len(seen) <= MAX_NEEDS:
            n = todo.pop()
            if n not in seen and n != start:
                seen.add(n)
                todo.extend(direct[n])
        found.append(frozenset(seen))
    return tuple(found)


def direct_needs(sentences: Sequence[str], language: str = "en",
                 paragraphs: Collection[int] = ()) -> list[set[int]]:
    """For each sentence, the sentences it leans on directly (see the module's docstring).

    A quotation left open at the end of a paragraph goes on in the next one only if that opens
    with a quotation mark, as the convention is; otherwise the mark was lost or stray, and the
    next paragraph does not lean on it. `paragraphs` are the sentences that begin one (none
    known: the story is one paragraph)."""
    patterns = _patterns(language)
    quotes: list[Quoting] = []
    heads: list[int] = []  # where the quotation a sentence is in began
    open_mark, carried = "", 0
    for n, text in enumerate(sentences):
        if n in paragraphs and open_mark and not _LEADING_MARK.match(text):
            open_mark = ""
        found = quoting(text, open_mark, language)
        quotes.append(found)
        heads.append(heads[n - 1] if n and found.carried else n)
        carried = carried + 1 if found.open and found.carried else 0
        open_mark = found.open if carried < MAX_CARRIED else ""
    needs: list[set[int]] = [set() for _ in sentences]
    for n, (text, quote) in enumerate(zip(sentences, quotes, strict=True)):
        if n and (quote.carried or _leans(text, patterns)):
            needs[n].add(n - 1)
        if heads[n] and _unnamed(quote.outside, patterns):
            needs[n].add(heads[n] - 1)  # the speaker is named before the quotation
        if _quotes(quote, patterns) and not _attributed(quote, patterns):
            source = _attribution(n, sentences, quotes, patterns)
            if source is not None:
                needs[n].add(source)
    return needs


def _leans(text: str, patterns: _Patterns | None) -> bool:
    """Whether a sentence refers back by its first words."""
    return bool(patterns and patterns.leaning.match(_LEADING.sub("", text)))


def _unnamed(outside: str, patterns: _Patterns | None) -> bool:
    """Whether a sentence's speaker is a pronoun or left unsaid."""
    return bool(patterns and patterns.unnamed and patterns.unnamed.search(outside))


def _quotes(quote: Quoting, patterns: _Patterns | None) -> bool:
    """Whether a sentence quotes, with quotation marks or in reported speech."""
    return quote.quoted or bool(patterns and patterns.reported
                                and patterns.reported.search(quote.outside))


def _attributed(quote: Quoting, patterns: _Patterns | None) -> bool:
    return quote.introduced or bool(patterns and patterns.speech.search(quote.outside))


def _attribution(n: int, sentences: Sequence[str], quotes: list[Quoting],
                 patterns: _Patterns | None) -> int | None:
    """The sentence that attributes sentence `n`'s quotation: a later one the quotation is carried
    into, or the one after that when it attributes the quotation and nothing else (it says who
    and refers back: "That was the verdict of…", "Así lo afirmó…"); else the one before."""
    m = n + 1
    while m < len(quotes) and quotes[m].carried:
        if _attributed(quotes[m], patterns):
            return m
        m += 1
    if m < len(quotes) and not quotes[m].quoted and _attributed(quotes[m], patterns) \
            and _leans(sentences[m], patterns):
        return m
    return n - 1 if n else None
