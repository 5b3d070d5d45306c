"""PDF documents: their text in reading order, as one article, read with pdfminer.six.

pdfminer.six (MIT) is used because its layout analysis places text by where it stands on the page:
readers that follow the file's drawing order scramble two columns, and a column drawn last, or
lines drawn shuffled, are common in what page-layout programs write. `pdf_layout` turns each page
into text boxes in reading order, `pdf_text` leaves out the page's furniture (running headers,
footers, page numbers, footnotes) and makes headings and paragraphs; the title and date come from
the document's metadata.

A PDF that cannot be read is one line naming it and why: a scan without a text layer (OCR is not
something briefing does), a password, more pages than `--max-pages`, a damaged or cut-short file.
Nothing pdfminer raises reaches the user as a traceback.
"""

import datetime as dt
import io
import logging
import re
from itertools import islice
from typing import Any

from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text

from briefing.errors import SourceError
from briefing.sources.article import Article, Skipped, article_from_blocks
from briefing.sources.pdf_layout import MAX_GLYPHS, Device, DrawnTooMuch, Page, page_text
from briefing.sources.pdf_text import document_blocks

log = logging.getLogger(__name__)

#: Titles that PDF writers put in the metadata when the author gave none: not a headline.
_NO_TITLE = re.compile(r"(?:untitled|unknown|no title|title|document\d*|microsoft word\b.*|.*\."
                       r"(?:docx?|odt|rtf|pdf|indd|qxd|tex|dvi|ps|pages|pptx?|xlsx?))\s*", re.I)
_NO_AUTHOR = re.compile(r"(?:anonymous|unknown|author|user|admin(?:istrator)?)\s*", re.I)
_DATE = re.compile(r"(?:D:)?(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?(\d\d)?(?:([Zz])|([-+])(\d\d)'?(\d\d)?'?)?")


def read_pdf(data: bytes, source: str, origin: str, max_pages: int,
             link: str | None = None) -> list[Article | Skipped]:
    """The PDF's text as one article: title from the metadata (else the largest heading on page
    one), date from the metadata's creation date, sections from its headings."""
    # Acrobat, too, wants the end-of-file marker in the last 1,024 bytes; a file without it was
    # cut short in a download, and what pdfminer would still find in it is only a part.
    if b"%%EOF" not in data[-1024:]:
        raise SourceError(f"{origin}: the PDF is cut short (it has no end-of-file marker); "
                          "download or save it again")
    _quiet()
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
        pages, unmapped = _read_pages(document, origin, max_pages)
        info = _metadata(document)
    except SourceError:
        raise
    except DrawnTooMuch as exc:
        raise SourceError(f"{origin}: page {exc.page} of the PDF draws more than {MAX_GLYPHS:,} "
                          "characters (a drawing repeated inside itself?); not read") from None
    except PDFPasswordIncorrect:
        raise SourceError(f"{origin}: the PDF is protected by a password; save a copy without "
                          "the password to read it") from None
    except PDFEncryptionError as exc:
        raise SourceError(f"{origin}: the PDF is encrypted in a way briefing cannot open "
                          f"({_why(exc)}); save a copy without encryption to read it") from None
    except Exception as exc:  # pdfminer raises anything from a damaged file, not only its own
        log.debug("pdfminer failed on %s", origin, exc_info=True)
        raise SourceError(f"{origin}: the PDF is damaged and cannot be read ({_why(exc)}); "
                          "download or save it again") from None
    drawn = sum(len(line.text) for page in pages for box in page.boxes for line in box.lines)
    blocks, title = document_blocks(pages, info.get("Title"))
    if unmapped > drawn or not any(block.text.strip() for block in blocks):
        if unmapped:  # most glyphs have no character: what is left would be words with holes
            raise SourceError(f"{origin}: the PDF's fonts do not say which letters they draw, so "
                              "its text cannot be read; it needs OCR first, which briefing does "
                              "not do")
        if any(page.images for page in pages):
            raise SourceError(f"{origin}: the PDF has no text layer (a scan?): it needs OCR first, "
                              "which briefing does not do")
        raise SourceError(f"{origin}: the PDF has no text to read aloud")
    article = article_from_blocks(blocks, source, title, published=_when(info.get("CreationDate")),
                                  author=info.get("Author"), language=info.get("Lang"), link=link)
    if article is None:
        raise SourceError(f"{origin}: the PDF has only headings, no paragraph text to read aloud")
    return [article]


def _quiet() -> None:
    """pdfminer logs every oddity of a file (a missing font box, a broken object it recovers)
    as a warning, and at debug level every object it parses: nothing a reader of a bulletin can
    act on. Unless someone set its level, only its errors are shown."""
    logger = logging.getLogger("pdfminer")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.ERROR)


def _read_pages(document: PDFDocument, origin: str, max_pages: int) -> tuple[list[Page], int]:
    """Every page's text boxes, and how many glyphs had no character; `SourceError` for a
    document with more than `max_pages` pages or none."""
    found = list(islice(PDFPage.create_pages(document), max_pages + 1))
    if len(found) > max_pages:
        count = resolve1(resolve1(document.catalog.get("Pages"), {}).get("Count"))
        many = f"{count} pages" if isinstance(count, int) and count > max_pages \
            else f"more than {max_pages} pages"
        raise SourceError(f"{origin}: the PDF has {many}, more than --max-pages {max_pages}; "
                          "raise --max-pages to read it")
    if not found:
        raise SourceError(f"{origin}: the PDF has no pages")
    resources = PDFResourceManager(caching=True)
    device = Device(resources)
    interpreter = PDFPageInterpreter(resources, device)
    pages = []
    for number, page in enumerate(found, 1):
        interpreter.process_page(page)
        pages.append(page_text(device.get_result(), number))
    return pages, device.unmapped


def _metadata(document: PDFDocument) -> dict[str, str]:
    """Title, Author and CreationDate from the document information (the newest first, in a file
    updated in place), and the language the catalog declares, where they say something."""
    found: dict[str, str] = {}
    for info in document.info:
        for key in ("Title", "Author", "CreationDate"):
            text = _text(info.get(key))
            if text and key not in found:
                found[key] = text
    if _NO_TITLE.fullmatch(found.get("Title", "")):
        found.pop("Title", None)
    if _NO_AUTHOR.fullmatch(found.get("Author", "")):
        found.pop("Author", None)
    language = _text(document.catalog.get("Lang"))
    if language:
        found["Lang"] = language
    return found


def _text(value: Any) -> str | None:
    """A metadata value as text: strings are PDFDocEncoding or UTF-16 with a byte-order mark."""
    value = resolve1(value)
    if isinstance(value, bytes):
        value = decode_text(value)
    elif isinstance(value, PSLiteral):
        value = value.name if isinstance(value.name, str) else None
    if not isinstance(value, str):
        return None
    return " ".join(value.replace("\x00", "").split()) or None


def _when(value: str | None) -> dt.datetime | None:
    """A PDF date (`D:20261123093000+01'00'`) as a datetime; None if it is not one."""
    match = _DATE.match(value or "")
    if not match:
        return None
    year, month, day, hour, minute, second, utc, sign, off_h, off_m = match.groups()
    zone = dt.UTC if utc else None
    if sign:
        offset = dt.timedelta(hours=int(off_h), minutes=int(off_m or 0))
        zone = dt.timezone(-offset if sign == "-" else offset)
    try:
        return dt.datetime(int(year), int(month or 1), int(day or 1), int(hour or 0),
                           int(minute or 0), int(second or 0), tzinfo=zone)
    except ValueError:
        return None


def _why(exc: Exception) -> str:
    """An exception as a short line: its words if it has any, else its kind."""
    words = " ".join(str(exc).split())
    words = words if len(words) <= 100 else words[:100].rstrip() + "..."
    return words or type(exc).__name__
