"""OPML subscription lists: every feed listed, at any depth, read in turn; and the daily show's
`opml =` source."""

import json
import shutil
from pathlib import Path

import pytest

from briefing.errors import SourceError
from briefing.show_config import config_from_data
from briefing.sources.opml import feed_sources
from briefing.sources.read import detect_kind, read_sources

from ..conftest import DATE, ROOT, ffprobe, run_cli

SEEDS = ROOT / "seeds"
#: The seed feeds' items: two from Valley Times (RSS), two from Riverside Updates (Atom).
TITLES = {"Library hours extended through the winter", "Snow expected in the hills on Thursday",
          "New footpath opens along the river", "Recycling collection moves to Tuesdays"}


def subscriptions(folder: Path, *outlines: str, head: str = "") -> Path:
    """An OPML file in `folder` listing `outlines`, inside a folder outline as reader apps
    export them."""
    path = folder / "subscriptions.opml"
    path.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>{head}
<opml version="2.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="News" title="News">
      {"".join(outlines)}
    </outline>
  </body>
</opml>
""")
    return path


@pytest.fixture
def feeds(tmp_path: Path) -> Path:
    """The seed feeds in a folder of their own, beside which the OPML file is written."""
    folder = tmp_path / "feeds"
    folder.mkdir()
    shutil.copy(SEEDS / "valley-times.rss", folder)
    shutil.copy(SEEDS / "riverside-updates.atom", folder)
    return tmp_path


def test_feeds_at_any_depth_by_relative_path_and_file_url(feeds):
    atom = feeds / "feeds" / "riverside-updates.atom"
    opml = subscriptions(
        feeds,
        '<outline type="rss" text="Valley Times" xmlUrl="feeds/valley-times.rss"/>',
        '<outline text="Local"><outline text="Council">',
        f'<outline type="rss" text="Riverside" xmlUrl="{atom.as_uri()}"/></outline></outline>',
        '<outline type="rss" text="Again" xmlurl="./feeds/valley-times.rss"/>',  # listed twice
    )
    assert detect_kind(opml.read_bytes()) == "opml"
    assert feed_sources(opml.read_bytes(), str(opml)) == [
        str(feeds / "feeds" / "valley-times.rss"), str(atom)]
    reading = read_sources([opml])
    assert {a.title for a in reading.articles} == TITLES and len(reading.articles) == 4
    assert reading.skipped == []
    assert {a.publication for a in reading.articles} == {"Valley Times", "Riverside Updates"}

    result = run_cli("script", opml, "--date", DATE)
    assert result.exit_code == 0, result.output
    headings = [line for line in result.stdout.splitlines() if "[story" in line]
    assert len(headings) == 4
    assert all(any(title in heading for heading in headings) for title in TITLES)


def test_a_missing_feed_is_one_skipped_line_and_the_others_are_read(feeds):
    opml = subscriptions(feeds, '<outline xmlUrl="feeds/valley-times.rss"/>',
                         '<outline xmlUrl="feeds/gone.rss"/>')
    result = run_cli("script", opml, "--date", DATE)
    assert result.exit_code == 3, result.output
    missing = feeds / "feeds" / "gone.rss"
    assert result.stderr == f"Skipped: {missing}: cannot read it (No such file or directory)\n"
    assert "Library hours extended through the winter" in result.stdout


@pytest.mark.parametrize(("value", "listed"), [
    ("https://news.example.org/feed.xml", "https://news.example.org/feed.xml"),
    ("feed://news.example.org/rss", "http://news.example.org/rss"),
    ("feed:https://news.example.org/rss", "https://news.example.org/rss"),
    ("/srv/feeds/a.xml", "/srv/feeds/a.xml"),
    ("file:///srv/feeds/a.xml", "/srv/feeds/a.xml"),
    ("file://localhost/srv/feeds/a.xml", "/srv/feeds/a.xml"),
    ("file:local/a.xml", "/lists/local/a.xml"),
    ("../a.xml", "/a.xml"),
    ("javascript:alert(1)", None),
    ("data:application/rss+xml,x", None),
    ("file://elsewhere/a.xml", None),
    ("   ", None),
])
def test_what_an_entry_names(value, listed, caplog):
    data = f'<opml version="1.0"><body><outline xmlUrl="{value}"/><outline xmlUrl="http://x.example/f"/>' \
           '</body></opml>'
    assert feed_sources(data.encode(), "/lists/mine.opml") == [
        *([listed] if listed else []), "http://x.example/f"]
    if listed is None and value.strip():
        assert f"left out the feed {value!r}" in caplog.text


def test_a_list_from_the_web_names_only_web_addresses(caplog):
    data = (b'<opml version="2.0"><body><outline xmlUrl="file:///etc/passwd"/>'
            b'<outline xmlUrl="/etc/passwd"/><outline xmlUrl="feeds/a.xml"/></body></opml>')
    assert feed_sources(data, "https://lists.example.org/me/subs.opml") == [
        "https://lists.example.org/etc/passwd", "https://lists.example.org/me/feeds/a.xml"]
    assert "a list from the web may name only web addresses" in caplog.text


@pytest.mark.parametrize(("data", "message"), [
    (b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "b">]><opml><body><outline xmlUrl="&a;"/>'
     b"</body></opml>",
     "the OPML file declares XML entities or external references (it has a <!DOCTYPE> declaration); "
     "refused for safety"),
    (b'<opml version="2.0"><body><outline text="Empty folder"/></body></opml>',
     "the OPML file lists no feeds (no <outline> with an xmlUrl)"),
    (b'<opml version="2.0"><body><outline xmlUrl="x"', "not a valid OPML file (unclosed token"),
    (b"<rss/>", "not an OPML file (its root element is <rss>, not <opml>)"),
])
def test_what_is_not_a_list_of_feeds_is_one_line(data, message):
    with pytest.raises(SourceError) as caught:
        feed_sources(data, "subs.opml")
    assert str(caught.value).startswith(f"subs.opml: {message}")


def test_an_opml_with_a_doctype_is_skipped_and_the_other_source_read(feeds):
    opml = subscriptions(feeds, '<outline xmlUrl="feeds/valley-times.rss"/>',
                         head='\n<!DOCTYPE opml SYSTEM "http://127.0.0.1:9/opml.dtd">')
    assert detect_kind(opml.read_bytes()) == "opml"
    result = run_cli("script", opml, feeds / "feeds" / "riverside-updates.atom", "--date", DATE)
    assert result.exit_code == 3, result.output
    assert result.stderr == (f"Skipped: {opml}: the OPML file declares XML entities or external "
                             "references (it has a <!DOCTYPE> declaration); refused for safety\n")
    assert "New footpath opens along the river" in result.stdout
    assert "Library hours" not in result.stdout


def test_a_list_inside_a_list_is_not_followed(feeds):
    inner = feeds / "feeds" / "inner.opml"
    inner.write_text('<opml version="2.0"><body><outline xmlUrl="../subscriptions.opml"/></body></opml>')
    opml = subscriptions(feeds, '<outline xmlUrl="feeds/inner.opml"/>',
                         '<outline xmlUrl="feeds/riverside-updates.atom"/>')
    reading = read_sources([opml])
    assert {a.title for a in reading.articles} == TITLES - {"Library hours extended through the winter",
                                                            "Snow expected in the hills on Thursday"}
    [skipped] = reading.skipped
    assert skipped.source == str(inner) and "not a valid RSS or Atom feed" in skipped.reason


def test_a_daily_show_reads_the_feeds_of_its_opml_source(feeds, tone_voice):
    subscriptions(feeds, '<outline xmlUrl="feeds/valley-times.rss"/>',
                  '<outline xmlUrl="feeds/riverside-updates.atom"/>')
    config = feeds / "show.toml"
    config.write_text(f'title = "Valley Daily"\noutput = "episodes"\nvoice = "{tone_voice}"\n'
                      '[[sources]]\nopml = "subscriptions.opml"\n')
    result = run_cli("daily", "--config", config, "--date", DATE)
    assert result.exit_code == 0, result.output
    mp3 = feeds / "episodes" / f"{DATE}.mp3"
    chapters = [c["tags"]["title"] for c in ffprobe(mp3, "-show_chapters")["chapters"]]
    assert len(chapters) == 6 and chapters[0] == "Introduction" and chapters[-1] == "Closing"
    assert {chapter.partition(": ")[2] for chapter in chapters[1:-1]} == TITLES
    manifest = json.loads((feeds / "episodes" / f"{DATE}.json").read_text())
    assert manifest["segments"]


def test_a_daily_opml_source_is_a_path_beside_the_config_or_a_web_address(tmp_path):
    config = config_from_data({"title": "T", "output": "o", "sources": [
        {"opml": "lists/subs.opml"}, {"opml": "https://lists.example.org/subs.opml"}]},
        tmp_path / "show.toml")
    assert config.sources == (str(tmp_path / "lists" / "subs.opml"), "https://lists.example.org/subs.opml")
