"""Reading plain-text articles: headlines, titles, cleaning."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.errors import SourceError
from briefing.sources.read import (
    NothingToRead,
    check_encoding,
    read_sources,
    read_text_article,
    title_from_name,
)
from briefing.sources.textclean import clean_inline, clean_paragraphs

from ..conftest import ROOT, SEED, run_cli


def test_seed_has_four_sections_and_a_title_from_its_name():
    article = read_text_article(SEED)
    assert article.title == "Kherson"
    assert len(article.sections) == 4
    assert article.sections[0].paragraphs[0].startswith("The morale of the Ukrainian troops")


def test_short_first_line_without_full_stop_is_the_headline(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Floods close the valley road\n\nThe road was closed on Monday.\n\nIt reopens soon.\n")
    article = read_text_article(path)
    assert article.title == "Floods close the valley road"
    assert [s.paragraphs[0] for s in article.sections] == [
        "The road was closed on Monday.", "It reopens soon."]


def test_first_line_with_full_stop_is_not_a_headline(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("The road was closed.\n\nIt reopens soon.\n")
    assert read_text_article(path).title == "Story"


def test_wrapped_first_paragraph_is_not_a_headline(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("The road was closed\non Monday by the county\n\nIt reopens soon.\n")
    article = read_text_article(path)
    assert article.title == "Story"
    assert article.sections[0].paragraphs == ("The road was closed on Monday by the county",)


def test_title_option_replaces_the_headline(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Headline here\n\nBody text.\n")
    [article] = read_sources([path], title="Evening news").articles
    assert article.title == "Evening news"


@pytest.mark.parametrize(("name", "title"), [
    ("kherson.txt", "Kherson"),
    ("valley-daily_news.txt", "Valley daily news"),
    ("BBC-update.txt", "BBC update"),
    # the intro says the title: a language tag is no word of it ("Es" is read "is" in English)
    ("noticia-es.txt", "Noticia"),
    ("story_pt-BR.txt", "Story"),
    # nor is the date the file was saved; an abbreviation without a vowel is said in capitals
    ("2025-03-04-bbc-news.html", "BBC news"),
    ("20250304_cnn.html", "CNN"),
    ("election-2024.txt", "Election 2024"),
    ("es.txt", "News"),
    ("2025-03-04.txt", "News"),
])
def test_title_from_name(name, title):
    assert title_from_name(Path(name)) == title


def test_folder_reads_text_files_in_name_order(tmp_path):
    for name, text in [("b.txt", "Second story."), ("a.txt", "First story."), ("c.md", "Third."),
                       ("d.png", "not read"), (".hidden.txt", "not read")]:
        (tmp_path / name).write_text(text)
    reading = read_sources([tmp_path])
    assert [a.title for a in reading.articles] == ["A", "B", "C"]
    assert reading.skipped == []


def test_byte_order_mark_and_crlf(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffHeadline\r\n\r\nBody one.\r\nstill body.\r\n".encode())
    article = read_text_article(path)
    assert article.title == "Headline"
    assert article.sections[0].paragraphs == ("Body one. still body.",)


def test_cleaning_quotes_dashes_and_spaces():
    assert clean_inline("“Hardest” battle – so far") == '"Hardest" battle, so far'
    assert clean_inline("it’s\u00a0a  1–3 win\u200b…") == "it's a 1-3 win..."
    assert clean_inline("word—word") == "word, word"
    assert clean_inline("soft\u00adhyphen\tand tab") == "softhyphen and tab"
    assert clean_paragraphs("  one\n two \n\n\n\n three ") == ["one two", "three"]


@given(st.text())
def test_cleaning_any_text_gives_tidy_paragraphs(text):
    for paragraph in clean_paragraphs(text):
        assert paragraph == paragraph.strip() and paragraph
        assert "  " not in paragraph and "\n" not in paragraph
        assert not set(paragraph) & set("“”‘’–—\u00a0\u200b\ufeff")


def test_utf16_text_is_read_with_its_encoding_and_named_without_it(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("Floods close the valley road\n\nThe road was closed on Monday.\n".encode("utf-16"))
    article = read_text_article(path, encoding="utf-16")
    assert article.title == "Floods close the valley road"
    assert article.sections[0].paragraphs == ("The road was closed on Monday.",)
    with pytest.raises(SourceError, match=r"wide.txt: the file is UTF-16 text; pass --encoding utf-16$"):
        read_text_article(path)
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(SourceError, match=r"looks like binary data \(it contains NUL bytes\)"):
        read_text_article(binary)
    with pytest.raises(SourceError, match=r"looks like binary data \(it contains NUL bytes\)"):
        read_text_article(binary, encoding="latin-1")


def test_links_in_a_folder_that_loop_or_lead_nowhere_are_skipped_and_named(tmp_path):
    (tmp_path / "a.txt").write_text("Rain is expected by evening.\n")
    (tmp_path / "b.txt").symlink_to(tmp_path / "c.txt")
    (tmp_path / "c.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "d.md").symlink_to(tmp_path / "gone.md")
    (tmp_path / "sub.md").mkdir()  # a folder with an article's name is not a source
    reading = read_sources([tmp_path])
    assert [a.title for a in reading.articles] == ["A"]
    assert [s.reason for s in reading.skipped] == [
        f"{tmp_path / 'b.txt'}: a symbolic link that loops (it leads back to itself); fix or remove it",
        f"{tmp_path / 'c.txt'}: a symbolic link that loops (it leads back to itself); fix or remove it",
        f"{tmp_path / 'd.md'}: a symbolic link to something that does not exist; fix or remove it",
    ]


def test_a_looping_link_given_by_name_and_a_name_too_long_have_their_own_messages(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    long = tmp_path / ("a" * 300 + ".txt")
    with pytest.raises(NothingToRead) as caught:
        read_sources([loop, long, tmp_path / ("b" * 300) / "x.txt"])
    assert [s.reason for s in caught.value.skipped] == [
        f"{loop}: a symbolic link that loops (it leads back to itself); fix or remove it",
        f"{long}: the name is too long for the file system (at most 255 bytes a name "
        "and 4096 in all); rename it",
        f"{tmp_path / ('b' * 300) / 'x.txt'}: the name is too long for the file system (at most 255 "
        "bytes a name and 4096 in all); rename it",
    ]


def test_the_command_line_exits_3_for_a_looping_link_in_a_folder(tmp_path):
    (tmp_path / "a.txt").write_text("Rain is expected by evening.\n")
    (tmp_path / "b.txt").symlink_to(tmp_path / "b.txt")
    result = run_cli("script", tmp_path)
    assert result.exit_code == 3, result.output
    assert result.stderr == (f"Skipped: {tmp_path / 'b.txt'}: a symbolic link that loops (it leads "
                             "back to itself); fix or remove it\n")
    long = run_cli("script", tmp_path / ("a" * 300 + ".txt"))
    assert long.exit_code == 1
    assert long.output == (f"Error: {tmp_path / ('a' * 300 + '.txt')}: the name is too long for the "
                           "file system (at most 255 bytes a name and 4096 in all); rename it\n")


@pytest.mark.parametrize("name", ["rot13", "base64", "hex", "uu", "zlib"])
def test_a_codec_that_does_not_decode_text_is_an_unknown_text_encoding(name):
    # Python knows these codecs, but they turn bytes into bytes: decoding a file with one
    # raised a bare LookupError deep in the read, a catch-all message.
    with pytest.raises(SourceError, match=rf"^unknown text encoding '{name}'; try utf-8 or latin-1$"):
        check_encoding(name)
    assert check_encoding("UTF8") == "utf-8"


def test_a_closed_standard_input_is_a_source_error():
    # Started with stdin closed (`<&-`, some service managers), Python has no sys.stdin at all:
    # reading "-" was an AttributeError, a catch-all.
    result = subprocess.run([sys.executable, "-m", "briefing", "script", "-"], cwd=ROOT,
                            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
                            preexec_fn=lambda: os.close(0))
    assert result.returncode == 1
    assert result.stderr == ("Error: -: standard input is closed; pipe the text in, or name a file "
                             "instead of -\n")


@pytest.mark.parametrize("text", [
    "From our correspondent in Paris\nDate: 4 June\nSubject: the strike\n\nRail workers walked out "
    "on Tuesday.\n\nFrom Wednesday, unions say, the strike will spread.\n",
    "To: All staff\nFrom: The editor\nSubject: Office move\n\nThe newsroom moves on Monday.\n",
    "Subject: Budget update\nDate: Monday 3 June\nNote: figures are rounded\n\nThe council "
    "approved the budget.\n\n--\nThe second item follows.\n",
])
def test_a_text_with_lines_like_mail_headers_is_read_as_text(tmp_path, text):
    """People write "From:" and "Subject:" lines too: a message needs a header only mail software
    writes (Received, Message-ID, MIME-Version…), an mbox its dated separator."""
    from briefing.sources.documents import document_kind

    assert document_kind(text.encode()) is None
    article = tmp_path / "memo.txt"
    article.write_text(text)
    result = run_cli("script", article, "--voice", "system")
    assert result.exit_code == 0, result.output
    for paragraph in text.split("\n\n")[1:]:
        assert paragraph.split(".")[0].replace("\n", " ").strip("-\n ") in result.stdout


def test_a_json_feed_is_known_whatever_the_order_of_its_keys(tmp_path):
    import json

    feed = {"items": [{"id": str(n), "title": f"Story {n}", "content_text": text} for n, text in
                      enumerate(["The ferry leaves at seven.", "The choir wants tenors."])],
            "title": "Valley", "version": "https://jsonfeed.org/version/1.1"}
    data = json.dumps(feed, sort_keys=True).encode()  # "version" comes last
    from briefing.sources.documents import document_kind

    assert document_kind(data) == "jsonfeed"
    result = run_cli("script", "-", "--voice", "system", input=data)
    assert result.exit_code == 0, result.output
    assert "The ferry leaves at seven." in result.stdout and "items" not in result.stdout


def test_a_folder_passes_over_json_that_is_no_feed(tmp_path):
    (tmp_path / "a.txt").write_text("Ferry times\n\nThe ferry leaves at seven from Monday.\n")
    (tmp_path / "package.json").write_text('{"name": "site", "version": "1.0.0"}')
    result = run_cli("script", tmp_path, "--voice", "system")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_parts_nested_past_any_parser_are_one_skipped_line(tmp_path):
    """A message of a thousand and more nested MIME parts: the recursion limit is one line, and
    the other sources are read."""
    parts = ["Message-ID: <a@b>\nMIME-Version: 1.0\nSubject: Deep\n"]
    for depth in range(1500):
        parts.append(f'Content-Type: multipart/mixed; boundary="b{depth}"\n\n--b{depth}\n')
    message = tmp_path / "deep.eml"
    message.write_text("".join(parts) + "Content-Type: text/plain\n\nHello.\n")
    other = tmp_path / "other.txt"
    other.write_text("Ferry times\n\nThe ferry leaves at seven from Monday.\n")
    result = run_cli("script", message, other, "--voice", "system")
    assert result.exit_code == 3, result.output
    assert result.stderr == (f"Skipped: {message}: nested too deeply to read (parts inside parts, "
                             "thousands deep); not an article\n")


def test_a_file_or_standard_input_over_max_mb_is_refused_before_it_is_read_whole(tmp_path):
    big = tmp_path / "big.html"
    big.write_text("<html><body>" + "<p>The council met again today.</p>" * 2000 + "</body></html>")
    other = tmp_path / "other.txt"
    other.write_text("Ferry times\n\nThe ferry leaves at seven from Monday.\n")
    result = run_cli("script", big, other, "--voice", "system", "--max-mb", "0.05")
    assert result.exit_code == 3, result.output
    assert result.stderr == (f"Skipped: {big}: larger than --max-mb 0.05 MB; raise --max-mb to "
                             "read it\n")
    assert "The ferry leaves at seven from Monday." in result.stdout
    result = run_cli("script", "-", "--voice", "system", "--max-mb", "0.05",
                     input=big.read_bytes())
    assert result.exit_code == 1
    assert result.output == ("Error: standard input: larger than --max-mb 0.05 MB; raise --max-mb "
                             "to read it\n")
    assert run_cli("script", big, "--voice", "system").exit_code == 0  # 20 MB by default
