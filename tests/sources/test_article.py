"""The last cleaning every reader's article passes: nothing that cannot be spoken or linked gets out.

A source item that cannot be spoken (control characters, only symbols) is cleaned, or skipped with
one line while the rest of the bulletin is made.
"""

import json

from briefing.sources.read import read_sources
from briefing.sources.textclean import clean_inline

from ..conftest import DATE, run_cli

#: An RSS feed: one item's title holds a NUL (as `&#0;`), another item's HTML holds control
#: characters, one item is nothing but control characters, one links to a script.
CONTROL_FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Valley Wire</title>
<item><title>Bridge &#0; reopens</title><link>https://example.org/bridge</link>
<description>The bridge reopened on Monday after repairs.</description></item>
<item><title>Market day</title><link>javascript:alert(1)</link>
<description>&lt;p&gt;Stalls &#1;opened at&#11; dawn.&lt;/p&gt;&lt;p&gt;Trade was brisk.&lt;/p&gt;
</description></item>
<item><title>&#0;&#2;</title><description>&lt;p&gt;&#3; * &#4;&lt;/p&gt;</description></item>
</channel></rss>
"""


def _controls(text: str) -> list[str]:
    return [ch for ch in text if (ord(ch) < 32 and ch not in "\n") or 0x7F <= ord(ch) < 0xA0]


def test_control_characters_are_removed_from_every_kind_of_text():
    assert clean_inline("Bad\x00title") == "Bad title"
    assert clean_inline("one\x0btwo\x1fthree\x7f\x85four") == "one two three four"
    assert clean_inline("lone \ud800surrogate \ufffe\uffff") == "lone surrogate"


def test_a_lost_character_is_not_read_or_shown():
    """U+FFFD, where a decoder or a feed lost a character ("&amp;#xD800;" in a description)."""
    assert clean_inline("Body \ufffd one, caf\ufffd") == "Body one, caf"


def test_a_feed_item_with_control_characters_is_cleaned_and_an_unspeakable_one_skipped(tmp_path):
    feed = tmp_path / "wire.rss"
    feed.write_text(CONTROL_FEED)
    reading = read_sources([feed])
    assert [a.title for a in reading.articles] == ["Bridge reopens", "Market day"]
    assert [s.paragraphs for s in reading.articles[1].sections] == [("Stalls opened at dawn.",),
                                                                    ("Trade was brisk.",)]
    assert [a.link for a in reading.articles] == ["https://example.org/bridge", None]
    assert [s.reason for s in reading.skipped] == [
        f"{feed} (item 3): nothing to read aloud (no words, only symbols or control characters)"]


def test_the_script_of_a_feed_with_control_characters_is_made_and_exits_3(tmp_path):
    feed = tmp_path / "wire.rss"
    feed.write_text(CONTROL_FEED)
    result = run_cli("script", feed, "--date", DATE, "--json")
    assert result.exit_code == 3, result.output
    assert result.stderr.count("Skipped: ") == 1
    script = json.loads(result.stdout)
    text = json.dumps(script, ensure_ascii=False)
    assert not _controls(text)
    assert [s["title"] for s in script["segments"]][1:3] == ["Story 1 of 2: Bridge reopens",
                                                            "Story 2 of 2: Market day"]


def test_a_build_from_a_feed_with_a_nul_title_is_made(tmp_path, tone_voice):
    feed = tmp_path / "wire.rss"
    feed.write_text(CONTROL_FEED)
    out = tmp_path / "out" / "wire.mp3"
    result = run_cli("-q", "build", feed, "--voice", tone_voice, "--date", DATE, "-o", out)
    assert result.exit_code == 3, result.output
    chapters = json.loads(out.with_suffix(".chapters.json").read_text())
    assert [c["title"] for c in chapters["chapters"]][1:3] == ["Story 1 of 2: Bridge reopens",
                                                              "Story 2 of 2: Market day"]
    assert "javascript" not in out.with_suffix(".chapters.json").read_text()
    assert not _controls(out.with_suffix(".json").read_text())


def test_only_web_links_survive_reading(tmp_path):
    links = ["javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", "/relative",
             "vbscript:msgbox", "https://example.org/ok", "http://example.org/ok2"]
    kept = []
    for number, link in enumerate(links):
        story = tmp_path / f"s{number}.md"
        story.write_text(f"---\ntitle: Story {number}\nlink: \"{link}\"\n---\n\nWords here.\n")
        [article] = read_sources([story]).articles
        kept.append(article.link)
    assert kept == [None] * 5 + ["https://example.org/ok", "http://example.org/ok2"]


def test_a_text_of_only_symbols_is_skipped_not_read_as_an_empty_bulletin(tmp_path):
    symbols = tmp_path / "stars.txt"
    symbols.write_text("***\n\n--- ... ---\n")
    good = tmp_path / "good.txt"
    good.write_text("Rain is expected by evening.\n")
    reading = read_sources([symbols, good])
    assert [a.title for a in reading.articles] == ["Good"]
    assert [s.reason for s in reading.skipped] == [
        f"{symbols}: nothing to read aloud (no words, only symbols or control characters)"]


def test_a_headline_of_symbols_and_a_title_with_controls_fall_back_or_are_cleaned(tmp_path):
    story = tmp_path / "harbour-news.md"
    story.write_text("---\ntitle: \"\\u0000\\u0001\"\nauthor: \"Ann\\u0007 Lee\"\n---\n\n"
                     "# \\*\\*\\*\n\nThe harbour opened.\n")
    [article] = read_sources([story]).articles
    assert article.title == "Harbour news"  # a title from a file name is in sentence case
    assert article.author == "Ann Lee"
    assert article.sections[0].title is None


def test_a_title_split_over_lines_is_one_line(tmp_path):
    feed = tmp_path / "wire.rss"
    feed.write_text("<rss version='2.0'><channel><title>Wire\n  news</title><item><title>Bridge\n"
                    "reopens</title><description>It reopened.</description></item></channel></rss>")
    [article] = read_sources([feed]).articles
    assert (article.title, article.publication) == ("Bridge reopens", "Wire news")


def test_private_use_characters_are_never_read():
    """Word's list bullets arrive as U+F0B7 (Symbol's private-use bullet): never spoken."""
    from briefing.sources.textclean import clean_block

    assert clean_block("\uf0b7 Buses run\U000f0001 every ten minutes\U00100001.") == \
        "Buses run every ten minutes."


def test_bidirectional_controls_are_dropped():
    """An override (U+202E) or isolate (U+2066 to U+2069) left open in a headline turns every later
    line of a podcast app around; none is kept, and the words stay."""
    from briefing.sources.textclean import clean_block

    assert clean_block("\u202eCouncil\u202c votes \u2066budget\u2069 \u2067\u2068cuts") == \
        "Council votes budget cuts"


def test_a_headline_of_a_whole_article_is_cut_at_a_word():
    """A "headline" of ten thousand characters is said twice (intro and story): kept to 200
    characters, cut between words."""
    from briefing.sources.article import Article, Section, finished

    long = " ".join(["council"] * 1500)
    article = finished(Article(title=long, sections=(Section(("Text.",)),), source="x"), "X")
    assert len(article.title) <= 200 and article.title.endswith("council…")
    assert finished(Article(title="x" * 300, sections=(Section(("Text.",)),), source="x"),
                    "X").title == "x" * 199 + "…"
