"""RSS 2.0 and Atom feeds: each item is a story (title, full content or summary, date, link).

feedparser reads every dialect and repairs much that is broken, but it is told nothing about
entities: the XML is first parsed by defusedxml, which refuses a document type declaration (where
entities and external references are declared: billion laughs, local file disclosure, a DTD
fetched from elsewhere), so no feed can make briefing read a file or expand without bound. Where
expat cannot parse the feed at all (text before the XML declaration, an encoding it does not
know), feedparser's lenient parser may still, so the part before the root element is looked at as
feedparser splits it.
"""

import calendar
import codecs
import datetime as dt
import logging
import re
import time
from typing import Any
from urllib.parse import urljoin
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as safe_xml
import feedparser
from defusedxml import DefusedXmlException

from briefing.errors import SourceError
from briefing.sources.article import (
    DEFAULT_ITEMS,
    Article,
    Block,
    Skipped,
    article_from_blocks,
    speakable,
    web_link,
)
from briefing.sources.html import html_fragment_blocks
from briefing.sources.textclean import clean_block

log = logging.getLogger(__name__)

#: A document type or entity declaration, in the part of a feed before its root element.
_DECLARATION = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)\b", re.I)
#: How each wide encoding begins: with its byte-order mark, or a "<" in its width.
_WIDE_STARTS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
                (b"<\x00\x00\x00", "utf-32-le"), (b"\x00\x00\x00<", "utf-32-be"),
                (b"<\x00", "utf-16-le"), (b"\x00<", "utf-16-be"))


def check_safe(data: bytes, origin: str) -> None:
    """Refuse XML with a document type declaration; let feedparser judge the rest."""
    try:
        safe_xml.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise _refused(origin) from None
    except (ParseError, ValueError, LookupError):  # malformed, or an encoding expat cannot read
        if _DECLARATION.search(_prologue(data)):
            raise _refused(origin) from None


def _refused(origin: str) -> SourceError:
    return SourceError(f"{origin}: the feed declares XML entities or external references (it has a "
                       "<!DOCTYPE> declaration); refused for safety")


#: A numeric character reference, in text and as bytes of an ASCII-compatible encoding.
_REFERENCE = re.compile(r"&#([xX][0-9a-fA-F]+|[0-9]+);")
_REFERENCE_BYTES = re.compile(_REFERENCE.pattern.encode())


def _no_character(match: re.Match[Any]) -> Any:
    """A reference to what is no character (a surrogate, beyond U+10FFFF) removed, as the cleaning
    removes lone surrogates; feedparser's lenient parser calls `chr()` on references and fails."""
    number = match.group(1)
    if isinstance(number, bytes):
        number = number.decode("ascii")
    value = int(number[1:], 16) if number[0] in "xX" else int(number)
    if value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF:
        return match.group(0)
    return "" if isinstance(match.group(0), str) else b""


def _replace_bad_references(data: bytes) -> bytes:
    codec = next((codec for start, codec in _WIDE_STARTS if data.startswith(start)), None)
    if codec is None:
        return _REFERENCE_BYTES.sub(_no_character, data)
    try:
        text = data.decode(codec, "surrogatepass")
    except UnicodeDecodeError:  # feedparser says what is wrong with it
        return data
    fixed = _REFERENCE.sub(_no_character, text)
    return data if fixed == text else fixed.encode(codec, "surrogatepass")


def _prologue(data: bytes) -> str:
    """What comes before a feed's root element (the first `<` and a letter, as feedparser finds
    it), as text: wide encodings decoded, the others read byte for byte, as their markup is ASCII."""
    codec = next((codec for start, codec in _WIDE_STARTS if data.startswith(start)), "latin-1")
    text = data[:1 << 16].decode(codec, "replace")
    root = re.search(r"<\w", text)
    return text[: root.start()] if root else text


def read_feed(data: bytes, origin: str, items: int = DEFAULT_ITEMS) -> list[Article | Skipped]:
    """Up to `items` stories from a feed, newest first as the feed lists them; an item with
    nothing to read (no title, no text) is `Skipped` in its place."""
    check_safe(data, origin)
    try:
        parsed = feedparser.parse(_replace_bad_references(data), resolve_relative_uris=False,
                                  sanitize_html=True)
    except (ValueError, OverflowError) as exc:  # what its lenient parser cannot take
        raise SourceError(f"{origin}: not a valid RSS or Atom feed ({exc})") from None
    feed = parsed.feed
    got: list[Article | Skipped] = []
    if parsed.get("version") or parsed.entries:
        publication, language = feed.get("title") or None, feed.get("language") or None
        for number, entry in enumerate(parsed.entries[:items], 1):
            article = _entry_article(entry, origin, number, publication, language)
            got.append(article or Skipped(f"{origin} (item {number})", f"{origin} (item {number}): "
                                          "the item has no title and no text"))
    articles = [item for item in got if isinstance(item, Article)]
    if not articles:
        if parsed.get("bozo") or not parsed.get("version"):
            error = parsed.get("bozo_exception")
            reason = (getattr(error, "getMessage", None) or (lambda: str(error or "")))() \
                or "no channel or feed element"
            raise SourceError(f"{origin}: not a valid RSS or Atom feed ({reason})")
        if not parsed.entries:
            raise SourceError(f"{origin}: the feed has no items")
        raise SourceError(f"{origin}: none of the feed's items has any text")
    if parsed.get("bozo"):
        log.warning("%s: the feed is malformed (%s); read what could be read", origin,
                    parsed.get("bozo_exception"))
    return got


def _entry_article(entry: Any, origin: str, number: int, publication: str | None,
                   language: str | None) -> Article | None:
    """`entry` is one of feedparser's entries (a `FeedParserDict`; feedparser has no types)."""
    contents = entry.get("content") or []
    body = max((c.get("value", "") for c in contents), key=len, default="") or entry.get("summary", "")
    blocks = html_fragment_blocks(body) if body else []
    title = clean_block(entry.get("title") or "") or None
    link = entry.get("link") or None
    if not any(b.level == 0 for b in blocks):
        if not title:
            return None
        blocks = [Block(title)]  # a headline-only item is still news: it is read as its own text
    item_language = next((c.get("language") for c in contents if c.get("language")), None)
    # Named in messages by what a reader would recognise: its page, its headline, else its place.
    name = web_link(link) or (title if title and speakable(title) else f"item {number}")
    return article_from_blocks(
        blocks, f"{origin} ({name})", title,
        language=item_language or language,
        author=entry.get("author") or None,
        # dict's own get: feedparser's warns when updated_parsed is asked for and only published is
        published=_when(entry.get("published_parsed") or dict.get(entry, "updated_parsed")),
        link=link,
        publication=publication,
        guid=entry.get("id") or None,
        image=_entry_image(entry, link),
    )


def _entry_image(entry: Any, link: str | None) -> str | None:
    """The item's own picture: an enclosure of an image type, a media:thumbnail, an image
    media:content, else its itunes:image; relative to the item's link, as a page's would be."""
    found = [enclosure.get("href") for enclosure in entry.get("enclosures") or ()
             if str(enclosure.get("type") or "").startswith("image/")]
    found += [thumbnail.get("url") for thumbnail in entry.get("media_thumbnail") or ()]
    found += [media.get("url") for media in entry.get("media_content") or ()
              if media.get("medium") == "image" or str(media.get("type") or "").startswith("image/")]
    itunes = entry.get("image")
    found += [itunes.get("href")] if isinstance(itunes, dict) else []
    return next(filter(None, (web_link(urljoin(link or "", str(url))) for url in found if url)),
                None)


def _when(parsed: time.struct_time | None) -> dt.datetime | None:
    if not parsed:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC)
