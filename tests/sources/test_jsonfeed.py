"""JSON Feed 1.0 and 1.1: one story per item, with its title, text, date, link, id and author."""

import datetime as dt
import json

import pytest

from briefing.errors import SourceError
from briefing.sources.article import Article, Skipped
from briefing.sources.jsonfeed import MAX_BYTES, read_json_feed
from briefing.sources.read import detect_kind, read_sources

from ..conftest import DATE, run_cli

FEED_11 = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Valley Post",
    "home_page_url": "https://post.example.org/",
    "language": "en-GB",
    "authors": [{"name": "Valley Post newsroom"}],
    "items": [
        {"id": "https://post.example.org/bridge", "url": "https://post.example.org/bridge",
         "title": "Old bridge reopens",
         "content_html": "<p>The old bridge reopened to traffic on Monday.</p>"
                         "<h2>Traffic returns</h2><p>Buses use it again from <b>Tuesday</b>.</p>"
                         "<script>alert(1)</script>",
         "date_published": "2026-11-23T08:30:00Z",
         "authors": [{"name": "Dana Reyes"}, {"name": "Sam Lee"}]},
        {"id": 42, "title": "Library extends its hours",
         "content_text": "The library stays open until nine.\n\nIt opens on Sundays from December.",
         "date_modified": "2026-11-22T17:00:00+01:00", "language": "cy"},
        {"id": "summary-only", "summary": "The ferry timetable changes next week.",
         "url": "javascript:alert(1)"},
        {"id": "empty", "content_html": "<img src='x.png'>"},
    ],
}

FEED_10 = {
    "version": "https://jsonfeed.org/version/1",
    "title": "Riverside Updates",
    "author": {"name": "Riverside council"},
    "items": [
        {"id": "footpath", "url": "https://riverside.example.org/footpath",
         "title": "New footpath opens along the river",
         "content_html": "<p>A new footpath opened along the river on Saturday.</p>",
         "date_published": "2026-11-21T10:00:00-05:00", "author": {"name": "Jo Park"}},
        {"id": "recycling", "title": "Recycling collection moves to Tuesdays",
         "content_text": "Recycling bins are now emptied on Tuesdays."},
    ],
}


def write(tmp_path, name, feed):
    path = tmp_path / name
    path.write_text(json.dumps(feed))
    return path


def test_a_json_feed_1_1_gives_a_story_per_item(tmp_path):
    path = write(tmp_path, "post.json", FEED_11)
    assert detect_kind(path.read_bytes()) == "jsonfeed"
    reading = read_sources([path])
    bridge, library, ferry = reading.articles
    assert [s.reason for s in reading.skipped] == [f"{path} (item 4): the item has no title and no text"]
    assert bridge.title == "Old bridge reopens"
    assert [(s.title, s.paragraphs) for s in bridge.sections] == [
        (None, ("The old bridge reopened to traffic on Monday.",)),
        ("Traffic returns", ("Buses use it again from Tuesday.",))]
    assert bridge.published == dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)
    assert (bridge.link, bridge.guid) == ("https://post.example.org/bridge",) * 2
    assert (bridge.author, bridge.publication, bridge.language) == ("Dana Reyes, Sam Lee", "Valley Post",
                                                                    "en-GB")
    assert bridge.source == f"{path} (https://post.example.org/bridge)"
    assert library.sections[0].paragraphs == ("The library stays open until nine.",)
    assert library.sections[1].paragraphs == ("It opens on Sundays from December.",)
    assert library.published == dt.datetime(2026, 11, 22, 16, tzinfo=dt.UTC)
    assert (library.guid, library.language, library.author) == ("42", "cy", "Valley Post newsroom")
    assert library.link is None
    assert ferry.sections[0].paragraphs == ("The ferry timetable changes next week.",)
    assert ferry.link is None  # not a web page's address
    assert ferry.title == "Post"  # no title of its own: the file's name, as for any source


def test_a_json_feed_1_0_and_the_script_it_makes(tmp_path):
    path = write(tmp_path, "riverside.json", FEED_10)
    footpath, recycling = read_sources([path]).articles
    assert (footpath.author, recycling.author) == ("Jo Park", "Riverside council")
    assert footpath.published == dt.datetime(2026, 11, 21, 15, tzinfo=dt.UTC)
    assert footpath.link == "https://riverside.example.org/footpath"
    result = run_cli("script", path, "--date", DATE, "--json")
    assert result.exit_code == 0, result.output
    script = json.loads(result.stdout)
    titles = [segment["title"] for segment in script["segments"]]
    assert "Story 1 of 2: New footpath opens along the river" in titles
    assert "Story 2 of 2: Recycling collection moves to Tuesdays" in titles
    text = run_cli("script", path, "--date", DATE).stdout
    assert "A new footpath opened along the river on Saturday." in text
    assert "Recycling bins are now emptied on Tuesdays." in text


def test_items_caps_the_stories(tmp_path):
    path = write(tmp_path, "post.json", FEED_11)
    got = read_json_feed(path.read_bytes(), str(path), 1)
    assert [a.title for a in got if isinstance(a, Article)] == ["Old bridge reopens"]


@pytest.mark.parametrize(("data", "message"), [
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": ', "not valid JSON (Expecting value"),
    (b'{"version": "https://jsonfeed.org/version/1.1", "title": "x"}', 'the JSON Feed has no "items" list'),
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', "the feed has no items"),
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": [1, {"id": "x"}]}',
     "none of the feed's items has any text"),
    (b'{"title": "x", "items": []}', 'not a JSON Feed (it needs "version": '
                                     '"https://jsonfeed.org/version/1.1" in its top-level object)'),
    (b"[1, 2, 3]", "not a JSON Feed"),
    (b'{"version": 1.1}', "not a JSON Feed"),
    (b"\xff\xfe{", "not valid JSON (JSON is UTF-8 text)"),
    (b'{"version": "https://jsonfeed.org/version/1", "items": [' + b"[" * 100_000,
     "the JSON is nested too deeply to read"),
])
def test_what_is_not_a_json_feed_is_one_line(data, message):
    with pytest.raises(SourceError) as caught:
        read_json_feed(data, "f.json", 10)
    assert str(caught.value).startswith(f"f.json: {message}")
    assert "\n" not in str(caught.value)


def test_a_json_feed_too_large_is_refused_before_it_is_parsed():
    with pytest.raises(SourceError, match=r"^f.json: the JSON file is larger than 20 MB"):
        read_json_feed(b" " * (MAX_BYTES + 1), "f.json", 10)


def test_a_json_file_that_is_not_a_feed_is_skipped_and_the_other_source_read(tmp_path):
    other = write(tmp_path, "settings.json", {"colour": "blue", "items": [1, 2]})
    good = write(tmp_path, "riverside.json", FEED_10)
    result = run_cli("script", other, good, "--date", DATE)
    assert result.exit_code == 3, result.output
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"Skipped: {other}: ")
    assert "A new footpath opened along the river on Saturday." in result.stdout


def test_values_of_the_wrong_type_count_as_absent():
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": 5, "authors": "x",
            "items": [{"title": ["x"], "content_text": {"a": 1}, "summary": "Plain words here.",
                       "id": True, "date_published": 20261124, "authors": [5, {"name": 7}]}]}
    [item] = read_json_feed(json.dumps(feed).encode(), "f.json", 10)
    assert isinstance(item, Article) and not isinstance(item, Skipped)
    assert (item.title, item.guid, item.published, item.author, item.publication) == (
        "", None, None, None, None)
    assert item.sections[0].paragraphs == ("Plain words here.",)
