"""The spoken script: pure text, checked against exact expectations and a golden file."""

import datetime as dt

from briefing.script.compose import Pauses, build_script, count_words, short_title, spoken_date
from briefing.script.sentences import split_sentences
from briefing.sources.read import read_text_article

from ..conftest import ROOT, SEED, run_cli

DAY = dt.date(2026, 11, 24)


def test_intro_and_outro_name_the_title_and_date():
    script = build_script([read_text_article(SEED)], DAY)
    intro, outro = script.segments[0], script.segments[-1]
    assert [s.text for s in intro.sentences] == [
        "Kherson.", "A news briefing for Tuesday, November 24, 2026."]
    assert intro.title == "Introduction" and outro.title == "Closing"
    assert outro.sentences[0].text == "That was Kherson, a news briefing for Tuesday, November 24, 2026."
    assert [s.kind for s in script.segments] == ["intro"] + ["section"] * 4 + ["outro"]


def test_pauses_by_position():
    script = build_script([read_text_article(SEED)], DAY, Pauses(sentence=0.3, paragraph=0.9, segment=1.5))
    section = script.segments[1]
    assert [s.pause_after for s in section.sentences] == [0.3, 0.3, 0.3, 1.5]
    assert script.segments[-1].sentences[-1].pause_after == 0.0


def test_paragraph_pause_within_a_segment():
    from briefing.sources.read import Article, Section

    article = Article("T", (Section(("One. Two.", "Three.")),), "x")
    section = build_script([article], DAY).segments[1]
    assert [s.pause_after for s in section.sentences] == [0.35, 0.8, 1.2]


def test_sentence_splitting_survives_abbreviations_initials_and_decimals():
    text = ("Dr. Smith met J. R. R. Tolkien at 6:30 a.m. on Monday. It cost 3.5 million dollars. "
            "He moved to the U.S. in 1990. Mr. Jones agreed at 5 p.m. Then he left.")
    assert split_sentences(text) == [
        "Dr. Smith met J. R. R. Tolkien at 6:30 a.m. on Monday.",
        "It cost 3.5 million dollars.",
        "He moved to the U.S. in 1990.",
        "Mr. Jones agreed at 5 p.m.",
        "Then he left.",
    ]


def test_spoken_date_and_short_titles():
    assert spoken_date(dt.date(2026, 1, 1)) == "Thursday, January 1, 2026"
    assert short_title("Short one.") == "Short one"
    long = "The morale of the Ukrainian troops, who continue to reconquer territory occupied"
    assert short_title(long) == "The morale of the Ukrainian troops, who continue to…"


def test_several_articles_make_one_story_chapter_each():
    from briefing.sources.read import Article, Section

    one = read_text_article(SEED)
    sections = (Section(("The bridge reopened.",)), Section(("Cars crossed.",), "Traffic"))
    two = Article("Bridge reopens", sections, "b", link="https://example.org/bridge")
    script = build_script([one, two], DAY, Pauses(story=2.5))
    assert script.title == "News briefing"
    assert [s.title for s in script.segments] == [
        "Introduction", "Story 1 of 2: Kherson", "Story 2 of 2: Bridge reopens", "Closing"]
    assert [s.kind for s in script.segments] == ["intro", "story", "story", "outro"]
    assert [s.transition for s in script.segments] == ["", "sting", "sting", "sting"]
    assert script.segments[0].sentences[-1].text == "In this briefing: Kherson; and Bridge reopens."
    story = script.segments[2]
    assert [s.text for s in story.sentences] == ["Bridge reopens.", "The bridge reopened.", "Cars crossed."]
    assert story.link == "https://example.org/bridge"
    # Sections of a story follow each other like paragraphs; stories are set apart by the story pause.
    assert [s.pause_after for s in story.sentences] == [0.8, 0.8, 2.5]
    assert script.segments[0].sentences[-1].pause_after == 2.5


def test_stories_sharing_a_publication_take_its_name():
    from briefing.sources.read import Article, Section

    stories = [Article(f"Story {n}", (Section((f"Text {n}.",)),), "f", publication="Valley Times")
               for n in range(8)]
    script = build_script(stories, DAY)
    assert script.title == "Valley Times"
    assert script.segments[0].sentences[-1].text == (
        "In this briefing: Story 0; Story 1; Story 2; Story 3; Story 4; and 3 more stories.")


def test_script_command_matches_the_golden_file():
    result = run_cli("script", SEED, "--date", "2026-11-24")
    assert result.exit_code == 0
    golden = (ROOT / "tests" / "golden" / "kherson.script.txt").read_text()
    assert result.output == golden


def test_script_json():
    import json

    result = run_cli("script", SEED, "--date", "2026-11-24", "--json", "--segment-pause", "2")
    data = json.loads(result.output)
    assert data["date"] == "2026-11-24" and data["title"] == "Kherson"
    assert data["segments"][0]["sentences"][-1]["pause_after"] == 2.0


def test_a_long_headline_or_heading_makes_a_chapter_players_can_read(tmp_path, tone_voice):
    from ..conftest import DATE, ffprobe

    long = "Council approves the budget " + "after a very long night of debate " * 6 + "at last"
    story = tmp_path / "story.md"
    story.write_text(f"# Съвет {long}\n\nThe council met.\n\n## Ünïcödé {long}\n\nIt voted.\n")
    other = tmp_path / "other.txt"
    other.write_text("Rain is expected by evening.\n")
    out = tmp_path / "out" / "b.mp3"
    result = run_cli("-q", "build", story, other, "--voice", tone_voice, "--date", DATE, "-o", out)
    assert result.exit_code == 0, result.output
    titles = [c["tags"]["title"] for c in ffprobe(out, "-show_chapters")["chapters"]]
    assert titles[1].startswith("Story 1 of 2: Съвет Council approves the budget after")
    assert titles[1].endswith("…") and len(titles[1].encode()) <= 120


def test_a_headline_only_story_is_said_once():
    """A feed item with a headline and no text is read as its own text: said once, not twice."""
    import datetime as dt

    from briefing.script.compose import build_script
    from briefing.sources.article import Article, Section

    only = Article(title="Storm warning for the coast", source="feed.xml",
                   sections=(Section(("Storm warning for the coast",)),))
    other = Article(title="Ferry times", source="a.txt",
                    sections=(Section(("The ferry leaves at seven.",)),))
    script = build_script([only, other], dt.date(2026, 11, 24))
    story = script.segments[1]
    assert [s.text for s in story.sentences] == ["Storm warning for the coast."]


def test_chinese_and_japanese_are_counted_by_the_character():
    """Written without spaces, a sentence was one "word" (so its expected length was 0.4 s):
    two Chinese characters or kanji, or two and a half kana, make a word; Latin words around
    them still count as words."""
    assert count_words("新有轨电车线路开通。") == 5  # nine characters
    assert count_words("アタラシイ ロメン デンシャガ カイギョー。") == 7  # eighteen kana
    assert count_words("GDP增长了百分之三") == 1 + 4  # a word and seven characters
    assert count_words("中") == 1
    assert count_words("hand-to-hand, in 2026") == 5


def test_a_chinese_or_japanese_article_splits_at_full_width_stops():
    """pysbd splits at 。！？ for both (this held before; it is here so it keeps holding)."""
    assert split_sentences("市长表示，这是重要一步。票价将上涨吗？学生很高兴！", "zh") == [
        "市长表示，这是重要一步。", "票价将上涨吗？", "学生很高兴！"]
    assert split_sentences("市長は述べました。運賃は上がりますか？学生は喜んでいます！", "ja") == [
        "市長は述べました。", "運賃は上がりますか？", "学生は喜んでいます！"]
