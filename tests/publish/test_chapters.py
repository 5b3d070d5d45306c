"""Podcasting 2.0 chapters and timed transcripts of a tone-engine bulletin: every time is the one
the layout rules give, to the millisecond."""

import json
import re

import pytest

from briefing.audio.assembly import layout
from briefing.publish.chapters import to_chapters_json
from briefing.publish.transcript import render
from briefing.speech.engines.tone import SAMPLE_RATE

from ..audio.test_layout_exact import expected_layout
from ..conftest import tone_clips, tone_script


@pytest.fixture(scope="module")
def bulletin():
    script = tone_script(sections=2, sentences=3, stories=3)
    _, _, timeline = layout(script, tone_clips(script), chime=True)
    sentences, chapters, total = expected_layout(script, chime=True)
    return script, timeline, sentences, chapters, total


def test_chapter_times_and_titles(bulletin):
    script, timeline, _, chapters, total = bulletin
    data = json.loads(to_chapters_json(script, timeline.chapters, "Valley Newsroom"))
    assert data["version"] == "1.2.0" and data["author"] == "Valley Newsroom"
    assert [c["title"] for c in data["chapters"]] == [s.title for s in script.segments]
    assert [c["startTime"] for c in data["chapters"]] == [round(s / SAMPLE_RATE, 3) for s in chapters]
    ends = [*chapters[1:], total]
    assert [c["endTime"] for c in data["chapters"]] == [round(e / SAMPLE_RATE, 3) for e in ends]


def stamp(samples: int, separator: str) -> str:
    millis = round(samples * 1000 / SAMPLE_RATE)
    return (f"{millis // 3_600_000:02d}:{millis // 60_000 % 60:02d}:{millis // 1000 % 60:02d}"
            f"{separator}{millis % 1000:03d}")


@pytest.mark.parametrize(("kind", "separator"), [("vtt", "."), ("srt", ",")])
def test_every_cue_is_timed_to_its_sentence(bulletin, kind, separator):
    script, timeline, sentences, _, _ = bulletin
    text = render(kind, timeline, script.title)
    # Short sentences: one cue each, perhaps on two lines.
    cues = re.findall(r"^(\S+) --> (\S+)\n((?:.+\n)+)", text, re.M)
    assert [(a, b) for a, b, _ in cues] == [(stamp(s, separator), stamp(e, separator))
                                            for s, e in sentences]
    assert [" ".join(lines.split("\n")).strip() for _, _, lines in cues] == \
        [s.text for _, s in script.sentences()]


def test_the_text_transcript_heads_each_chapter_with_its_time(bulletin):
    script, timeline, _, chapters, _ = bulletin
    text = render("txt", timeline, script.title)
    headings = re.findall(r"^(.+) \((\d+:\d\d)\)\n-+$", text, re.M)
    assert [title for title, _ in headings] == [s.title for s in script.segments]
    assert [at for _, at in headings] == [f"{s // SAMPLE_RATE // 60}:{s // SAMPLE_RATE % 60:02d}"
                                          for s in chapters]


def test_a_storys_chapter_links_to_its_page_and_shows_its_own_picture():
    import datetime as dt

    from briefing.audio.assembly import Chapter
    from briefing.script.compose import build_script
    from briefing.sources.article import Article, Section

    articles = [Article("Harbour", (Section(("The harbour stayed open.",)),), "a.rss",
                        link="https://example.org/harbour", image="https://example.org/h.jpg"),
                Article("Market", (Section(("The market opened.",)),), "a.rss",
                        link="https://example.org/market")]
    script = build_script(articles, dt.date(2026, 11, 24))
    chapters = tuple(Chapter(s.title, n, n + 1) for n, s in enumerate(script.segments))
    data = json.loads(to_chapters_json(script, chapters))
    assert [(c.get("url"), c.get("img")) for c in data["chapters"]] == [
        (None, None), ("https://example.org/harbour", "https://example.org/h.jpg"),
        ("https://example.org/market", None), (None, None)]
