"""A show's topics: `include` keeps only stories that mention one of its words or phrases,
`exclude` leaves out those that mention any of its own; in any language.

Matching folds case and compatibility forms (so "ÉCOLE" finds "école") and takes whole words
where the writing has spaces between words; in scripts without them (Chinese, Japanese, Thai) a
phrase matches anywhere in the text.
"""

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from briefing.desk.words import body_text
from briefing.sources.article import Article


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _spaceless(char: str) -> bool:
    """A letter of a script written without spaces between words."""
    name = unicodedata.name(char, "")
    return name.startswith(("CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR"))


@lru_cache(maxsize=256)
def _pattern(phrase: str) -> re.Pattern[str]:
    folded = re.escape(_fold(phrase)).replace(r"\ ", r"\s+")
    if any(_spaceless(char) for char in phrase):
        return re.compile(folded)
    return re.compile(rf"(?<!\w){folded}(?!\w)")


def mentioned(article: Article, phrases: Sequence[str]) -> str | None:
    """The first of `phrases` the story's headline or text mentions, or None."""
    text = _fold(f"{article.title}\n{body_text(article)}")
    return next((p for p in phrases if _fold(p) and _pattern(p).search(text)), None)


def off_topic(article: Article, include: Sequence[str], exclude: Sequence[str]) -> str | None:
    """Why the story is left out by the show's topics, or None when it stays."""
    if include and mentioned(article, include) is None:
        return "not about any included topic"
    found = mentioned(article, exclude) if exclude else None
    return f'excluded by topic "{found}"' if found is not None else None
