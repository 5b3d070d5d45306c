"""Documents that are not text: PDF, Word (DOCX), OpenDocument (ODT), EPUB, e-mail (a message
or an mbox) and JSON Feed, each read by a module of its own into articles.

Each reader takes the source's bytes and gives `Article`s (or `Skipped` items) that `read` then
passes through `article.finished`; one that cannot read its source raises `SourceError` naming it
and what to do, so the other sources are still read.
"""

import re
from pathlib import Path, PurePath

from briefing.errors import SourceError
from briefing.sources.article import Article, Skipped
from briefing.sources.fetch import Limits

#: The documents that are zip containers, by the name a file of each ends with.
_ZIP_SUFFIXES = {".docx": "docx", ".odt": "odt", ".epub": "epub"}


def read_document(kind: str, data: bytes, source: str, origin: str, items: int, limits: Limits,
                  link: str | None = None) -> list[Article | Skipped]:
    """The articles of a document of `kind` (one of `read.DOCUMENTS` but OPML, which names other
    sources and is read by `read`). A `zip` that none of its members marks as a document is read
    as the one its name says, whose reader then says what is wrong with it, else refused."""
    if kind == "zip":  # no member says which document it is: a damaged one, named for what it was?
        kind = _ZIP_SUFFIXES.get(PurePath(source).suffix.lower(), "")
        if not kind:
            raise SourceError(f"{origin}: a zip archive, not a document briefing reads (DOCX, ODT, "
                              "EPUB); unzip it if it holds articles")
    if kind == "pdf":
        from briefing.sources.pdf import read_pdf

        return read_pdf(data, source, origin, limits.max_pages, link)
    if kind in ("docx", "odt"):
        from briefing.sources.office import read_office

        return read_office(kind, data, source, origin, link)
    if kind == "epub":
        from briefing.sources.epub import read_epub

        return read_epub(data, source, origin)
    if kind in ("email", "mbox"):
        from briefing.sources.mail import read_mail

        return read_mail(kind, data, source, origin, items)
    if kind == "jsonfeed":
        from briefing.sources.jsonfeed import read_json_feed

        return read_json_feed(data, origin, items)
    raise SourceError(f"{origin}: a {kind} document, which briefing cannot read")


#: A mail header line (with its folded continuation lines).
_HEADER = rb"[A-Za-z][\w-]*:[^\n]*\r?\n(?:[ \t][^\n]*\r?\n)*"
#: A message's header block: header lines up to the blank line before the body.
_HEADERS = re.compile(rb"\A(?:" + _HEADER + rb")+\r?\n")
#: Headers that mail software writes and a person typing a memo does not ("From:", "Subject:"
#: and "Date:" lines start many a plain-text article).
_MACHINE = re.compile(rb"^(?:Received|Return-Path|Message-ID|MIME-Version|Content-Type|"
                      rb"DKIM-Signature|Delivered-To|Authentication-Results|ARC-[\w-]+):", re.I | re.M)
#: An mbox's separator: "From ", the sender, and the date as `asctime` writes it.
_MBOX_FROM = re.compile(rb"\AFrom \S+\s+\w{3} \w{3}\s+\d{1,2} \d{1,2}:\d{2}(?::\d{2})? ")
_JSON_FEED_VERSION = re.compile(rb'"version"\s*:\s*"https?://jsonfeed\.org/version/')
_OPML_ROOT = re.compile(rb"(?si)\A(?:<\?xml[^>]*>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>|\s)*<opml[\s>]")
#: The most of a JSON file looked through for a JSON Feed's version (its keys may come in any
#: order, "version" last); a JSON Feed reader refuses more anyway.
JSON_LIMIT = 20 * 2**20


def _is_message(data: bytes) -> bool:
    """A header block that mail software wrote, then a body."""
    block = _HEADERS.match(data)
    return block is not None and _MACHINE.search(block.group(0)) is not None


def document_kind(data: bytes) -> str | None:
    """The document kind `data` is by its content alone (`pdf`, `docx`, `odt`, `epub`, another
    `zip`, `email`, `mbox`, `opml`, `jsonfeed`), or None. Plain text is never taken for mail on
    lines a person writes too ("From our correspondent", "Subject:"): a message needs a header that
    only mail software writes, an mbox its dated separator line too."""
    # A PDF starts with its signature; readers allow some bytes before it, text then does not count.
    if data.startswith(b"%PDF-") or (b"%PDF-" in data[:1024] and data.rstrip().endswith(b"%%EOF")):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        from briefing.sources.archive import zip_kind

        return zip_kind(data) or "zip"
    stripped = data[:65536].lstrip(b"\xef\xbb\xbf")
    if _MBOX_FROM.match(stripped) and b"\n" in stripped and \
            _is_message(stripped[stripped.index(b"\n") + 1:]):
        return "mbox"
    if _is_message(stripped):
        return "email"
    if stripped.lstrip().startswith(b"{") and _JSON_FEED_VERSION.search(data[:JSON_LIMIT]):
        return "jsonfeed"
    if _OPML_ROOT.match(stripped):
        return "opml"
    return None


def json_feed_file(path: Path) -> bool:
    """Whether a `.json` file in a folder is a JSON Feed (other JSON there is passed over, as a
    folder's other files are)."""
    try:
        with path.open("rb") as stream:
            return document_kind(stream.read(JSON_LIMIT)) == "jsonfeed"
    except OSError:
        return True  # its reader says what is wrong, in its turn
