"""Articles: what every reader (plain text, Markdown, HTML, feeds) turns its source into.

Readers differ in how they find headings and paragraphs, not in what a story is, so they all emit
`Block`s and share `article_from_blocks`: headings open sections, and a text without headings gets
one section per paragraph, exactly as a plain-text article does. Whatever reader made it, an
article then passes `finished`, the one last cleaning of everything that is spoken, shown or
linked.
"""

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import TypedDict, Unpack
from urllib.parse import urlsplit

from briefing.errors import SourceError
from briefing.sources.textclean import clean_block

#: Feed entries read per feed unless told otherwise, and the most that may be asked for.
DEFAULT_ITEMS, MAX_ITEMS = 10, 500


@dataclass(frozen=True)
class Section:
    """A part of an article that becomes one segment (and one chapter) of a one-story bulletin."""

    paragraphs: tuple[str, ...]
    """Cleaned paragraphs, in reading order."""
    title: str | None = None
    """The section's own heading, if the source has one; otherwise the script derives one."""


@dataclass(frozen=True)
class Outlet:
    """One place that carried a story: for "Also reported by …" and the manifest."""

    name: str
    """The feed's or site's name (else the source as given)."""
    link: str | None = None
    """That outlet's page for the story."""
    guid: str | None = None
    """That outlet's feed item id, so that a show remembers it as told."""


@dataclass(frozen=True)
class Article:
    """One story, cleaned and split, ready for the script stage."""

    title: str
    """Headline: from the text itself, its metadata, `--title`, or the file name."""
    sections: tuple[Section, ...]
    """At least one section with at least one non-empty paragraph."""
    source: str
    """Where it came from as the user gave it (a path, a URL, `-`), for messages and the manifest."""
    language: str | None = None
    """The language the source declares (front matter, page metadata, feed); None if it does not."""
    author: str | None = None
    published: dt.datetime | None = None
    """When the story was published, if the source says (feed items, page metadata)."""
    link: str | None = None
    """The story's own web address (a feed item's link, a page's URL)."""
    publication: str | None = None
    """The feed or site it came from, used as the bulletin's title when all stories share one."""
    guid: str | None = None
    """A feed item's id (RSS `guid`, Atom `id`): how a show knows it told the story before."""
    also: tuple[Outlet, ...] = ()
    """Other outlets that reported the same event (see `desk.duplicates`), this one not among
    them."""
    image: str | None = None
    """The web address of a picture of this story's own (a feed item's image enclosure or media
    thumbnail, a page's og:image), shown with its chapter in podcast apps."""

    @property
    def outlet(self) -> Outlet:
        """Where this version of the story came from."""
        host = urlsplit(self.link).hostname if self.link else None
        return Outlet(self.publication or host or self.source, self.link, self.guid)


@dataclass(frozen=True)
class Skipped:
    """A source (or one item of a feed) left out of the bulletin, and why, as one line that
    names it."""

    source: str
    reason: str


@dataclass(frozen=True)
class Block:
    """A heading (level 1-6) or a paragraph (level 0) of raw text, before cleaning."""

    text: str
    level: int = 0


def parse_when(value: object) -> dt.datetime | None:
    """A publication date from metadata: a datetime, a date, or an ISO 8601 string; else None."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str) and value:
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    return None


class _Metadata(TypedDict, total=False):
    """What a reader may know about an article besides its text: `Article`'s optional fields."""

    language: str | None
    author: str | None
    published: dt.datetime | None
    link: str | None
    publication: str | None
    guid: str | None
    image: str | None


def article_from_blocks(blocks: list[Block], source: str, title: str | None = None,
                        **metadata: Unpack[_Metadata]) -> Article | None:
    """Group blocks into sections; None when no paragraph has any text.

    A leading top-level heading is the headline unless `title` (from metadata) is given, in which
    case a heading repeating it is dropped, since the headline is spoken once.
    """
    cleaned = [Block(clean_block(b.text), b.level) for b in blocks]
    cleaned = [b for b in cleaned if b.text]
    if cleaned and cleaned[0].level:
        top = min(b.level for b in cleaned if b.level)
        if cleaned[0].level == top and (title is None or _same(cleaned[0].text, title)):
            title = title or cleaned[0].text
            cleaned = cleaned[1:]
    if not any(b.level == 0 for b in cleaned):
        return None
    sections: list[Section] = []
    if not any(b.level for b in cleaned):
        sections = [Section(paragraphs=(b.text,)) for b in cleaned]
    else:
        heading: str | None = None
        paragraphs: list[str] = []
        for block in [*cleaned, Block("", 1)]:
            if block.level:
                if paragraphs:
                    sections.append(Section(paragraphs=tuple(paragraphs), title=heading))
                heading, paragraphs = block.text or None, []
            else:
                paragraphs.append(block.text)
    return Article(title=title or "", sections=tuple(sections), source=source, **metadata)


def _same(a: str, b: str) -> bool:
    return a.casefold().strip(" .") == b.casefold().strip(" .")


#: What a language declared by a source must look like to be used (a BCP 47 tag such as en-GB).
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
_NO_WORDS = "nothing to read aloud (no words, only symbols or control characters)"


def finished(article: Article, fallback_title: str) -> Article:
    """The article as the rest of the pipeline may take it, or `SourceError` if none of it can be
    spoken.

    Every reader's output passes here, so no reader can let through what cannot be spoken or
    written (control characters, text without a letter or digit) or a link that is not a web
    page's (`javascript:`, `data:`, `file:`): the title falls back to `fallback_title`, section
    titles to none, paragraphs without words are dropped, and so are sections left empty.
    """
    sections = []
    for section in article.sections:
        paragraphs = tuple(p for p in map(clean_block, section.paragraphs) if speakable(p))
        if paragraphs:
            sections.append(Section(paragraphs, _words(section.title)))
    if not sections:
        raise SourceError(f"{article.source}: {_NO_WORDS}")
    language = (article.language or "").strip()
    return dataclasses.replace(
        article,
        title=_headline(_words(article.title) or _words(fallback_title) or "News"),
        sections=tuple(sections),
        language=language if _LANGUAGE_TAG.fullmatch(language) else None,
        author=_words(article.author),
        publication=_words(article.publication),
        link=web_link(article.link),
        image=web_link(article.image),
        guid=(article.guid or "").strip() or None,
    )


#: The longest headline kept: a headline is said in the intro and again before its story, and a
#: source whose "headline" is a whole article (ten thousand characters) made a bulletin of it.
HEADLINE_CHARS = 200


def _headline(text: str) -> str:
    """`text` cut at a word boundary, with an ellipsis, to at most `HEADLINE_CHARS` characters."""
    if len(text) <= HEADLINE_CHARS:
        return text
    cut = text[: HEADLINE_CHARS].rsplit(" ", 1)[0] if " " in text[: HEADLINE_CHARS] \
        else text[: HEADLINE_CHARS - 1]
    return cut.rstrip(" ,;:-") + "…"


def speakable(text: str) -> bool:
    """True when the text has a word to say: a letter or a digit, in any script."""
    return any(ch.isalnum() for ch in text)


def web_link(link: str | None) -> str | None:
    """`link` if it is an http(s) address with a host, else None: nothing else is a story's page."""
    link = (link or "").strip()
    if not link or not all(ch.isprintable() and not ch.isspace() for ch in link):
        return None
    try:
        parts = urlsplit(link)
        web = parts.scheme.lower() in ("http", "https") and bool(parts.hostname) and (parts.port or 0) >= 0
    except ValueError:  # a malformed IPv6 host, a port that is not a number
        return None
    return link if web else None


def _words(text: str | None) -> str | None:
    cleaned = clean_block(text) if text else ""
    return cleaned if speakable(cleaned) else None
