"""Sentence splitting that survives abbreviations (a.m., Dr., U.S.), initials and decimals.

pysbd's rule set handles these cases per language; hand-written regular expressions do not. One
segmenter is built per language and reused, as building one compiles many rules.

pysbd's time grows with the square of its input (each abbreviation it finds rewrites the whole
text), so a paragraph of megabytes would take hours. A long paragraph is therefore split a window
at a time: the sentences of a window that end well before its edge are kept, since pysbd's rules
look only a few words ahead, and the next window starts where the first sentence not kept does.
Paragraphs shorter than a window, which is every paragraph of a normal article, are split whole.
"""

from functools import lru_cache

import pysbd
from pysbd.languages import LANGUAGE_CODES

from briefing.language import primary

#: Characters pysbd is given at once, and how far from a window's edge a kept sentence must end.
WINDOW, MARGIN = 10_000, 1_000


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
    return tuple(piece for piece in pieces if any(ch.isalnum() for ch in piece))


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
