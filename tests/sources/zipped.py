"""Documents in zip containers (DOCX, ODT, EPUB), made by the tests: real files, built in code.

DOCX comes from python-docx, which writes what Word writes; ODT and EPUB are built member by
member, as their specifications lay them out (a stored `mimetype` first), so that a test can put
into them exactly what it is about.
"""

import io
import zipfile
from pathlib import Path

import docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def zip_bytes(members: list[tuple[str, bytes | str]], stored: tuple[str, ...] = ("mimetype",)) -> bytes:
    """A zip of `members` in order; those named in `stored` are not compressed."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            method = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=method)
    return out.getvalue()


def harbour_docx(path: Path, title: str | None = None) -> Path:
    """A Word document: a Title paragraph, headings, paragraphs, a bulleted list, and a line
    typed with Word's private-use bullet character, as text pasted from Word arrives."""
    document = docx.Document()
    if title:
        document.core_properties.title = title
    document.add_heading("Harbour stays open at night", 0)
    document.add_paragraph("The port stayed open all night for the first time.")
    document.add_heading("Night shift", 1)
    document.add_paragraph("Crews unloaded grain and steel until dawn.")
    document.add_paragraph("Grain from the north", style="List Bullet")
    document.add_paragraph("Steel for the bridge", style="List Bullet")
    document.add_paragraph("\uf0b7\tA line with a bullet typed by hand.")
    document.add_heading("Morning", 1)
    document.add_paragraph("The morning shift arrived at six.")
    document.save(path)
    return path


def with_members(data: bytes, replaced: dict[str, bytes | str]) -> bytes:
    """The zip `data` with some members' contents replaced, and others added at its end."""
    replaced = dict(replaced)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [(info.filename, replaced.pop(info.filename, None) or archive.read(info))
                   for info in archive.infolist()]
    return zip_bytes([*members, *replaced.items()])


def document_xml(body: str, prolog: str = "") -> str:
    """Word's main part with `body` (WordprocessingML paragraphs) as its body."""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
            f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')


def word_docx(path: Path, body: str, prolog: str = "", parts: dict[str, bytes | str] | None = None) -> Path:
    """A DOCX from python-docx whose document.xml is replaced by one with `body`, and other
    `parts` replaced or added."""
    document = docx.Document()
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(with_members(buffer.getvalue(),
                                  {"word/document.xml": document_xml(body, prolog), **(parts or {})}))
    return path


ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"
_ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" '
           'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')


def odt_bytes(text: str, meta: str = "", prolog: str = "") -> bytes:
    """An OpenDocument text whose body is `text` (ODF elements) and whose metadata is `meta`."""
    content = (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content {_ODT_NS} '
               f'office:version="1.3"><office:body><office:text>{text}</office:text></office:body>'
               '</office:document-content>')
    meta_xml = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {_ODT_NS} '
                f'office:version="1.3"><office:meta>{meta}</office:meta></office:document-meta>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODT_MIMETYPE}"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    return zip_bytes([("mimetype", ODT_MIMETYPE), ("content.xml", content), ("meta.xml", meta_xml),
                      ("META-INF/manifest.xml", manifest)])


CONTAINER = ('<?xml version="1.0"?><container version="1.0" '
             'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
             '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
             '</rootfiles></container>')


def xhtml(body: str, title: str = "Chapter", prolog: str = "<!DOCTYPE html>") -> str:
    """An EPUB 3 content document (XHTML) with `body`."""
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<html xmlns="http://www.w3.org/1999/xhtml" '
            f'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>{title}</title></head>'
            f'<body>{body}</body></html>')


def epub_bytes(chapters: dict[str, str], spine: list[str], metadata: str, nav: str | None = None,
               ncx: str | None = None, linear_no: tuple[str, ...] = ()) -> bytes:
    """An EPUB whose `chapters` (file name in OEBPS/text/ → XHTML) are read in `spine` order; the
    manifest lists them in name order, so that only the spine can give the reading order. `nav`
    (EPUB 3) and `ncx` (EPUB 2) are the tables of contents, at OEBPS/nav.xhtml and OEBPS/toc.ncx."""
    ids = {name: f"c{n}" for n, name in enumerate(sorted(chapters))}
    items = [f'<item id="{ids[name]}" href="text/{name}" media-type="application/xhtml+xml"/>'
             for name in sorted(chapters)]
    linear = ' linear="no"'
    refs = [f'<itemref idref="{ids[name]}"{linear if name in linear_no else ""}/>' for name in spine]
    members: list[tuple[str, bytes | str]] = [("mimetype", "application/epub+zip"),
                                              ("META-INF/container.xml", CONTAINER)]
    if nav is not None:
        items.append('<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" '
                     'properties="nav"/>')
        refs.insert(0, '<itemref idref="nav"/>')  # read by some books first: never a chapter
        members.append(("OEBPS/nav.xhtml", nav))
    if ncx is not None:
        items.append('<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>')
        members.append(("OEBPS/toc.ncx", ncx))
    toc = ' toc="ncx"' if ncx is not None else ""
    opf = ('<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" '
           'version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
           f'{metadata}</metadata><manifest>{"".join(items)}</manifest>'
           f'<spine{toc}>{"".join(refs)}</spine></package>')
    members.append(("OEBPS/content.opf", opf))
    members += [(f"OEBPS/text/{name}", text) for name, text in chapters.items()]
    return zip_bytes(members)


def nav_xhtml(entries: list[tuple[str, str]]) -> str:
    """An EPUB 3 navigation document listing (href from OEBPS/, title) entries."""
    items = "".join(f'<li><a href="{href}">{title}</a></li>' for href, title in entries)
    return xhtml(f'<nav epub:type="toc"><h1>Contents</h1><ol>{items}</ol></nav>'
                 '<nav epub:type="landmarks"><ol><li><a href="text/a.xhtml">Start</a></li></ol></nav>',
                 "Contents")
