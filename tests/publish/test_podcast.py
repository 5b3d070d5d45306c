"""The podcast feed, as podcast apps read it: a show made by real daily runs (the tone engine),
held to Apple's and Podcasting 2.0's checklists and read back by gPodder's parser and feedparser."""

import datetime as dt
import json
import logging
import re
from pathlib import Path

import feedparser
import podcastparser
import pytest
from lxml import etree

from briefing.publish.cover import Artwork
from briefing.publish.labels import LABELS
from briefing.publish.notes import MORE_WORDS, episode_title
from briefing.publish.podcast import Episode, Show, npt, podcast_guid, render_feed

from ..conftest import run_cli

BASE = "https://podcasts.example.org/valley/"
DAYS = ("2026-11-23", "2026-11-24")
NS = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
      "podcast": "https://podcastindex.org/namespace/1.0", "atom": "http://www.w3.org/2005/Atom",
      "content": "http://purl.org/rss/1.0/modules/content/", "psc": "http://podlove.org/simple-chapters"}
TONE = 'engine = "tone"\nlanguage = "en"\nrate = 160\n'
#: Three short stories, each with its own web address (one with an ampersand to escape).
STORIES = (("Council approves a leaner budget", "https://news.example.org/budget?year=2026&part=1",
            "The council approved the budget. It cuts costs by a tenth."),
           ("Ferry timetable changes", "https://news.example.org/ferry",
            "The ferry leaves at seven from Monday. Tickets cost less."),
           ("Choir seeks tenors", "https://news.example.org/choir",
            "The town choir wants tenors for its winter concert. Rehearsals start soon."))


def write_source(path: Path) -> None:
    items = "".join(f"<item><title>{title}</title><link>{link.replace('&', '&amp;')}</link>"
                    f"<description>{text}</description></item>" for title, link, text in STORIES)
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Valley News</title>'
                    f"<link>https://news.example.org/</link>{items}</channel></rss>", encoding="utf-8")


@pytest.fixture(scope="module")
def show_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two daily runs of a published show on two days: its output folder."""
    folder = tmp_path_factory.mktemp("feed")
    (folder / "voices").mkdir()
    (folder / "voices" / "tone.toml").write_text(TONE)
    write_source(folder / "news.rss")
    config = folder / "show.toml"
    config.write_text('title = "Valley Daily"\nauthor = "Valley Newsroom"\nvoice = "tone"\n'
                      'output = "episodes"\nlanguage = "en"\nonly_new = false\n'
                      'email = "news@example.org"\nbase_url = "https://podcasts.example.org/valley"\n'
                      '[[sources]]\npath = "news.rss"\n')
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_VOICES_DIR", str(folder / "voices"))
        for day in DAYS:
            result = run_cli("daily", "--config", config, "--date", day)
            assert result.exit_code == 0, result.output
    return folder / "episodes"


def manifests(folder: Path) -> dict[str, dict]:
    return {day: json.loads((folder / f"{day}.json").read_text()) for day in DAYS}


def cover_url(folder: Path) -> str:
    [cover] = [p.name for p in folder.iterdir() if re.fullmatch(r"cover-[0-9a-f]{8}\.jpg", p.name)]
    return f"{BASE}{cover}"


#: What Apple requires and recommends of a show and of each episode, and what Podcasting 2.0 (with
#: PSP-1) asks for; each must match exactly once.
CHANNEL = ("title", "description", "link", "language", "copyright", "itunes:author",
           "itunes:image/@href", "itunes:category/@text", "itunes:category/itunes:category/@text",
           "itunes:explicit", "itunes:type", "itunes:owner/itunes:email", "image/url",
           "atom:link[@rel='self']/@href", "podcast:guid", "podcast:locked")
ITEM = ("title", "enclosure/@url", "enclosure/@length", "enclosure/@type", "guid", "pubDate",
        "description", "content:encoded", "link", "itunes:duration", "itunes:image/@href",
        "itunes:explicit", "podcast:chapters/@url", "podcast:transcript/@url",
        "psc:chapters[@version='1.2']")


def test_the_feed_meets_apples_and_podcasting_2_0s_checklists(show_dir: Path):
    tree = etree.parse(show_dir / "feed.xml")
    [channel] = tree.xpath("/rss[@version='2.0']/channel")
    for path in CHANNEL:
        found = channel.xpath(path, namespaces=NS)
        assert len(found) == 1 and str(getattr(found[0], "text", found[0]) or "").strip(), path
    items = channel.xpath("item")
    assert len(items) == len(DAYS)
    for item in items:
        for path in ITEM:
            found = item.xpath(path, namespaces=NS)
            assert len(found) == 1 and (str(getattr(found[0], "text", found[0]) or "").strip()
                                        or len(found[0])), path
    value = {path: channel.xpath(f"string({path})", namespaces=NS) for path in CHANNEL}
    assert value["itunes:explicit"] == "false"  # Apple's spelling: true or false
    assert (value["itunes:category/@text"], value["itunes:category/itunes:category/@text"]) == (
        "News", "Daily News")
    assert value["copyright"] == "Valley Newsroom"
    assert value["podcast:guid"] == podcast_guid(f"{BASE}feed.xml")
    assert value["podcast:locked"] == "yes"
    assert channel.xpath("string(podcast:locked/@owner)", namespaces=NS) == "news@example.org"
    assert value["atom:link[@rel='self']/@href"] == f"{BASE}feed.xml"
    assert value["itunes:image/@href"] == value["image/url"] == cover_url(show_dir)
    assert {item.xpath("string(itunes:explicit)", namespaces=NS) for item in items} == {"false"}
    # Each episode's link is its player page, beside the MP3.
    assert [item.findtext("link") for item in items] == [f"{BASE}{day}.html" for day in DAYS[::-1]]
    assert all((show_dir / f"{day}.html").is_file() for day in DAYS)


def test_podcast_guid_is_the_namespaces_uuid5_of_the_address_without_scheme():
    """The namespace's own example, however the address is written."""
    for url in ("https://podnews.net/rss", "http://podnews.net/rss/", "podnews.net/rss//"):
        assert podcast_guid(url) == "9b024349-ccf0-5f69-a609-6b82873eab3c"


def test_gpodder_reads_every_episodes_chapters_and_the_artwork(show_dir: Path):
    with (show_dir / "feed.xml").open("rb") as stream:
        parsed = podcastparser.parse(f"{BASE}feed.xml", stream)
    assert parsed["cover_url"] == cover_url(show_dir)
    assert parsed["itunes_categories"] == [["News", "Daily News"]]
    episodes = {e["enclosures"][0]["url"].rsplit("/", 1)[1][:10]: e for e in parsed["episodes"]}
    assert sorted(episodes) == list(DAYS)
    for day, manifest in manifests(show_dir).items():
        episode = episodes[day]
        assert episode["episode_art_url"] == cover_url(show_dir)
        # gPodder truncates a chapter's start to whole seconds.
        assert [(c["start"], c["title"], c.get("href")) for c in episode["chapters"]] == [
            (int(s["start"]), s["title"], s.get("link")) for s in manifest["segments"]]
        assert len(episode["chapters"]) == 5  # the introduction, three stories, the closing
        assert episode["link"] == f"{BASE}{day}.html"


def test_feedparser_reads_the_guid_chapters_notes_and_image(show_dir: Path):
    feed = feedparser.parse((show_dir / "feed.xml").read_bytes())
    assert not feed.bozo
    assert feed.feed.podcast_guid == podcast_guid(f"{BASE}feed.xml")
    assert feed.feed.image.href == cover_url(show_dir)
    assert feed.feed.rights == "Valley Newsroom"
    for entry, (day, manifest) in zip(feed.entries, reversed(manifests(show_dir).items()),
                                      strict=True):
        assert entry.image.href == cover_url(show_dir)
        assert entry.podcast_chapters == {"url": f"{BASE}{day}.chapters.json",
                                          "type": "application/json+chapters"}
        starts = [c["start"] for c in entry.psc_chapters["chapters"]]
        assert starts == [npt(s["start"]) for s in manifest["segments"]]
        # Each headline linked to its story, the ampersand escaped once.
        notes = etree.fromstring(f"<div>{entry.content[0].value}</div>")
        assert [(a.text, a.get("href")) for a in notes.iter("a")] == [
            (title, link) for title, link, _ in STORIES]
        assert entry.title.startswith(f"{dt.date.fromisoformat(day):%a} ")
        assert entry.title.endswith(": Council approves a leaner budget and 2 more")
        assert "Valley Daily" not in entry.title
    assert len({entry.title for entry in feed.entries}) == len(DAYS)


def test_the_feed_is_rewritten_only_when_it_changes(show_dir: Path):
    """A third run of the same day changes nothing, cover and icons included."""
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(show_dir.iterdir())}
    config = show_dir.parent / "show.toml"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_VOICES_DIR", str(show_dir.parent / "voices"))
        result = run_cli("daily", "--config", config, "--date", DAYS[1])
    assert result.exit_code == 0, result.output
    assert "feed unchanged" in result.stderr
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(show_dir.iterdir())}
    # The history's bytes are the other helper's business; the published files are ours.
    assert {k: v for k, v in after.items() if not k.startswith(".")} == \
        {k: v for k, v in before.items() if not k.startswith(".")}


def test_npt_is_hours_minutes_seconds_and_milliseconds():
    assert [npt(s) for s in (0, 62.5, 3725.0004, 59.9996)] == [
        "00:00:00.000", "00:01:02.500", "01:02:05.000", "00:01:00.000"]


def _episode(tmp_path: Path, day: str, stories: int) -> Episode:
    segments = [{"title": "Introduction", "kind": "intro", "start": 0.0, "end": 2.0,
                 "sentences": [{"text": "Hello.", "start": 0.0, "end": 1.0}]}]
    segments += [{"title": f"Story {n}", "kind": "story", "start": 2.0 + n, "end": 3.0 + n,
                  "sentences": [{"text": f"Headline {n}.", "start": 2.0 + n, "end": 3.0 + n}]}
                 for n in range(1, stories + 1)]
    mp3 = tmp_path / f"{day}.mp3"
    mp3.write_bytes(b"\xff" * 10)
    manifest = {"date": day, "duration": 9.6, "language": "en", "segments": segments, "files": {}}
    return Episode(mp3, manifest, dt.datetime.fromisoformat(f"{day}T06:00:00+00:00"))


def test_explicit_locked_and_a_web_cover_are_written_as_configured(tmp_path):
    show = Show(title="Valley Daily", author="Valley Newsroom", description="News.", base_url=BASE,
                link=BASE, explicit=True, locked=False, category="Technology",
                artwork=Artwork("https://cdn.example.org/art.png"), copyright="Valley Trust")
    xml = render_feed(show, [_episode(tmp_path, "2026-11-24", 1)])
    tree = etree.fromstring(xml)
    text = {path: tree.xpath(f"string(channel/{path})", namespaces=NS) for path in (
        "itunes:explicit", "item/itunes:explicit", "podcast:locked", "itunes:image/@href",
        "item/itunes:image/@href", "copyright", "itunes:category/@text")}
    assert text == {"itunes:explicit": "true", "item/itunes:explicit": "true", "podcast:locked": "no",
                    "itunes:image/@href": "https://cdn.example.org/art.png",
                    "item/itunes:image/@href": "https://cdn.example.org/art.png",
                    "copyright": "Valley Trust", "itunes:category/@text": "Technology"}
    assert tree.xpath("channel/itunes:category/*", namespaces=NS) == []
    # Without a public address there is no podcast:guid to give; the same input, the same bytes.
    assert tree.xpath("channel/podcast:guid", namespaces=NS) == []
    assert render_feed(show, [_episode(tmp_path, "2026-11-24", 1)]) == xml
    # One story: no "and 0 more".
    assert tree.findtext("channel/item/title") == "Tue 24 Nov: Headline 1"


def test_episode_titles_in_each_framed_language(tmp_path):
    """`{day}` as the language writes it, and "and 2 more" in its words."""
    manifest = _episode(tmp_path, "2026-11-24", 3).manifest
    day = dt.date(2026, 11, 24)
    titles = {lang: episode_title("{day}: {lead} {more}", day, manifest, lang) for lang in MORE_WORDS}
    assert titles == {"en": "Tue 24 Nov: Headline 1 and 2 more", "es": "Mar 24 nov: Headline 1 y 2 más",
                      "fr": "Mar. 24 nov.: Headline 1 et 2 autres",
                      "it": "Mar 24 nov: Headline 1 e altre 2", "pt": "Ter. 24 nov.: Headline 1 e mais 2",
                      "de": "Di. 24 Nov.: Headline 1 und 2 weitere"}
    assert episode_title("{lead} ({date})", day, manifest, "fi") == "Headline 1 (2026-11-24)"
    two = _episode(tmp_path, "2026-11-24", 2).manifest
    assert episode_title("{day} - {lead} {more}", day, two, "fr") == "Mar. 24 nov. - Headline 1 et 1 autre"
    # The same languages as the player's words.
    assert set(MORE_WORDS) == set(LABELS)


def test_a_show_without_base_url_warns_that_its_feed_works_only_on_this_disk(
        tmp_path, tone_voice, caplog):
    (tmp_path / "story.txt").write_text("Harbour reopens\n\nThe harbour reopened on Monday.\n")
    config = tmp_path / "show.toml"
    config.write_text(f'title = "Valley Daily"\noutput = "episodes"\nvoice = "{tone_voice}"\n'
                      '[[sources]]\npath = "story.txt"\n')
    with caplog.at_level(logging.WARNING, logger="briefing"):
        result = run_cli("daily", "--config", config, "--date", "2026-11-24")
    assert result.exit_code == 0, result.output
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [f"{tmp_path / 'episodes' / 'feed.xml'}: no base_url in the show's config, "
                        "so the feed's links point into this folder and work only on this disk; "
                        "set base_url to where the folder is published"]
    tree = etree.parse(tmp_path / "episodes" / "feed.xml")
    assert tree.xpath("//podcast:guid", namespaces=NS) == []
    assert tree.xpath("string(//itunes:image/@href)", namespaces=NS).startswith("file://")


def test_a_moved_feed_keeps_its_podcast_guid(tmp_path):
    show = Show(title="T", author="A", description="D", base_url="https://new.example.org/",
                link="https://new.example.org/", guid="9b024349-ccf0-5f69-a609-6b82873eab3c")
    tree = etree.fromstring(render_feed(show, []))
    assert tree.xpath("string(//podcast:guid)", namespaces=NS) == "9b024349-ccf0-5f69-a609-6b82873eab3c"


def test_a_headline_that_looks_like_markup_stays_text_in_the_notes(tmp_path):
    episode = _episode(tmp_path, "2026-11-24", 1)
    story = episode.manifest["segments"][1]
    story["sentences"][0]["text"] = "Prices <b>rise</b> ]]> again."
    story["link"] = "javascript:alert(1)"
    show = Show(title="T", author="A", description="D", base_url=BASE, link=BASE)
    tree = etree.fromstring(render_feed(show, [episode]))
    notes = tree.xpath("string(//content:encoded)", namespaces=NS)
    assert notes == "<ol><li>Prices &lt;b&gt;rise&lt;/b&gt; ]]&gt; again</li></ol>"
    assert "javascript" not in etree.tostring(tree).decode()
