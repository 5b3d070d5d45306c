"""Reading PDFs: real files made by reportlab (see `pdfs`), read as a user's sources are.

Each made PDF knows its sentences in reading order; at least 98 % of them must come out whole (in
one paragraph) and 98 % in order, and nothing of the page's furniture may be spoken.
"""

import datetime as dt
import io
from collections import Counter
from pathlib import Path

import pytest
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from briefing.errors import SourceError
from briefing.sources.article import Article
from briefing.sources.pdf import _when, read_pdf
from briefing.sources.pdf_text import _CONTENTS, _page_number, join
from briefing.sources.read import detect_kind, read_sources

from ..conftest import DATE, ffprobe, run_cli
from . import pdfs

OCR = "the PDF has no text layer (a scan?): it needs OCR first, which briefing does not do"


def measured(doc: pdfs.Doc, article: Article) -> tuple[float, float]:
    """The share of the document's sentences found whole in one paragraph, and the share found in
    order (the longest run of them in increasing position)."""
    text = "\n".join(p for s in article.sections for p in s.paragraphs)
    positions = [text.find(s) for s in doc.sentences if s in text]
    tails: list[int] = []  # patience sorting: the longest increasing subsequence's length
    for position in positions:
        n = next((k for k, tail in enumerate(tails) if tail >= position), len(tails))
        tails[n:n + 1] = [position]
    return len(positions) / len(doc.sentences), len(tails) / len(doc.sentences)


def read_one(path: Path) -> Article:
    [article] = read_sources([path]).articles
    return article


def spoken(*sources: Path | str) -> str:
    result = run_cli("script", *sources)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_press_release_reads_whole_sentences_without_the_page_furniture(tmp_path):
    doc = pdfs.press_release(tmp_path / "press.pdf")
    article = read_one(doc.path)
    assert measured(doc, article) >= (0.98, 0.98)
    assert article.title == doc.title
    assert article.author == "Riverside County"
    assert isinstance(article.published, dt.datetime)
    assert [s.title for s in article.sections] == [None, *doc.headings]
    text = " ".join(p for s in article.sections for p in s.paragraphs)
    # Hyphenation at line ends: a typesetter's hyphen goes, a compound's stays.
    assert "the council in charge" in text and "coun-cil" not in text
    assert "drawn up by a well-known firm" in text
    assert "rose by a fifth. The long-term plan" in text  # the footnote's marker left out
    script = spoken(doc.path)
    for noise in doc.noise:
        assert noise not in script, noise
    assert doc.title in script


@pytest.mark.parametrize("shuffled", [False, True], ids=["in-order", "drawn-shuffled"])
def test_two_column_newsletter_reads_column_by_column(tmp_path, shuffled):
    doc = pdfs.newsletter(tmp_path / "news.pdf", shuffled=shuffled)
    article = read_one(doc.path)
    assert measured(doc, article) >= (0.98, 0.98)
    assert article.title == doc.title  # no title in the metadata: the largest text on page one
    assert [s.title for s in article.sections] == doc.headings
    script = spoken(doc.path)
    for noise in doc.noise:
        assert noise not in script, noise


def test_a_full_width_band_is_read_between_the_columns_above_and_below(tmp_path):
    doc = pdfs.band_page(tmp_path / "band.pdf")
    article = read_one(doc.path)
    assert measured(doc, article) >= (0.98, 0.98)
    assert [s.title for s in article.sections] == [None, *doc.headings]
    assert article.title == "Band"  # two headings as large as each other: neither is the title


def test_a_pdf_is_known_by_its_content_whatever_its_name(tmp_path):
    doc = pdfs.band_page(tmp_path / "band.pdf")
    renamed = tmp_path / "notes.txt"
    renamed.write_bytes(doc.path.read_bytes())
    assert detect_kind(renamed.read_bytes(), str(renamed)) == "pdf"
    assert measured(doc, read_one(renamed)) >= (0.98, 0.98)


def _one_page(path: Path, text: str = "The bridge reopened on Monday. Traffic was light.",
              encrypt: StandardEncryption | None = None) -> Path:
    canvas = Canvas(str(path), encrypt=encrypt)
    canvas.drawString(72, 700, text)
    canvas.showPage()
    canvas.save()
    return path


@pytest.fixture
def other(tmp_path: Path) -> Path:
    path = tmp_path / "other.txt"
    path.write_text("Rain is expected by evening.\n")
    return path


def test_a_scan_needs_ocr_and_the_other_sources_are_still_read(tmp_path, other):
    from PIL import Image, ImageDraw

    image = Image.new("L", (600, 800), 255)
    ImageDraw.Draw(image).rectangle((50, 50, 550, 90), fill=0)  # a line of "print", as pixels
    scan = tmp_path / "scan.pdf"
    canvas = Canvas(str(scan))
    canvas.drawImage(ImageReader(image), 0, 0, 612, 792)
    canvas.showPage()
    canvas.save()
    result = run_cli("script", scan, other)
    assert result.exit_code == 3, result.output
    assert result.stderr == f"Skipped: {scan}: {OCR}\n"
    assert "Rain is expected by evening." in result.stdout


def test_a_password_is_one_line_and_an_empty_user_password_is_read(tmp_path, other):
    locked = _one_page(tmp_path / "locked.pdf", encrypt=StandardEncryption("secret", ownerPassword="o"))
    result = run_cli("script", locked, other)
    assert result.exit_code == 3, result.output
    assert result.stderr == (f"Skipped: {locked}: the PDF is protected by a password; save a copy "
                             "without the password to read it\n")
    opens = _one_page(tmp_path / "opens.pdf", encrypt=StandardEncryption("", ownerPassword="owner",
                                                                         canCopy=0, canModify=0))
    assert "The bridge reopened on Monday." in spoken(opens)


def test_more_pages_than_max_pages_is_one_line(tmp_path, other):
    doc = pdfs.press_release(tmp_path / "press.pdf")
    result = run_cli("script", "--max-pages", "1", doc.path, other)
    assert result.exit_code == 3, result.output
    assert result.stderr == (f"Skipped: {doc.path}: the PDF has 2 pages, more than --max-pages 1; "
                             "raise --max-pages to read it\n")
    assert "Rain is expected" in result.stdout
    assert "What happens next" in spoken("--max-pages", "2", doc.path)


def test_a_cut_short_or_damaged_pdf_is_one_line(tmp_path, other):
    whole = _one_page(tmp_path / "whole.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    result = run_cli("script", cut, other)
    assert result.exit_code == 3, result.output
    assert result.stderr == (f"Skipped: {cut}: the PDF is cut short (it has no end-of-file marker); "
                             "download or save it again\n")
    with pytest.raises(SourceError, match=r"^bad.pdf: the PDF is damaged and cannot be read \(.+\); "
                                          r"download or save it again$"):
        read_pdf(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF\n", "bad.pdf", "bad.pdf", 10)


def test_a_pdf_without_any_text_or_image_says_so():
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.line(72, 72, 300, 300)
    canvas.showPage()
    canvas.save()
    with pytest.raises(SourceError, match=r"^empty.pdf: the PDF has no text to read aloud$"):
        read_pdf(out.getvalue(), "empty.pdf", "empty.pdf", 10)


def test_a_pdf_builds_a_bulletin(tmp_path):
    pdf = _one_page(tmp_path / "bridge.pdf")
    out = tmp_path / "out" / "bridge.mp3"
    result = run_cli("-q", "build", pdf, "--voice", "system", "--date", DATE, "-o", out)
    assert result.exit_code == 0, result.output
    assert float(ffprobe(out, "-show_entries", "format=duration")["format"]["duration"]) > 0


@pytest.mark.parametrize(("before", "after", "joined"), [
    ("the coun-", "cil met", "the council met"),
    ("a well-", "known firm", "a well-known firm"),  # the document has "well-known"
    ("the Franco-", "German border", "the Franco-German border"),
    ("a state-of-the-", "art bridge", "a state-of-the-art bridge"),
    ("a soft\u00ad", "ware fix", "a software fix"),
    ("ends here", "and goes on", "ends here and goes on"),
    ("a dash -", "then more", "a dash - then more"),
])
def test_words_broken_at_a_line_end(before, after, joined):
    assert join(before, after, Counter({"well-known": 1, "council": 0})) == joined


@pytest.mark.parametrize(("line", "number"), [
    ("7", True), ("- 7 -", True), ("Page 3 of 10", True), ("page 3", True), ("3 / 10", True),
    ("vii", True), ("MIX", False), ("civil", False), ("7 new homes", False), ("Page", False),
])
def test_page_numbers(line, number):
    assert _page_number(line) is number


@pytest.mark.parametrize(("line", "contents"), [
    ("2.1 ASN.1 syntax . . . . . . . . . . 2", True), ("Appendix A Copying......24", True),
    ("Preface . . . . . . xii", True), ("The vote was 7 to 2... or so. 3", False),
])
def test_lines_of_a_table_of_contents(line, contents):
    assert bool(_CONTENTS.search(line)) is contents


def test_pdf_dates():
    assert _when("D:20261123093000+01'00'") == dt.datetime(2026, 11, 23, 9, 30,
                                                          tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert _when("D:20261123093000Z") == dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
    assert _when("D:2026") == dt.datetime(2026, 1, 1)
    assert _when("D:20261399") is None
    assert _when("yesterday") is None


def test_a_text_about_pdfs_is_not_taken_for_one(tmp_path):
    """"%PDF-" early in an article is the article's text, not a signature."""
    article = tmp_path / "formats.txt"
    article.write_text("Why %PDF-1.4 files matter\n\nThe format began in 1993. It is now an open "
                       "standard used everywhere.\n")
    result = run_cli("script", article, "--voice", "system")
    assert result.exit_code == 0, result.output
    assert "The format began in nineteen ninety-three." in result.stdout


def form_bomb(levels: int) -> bytes:
    """A page whose form draws the form below it twice, `levels` deep: a few kilobytes that
    would draw 2 ** levels lines of text."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}

    def stream(head: bytes, body: bytes) -> bytes:
        return head + b" /Length %d >>\nstream\n" % len(body) + body + b"\nendstream"

    form = b"<< /Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources "
    objects[10] = stream(form + b"<< /Font << /F1 4 0 R >> >>",
                         b"BT /F1 12 Tf 72 700 Td (The council met and approved the budget.) Tj ET")
    for level in range(1, levels + 1):
        objects[10 + level] = stream(form + b"<< /XObject << /X %d 0 R >> >>" % (9 + level),
                                     b"/X Do /X Do")
    objects[5] = stream(b"<<", b"BT /F1 12 Tf 72 760 Td (A short page of text.) Tj ET /X Do")
    objects[3] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R "
                  b"/Resources << /Font << /F1 4 0 R >> /XObject << /X %d 0 R >> >> >>"
                  % (10 + levels))
    body, offsets = b"%PDF-1.4\n", {}
    for number in sorted(objects):
        offsets[number] = len(body)
        body += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    last, start = max(objects), len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (last + 1)
    for number in range(1, last + 1):
        body += (b"%010d 00000 n \n" % offsets[number]) if number in offsets \
            else b"0000000000 65535 f \n"
    return body + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (last + 1, start)


def test_a_form_drawn_inside_itself_is_stopped(tmp_path):
    """2 ** 30 lines from a 4 KB file: the page is given up at the glyph limit, in seconds."""
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(form_bomb(30))
    other = tmp_path / "other.txt"
    other.write_text("Ferry times\n\nThe ferry leaves at seven from Monday.\n")
    result = run_cli("script", bomb, other, "--voice", "system")
    assert result.exit_code == 3, result.output
    assert result.stderr == (f"Skipped: {bomb}: page 1 of the PDF draws more than 200,000 "
                             "characters (a drawing repeated inside itself?); not read\n")
    assert "The ferry leaves at seven from Monday." in result.stdout
