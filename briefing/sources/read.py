"""Reading sources into articles: the first stage of the pipeline.

A source is a file, a folder (every supported file in it, in name order), an http(s) URL, or `-`
for standard input. What a source is comes from its content first (an RSS or Atom root, an HTML
document), then its name or the server's media type, so a feed saved as `.txt` or a page served
without an extension still reads right. Each source that cannot be read becomes a `Skipped` line
naming it and the reason; the others still make a bulletin. So does each feed item that has
nothing to read aloud, and every article any reader makes passes `article.finished`, the one last
cleaning.
"""

import codecs
import dataclasses
import errno
import re
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlparse

from briefing.errors import SourceError
from briefing.sources.article import DEFAULT_ITEMS, MAX_ITEMS, Article, Section, Skipped, finished
from briefing.sources.documents import document_kind, json_feed_file
from briefing.sources.fetch import Limits, fetch, is_url

__all__ = ["DEFAULT_ITEMS", "MAX_ITEMS", "Article", "Limits", "NothingToRead", "Reading", "Section",
           "Skipped", "cannot_open", "check_encoding", "detect_kind", "read_sources",
           "read_text_article", "title_from_name"]

#: File name endings read from a folder, by kind.
SUFFIXES = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".pdf": "pdf", ".docx": "docx", ".odt": "odt", ".epub": "epub",
    ".eml": "email", ".mbox": "mbox", ".opml": "opml", ".json": "jsonfeed",
}
#: Kinds whose bytes are not text: each has a reader of its own, and is never decoded as text.
DOCUMENTS = ("pdf", "docx", "odt", "epub", "zip", "email", "mbox", "opml", "jsonfeed")
#: Plain-text-looking files are taken for binary above this share of control characters.
_CONTROL_LIMIT = 0.01
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]")
_MARKDOWN_SIGNS = re.compile(r"\A(?:\ufeff)?(?:---|\+\+\+)\s*\n|^#{1,6} \S", re.M)
_FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml",
               "application/xml", "text/xml"}


@dataclass(frozen=True)
class Reading:
    """What the sources gave: the articles in order, and the sources that gave nothing."""

    articles: list[Article]
    skipped: list[Skipped]


class NothingToRead(SourceError):
    """No source gave an article; carries every source's reason."""

    def __init__(self, message: str, skipped: list[Skipped]) -> None:
        super().__init__(message)
        self.skipped = skipped


def check_encoding(encoding: str) -> str:
    """Return the codec's canonical name, or raise `SourceError` for an unknown one. Codecs that
    turn bytes into bytes (base64, rot13, zlib) are not text encodings: decoding with one fails."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise SourceError(f"unknown text encoding {encoding!r}; try utf-8 or latin-1")
    return info.name


def read_sources(
    sources: Sequence[str | Path],
    encoding: str = "utf-8",
    title: str | None = None,
    items: int = DEFAULT_ITEMS,
    stdin: BinaryIO | None = None,
    limits: Limits | None = None,
) -> Reading:
    """Read every source into articles; skip (and report) those that give none.

    `title` replaces the headline of a single article; with several articles it is the bulletin's
    title and is applied by the script stage instead. `items` caps the stories taken from each
    feed; `limits` bounds each URL's fetch (`Limits()` when None). Raises `NothingToRead` when no
    source gives an article.
    """
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for source in sources:
        for name, reader in _expand(str(source), skipped, limits or Limits()):
            try:
                for got in reader(encoding, items, stdin):
                    if isinstance(got, Skipped):
                        skipped.append(got)
                    else:
                        articles.append(got)
            except SourceError as exc:
                skipped.append(Skipped(name, str(exc)))
            except RecursionError:  # markup or MIME parts nested past any parser's depth
                skipped.append(Skipped(name, f"{name}: nested too deeply to read (parts inside "
                                             "parts, thousands deep); not an article"))
    if not articles:
        if len(skipped) == 1:
            raise NothingToRead(skipped[0].reason, skipped)
        raise NothingToRead(f"nothing to read: all {len(skipped)} sources were skipped", skipped)
    if title and len(articles) == 1:
        articles[0] = dataclasses.replace(articles[0], title=title)
    return Reading(articles, skipped)


#: Reads one unit of a source: (encoding, items, stdin) in; articles, and the feed items that gave
#: nothing, out.
_Reader = Callable[[str, int, BinaryIO | None], list[Article | Skipped]]


def _expand(source: str, skipped: list[Skipped], limits: Limits) -> Iterator[tuple[str, _Reader]]:
    """(name, reader) for each readable unit of a source: a folder gives one per file."""
    if source == "-":
        yield "-", lambda encoding, items, stdin: _read_stdin(encoding, items, stdin, limits)
        return
    if is_url(source):
        yield source, lambda encoding, items, stdin: _read_url(source, items, limits)
        return
    path = Path(source)
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        skipped.append(Skipped(source, cannot_open(path, exc)))
        return
    if stat.S_ISDIR(mode):
        yield from _folder(path, skipped, limits)
    elif not stat.S_ISREG(mode):
        skipped.append(Skipped(source, f"{path}: not a regular file (a device, pipe or socket)"))
    else:
        yield source, _file_reader(path, limits)


def _folder(path: Path, skipped: list[Skipped], limits: Limits) -> Iterator[tuple[str, _Reader]]:
    """A reader for each supported file of a folder, in name order; an entry with a supported name
    that cannot be read as a file (a link that loops or leads nowhere, a pipe) is reported in its
    place, not passed over."""
    try:
        entries = sorted(p for p in path.iterdir()
                         if not p.name.startswith(".") and p.suffix.lower() in SUFFIXES
                         and (p.suffix.lower() != ".json" or json_feed_file(p)))
    except OSError as exc:
        skipped.append(Skipped(str(path), cannot_open(path, exc)))
        return
    units = 0
    for entry in entries:
        try:
            mode = entry.stat().st_mode
        except OSError as exc:
            reader = _failing(cannot_open(entry, exc))
        else:
            if stat.S_ISDIR(mode):
                continue  # folders inside are not read: only what the folder itself holds
            reader = _file_reader(entry, limits) if stat.S_ISREG(mode) else \
                _failing(f"{entry}: not a regular file (a device, pipe or socket)")
        units += 1
        yield str(entry), reader
    if not units:
        skipped.append(Skipped(str(path), f"{path}: no readable articles in this folder "
                                          f"(looked for {', '.join(SUFFIXES)})"))


def cannot_open(path: Path, exc: OSError) -> str:
    """Why `path` cannot be opened, in words that say what to do."""
    if exc.errno == errno.ELOOP:
        return f"{path}: a symbolic link that loops (it leads back to itself); fix or remove it"
    if exc.errno == errno.ENAMETOOLONG:
        return (f"{path}: the name is too long for the file system (at most 255 bytes a name "
                "and 4096 in all); rename it")
    if exc.errno == errno.ENOENT:
        if path.is_symlink():
            return f"{path}: a symbolic link to something that does not exist; fix or remove it"
        return f"{path}: no such file or folder"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{path}: permission denied; check who may read it"
    return f"{path}: cannot open it ({exc.strerror or exc})"


def _file_reader(path: Path, limits: Limits) -> _Reader:
    """The reader of one file (made here, so that each keeps its own path)."""
    return lambda encoding, items, stdin: _read_file(path, encoding, items, limits=limits)


def _failing(reason: str) -> _Reader:
    """A reader for what cannot be read: it reports `reason` where the file's turn comes."""
    def read(encoding: str, items: int, stdin: BinaryIO | None) -> list[Article | Skipped]:
        raise SourceError(reason)
    return read


def detect_kind(data: bytes, name: str = "", content_type: str = "") -> str:
    """`feed`, `html`, `markdown`, `text` or one of `DOCUMENTS`: the content decides where it is
    clear (magic bytes, a zip's members, mail headers, JSON keys, the XML root), then the name (or
    the server's media type), then Markdown's own signs (front matter, `#` headings)."""
    document = document_kind(data)
    if document:
        return document
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml") or _FEED_ROOT.match(head):
        return "html" if b"<html" in head and not _FEED_ROOT.search(head) else "feed"
    if head.startswith((b"<!doctype html", b"<html")) or content_type in ("text/html",
                                                                         "application/xhtml+xml"):
        return "html"
    if content_type in _FEED_TYPES:
        return "feed"
    by_name = SUFFIXES.get(Path(urlparse(name).path if is_url(name) else name).suffix.lower())
    if by_name:
        return by_name
    if content_type == "text/markdown" or _MARKDOWN_SIGNS.search(head.decode("utf-8", "replace")):
        return "markdown"
    return "text"


def _read_file(path: Path, encoding: str, items: int,
               kind: str | None = None, limits: Limits | None = None) -> list[Article | Skipped]:
    limits = limits or Limits()
    try:
        with path.open("rb") as stream:
            data = _at_most(stream, limits, str(path))
    except OSError as exc:
        raise SourceError(f"{path}: cannot read it ({exc.strerror})") from None
    return _read_bytes(data, str(path), encoding, items, fallback_title=title_from_name(path),
                       kind=kind, limits=limits)


def _at_most(stream: BinaryIO, limits: Limits, name: str) -> bytes:
    """A file's or standard input's bytes, refused past `--max-mb` before they are all read: a
    page of tens of megabytes took minutes and gigabytes to read."""
    data = stream.read(limits.file_bytes + 1)
    if len(data) > limits.file_bytes:
        raise SourceError(f"{name}: larger than --max-mb {limits.file_mb:g} MB; raise --max-mb "
                          "to read it")
    return data


def _read_stdin(encoding: str, items: int, stdin: BinaryIO | None,
                limits: Limits) -> list[Article | Skipped]:
    if stdin is None and sys.stdin is None:  # started with standard input closed
        raise SourceError("-: standard input is closed; pipe the text in, or name a file instead of -")
    data = _at_most(stdin or sys.stdin.buffer, limits, "standard input")
    return _read_bytes(data, "-", encoding, items, fallback_title="News",
                       origin="standard input", limits=limits)


def _read_url(url: str, items: int, limits: Limits, kind: str | None = None) -> list[Article | Skipped]:
    got = fetch(url, limits)
    name = Path(urlparse(got.url).path).name
    return _read_bytes(got.data, url, "utf-8", items, content_type=got.content_type,
                       fallback_title=title_from_name(Path(name)) if name else urlparse(got.url).netloc,
                       link=got.url, kind=kind, limits=limits)


def _read_bytes(data: bytes, source: str, encoding: str, items: int, fallback_title: str,
                content_type: str = "", link: str | None = None, origin: str | None = None,
                kind: str | None = None, limits: Limits | None = None) -> list[Article | Skipped]:
    """Articles from a source's bytes, read as `kind` (detected when None), each `finished`; a
    feed's items that give nothing to read are `Skipped` in their place."""
    got: list[Article | Skipped] = []
    for item in _parse(data, source, encoding, items, content_type, link, origin or source, kind,
                       limits or Limits()):
        if isinstance(item, Article):
            try:
                item = finished(item, fallback_title)
            except SourceError as exc:
                item = Skipped(item.source, str(exc))
        got.append(item)
    return got


def _parse(data: bytes, source: str, encoding: str, items: int, content_type: str,
           link: str | None, origin: str, kind: str | None,
           limits: Limits) -> list[Article | Skipped]:
    # What an OPML list names ("listed") is a feed, never another list that could name the first.
    kind = ("jsonfeed" if document_kind(data) == "jsonfeed" else "feed") if kind == "listed" else \
        kind or detect_kind(data, source, content_type)
    if kind == "opml":
        return _read_opml(data, origin, encoding, items, limits)
    if kind in DOCUMENTS:
        from briefing.sources.documents import read_document

        return read_document(kind, data, source, origin, items, limits, link)
    if kind == "feed":
        from briefing.sources.feed import read_feed

        return read_feed(data, origin, items)
    if kind == "html":
        from briefing.sources.html import read_page

        article = read_page(data, source, url=link)
        if article is None:
            raise SourceError(f"{origin}: no article text found on the page")
    else:
        text = _decode(data, origin, encoding)
        if not text.strip():
            what = "empty" if not text else "only white space"
            raise SourceError(f"{origin}: the file is {what}; there is nothing to read aloud")
        if kind == "markdown":
            from briefing.sources.markdown import read_markdown

            article = read_markdown(text, source)
        else:
            from briefing.sources.text import read_text

            article = read_text(text, source)
        if article is None:
            raise SourceError(f"{origin}: no paragraph text to read aloud (only headings or code)")
    return [article]


def _read_opml(data: bytes, origin: str, encoding: str, items: int,
               limits: Limits) -> list[Article | Skipped]:
    """Every feed an OPML subscription list names, read in its turn; a feed that cannot be read
    is one `Skipped` line, and the others are still read."""
    from briefing.sources.opml import feed_sources

    got: list[Article | Skipped] = []
    for feed in feed_sources(data, origin):
        try:
            got += _read_url(feed, items, limits, kind="listed") if is_url(feed) else \
                _read_file(Path(feed), encoding, items, kind="listed", limits=limits)
        except SourceError as exc:
            got.append(Skipped(feed, str(exc)))
    return got


def read_text_article(path: Path, encoding: str = "utf-8") -> Article:
    """Read one file as a plain-text article (whatever it looks like), raising `SourceError` if
    it is not usable text."""
    [article] = _read_file(path, encoding, DEFAULT_ITEMS, kind="text")
    if isinstance(article, Skipped):
        raise SourceError(article.reason)
    return article


#: Byte-order marks of the encodings a file in which NUL bytes are text may be in.
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _decode(data: bytes, origin: str, encoding: str) -> str:
    """The text of `data` in `encoding`; decoded first, since in UTF-16 or UTF-32 NUL bytes are
    part of every character, and only then checked for what no text holds."""
    codec = check_encoding(encoding)
    if codec == "utf-8":
        codec = "utf-8-sig"  # a byte-order mark is not part of the article
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        wide = next((name for bom, name in _WIDE_BOMS if data.startswith(bom)), None)
        if wide:
            raise SourceError(f"{origin}: the file is {wide.upper()} text; pass --encoding {wide}") \
                from None
        if b"\x00" in data:
            raise SourceError(f"{origin}: looks like binary data (it contains NUL bytes), not text") \
                from None
        bad = data[exc.start : exc.start + 1].hex()
        raise SourceError(
            f"{origin}: not valid {encoding} text (byte 0x{bad} at offset {exc.start}); "
            "if the file uses another encoding, pass it with --encoding, e.g. --encoding latin-1"
        ) from None
    if "\x00" in text:
        raise SourceError(f"{origin}: looks like binary data (it contains NUL bytes), not text")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if text and controls / len(text) > _CONTROL_LIMIT:
        raise SourceError(f"{origin}: looks like binary data (control characters), not text")
    return text


#: In a file name: a date ("2025-03-04", "20250304", "04-03-2025"), a language tag at the end
#: ("-es", "_pt-BR"), and a short word without a vowel, an abbreviation ("bbc").
_NAME_DATE = re.compile(r"(?<!\d)(?:(?:19|20)\d\d[-_.]?(?:0[1-9]|1[0-2])[-_.]?(?:0[1-9]|[12]\d|3[01])"
                        r"|(?:0[1-9]|[12]\d|3[01])[-_.](?:0[1-9]|1[0-2])[-_.](?:19|20)\d\d)(?!\d)")
_NAME_LANGUAGE = re.compile(r"(?i)(?:^|[-_.\s])(?:en|es|fr|it|pt|de|ja|zh)(?:[-_][a-z]{2})?$")
_NAME_ABBREVIATION = re.compile(r"[b-df-hj-np-tv-xz]{2,4}")


def title_from_name(path: Path) -> str:
    """A title from a file name, in sentence case: `us-election_results.txt` -> `Us election
    results`. It is said in the intro, so the date and language tag are left out (`noticia-es.txt`
    -> `Noticia`, not "Noticia Es", read "is" in English), and no capital is added to every word
    (engines read each as a name); `2025-03-04-bbc-news.html` -> `BBC news`."""
    stem = _NAME_LANGUAGE.sub("", _NAME_DATE.sub(" ", path.stem).strip(" -_."))
    words = [w.upper() if _NAME_ABBREVIATION.fullmatch(w) else w
             for w in stem.replace("_", " ").replace("-", " ").split()]
    if not words:
        return "News"
    title = " ".join(words)
    return title[0].upper() + title[1:]
