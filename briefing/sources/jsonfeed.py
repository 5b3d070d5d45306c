"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org): each item is a story, as an RSS item is.

A JSON Feed says the same things as RSS in JSON's words: `content_html` or `content_text` (the
summary when it has neither), `date_published` in RFC 3339, `url` and `id`; 1.1 added `authors`
and `language`, which are read beside 1.0's `author`. The standard `json` parser reads it; only
what is a JSON Feed's is used, and a value of the wrong type counts as absent, so a feed written
by hand with a number where a title belongs loses that title, not the bulletin.

The input is bounded here (`MAX_BYTES`), not only by the caller: a local file has no fetch limit,
and the parsed document costs many times its size in memory. JSON nested deeper than Python's
recursion allows is refused in one line too.
"""

import json
from typing import Any

from briefing.errors import SourceError
from briefing.sources.article import (
    Article,
    Block,
    Skipped,
    article_from_blocks,
    parse_when,
    speakable,
    web_link,
)
from briefing.sources.html import html_fragment_blocks
from briefing.sources.textclean import clean_block, split_blocks

#: The largest JSON Feed read; real ones are a small fraction of this.
MAX_BYTES = 20 * 1024 * 1024
_VERSIONS = ("https://jsonfeed.org/version/1", "http://jsonfeed.org/version/1")


def read_json_feed(data: bytes, origin: str, items: int) -> list[Article | Skipped]:
    """Up to `items` stories from a JSON Feed, in the feed's order (newest first, as the format
    asks); an item with no title and no text is `Skipped` in its place."""
    feed = _load(data, origin)
    entries = feed.get("items")
    if not isinstance(entries, list):
        raise SourceError(f"{origin}: the JSON Feed has no \"items\" list")
    if not entries:
        raise SourceError(f"{origin}: the feed has no items")
    publication = _text(feed.get("title"))
    language = _text(feed.get("language"))
    feed_author = _author(feed)
    got: list[Article | Skipped] = []
    for number, entry in enumerate(entries[:items], 1):
        article = _item_article(entry, origin, number, publication, language, feed_author) \
            if isinstance(entry, dict) else None
        got.append(article or Skipped(f"{origin} (item {number})", f"{origin} (item {number}): "
                                      "the item has no title and no text"))
    if not any(isinstance(item, Article) for item in got):
        raise SourceError(f"{origin}: none of the feed's items has any text")
    return got


def _load(data: bytes, origin: str) -> dict[str, Any]:
    """The feed's top-level object, or one line saying why it is not a JSON Feed."""
    if len(data) > MAX_BYTES:
        raise SourceError(f"{origin}: the JSON file is larger than {MAX_BYTES // (1024 * 1024)} MB; "
                          "no JSON Feed is that large")
    try:
        feed = json.loads(data.removeprefix(b"\xef\xbb\xbf"))
    except RecursionError:
        raise SourceError(f"{origin}: the JSON is nested too deeply to read") from None
    except UnicodeDecodeError:
        raise SourceError(f"{origin}: not valid JSON (JSON is UTF-8 text)") from None
    except ValueError as exc:  # JSONDecodeError, and a number with more digits than Python reads
        raise SourceError(f"{origin}: not valid JSON ({exc})") from None
    version = feed.get("version") if isinstance(feed, dict) else None
    if not (isinstance(version, str) and version.startswith(_VERSIONS)):
        raise SourceError(f"{origin}: not a JSON Feed (it needs \"version\": "
                          "\"https://jsonfeed.org/version/1.1\" in its top-level object)")
    return feed


def _item_article(entry: dict[str, Any], origin: str, number: int, publication: str | None,
                  language: str | None, feed_author: str | None) -> Article | None:
    title = clean_block(_text(entry.get("title")) or "") or None
    blocks = _blocks(entry)
    if not any(b.level == 0 for b in blocks):
        if not title:
            return None
        blocks = [Block(title)]  # a headline-only item is still news: it is read as its own text
    link = _text(entry.get("url")) or _text(entry.get("external_url"))
    name = web_link(link) or (title if title and speakable(title) else f"item {number}")
    guid = entry.get("id")
    return article_from_blocks(
        blocks, f"{origin} ({name})", title,
        language=_text(entry.get("language")) or language,
        author=_author(entry) or feed_author,
        published=parse_when(_text(entry.get("date_published")) or _text(entry.get("date_modified"))),
        link=link,
        publication=publication,
        # the spec says a string, but numbers are common; both name the item
        guid=str(guid) if isinstance(guid, str | int) and not isinstance(guid, bool) else None,
        image=_text(entry.get("image")) or _text(entry.get("banner_image")),
    )


def _blocks(entry: dict[str, Any]) -> list[Block]:
    """The item's text: its HTML, else its plain text, else its summary."""
    html = _text(entry.get("content_html"))
    if html:
        blocks = html_fragment_blocks(html)
        if any(b.level == 0 for b in blocks):
            return blocks
    for key in ("content_text", "summary"):
        text = _text(entry.get(key))
        if text:
            return [Block(block) for block in split_blocks(text)]
    return []


def _author(holder: dict[str, Any]) -> str | None:
    """The names of 1.1's `authors`, else 1.0's `author`, joined."""
    authors = holder.get("authors")
    if not isinstance(authors, list):
        authors = [holder.get("author")]
    names = [_text(a.get("name")) for a in authors if isinstance(a, dict)]
    return ", ".join(name for name in names if name) or None


def _text(value: object) -> str | None:
    """A string value with something in it, else None (JSON may hold anything anywhere)."""
    return value.strip() or None if isinstance(value, str) else None
