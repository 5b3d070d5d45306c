"""What the desk compares stories by: their words, stemmed in the story's language, and exact
marks of a story (its normalized headline and a fingerprint of its text).

Stemming and stop words make two outlets' wording of one event meet ("voted", "votes", "vote");
Snowball's stemmers cover the languages briefing speaks and many more, and sumy ships stop-word
lists for them. A language with neither is compared on its plain words.
"""

import hashlib
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from briefing.language import detect_language, primary
from briefing.sources.article import Article

_WORDS = re.compile(r"[^\W_]+")
#: Snowball's names (and sumy's stop-word lists') for the language codes briefing meets.
_NAMES = {"en": "english", "es": "spanish", "fr": "french", "it": "italian", "pt": "portuguese",
          "de": "german", "nl": "dutch", "sv": "swedish", "da": "danish", "no": "norwegian",
          "nb": "norwegian", "fi": "finnish", "ru": "russian", "pl": "polish", "ca": "catalan",
          "cs": "czech", "el": "greek", "hu": "hungarian", "ro": "romanian", "tr": "turkish",
          "ar": "arabic", "uk": "ukrainian", "hi": "hindi"}


def plain_words(text: str) -> list[str]:
    """The words of `text`, folded for comparison (case, compatibility forms)."""
    return _WORDS.findall(unicodedata.normalize("NFKC", text).casefold())


def normalized_headline(title: str) -> str:
    """A headline as the desk remembers it: folded words, one space apart."""
    return " ".join(plain_words(title))


def body_text(article: Article) -> str:
    """Every paragraph of the story, in order."""
    return "\n".join(p for section in article.sections for p in section.paragraphs)


def text_fingerprint(article: Article) -> str:
    """The same words in the same order give the same fingerprint, whatever the markup, case or
    spacing: a story re-published under a new id is known by it."""
    return hashlib.sha256(" ".join(plain_words(body_text(article))).encode()).hexdigest()[:32]


#: Characters of a story detection reads: a paragraph tells the language as well as a page, and
#: detection's time grows with what it reads.
DETECTED_CHARS = 600


def story_language(article: Article, fallback: str | None = None) -> str:
    """The story's language: its source's word, else `fallback` (the bulletin's), else detected
    from its text, else English."""
    code = article.language or fallback or detect_language(
        f"{article.title}\n{body_text(article)}"[:DETECTED_CHARS])
    return primary(code or "en")


def terms(text: str, language: str) -> list[str]:
    """The words that carry meaning, stemmed: stop words left out."""
    stem, stop = _language_tools(primary(language or "en"))
    return [stem(word) for word in plain_words(text) if word not in stop]


@lru_cache(maxsize=16)
def _language_tools(code: str) -> tuple[Callable[[str], str], frozenset[str]]:
    """(stem, stop words) for a language; the plain word and no stop words where none is known."""
    import snowballstemmer
    from sumy.utils import get_stop_words

    name = _NAMES.get(code, code)
    stem: Callable[[str], str]
    try:
        stem = lru_cache(maxsize=1 << 16)(snowballstemmer.stemmer(name).stemWord)
    except KeyError:
        stem = str
    try:
        stop = frozenset(word.casefold() for word in get_stop_words(name))
    except LookupError:
        stop = frozenset()
    return stem, stop
