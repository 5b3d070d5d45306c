"""Reading plain-text articles: headlines, titles, cleaning."""

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from briefing.sources.read import read_sources, read_text_article, title_from_name
from briefing.sources.textclean import clean_inline, clean_paragraphs

from ..conftest import SEED


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


def test_title_from_name():
    assert title_from_name(Path("kherson.txt")) == "Kherson"
    assert title_from_name(Path("valley-daily_news.txt")) == "Valley Daily News"
    assert title_from_name(Path("BBC-update.txt")) == "BBC Update"


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
