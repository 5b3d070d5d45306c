"""Sentence splitting that survives abbreviations (a.m., Dr., U.S.), initials and decimals.

pysbd's rule set handles these cases per language; hand-written regular expressions do not. One
segmenter is built per language and reused, as building one compiles many rules.
"""

from functools import lru_cache

import pysbd
from pysbd.languages import LANGUAGE_CODES

from briefing.language import primary


@lru_cache(maxsize=8)
def _segmenter(language: str) -> pysbd.Segmenter:
    code = primary(language)
    if code not in LANGUAGE_CODES:
        code = "en"
    return pysbd.Segmenter(language=code, clean=False)


def split_sentences(paragraph: str, language: str = "en") -> list[str]:
    """Return the paragraph's sentences, stripped; pieces without a letter or digit are dropped."""
    pieces = (piece.strip() for piece in _segmenter(language).segment(paragraph))
    return [piece for piece in pieces if any(ch.isalnum() for ch in piece)]
