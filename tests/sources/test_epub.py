"""EPUB books read into one article, a section per chapter, through the real CLI."""

import datetime as dt
import json

from briefing.sources.read import read_sources

from ..conftest import DATE, run_cli
from .zipped import epub_bytes, nav_xhtml, with_members, xhtml

METADATA = ('<dc:identifier id="id">urn:uuid:1</dc:identifier><dc:title>Tides of the Valley</dc:title>'
            "<dc:language>en-GB</dc:language><dc:creator>Ada Lin</dc:creator>"
            "<dc:date>2026-10-01</dc:date>")
CHAPTERS = {
    # File names do not sort in reading order: only the spine gives it.
    "a.xhtml": xhtml("<h1>Chapter Two</h1><p>The river rose in spring.</p>"
                     '<p>Boats waited<a epub:type="noteref" href="#n1">1</a> at the mill.</p>'
                     '<aside epub:type="footnote" id="n1"><p>A footnote, never read.</p></aside>'),
    "b.xhtml": xhtml('<section><h1>Chapter One</h1><p>The valley was quiet.<span epub:type="pagebreak" '
                     'title="7">7</span> Then the rain came.</p><h2>The first storm</h2>'
                     "<p>It lasted three days.</p></section>"),
    "c.xhtml": xhtml("<h1>Answers</h1><p>An answer key, read only when asked for.</p>"),
    "d.xhtml": xhtml("<h1>Chapter Three</h1><p>Summer&#160;came early.</p>"),
}
SPINE = ["b.xhtml", "a.xhtml", "c.xhtml", "d.xhtml"]
TOC = [("text/b.xhtml", "1. The quiet valley"), ("text/b.xhtml#storm", "The first storm"),
       ("text/a.xhtml", "2. The flood"), ("text/d.xhtml", "3. Summer")]


def test_an_epub_is_one_article_with_its_chapters_in_spine_order_titled_by_the_contents(tmp_path):
    path = tmp_path / "tides.epub"
    path.write_bytes(epub_bytes(CHAPTERS, SPINE, METADATA, nav=nav_xhtml(TOC), linear_no=("c.xhtml",)))
    [article] = read_sources([path]).articles
    assert (article.title, article.language, article.author) == ("Tides of the Valley", "en-GB", "Ada Lin")
    assert article.published == dt.datetime(2026, 10, 1)
    assert [(s.title, s.paragraphs) for s in article.sections] == [
        ("1. The quiet valley", ("The valley was quiet. Then the rain came.", "The first storm",
                                 "It lasted three days.")),
        ("2. The flood", ("The river rose in spring.", "Boats waited at the mill.")),
        ("3. Summer", ("Summer came early.",)),
    ]
    result = run_cli("script", path, "--date", DATE, "--json")
    assert result.exit_code == 0, result.output
    script = json.loads(result.stdout)
    assert script["title"] == "Tides of the Valley"
    assert [s["title"] for s in script["segments"] if s["kind"] == "section"] == [
        "1. The quiet valley", "2. The flood", "3. Summer"]
    for unread in ("Contents", "footnote", "answer", "Start"):
        assert unread.lower() not in result.stdout.lower()


NCX = ('<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE ncx PUBLIC "-//NISO//DTD ncx 2005-1//EN" '
       '"http://www.daisy.org/z3986/2005/ncx-2005-1.dtd"><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" '
       'version="2005-1"><navMap><navPoint id="p1" playOrder="1"><navLabel><text>Opening</text></navLabel>'
       '<content src="text/one%20a.xhtml"/></navPoint></navMap></ncx>')
XHTML11 = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" '
           '"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">')


def test_an_epub_2_takes_its_titles_from_the_ncx_else_from_each_chapter_s_first_heading(tmp_path):
    # EPUB 2 books declare the XHTML 1.1 and NCX document types (which declare nothing) and use
    # HTML's named entities: they are read, and no DTD is fetched.
    chapters = {"one a.xhtml": xhtml("<h2>Part one</h2><p>Snow&nbsp;fell at night.</p>", prolog=XHTML11),
                "two.xhtml": xhtml("<h2>The thaw</h2><p>By March it was gone.</p>", prolog=XHTML11)}
    path = tmp_path / "snow.epub"
    path.write_bytes(epub_bytes(chapters, ["one a.xhtml", "two.xhtml"],
                                '<dc:title>Snow</dc:title>', ncx=NCX))
    [article] = read_sources([path]).articles
    assert article.title == "Snow"
    assert [(s.title, s.paragraphs) for s in article.sections] == [
        ("Opening", ("Snow fell at night.",)), ("The thaw", ("By March it was gone.",))]


def test_an_epub_without_text_is_skipped_with_one_line(tmp_path):
    path = tmp_path / "pictures.epub"
    path.write_bytes(epub_bytes({"a.xhtml": xhtml('<figure><img src="a.png" alt="x"/></figure>')},
                                ["a.xhtml"], "<dc:title>Pictures</dc:title>"))
    story = tmp_path / "story.txt"
    story.write_text("The market opened early today.\n")
    result = run_cli("script", path, story, "--date", DATE)
    assert result.exit_code == 3, result.output
    assert result.stderr == f"Skipped: {path}: no chapter of the book has text to read aloud\n"
    assert "The market opened early today." in result.stdout


def test_a_book_with_drm_says_so(tmp_path):
    encryption = ('<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
                  'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:CipherData>'
                  '<enc:CipherReference URI="OEBPS/text/b.xhtml"/></enc:CipherData></enc:EncryptedData>'
                  "</encryption>")
    path = tmp_path / "locked.epub"
    path.write_bytes(with_members(epub_bytes(CHAPTERS, SPINE, METADATA),
                                  {"META-INF/encryption.xml": encryption}))
    story = tmp_path / "story.txt"
    story.write_text("The market opened early today.\n")
    result = run_cli("script", path, story, "--date", DATE)
    assert result.exit_code == 3, result.output
    assert result.stderr == (f"Skipped: {path}: the book is encrypted (DRM); briefing reads only books "
                             "without it\n")


def test_a_chapter_the_spine_names_twice_is_read_once(tmp_path):
    path = tmp_path / "twice.epub"
    chapters = {"one.xhtml": xhtml("<h1>One</h1><p>The tide came in at dawn.</p>")}
    path.write_bytes(epub_bytes(chapters, ["one.xhtml", "one.xhtml"], METADATA))
    result = run_cli("script", path, "--voice", "system")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("The tide came in at dawn.") == 1
