"""Word (DOCX) and OpenDocument (ODT) documents read into articles, through the real CLI."""

import datetime as dt
import json

from briefing.sources.read import read_sources

from ..conftest import DATE, ffprobe, run_cli
from .zipped import W, harbour_docx, odt_bytes, word_docx


def _segments(result) -> list[tuple[str, list[str]]]:
    """(title, sentences) of each section of a script printed with --json."""
    assert result.exit_code == 0, result.output
    script = json.loads(result.stdout)
    return [(s["title"], [x["text"] for x in s["sentences"]]) for s in script["segments"]
            if s["kind"] == "section"]


def test_a_docx_has_its_headings_as_sections_and_its_paragraphs_in_order(tmp_path):
    path = harbour_docx(tmp_path / "harbour.docx")
    result = run_cli("script", path, "--date", DATE, "--json")
    assert json.loads(result.stdout)["title"] == "Harbour stays open at night"
    assert _segments(result) == [
        ("The port stayed open all night for the first time",
         ["The port stayed open all night for the first time."]),
        ("Night shift", ["Crews unloaded grain and steel until dawn.", "Grain from the north",
                         "Steel for the bridge", "A line with a bullet typed by hand."]),
        ("Morning", ["The morning shift arrived at six."]),
    ]
    assert "\uf0b7" not in result.stdout and "\\uf0b7" not in result.stdout
    text = run_cli("script", path, "--date", DATE)
    assert text.exit_code == 0 and "\uf0b7" not in text.stdout
    assert "== 3. Night shift [section] ==" in text.stdout


def test_a_docx_title_from_its_properties_and_its_date_from_when_it_was_saved(tmp_path):
    path = harbour_docx(tmp_path / "harbour.docx", title="Port news")
    [article] = read_sources([path]).articles
    assert article.title == "Port news"
    # python-docx's template was saved in 2013; the properties are the document's own word.
    assert article.published == dt.datetime(2013, 12, 23, 23, 15, tzinfo=dt.UTC)
    assert article.language == "en-US"  # Word's default language, from its styles
    # The Title paragraph, no longer the headline, is the first section's heading.
    assert [s.title for s in article.sections] == ["Harbour stays open at night", "Night shift", "Morning"]


def test_a_docx_tracked_insertion_is_read_and_a_tracked_deletion_is_not(tmp_path):
    change = 'w:id="{}" w:author="Editor" w:date="2026-11-24T08:00:00Z"'
    body = (
        "<w:p><w:r><w:t>The council met on Monday.</w:t></w:r></w:p>"
        "<w:p><w:r><w:t xml:space=\"preserve\">The vote was </w:t></w:r>"
        f"<w:del {change.format(1)}><w:r><w:delText>seven to two</w:delText></w:r></w:del>"
        f"<w:ins {change.format(2)}><w:r><w:t>eight to one</w:t></w:r></w:ins>"
        "<w:r><w:t>, with one absent.</w:t></w:r></w:p>"
    )
    path = word_docx(tmp_path / "council.docx", body)
    [article] = read_sources([path]).articles
    text = " ".join(p for s in article.sections for p in s.paragraphs)
    assert text == "The council met on Monday. The vote was eight to one, with one absent."


def test_a_docx_leaves_its_footnotes_out(tmp_path):
    body = ('<w:p><w:r><w:t>Markets opened higher.</w:t></w:r>'
            '<w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
            '<w:p><w:r><w:t>Bonds were flat.</w:t></w:r><w:r><w:endnoteReference w:id="1"/></w:r></w:p>')
    note = '<w:{0} w:id="1"><w:p><w:r><w:t>A {0} that is never read.</w:t></w:r></w:p></w:{0}>'
    path = word_docx(tmp_path / "notes.docx", body, parts={
        "word/footnotes.xml": f'<w:footnotes xmlns:w="{W}">{note.format("footnote")}</w:footnotes>',
        "word/endnotes.xml": f'<w:endnotes xmlns:w="{W}">{note.format("endnote")}</w:endnotes>'})
    [article] = read_sources([path]).articles
    assert [s.paragraphs for s in article.sections] == [("Markets opened higher.",), ("Bonds were flat.",)]


ODT_TEXT = (
    '<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion>'
    '<office:change-info><dc:creator>Editor</dc:creator></office:change-info>'
    '<text:p>Words that were deleted.</text:p></text:deletion></text:changed-region>'
    '</text:tracked-changes>'
    '<text:p text:style-name="P1">Ferry news</text:p>'  # the title, typed again: spoken once
    '<text:h text:outline-level="1">Ferry timetable changes</text:h>'
    '<text:p>The ferry will run every hour<text:note text:id="n1" text:note-class="footnote">'
    '<text:note-citation>1</text:note-citation><text:note-body><text:p>A footnote that is never '
    'read.</text:p></text:note-body></text:note>, from Monday.</text:p>'
    '<text:h text:outline-level="2">What changes</text:h>'
    '<text:p>Tickets cost<text:s text:c="2"/>two euros <text:note text:note-class="endnote">'
    '<text:note-body><text:p>An endnote.</text:p></text:note-body></text:note>.<office:annotation>'
    '<dc:creator>Ann</dc:creator><text:p>A comment, not read.</text:p></office:annotation></text:p>'
    '<text:list><text:list-item><text:p>Early boats at six</text:p></text:list-item>'
    '<text:list-item><text:p>Late boats at ten</text:p><text:list><text:list-item>'
    '<text:p>Only on Fridays</text:p></text:list-item></text:list></text:list-item></text:list>'
    '<text:section text:name="s1"><text:h text:outline-level="2">What stays</text:h>'
    '<text:p>The <text:span>harbour</text:span> office keeps its hours.</text:p></text:section>'
    '<table:table><table:table-row><table:table-cell><text:p>A table cell</text:p>'
    '</table:table-cell></table:table-row></table:table>'
)
ODT_META = ("<dc:title>Ferry news</dc:title><dc:language>en-GB</dc:language>"
            "<meta:initial-creator>Kim Park</meta:initial-creator>"
            "<meta:creation-date>2026-11-20T10:00:00</meta:creation-date>"
            "<dc:date>2026-11-23T09:30:00</dc:date>")


def test_an_odt_has_its_headings_paragraphs_and_lists_read_and_its_notes_left_out(tmp_path):
    path = tmp_path / "ferry.odt"
    path.write_bytes(odt_bytes(ODT_TEXT, ODT_META))
    [article] = read_sources([path]).articles
    assert (article.title, article.language, article.author) == ("Ferry news", "en-GB", "Kim Park")
    assert article.published == dt.datetime(2026, 11, 23, 9, 30)
    assert [(s.title, s.paragraphs) for s in article.sections] == [
        ("Ferry timetable changes", ("The ferry will run every hour, from Monday.",)),
        ("What changes", ("Tickets cost two euros.", "Early boats at six", "Late boats at ten",
                          "Only on Fridays")),
        ("What stays", ("The harbour office keeps its hours.",)),
    ]
    script = run_cli("script", path, "--date", DATE)
    assert script.exit_code == 0, script.output
    assert script.stdout.count("Ferry news") == 3  # the heading line, the intro, the outro; not as text
    for unread in ("footnote", "endnote", "deleted", "comment", "table cell"):
        assert unread not in script.stdout.lower()


def test_an_odt_without_a_title_is_titled_by_its_first_heading(tmp_path):
    path = tmp_path / "ferry.odt"
    path.write_bytes(odt_bytes('<text:h text:outline-level="1">Ferry timetable changes</text:h>'
                               "<text:p>The ferry will run every hour.</text:p>"))
    [article] = read_sources([path]).articles
    assert article.title == "Ferry timetable changes"
    assert [s.paragraphs for s in article.sections] == [("The ferry will run every hour.",)]


def test_a_small_docx_is_built_into_an_mp3(tmp_path):
    path = tmp_path / "short.docx"
    from docx import Document

    document = Document()
    document.add_heading("Short note", 1)
    document.add_paragraph("The library opens at nine tomorrow.")
    document.save(path)
    out = tmp_path / "out" / "short.mp3"
    result = run_cli("-q", "build", path, "--voice", "system", "--date", DATE, "-o", out)
    assert result.exit_code == 0, result.output
    duration = float(ffprobe(out, "-show_entries", "format=duration")["format"]["duration"])
    assert duration > 0


def test_xml_parts_too_large_for_any_document_are_refused_before_mammoth(tmp_path):
    """Three parts of 12 MB each (under the zip limits, a few hundred kilobytes compressed):
    parsed and kept, their trees would take gigabytes; the DOCX is refused in one line."""
    padding = ("<w:p><w:r><w:t>" + "x" * 1000 + "</w:t></w:r></w:p>") * 12_000
    parts = {f"word/extra{n}.xml": f'<w:document xmlns:w="{W}"><w:body>{padding}</w:body></w:document>'
             for n in range(3)}
    big = word_docx(tmp_path / "big.docx", "<w:p><w:r><w:t>Hello.</w:t></w:r></w:p>", parts=parts)
    other = tmp_path / "other.txt"
    other.write_text("Ferry times\n\nThe ferry leaves at seven from Monday.\n")
    result = run_cli("script", big, other, "--voice", "system")
    assert result.exit_code == 3, result.output
    assert result.stderr == (f"Skipped: {big}: the DOCX file's text parts hold more than 30 MB of "
                             "XML, more than any document's text; not read\n")
    assert "The ferry leaves at seven from Monday." in result.stdout
