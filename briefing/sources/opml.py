"""OPML subscription lists: the feeds a reader app exports, each read as a source in its turn.

An OPML file names feeds (each `<outline>` with an `xmlUrl`, nested in folders at any depth); it
has no stories of its own, so `feed_sources` only lists them and `read` reads each one. It is
parsed by defusedxml with document type declarations refused, as feeds are (see `feed`): an
OPML file could otherwise declare entities that expand without bound or read a local file.

What a list may point at depends on where the list came from. A local list may name local
feeds: a `file:` URL, or a path (relative to the list's own folder). A list fetched from the web
may not: a page could otherwise make briefing read any file on the machine and speak it, so its
entries are web addresses only, a relative one resolved against the list's own address. Other
schemes (`javascript:`, `data:`, ...) name no feed and are left out with a warning.
"""

import logging
import os
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_xml
from defusedxml import DefusedXmlException

from briefing.errors import SourceError
from briefing.sources.fetch import is_url

log = logging.getLogger(__name__)


def feed_sources(data: bytes, origin: str) -> list[str]:
    """The feeds an OPML file lists: each outline's `xmlUrl`, in document order and each once,
    as a web address or a local path; `origin` (a path, a URL, or "standard input") is where the
    file came from, which relative entries are resolved against."""
    try:
        root = safe_xml.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise SourceError(f"{origin}: the OPML file declares XML entities or external references (it "
                          "has a <!DOCTYPE> declaration); refused for safety") from None
    except (ParseError, ValueError, LookupError) as exc:
        raise SourceError(f"{origin}: not a valid OPML file ({exc})") from None
    if _name(root) != "opml":
        raise SourceError(f"{origin}: not an OPML file (its root element is <{_name(root)}>, "
                          "not <opml>)")
    feeds: dict[str, None] = {}
    for outline in root.iter():
        if _name(outline) != "outline":
            continue
        value = _xml_url(outline)
        feed = _resolved(value, origin) if value else None
        if feed:
            feeds[feed] = None
    if not feeds:
        raise SourceError(f"{origin}: the OPML file lists no feeds (no <outline> with an xmlUrl)")
    return list(feeds)


def _name(element: Element) -> str:
    """An element's local name, whatever namespace a writer put it in."""
    return str(element.tag).rpartition("}")[2].lower()


def _xml_url(outline: Element) -> str:
    """The `xmlUrl` attribute, however its writer spelt its case (`xmlurl` is common)."""
    return next((value.strip() for key, value in outline.attrib.items() if key.lower() == "xmlurl"),
                "")


def _resolved(value: str, origin: str) -> str | None:
    """The feed `value` names, as a web address or a local path; None (with a warning) for what
    names no feed this list may point at."""
    if value.lower().startswith("feed:"):  # feed://host/path and feed:https://host/path
        rest = value[5:]
        value = rest if is_url(rest) else f"http:{rest}"
    remote = is_url(origin)
    if remote:
        value = urljoin(origin, value)
    if is_url(value):
        return value
    try:
        parts = urlsplit(value)
    except ValueError:
        parts = None
    scheme = parts.scheme.lower() if parts else ""
    if remote or (scheme and scheme != "file" and not _drive(value)):
        log.warning("%s: left out the feed %r: %s", origin, value[:200],
                    "a list from the web may name only web addresses" if remote
                    else "not a web address or a file")
        return None
    if scheme == "file" and parts:
        if parts.netloc not in ("", "localhost"):
            log.warning("%s: left out the feed %r: a file on another machine", origin, value[:200])
            return None
        value = url2pathname(parts.path)
    path = Path(value).expanduser()
    if not path.is_absolute():
        path = Path(origin).parent / path
    return os.path.normpath(path)


def _drive(value: str) -> bool:
    """True for a Windows path with a drive letter (C:\\feeds\\a.xml), whose scheme is its drive."""
    return len(value) > 2 and value[0].isalpha() and value[1] == ":" and value[2] in "\\/"
