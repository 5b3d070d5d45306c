"""Zip containers that must not be read: bombs, XML entity attacks, damaged files; and what a
zip is, by its content. Each bad file is one line, and the other sources are still read."""

import io
import time
import zipfile
from pathlib import Path

import pytest

from briefing.errors import SourceError
from briefing.sources import archive
from briefing.sources.archive import Container, zip_kind
from briefing.sources.read import detect_kind

from ..conftest import DATE, run_cli
from .zipped import (
    document_xml,
    epub_bytes,
    harbour_docx,
    nav_xhtml,
    odt_bytes,
    with_members,
    word_docx,
    xhtml,
    zip_bytes,
)

STORY = "The market opened early today.\n"
#: Billion laughs, cut short: a declaration no document of these formats needs.
LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')


def _skipped_beside_a_story(tmp_path: Path, bad: Path) -> str:
    """Script `bad` and a text story: the story is read, `bad` is skipped with one line (returned),
    the exit code says so, and nothing is written."""
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    before = sorted(tmp_path.iterdir())
    result = run_cli("script", bad, story, "--date", DATE)
    assert result.exit_code == 3, result.output
    assert "The market opened early today." in result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Skipped: {bad}: "), result.stderr
    assert sorted(tmp_path.iterdir()) == before
    return lines[0].removeprefix(f"Skipped: {bad}: ")


def test_a_docx_whose_document_expands_past_the_limit_is_refused_quickly(tmp_path):
    # 60 MB of spaces inside document.xml: about 60 kB in the zip, whose header says what it is.
    spaces = b" " * (60 * 1024 * 1024)
    bomb = tmp_path / "bomb.docx"
    word_docx(bomb, "<w:p><w:r><w:t>Hello.</w:t></w:r></w:p>")
    bomb.write_bytes(with_members(bomb.read_bytes(), {"word/document.xml": spaces}))
    assert bomb.stat().st_size < 200_000
    started = time.monotonic()
    reason = _skipped_beside_a_story(tmp_path, bomb)
    assert reason == ("word/document.xml expands to more than 50 MB; refused (a zip bomb, or not a "
                      "document briefing can read)")
    assert time.monotonic() - started < 10


def test_a_member_whose_header_understates_its_size_is_damaged_not_read_past_the_claim():
    # The central directory says 10 bytes; the compressed stream holds 60 MB.
    data = bytearray(zip_bytes([("content.xml", b"\0" * (60 * 1024 * 1024))]))
    directory = data.rindex(b"PK\x01\x02")
    data[directory + 24:directory + 28] = (10).to_bytes(4, "little")  # uncompressed size
    local = data.index(b"PK\x03\x04")
    data[local + 22:local + 26] = (10).to_bytes(4, "little")
    damaged = r"^x\.odt: the ODT file is damaged \(content\.xml cannot be read"
    with Container(bytes(data), "x.odt", "odt") as container, pytest.raises(SourceError, match=damaged):
        container.read("content.xml")


def test_members_together_past_the_total_limit_are_refused():
    chunk = b"\0" * (45 * 1024 * 1024)
    data = zip_bytes([(f"part{n}.xml", chunk) for n in range(5)])
    with Container(data, "big.epub", "epub") as container:
        for name in container.names()[:4]:
            assert len(container.read(name)) == len(chunk)
        with pytest.raises(SourceError, match=r"^big\.epub: the EPUB file expands to more than 200 MB; "
                                              r"refused at part4\.xml \(a zip bomb\?\)$"):
            container.read("part4.xml")


def test_a_zip_of_too_many_members_is_refused_before_they_are_listed(tmp_path):
    data = zip_bytes([("mimetype", "application/epub+zip"),
                      *((f"m/{n}", b"") for n in range(archive.MAX_MEMBERS))])
    with pytest.raises(SourceError, match=r"^many\.epub: the EPUB file has more than 10,000 members; "):
        Container(data, "many.epub", "epub")
    assert zip_kind(data) == "epub"  # still known by its first member, so that it is named so


@pytest.mark.parametrize("prolog", [LAUGHS, '<!DOCTYPE w:document SYSTEM "file:///etc/passwd">'])
def test_a_docx_with_a_document_type_declaration_is_refused(tmp_path, prolog):
    path = word_docx(tmp_path / "laughs.docx", "<w:p><w:r><w:t>&lol3;</w:t></w:r></w:p>"
                     if "lolz" in prolog else "<w:p><w:r><w:t>Hi.</w:t></w:r></w:p>", prolog)
    assert _skipped_beside_a_story(tmp_path, path) == (
        "word/document.xml declares XML entities or a document type (<!DOCTYPE>); refused for safety")


def test_mammoth_never_reads_a_part_that_was_not_checked(tmp_path):
    # The package names a part without an .xml name as the main document: it is not checked, so it
    # is not handed on, and its entity never expands. mammoth falls back to word/document.xml.
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/main.bin"/></Relationships>')
    evil = document_xml("<w:p><w:r><w:t>&x;</w:t></w:r></w:p>",
                        '<!DOCTYPE w:document [<!ENTITY x "INJECTED">]>')
    path = word_docx(tmp_path / "odd.docx", "<w:p><w:r><w:t>The checked text.</w:t></w:r></w:p>",
                     parts={"_rels/.rels": rels, "word/main.bin": evil})
    result = run_cli("script", path, "--date", DATE)
    assert result.exit_code == 0, result.output
    assert "The checked text." in result.stdout and "INJECTED" not in result.stdout


def test_an_odt_with_an_entity_declaration_is_refused(tmp_path):
    path = tmp_path / "laughs.odt"
    path.write_bytes(odt_bytes("<text:p>&lol3;</text:p>", prolog=LAUGHS))
    assert _skipped_beside_a_story(tmp_path, path) == (
        "content.xml declares XML entities or a document type (<!DOCTYPE>); refused for safety")


def test_an_epub_chapter_with_an_entity_declaration_is_refused(tmp_path):
    chapters = {"one.xhtml": xhtml("<p>The first chapter.</p>"),
                "two.xhtml": xhtml("<p>&lol3;</p>", prolog=LAUGHS.replace("lolz", "html"))}
    path = tmp_path / "laughs.epub"
    path.write_bytes(epub_bytes(chapters, ["one.xhtml", "two.xhtml"], "<dc:title>Laughs</dc:title>",
                                nav=nav_xhtml([("text/one.xhtml", "One")])))
    assert _skipped_beside_a_story(tmp_path, path) == (
        "OEBPS/text/two.xhtml declares XML entities or a document type (<!DOCTYPE>); refused for safety")


@pytest.mark.parametrize("name", ["report.docx", "report.txt"])
def test_a_truncated_docx_is_damaged(tmp_path, name):
    data = harbour_docx(tmp_path / "whole.docx").read_bytes()
    (tmp_path / "whole.docx").unlink()
    path = tmp_path / name
    path.write_bytes(data[: len(data) // 2])
    assert _skipped_beside_a_story(tmp_path, path) == "the DOCX file is damaged (not a readable zip archive)"


def test_a_docx_named_txt_is_read_as_a_docx(tmp_path):
    path = harbour_docx(tmp_path / "harbour.docx").rename(tmp_path / "harbour.txt")
    assert detect_kind(path.read_bytes(), str(path)) == "docx"
    result = run_cli("script", path, "--date", DATE)
    assert result.exit_code == 0, result.output
    assert "== 3. Night shift [section] ==" in result.stdout


def test_a_zip_that_is_no_document_is_refused_with_one_line(tmp_path):
    path = tmp_path / "photos.zip"
    path.write_bytes(zip_bytes([("a.jpg", b"\xff\xd8\xff"), ("notes.xml", "<a/>")]))
    assert detect_kind(path.read_bytes(), str(path)) == "zip"
    assert _skipped_beside_a_story(tmp_path, path) == (
        "a zip archive, not a document briefing reads (DOCX, ODT, EPUB); unzip it if it holds articles")


def test_an_encrypted_member_says_so():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as made:
        made.writestr("content.xml", "<a/>")
    data = bytearray(out.getvalue())
    for signature, flags in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # set the "encrypted" bit
        at = data.index(signature)
        data[at + flags] |= 1
    with Container(bytes(data), "secret.odt", "odt") as container, \
            pytest.raises(SourceError, match=r"^secret\.odt: content\.xml is encrypted; save the document "
                                             "without a password$"):
        container.read("content.xml")
