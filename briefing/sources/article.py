"""Articles: what every reader (plain text, Markdown, HTML, feeds) turns its source into.

Readers differ in how they find headings and paragraphs, not in what a story is, so they all emit
`Block`s and share `article_from_blocks`: headings open sections, and a text without headings gets
one section per paragraph, exactly as a plain-text article does.
"""

import datetime as dt
from dataclasses import dataclass
from typing import TypedDict, Unpack

from briefing.sources.textclean import clean_block

#: Feed entries read per feed unless told otherwise.
DEFAULT_ITEMS = 10


@dataclass(frozen=True)
class Section:
    """A part of an article that becomes one segment (and one chapter) of a one-story bulletin."""

    paragraphs: tuple[str, ...]
    """Cleaned paragraphs, in reading order."""
    title: str | None = None
    """The section's own heading, if the source has one; otherwise the script derives one."""


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
