"""RSS 2.0 and Atom feeds: each item is a story (title, full content or summary, date, link).

feedparser reads every dialect and repairs much that is broken, but it is told nothing about
entities: the XML is first parsed by defusedxml, which refuses a declared entity (billion laughs,
local file disclosure through an external entity) and a document type with an internal subset,
where entities are declared, so no feed can make briefing read a file or expand without bound. A
document type that only names a DTD elsewhere declares nothing here and is read: RSS 0.91 feeds
carry Netscape's, which neither parser ever fetches. That DTD defines HTML's Latin-1 entities
(`&eacute;`), which such feeds use, so under it they are read as it defines them. Where expat
cannot parse the feed at all (text before the XML declaration, an encoding it does not know),
feedparser's lenient parser may still, so the part before the root element is looked at as
feedparser splits it.
"""

import calendar
import codecs
import datetime as dt
import html.entities
import logging
import re
import time
from typing import Any
from urllib.parse import urljoin
from xml.etree.ElementTree import ParseError

import feedparser
from defusedxml import DefusedXmlException, DTDForbidden
from defusedxml.ElementTree import DefusedXMLParser

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
_LITERAL = r"(?:\"[^\"]*\"|'[^']*')"
#: A document type declaration that declares nothing itself: the root's name and at most where
#: its DTD is (a public and a system identifier, or a system one), no internal subset.
_BARE_DOCTYPE = re.compile(rf"<!DOCTYPE\s+[^\s>\[]+(?:\s+(?:SYSTEM|PUBLIC\s+{_LITERAL})\s+{_LITERAL})?\s*>",
                           re.I)
#: RSS 0.91's document type, whose DTD defines HTML's Latin-1 entities for its feeds.
_NETSCAPE = re.compile(r"<!DOCTYPE\s+rss\s+PUBLIC\s+[\"']-//Netscape Communications//DTD RSS "
                       r"0\.91//EN[\"']")
_LATIN1 = {name: code for name, code in html.entities.name2codepoint.items() if 160 <= code <= 255}
#: A named reference, and what no reference is inside: character data sections and comments.
_NAMED = re.compile(r"<!\[CDATA\[.*?\]\]>|<!--.*?-->|&([A-Za-z][A-Za-z0-9]*);", re.S)
#: How each wide encoding begins: with its byte-order mark, or a "<" in its width.
_WIDE_STARTS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
                (b"<\x00\x00\x00", "utf-32-le"), (b"\x00\x00\x00<", "utf-32-be"),
                (b"<\x00", "utf-16-le"), (b"\x00<", "utf-16-be"))


class _Parser(DefusedXMLParser):
    """defusedxml's parser, refusing entity declarations and references to external ones, and a
    document type only if it has an internal subset."""

    def __init__(self) -> None:
        super().__init__(forbid_dtd=True, forbid_entities=True, forbid_external=True)

    def defused_start_doctype_decl(self, name: str, sysid: str | None, pubid: str | None,
                                   has_internal_subset: bool) -> None:
        if has_internal_subset:
            raise DTDForbidden(name, sysid, pubid)


def check_safe(data: bytes, origin: str) -> None:
    """Refuse XML that declares entities, or has a document type with an internal subset; let
    feedparser judge the rest."""
    if _DECLARATION.search(_BARE_DOCTYPE.sub("", _prologue(data), count=1)):
        raise _refused(origin)
    parser = _Parser()
    try:
        parser.feed(data)
        parser.close()
    except DefusedXmlException:
        raise _refused(origin) from None
    except (ParseError, ValueError, LookupError):  # malformed, or an encoding expat cannot read
        pass  # the part before the root element was looked at above, as feedparser splits it


def _refused(origin: str) -> SourceError:
    return SourceError(f"{origin}: the feed declares XML entities or external references (in its "
                       "<!DOCTYPE> declaration); refused for safety")


#: A numeric character reference.
_REFERENCE = re.compile(r"&#([xX][0-9a-fA-F]+|[0-9]+);")


def _no_character(match: re.Match[str]) -> str:
    """A reference to what is no character (a surrogate, beyond U+10FFFF) removed, as the cleaning
    removes lone surrogates; feedparser's lenient parser calls `chr()` on references and fails."""
    number = match.group(1)
    value = int(number[1:], 16) if number[0] in "xX" else int(number)
    return match.group(0) if value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF else ""


def _latin1_reference(match: re.Match[str]) -> str:
    """A Latin-1 entity (`&eacute;`) as the character reference RSS 0.91's DTD defines it as."""
    code = _LATIN1.get(match.group(1) or "")
    return f"&#{code};" if code else match.group(0)


def _prepared(data: bytes) -> bytes:
    """The feed as feedparser is given it: references to no character removed, and under RSS
    0.91's document type its Latin-1 entities made character references."""
    codec = next((codec for start, codec in _WIDE_STARTS if data.startswith(start)), None)
    try:  # an encoding of ASCII's width is read byte for byte: its markup is ASCII
        text = data.decode(codec or "latin-1", "surrogatepass")
    except UnicodeDecodeError:  # feedparser says what is wrong with it
        return data
    fixed = _REFERENCE.sub(_no_character, text)
    if _NETSCAPE.search(_prologue(data)):
        fixed = _NAMED.sub(_latin1_reference, fixed)
    return data if fixed == text else fixed.encode(codec or "latin-1", "surrogatepass")


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
        parsed = feedparser.parse(_prepared(data), resolve_relative_uris=False,
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
