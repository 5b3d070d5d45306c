"""Sentence splitting that survives abbreviations (a.m., Dr., U.S.), initials and decimals.

pysbd's rule set handles these cases per language; hand-written regular expressions do not. One
segmenter is built per language and reused, as building one compiles many rules.

pysbd's time grows with the square of its input (each abbreviation it finds rewrites the whole
text), so a paragraph of megabytes would take hours. A long paragraph is therefore split a window
at a time: the sentences of a window that end well before its edge are kept, since pysbd's rules
look only a few words ahead, and the next window starts where the first sentence not kept does.
Paragraphs shorter than a window, which is every paragraph of a normal article, are split whole.

pysbd also ends a sentence after an abbreviation it does not know ("It weighs approx." / "20
kg.", "Viajó a EE.UU." / "y volvió."). A piece that ends in one of the language's abbreviations is
joined to the next when that starts in lower case, or with a figure after an abbreviation that
never ends a sentence ("approx. 20", "No. 10").
"""

import re
from functools import lru_cache

import pysbd
from pysbd.languages import LANGUAGE_CODES

from briefing.language import primary
from briefing.script.verbalize import wording_for

#: Characters pysbd is given at once, and how far from a window's edge a kept sentence must end.
WINDOW, MARGIN = 10_000, 1_000
#: Abbreviations that may end a sentence, so a figure after them starts a new one.
ENDINGS = frozenset({"etc.", "Inc.", "Ltd.", "Corp.", "Co.", "Jr.", "ecc.", "usw.", "Ltda.",
                     "Cia."})


@lru_cache(maxsize=8)
def _segmenter(language: str) -> pysbd.Segmenter:
    code = primary(language)
    if code not in LANGUAGE_CODES:
        code = "en"
    return pysbd.Segmenter(language=code, clean=False)


def split_sentences(paragraph: str, language: str = "en") -> list[str]:
    """Return the paragraph's sentences, stripped; pieces without a letter or digit are dropped."""
    return list(_split(paragraph, language))


@lru_cache(maxsize=1 << 14)
def _split(paragraph: str, language: str) -> tuple[str, ...]:
    """`split_sentences`, remembered: brief mode composes a script several times over, from the
    same paragraphs."""
    pieces = (piece.strip() for piece in _segments(paragraph, _segmenter(language)))
    return tuple(_rejoin([piece for piece in pieces if any(ch.isalnum() for ch in piece)],
                         _abbreviations(language)))


@lru_cache(maxsize=16)
def _abbreviations(language: str) -> "re.Pattern[str]":
    """The language's abbreviations with a full stop, at the end of a piece."""
    dotted = sorted((k for k in wording_for(language).abbreviations if k.endswith(".")),
                    key=len, reverse=True)
    words = "|".join(re.escape(k) for k in [*dotted, "No.", "Nos.", "Nr.", "n.º"])
    return re.compile(rf"(?:^|(?<=[\s(]))(?:{words})$")


def _rejoin(pieces: list[str], abbreviations: "re.Pattern[str]") -> list[str]:
    """The pieces, each joined to the one before when that one ends in an abbreviation that does
    not end the sentence there (see the module's docstring)."""
    joined: list[str] = []
    for piece in pieces:
        if joined:
            found = abbreviations.search(joined[-1])
            if found and (piece[0].islower() or (
                    piece[0].isdigit() and found.group(0) not in ENDINGS
                    and not re.fullmatch(r"(?:[A-Z]+\.\s?)+", found.group(0)))):
                joined[-1] = f"{joined[-1]} {piece}"
                continue
        joined.append(piece)
    return joined


def _segments(text: str, segmenter: pysbd.Segmenter) -> list[str]:
    """pysbd's pieces of `text`, a window at a time (see the module's docstring)."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > WINDOW:
        window = text[start : start + WINDOW]
        found = segmenter.segment(window)
        kept, end = [], 0
        if "".join(found) == window:  # pysbd keeps every character with clean=False; make sure
            for piece in found:
                if end + len(piece) > WINDOW - MARGIN:
                    break
                kept.append(piece)
                end += len(piece)
        if not kept:  # one sentence longer than the window: it is cut at a space
            end = window.rfind(" ", 0, WINDOW - MARGIN) + 1 or WINDOW - MARGIN
            kept = [window[:end]]
        pieces.extend(kept)
        start += end
    pieces.extend(segmenter.segment(text[start:]))
    return pieces
