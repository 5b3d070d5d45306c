"""Word (DOCX) and OpenDocument text (ODT) documents: headings become sections, as in a page.

DOCX is converted by mammoth, which knows Word's structure (tracked insertions kept, deletions
dropped, content controls read, lists as lists), into HTML that then takes the same path as a
feed item's content. mammoth opens the zip and parses its XML with the standard library, which
expands entities, so it is never given the file as it came: it gets a copy holding only the XML
parts, each read within the archive's limits and parsed hardened first (see `archive`). Images,
fonts and the like are not copied, and so never expanded. Footnotes and endnotes are left out of
what is read, as their markers would be read as stray numbers.

ODT has no such converter, and needs none: its `content.xml` says what is a heading (with its
level) and what is a paragraph, so it is walked directly.

Either way the title is the document's own (`dc:title` in its metadata), else its first heading,
and its date the last time it was saved (else when it was created): the moment it was final.
"""

import io
import zipfile
from collections.abc import Iterator

import mammoth
from lxml import etree
from lxml import html as lxml_html

from briefing.errors import SourceError
from briefing.sources.archive import Container, parse_xml, shown
from briefing.sources.article import Article, Block, Skipped, article_from_blocks, parse_when
from briefing.sources.html import html_fragment_blocks

_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
_FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
_NS = {"dc": _DC, "dcterms": _DCTERMS, "w": _W, "office": _OFFICE, "text": _TEXT, "style": _STYLE,
       "meta": _META, "fo": _FO}

#: Word's title paragraphs, which mammoth leaves as plain paragraphs, are the document's headline.
_STYLE_MAP = "p[style-name='Title'] => h1:fresh\np[style-name='Subtitle'] => p:fresh"
#: mammoth's markers of footnotes and endnotes, and the list of their texts at the end.
_NOTES = ("//sup[a[starts-with(@href, '#footnote-') or starts-with(@href, '#endnote-')]]"
          " | //ol[li[starts-with(@id, 'footnote-') or starts-with(@id, 'endnote-')]]")


def read_office(kind: str, data: bytes, source: str, origin: str,
                link: str | None = None) -> list[Article | Skipped]:
    """The one article of a DOCX or ODT document (`kind` is `docx` or `odt`)."""
    with Container(data, origin, kind) as container:
        article = _docx(container, source, link) if kind == "docx" else _odt(container, source, link)
    if article is None:
        raise SourceError(f"{origin}: no paragraph text to read aloud in the {kind.upper()} "
                          "document (only headings, tables or images)")
    return [article]


#: The most XML a Word document's parts may hold together: mammoth builds a DOM of each, some
#: dozens of times their size in memory, and a long book's text is a few megabytes.
MAX_DOCX_XML = 30 * 2**20
#: The parts whose parsed trees are kept (the others are parsed only to be checked).
_KEPT = ("docProps/core.xml", "word/styles.xml")


def _docx(container: Container, source: str, link: str | None) -> Article | None:
    parts: dict[str, bytes] = {}
    trees: dict[str, etree._Element] = {}
    for name in container.names():
        if name.lower().endswith((".xml", ".rels")) and name not in parts:
            parts[name] = container.read(name)
            if sum(map(len, parts.values())) > MAX_DOCX_XML:
                raise SourceError(f"{container.origin}: the DOCX file's text parts hold more than "
                                  f"{MAX_DOCX_XML >> 20} MB of XML, more than any document's "
                                  "text; not read")
            tree = parse_xml(parts[name], f"{container.origin}: {shown(name)}")
            if name in _KEPT:
                trees[name] = tree
    if "word/document.xml" not in parts:
        container.read("word/document.xml")  # says it is missing
    html = _docx_html(_xml_only(parts), container.origin)
    core, styles = trees.get("docProps/core.xml"), trees.get("word/styles.xml")
    title = _text(core, "dc:title")
    return article_from_blocks(
        _title_first(html_fragment_blocks(html), title), source, title,
        language=_text(core, "dc:language") or _value(styles, "w:docDefaults//w:lang", f"{{{_W}}}val"),
        author=_text(core, "dc:creator"),
        published=parse_when(_text(core, "dcterms:modified") or _text(core, "dcterms:created")),
        link=link,
    )


def _xml_only(parts: dict[str, bytes]) -> bytes:
    """A zip of the parts that passed the checks, stored uncompressed: all mammoth gets to read."""
    copy = io.BytesIO()
    with zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return copy.getvalue()


def _docx_html(docx: bytes, origin: str) -> str:
    """mammoth's HTML of the document, without the notes. The style map embedded in a document
    is not used (the document would decide how it is read), nor is any image looked at."""
    try:
        result = mammoth.convert_to_html(
            io.BytesIO(docx), style_map=_STYLE_MAP, include_embedded_style_map=False,
            external_file_access=False, convert_image=mammoth.images.img_element(lambda image: {}))
    except Exception as exc:  # mammoth meets what Word never writes with any exception at all
        raise SourceError(f"{origin}: the DOCX file is damaged or not a Word document ({type(exc).__name__}: "
                          f"{shown(str(exc))})") from None
    html: str = result.value
    if "footnote-" not in html and "endnote-" not in html:
        return html
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    for note in root.xpath(_NOTES):
        note.drop_tree()
    return etree.tostring(root, encoding="unicode", method="html")


def _title_first(blocks: list[Block], title: str | None) -> list[Block]:
    """A first paragraph that is the document's title (typed in its own style, or in none) is
    its headline, as a first heading would be: spoken once, as the title."""
    if blocks and title and not blocks[0].level and _same(blocks[0].text, title):
        return [Block(blocks[0].text, 1), *blocks[1:]]
    return blocks


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold().strip(" .") == " ".join(b.split()).casefold().strip(" .")


def _text(root: etree._Element | None, path: str) -> str | None:
    """The text of the first element at `path` (prefixes from `_NS`) under `root`, if it has any."""
    found = root.find(path, _NS) if root is not None else None
    text = " ".join("".join(found.itertext()).split()) if found is not None else ""
    return text or None


def _value(root: etree._Element | None, path: str, attribute: str) -> str | None:
    found = root.find(path, _NS) if root is not None else None
    return (found.get(attribute) or "").strip() or None if found is not None else None


def _odt(container: Container, source: str, link: str | None) -> Article | None:
    content = container.xml("content.xml")
    body = content.find("office:body/office:text", _NS)
    if body is None:
        raise SourceError(f"{container.origin}: content.xml has no text body; it is not an "
                          "OpenDocument text (a spreadsheet or a presentation?)")
    meta = container.xml("meta.xml").find("office:meta", _NS) if container.has("meta.xml") else None
    styles = container.xml("styles.xml") if container.has("styles.xml") else None
    title = _text(meta, "dc:title")
    return article_from_blocks(
        _title_first(list(_odt_blocks(body, _title_styles(content))), title), source, title,
        language=_text(meta, "dc:language") or _value(
            styles, "office:styles/style:default-style[@style:family='paragraph']/style:text-properties",
            f"{{{_FO}}}language"),
        author=_text(meta, "dc:creator") or _text(meta, "meta:initial-creator"),
        published=parse_when(_text(meta, "dc:date") or _text(meta, "meta:creation-date")),
        link=link,
    )


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


_H, _P, _LIST, _SECTION = _q("text:h"), _q("text:p"), _q("text:list"), _q("text:section")
_ITEMS = {_q("text:list-item"), _q("text:list-header")}
_STYLE_NAME = _q("text:style-name")
#: Inline parts that are not the paragraph's own words: notes (read nowhere), comments, frames
#: (images, text boxes, their captions), and ruby annotations read after their base text.
_NOT_INLINE = {_q(n) for n in ("text:note", "office:annotation", "text:ruby-text")} | {
    f"{{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}}{n}" for n in ("frame", "a", "custom-shape")}


def _title_styles(content: etree._Element) -> set[str]:
    """The paragraph styles that are LibreOffice's Title: its own, and automatic ones based on it."""
    titles = {"Title"}
    for style in content.iterfind("office:automatic-styles/style:style", _NS):
        if style.get(_q("style:parent-style-name")) == "Title":
            titles.add(style.get(_q("style:name")) or "Title")
    return titles


def _odt_blocks(parent: etree._Element, titles: set[str]) -> Iterator[Block]:
    """Headings and paragraphs in reading order: list items are paragraphs, sections are read
    through; tables, indexes (generated tables of contents) and the record of tracked changes
    (where deleted text is kept) are not read."""
    for element in parent:
        if element.tag == _H:
            level = element.get(_q("text:outline-level"), "1")
            yield Block(_inline(element), min(max(int(level) if level.isdigit() else 1, 1), 6))
        elif element.tag == _P:
            yield Block(_inline(element), 1 if element.get(_STYLE_NAME) in titles else 0)
        elif element.tag in (_LIST, _SECTION) or element.tag in _ITEMS:
            yield from _odt_blocks(element, titles)


_SPACE, _TAB, _BREAK = _q("text:s"), _q("text:tab"), _q("text:line-break")
#: Punctuation that follows a word without a space.
_CLOSING = tuple(".,;:!?)]")


def _inline(element: etree._Element) -> str:
    """The words of a paragraph or heading, its spans and links included, its notes left out."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == _SPACE:
            count = child.get(_q("text:c"), "1")
            parts.append(" " * min(int(count) if count.isdigit() else 1, 100))
        elif child.tag in (_TAB, _BREAK):
            parts.append(" ")
        elif isinstance(child.tag, str) and child.tag not in _NOT_INLINE:
            parts.append(_inline(child))
        elif (child.tail or "")[:1] in _CLOSING:  # "grain<note/>." was "grain ." without its note
            parts[-1] = parts[-1].rstrip()
        parts.append(child.tail or "")
    return "".join(parts)
