"""EPUB books: one article for the book, one section for each chapter, in reading order.

The package document (found through `META-INF/container.xml`) gives the book's metadata and its
spine, the reading order; its table of contents gives the chapters' titles (the EPUB 3 navigation
document, else EPUB 2's NCX), and a chapter the contents do not name is titled by its own first
heading. The navigation document itself and what the spine marks as not read in order
(`linear="no"`: answers, pop-up notes) are not chapters. A chapter's XHTML then takes the same
path as a feed item's content, once what is not its running text is taken out: footnotes and the
markers pointing at them, page-break markers (printed page numbers), asides and navigation.
"""

import posixpath
from urllib.parse import unquote, urlsplit

from lxml import etree

from briefing.errors import SourceError
from briefing.sources.archive import Container, shown
from briefing.sources.article import Article, Block, Section, Skipped, parse_when
from briefing.sources.html import html_fragment_blocks

_CONTAINER = "urn:oasis:names:tc:opendocument:xmlns:container"
_OPF = "http://www.idpf.org/2007/opf"
_NCX = "http://www.daisy.org/z3986/2005/ncx/"
_XHTML = "http://www.w3.org/1999/xhtml"
_OPS = "http://www.idpf.org/2007/ops"
_NS = {"c": _CONTAINER, "opf": _OPF, "dc": "http://purl.org/dc/elements/1.1/", "ncx": _NCX,
       "x": _XHTML, "epub": _OPS}
_TYPE = f"{{{_OPS}}}type"
#: `epub:type`s of what is not a chapter's running text.
_NOT_TEXT = {"footnote", "footnotes", "endnote", "endnotes", "rearnote", "rearnotes", "noteref",
             "pagebreak", "annotation"}
#: Elements never read: their contents are not the chapter's text (or not text at all).
_SILENT = {"head", "aside", "nav", "script", "style", "svg", "math", "figure", "table"}


def read_epub(data: bytes, source: str, origin: str) -> list[Article | Skipped]:
    """The book as one article: its title, language, author and date from the package, and its
    chapters as sections in spine order."""
    with Container(data, origin, "epub") as book:
        opf_path = _package_path(book)
        opf = book.xml(opf_path, doctype=True)
        folder = posixpath.dirname(opf_path)
        items = {item.get("id", ""): item for item in opf.iterfind("opf:manifest/opf:item", _NS)}
        titles = _toc_titles(book, opf, items, folder)
        encrypted = _encrypted(book)
        navigation = {_href(folder, i.get("href")) for i in items.values()
                      if "nav" in (i.get("properties") or "").split()}
        sections, read = [], set()
        for ref in opf.iterfind("opf:spine/opf:itemref", _NS):
            item = items.get(ref.get("idref", ""))
            if item is None or (ref.get("linear") or "").strip() == "no":
                continue
            path = _href(folder, item.get("href"))
            if path in navigation or path in read or "html" not in (item.get("media-type") or "xhtml"):
                continue  # (a spine that names a chapter twice reads it once)
            read.add(path)
            if path in encrypted:
                raise SourceError(f"{origin}: the book is encrypted (DRM); briefing reads only books "
                                  "without it")
            section = _chapter(book, path, titles.get(path))
            if section is not None:
                sections.append(section)
    if not sections:
        raise SourceError(f"{origin}: no chapter of the book has text to read aloud")
    metadata = opf.find("opf:metadata", _NS)
    return [Article(
        title=_first(metadata, "dc:title") or "", sections=tuple(sections), source=source,
        language=_first(metadata, "dc:language"), author=_first(metadata, "dc:creator"),
        published=parse_when(_first(metadata, "dc:date")))]


def _package_path(book: Container) -> str:
    container = book.xml("META-INF/container.xml", doctype=True)
    rootfile = container.find("c:rootfiles/c:rootfile", _NS)
    path = rootfile.get("full-path") if rootfile is not None else None
    if not path:
        raise SourceError(f"{book.origin}: META-INF/container.xml names no package document; "
                          "the EPUB file is damaged")
    return path


def _encrypted(book: Container) -> set[str]:
    """The members `META-INF/encryption.xml` lists: a DRM-protected book's chapters (a book
    whose fonts alone are obfuscated lists only those)."""
    if not book.has("META-INF/encryption.xml"):
        return set()
    listing = book.xml("META-INF/encryption.xml", doctype=True)
    return {_href("", reference.get("URI"))
            for reference in listing.iter("{http://www.w3.org/2001/04/xmlenc#}CipherReference")}


def _href(folder: str, href: str | None) -> str:
    """The member an href in a document of `folder` points at (without its #fragment)."""
    path = unquote(urlsplit(href or "").path)
    return posixpath.normpath(posixpath.join(folder, path)).lstrip("/")


def _first(metadata: etree._Element | None, path: str) -> str | None:
    found = metadata.find(path, _NS) if metadata is not None else None
    text = " ".join("".join(found.itertext()).split()) if found is not None else ""
    return text or None


def _toc_titles(book: Container, opf: etree._Element, items: dict[str, etree._Element],
                folder: str) -> dict[str, str]:
    """Each chapter's title in the table of contents, by member; a chapter listed several times
    (at its start and at its parts' #anchors) is titled by its first entry."""
    nav = next((i for i in items.values() if "nav" in (i.get("properties") or "").split()), None)
    spine = opf.find("opf:spine", _NS)
    ncx = items.get(spine.get("toc", "") if spine is not None else "")
    if ncx is None:
        ncx = next((i for i in items.values() if i.get("media-type") == "application/x-dtbncx+xml"), None)
    entries: list[tuple[str, str]] = []
    if nav is not None and book.has(path := _href(folder, nav.get("href"))):
        root = book.xml(path, doctype=True)
        navs = root.findall(".//x:nav", _NS)
        toc = next((n for n in navs if "toc" in (n.get(_TYPE) or "").split()), navs[0] if navs else None)
        if toc is not None:
            entries = [(_href(posixpath.dirname(path), a.get("href")), _words(a))
                       for a in toc.iterfind(".//x:a[@href]", _NS)]
    if not entries and ncx is not None and book.has(path := _href(folder, ncx.get("href"))):
        root = book.xml(path, doctype=True)
        for point in root.iterfind(".//ncx:navPoint", _NS):
            label, content = point.find("ncx:navLabel", _NS), point.find("ncx:content", _NS)
            if label is not None and content is not None:
                entries.append((_href(posixpath.dirname(path), content.get("src")), _words(label)))
    titles: dict[str, str] = {}
    for member, title in entries:
        if member and title:
            titles.setdefault(member, title)
    return titles


def _words(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _chapter(book: Container, path: str, title: str | None) -> Section | None:
    """A chapter as a section: its title from the contents, else its first heading. Headings
    before its first paragraph are its title, already given; later ones are read as paragraphs."""
    if not book.has(path):
        raise SourceError(f"{book.origin}: the spine names {shown(path)}, which the EPUB file does "
                          "not hold; it is damaged")
    blocks = html_fragment_blocks(_body_html(book.xml(path, doctype=True)))
    blocks = [b for b in blocks if b.text.strip()]
    leading: list[Block] = []
    while blocks and blocks[0].level:
        leading.append(blocks.pop(0))
    paragraphs = tuple(b.text for b in blocks)
    if not paragraphs:
        return None
    return Section(paragraphs, title or (leading[0].text if leading else None))


def _body_html(root: etree._Element) -> str:
    """The chapter's body as HTML without namespaces, and without what is not its text."""
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        element.tag = etree.QName(element).localname
        kinds = set((element.get(_TYPE) or "").split()) | set((element.get("role") or "").split())
        if element.tag in _SILENT or kinds & _NOT_TEXT or {k.removeprefix("doc-") for k in kinds} & _NOT_TEXT:
            parent = element.getparent()
            if parent is not None:
                _remove(element, parent)
    body = next((e for e in root.iter("body")), root)
    etree.cleanup_namespaces(body)
    inner = [body.text or "", *(etree.tostring(child, encoding="unicode") for child in body)]
    return "".join(inner)


def _remove(element: etree._Element, parent: etree._Element) -> None:
    """Take `element` out, keeping the text that follows it."""
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
