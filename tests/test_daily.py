"""`briefing daily`: episodes, the podcast feed, keep, idempotence and the lock, end to end."""

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from filelock import FileLock
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.daily import LOCK_NAME
from briefing.desk.history import HISTORY_NAME
from briefing.errors import ConfigError
from briefing.publish.cover import ICONS
from briefing.show_config import DailyConfig, config_from_data

from .conftest import ROOT, ffprobe, run_cli

SEEDS = ROOT / "seeds"


def make_show(folder: Path, keep: int = 7, extra: str = "") -> Path:
    """A show reading a Markdown file and an RSS feed from an inbox folder, with a system voice."""
    inbox = folder / "inbox"
    inbox.mkdir(exist_ok=True)
    shutil.copy(SEEDS / "council-budget.md", inbox)
    shutil.copy(SEEDS / "riverside-updates.atom", folder / "riverside.atom")
    config = folder / "briefing.toml"
    config.write_text(f'''title = "Valley Daily"
author = "Valley Newsroom"
voice = "system"
output = "episodes"
keep = {keep}
base_url = "https://podcasts.example.org/valley"
{extra}
[[sources]]
path = "inbox/"
[[sources]]
path = "riverside.atom"
''')
    return config


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_an_episode_and_a_feed_that_podcast_apps_can_read(tmp_path):
    config = make_show(tmp_path)
    result = run_cli("daily", "--config", config, "--date", "2026-11-24")
    assert result.exit_code == 0, result.output
    episodes = tmp_path / "episodes"
    assert result.stdout == f"{episodes / '2026-11-24.mp3'}\n"
    [cover] = [p.name for p in episodes.glob("cover-*.jpg")]
    assert sorted(p.name for p in episodes.iterdir()) == sorted([
        LOCK_NAME, HISTORY_NAME, "2026-11-24.chapters.json", "2026-11-24.html", "2026-11-24.json",
        "2026-11-24.mp3", "2026-11-24.vtt", "feed.xml", "index.html", cover, "favicon.png",
        "apple-touch-icon.png"])
    mp3 = episodes / "2026-11-24.mp3"
    # The show's cover is the episode's front picture too, as apps show it in their player.
    from mutagen.id3 import ID3, PictureType

    [picture] = ID3(mp3).getall("APIC")
    assert picture.type == PictureType.COVER_FRONT and picture.mime == "image/jpeg"
    assert picture.data == (episodes / cover).read_bytes()
    chapters = [c["tags"]["title"] for c in ffprobe(mp3, "-show_chapters")["chapters"]]
    # One outlet each: the newest first.
    assert chapters == ["Introduction", "Story 1 of 3: New footpath opens along the river",
                        "Story 2 of 3: Council approves a leaner budget",
                        "Story 3 of 3: Recycling collection moves to Tuesdays", "Closing"]

    feed = feedparser.parse((episodes / "feed.xml").read_bytes())
    assert not feed.bozo and feed.version == "rss20"
    assert feed.feed.title == "Valley Daily" and feed.feed.author == "Valley Newsroom"
    [entry] = feed.entries
    base = "https://podcasts.example.org/valley/"
    [enclosure] = entry.enclosures
    assert enclosure.href == f"{base}2026-11-24.mp3"
    assert enclosure.type == "audio/mpeg" and int(enclosure.length) == mp3.stat().st_size
    duration = float(ffprobe(mp3, "-show_format")["format"]["duration"])
    assert abs(int(entry.itunes_duration) - duration) <= 1
    assert entry.id and entry.guidislink is False
    assert entry.published_parsed[:3] == (2026, 11, 24)
    # What the episode is about, not the show's name again (apps show that beside it).
    assert entry.title == "Tue 24 Nov: New footpath opens along the river and 2 more"
    assert entry.link == f"{base}2026-11-24.html"
    assert entry.image.href == feed.feed.image.href == f"{base}{cover}"
    assert entry.podcast_chapters == {"url": f"{base}2026-11-24.chapters.json",
                                      "type": "application/json+chapters"}
    assert entry.podcast_transcript["url"] == f"{base}2026-11-24.vtt"
    assert entry.podcast_transcript["type"] == "text/vtt"

    data = json.loads((episodes / "2026-11-24.chapters.json").read_text())
    assert data["version"] == "1.2.0"
    assert [c["title"] for c in data["chapters"]] == chapters
    manifest = json.loads((episodes / "2026-11-24.json").read_text())
    assert [c["startTime"] for c in data["chapters"]] == [s["start"] for s in manifest["segments"]]
    assert data["chapters"][1]["url"] == "https://riverside.example.org/footpath"


def test_a_second_run_on_the_same_date_rewrites_nothing(tmp_path):
    config = make_show(tmp_path)
    assert run_cli("daily", "--config", config, "--date", "2026-11-24").exit_code == 0
    before = snapshot(tmp_path / "episodes")
    result = run_cli("daily", "--config", config, "--date", "2026-11-24")
    assert result.exit_code == 0, result.output
    assert "2026-11-24.mp3: unchanged; feed unchanged" in result.stderr
    assert snapshot(tmp_path / "episodes") == before  # same bytes, and not even touched
    # A new story is another episode, but this one is published: it stays (see
    # test_daily_published for --replace).
    story = tmp_path / "inbox" / "late.txt"
    story.write_text("Late news\n\nThe mayor signed the budget this evening.\n")
    result = run_cli("daily", "--config", config, "--date", "2026-11-24")
    assert result.exit_code == 1 and "run again with --replace" in result.output
    assert snapshot(tmp_path / "episodes") == before


def test_keep_removes_old_episodes_from_folder_and_feed(tmp_path):
    config = make_show(tmp_path, keep=2)
    news = {"2026-11-22": "Ferry timetable changes\n\nThe ferry will leave at seven from Monday.",
            "2026-11-23": "Museum wins award\n\nThe toy museum won a national prize for its "
                          "new gallery.",
            "2026-11-24": "Choir seeks singers\n\nThe town choir is looking for tenors before "
                          "its winter concert."}
    for day, story in news.items():
        # Something new every morning: an episode tells only what no earlier one told.
        (tmp_path / "inbox" / f"{day}.txt").write_text(story + "\n")
        result = run_cli("daily", "--config", config, "--date", day)
        assert result.exit_code == 0, result.output
    assert "removed 2026-11-22" in result.stderr
    episodes = tmp_path / "episodes"
    assert sorted(p.name for p in episodes.glob("*.mp3")) == ["2026-11-23.mp3", "2026-11-24.mp3"]
    assert not list(episodes.glob("2026-11-22*"))
    feed = feedparser.parse((episodes / "feed.xml").read_bytes())
    assert [e.enclosures[0].href.rsplit("/", 1)[1] for e in feed.entries] == [
        "2026-11-24.mp3", "2026-11-23.mp3"]


def test_two_runs_at_once_make_one_episode(tmp_path):
    config = make_show(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "briefing", "daily", "--config", str(config), "--date", "2026-11-24"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            for _ in range(2)]
    outcomes = [(run.wait(timeout=300), run.stderr.read()) for run in runs]
    for run in runs:
        run.stdout.close()
        run.stderr.close()
    codes = sorted(code for code, _ in outcomes)
    assert codes in ([0, 0], [0, 1]), outcomes
    if codes == [0, 1]:
        [busy] = [err for code, err in outcomes if code == 1]
        assert busy.endswith("another `briefing daily` run is writing here; not starting a second one\n")
    episodes = tmp_path / "episodes"
    assert [p.name for p in episodes.glob("*.mp3")] == ["2026-11-24.mp3"]
    assert not list(episodes.glob(".*.part"))
    assert len(feedparser.parse((episodes / "feed.xml").read_bytes()).entries) == 1


def test_a_run_while_the_lock_is_held_stops_at_once(tmp_path):
    config = make_show(tmp_path)
    episodes = tmp_path / "episodes"
    episodes.mkdir()
    with FileLock(episodes / LOCK_NAME):
        result = run_cli("daily", "--config", config, "--date", "2026-11-24")
    assert result.exit_code == 1
    assert result.output == (f"Error: {episodes}: another `briefing daily` run is writing here; "
                             "not starting a second one\n")
    assert [p.name for p in episodes.iterdir()] == [LOCK_NAME]


def test_a_bad_source_is_skipped_and_the_exit_code_says_so(tmp_path):
    config = make_show(tmp_path, extra="")
    with config.open("a") as stream:
        stream.write('[[sources]]\nurl = "http://127.0.0.1:9/feed.xml"\n')
    result = run_cli("daily", "--config", config, "--date", "2026-11-24")
    assert result.exit_code == 3, result.output
    assert "Skipped: http://127.0.0.1:9/feed.xml: unreachable (Connection refused)\n" in result.stderr
    assert (tmp_path / "episodes" / "2026-11-24.mp3").exists()


@pytest.mark.parametrize(("config", "message"), [
    ('title = "T"\nauthor = "A"\noutput = "o"\n', "missing 'sources'; see the example in the README"),
    ('title = "T"\nauthor = "A"\noutput = "o"\ncolour = 1\n[[sources]]\npath = "x"\n',
     "unknown key 'colour' (known: "),
    ('title = "T"\nauthor = "A"\noutput = "o"\nkeep = 0\n[[sources]]\npath = "x"\n',
     "'keep' must be a whole number of at least 1"),
    ('title = "T"\nauthor = "A"\noutput = "o"\n[[sources]]\npath = "x"\nurl = "http://x"\n',
     '[[sources]] number 1 needs exactly one of path = "...", url = "..." or opml = "..."'),
    ('title = "T\n', "not valid TOML"),
    ('title = "T"\nauthor = "A"\noutput = "o"\nbase_url = "javascript:alert(1)//"\n[[sources]]\npath = "x"\n',
     "'base_url' must be an http:// or https:// address with a host, not 'javascript:alert(1)//'"),
    ('title = "T"\noutput = "o"\nlink = "javascript:alert(1)"\n[[sources]]\npath = "x"\n',
     "'link' must be an http:// or https:// address with a host"),
    ('title = "T"\noutput = "o"\nimage = "data:image/png;base64,AAAA"\n[[sources]]\npath = "x"\n',
     "'image' must be a JPEG or PNG file, or an http:// or https:// address with a host"),
    ('title = "T"\noutput = "o"\ncategory = "Tech News"\n[[sources]]\npath = "x"\n',
     "'category' must be one of Apple's podcast categories, as Main/Sub or Main (see the README); "
     "the closest to 'Tech News' is 'News/Tech News'"),
    ('title = "T"\noutput = "o"\ncategory = "News/Local"\n[[sources]]\npath = "x"\n',
     "'category' must be one of Apple's podcast categories"),
    ('title = "T"\noutput = "o"\nexplicit = "no"\n[[sources]]\npath = "x"\n',
     "'explicit' must be true or false"),
    ('title = "T"\noutput = "o"\nlocked = 1\n[[sources]]\npath = "x"\n',
     "'locked' must be true or false"),
    ('title = "T"\noutput = "o"\nverify = "yes"\n[[sources]]\npath = "x"\n',
     "'verify' must be true or false"),
    ('title = "T"\noutput = "o"\nverify_strict = 1\n[[sources]]\npath = "x"\n',
     "'verify_strict' must be true or false"),
    ('title = "T"\noutput = "o"\npodcast_guid = "podnews.net/rss"\n[[sources]]\npath = "x"\n',
     "'podcast_guid' must be a UUID such as 9b024349-ccf0-5f69-a609-6b82873eab3c"),
    ('title = "T"\noutput = "o"\nepisode_title = "{lead} of {weekday}"\n[[sources]]\npath = "x"\n',
     "'episode_title' has an unknown placeholder {weekday}; use {day}, {date}, {lead}, {more}"),
    ('title = "T"\noutput = "o"\nepisode_title = "{lead} {more}"\n[[sources]]\npath = "x"\n',
     "'episode_title' needs {day} or {date}, so that no two episodes have the same title"),
    ('title = "Valley Daily"\noutput = "o"\nepisode_title = "Valley Daily, {day}"\n[[sources]]\n'
     'path = "x"\n', "'episode_title' repeats the show's title"),
    ('title = "T"\noutput = "o"\ncopyright = " "\n[[sources]]\npath = "x"\n',
     "'copyright' must be a non-empty string"),
    ('title = "T"\noutput = "o"\nbase_url = "http://[::1/x"\n[[sources]]\npath = "x"\n',
     "'base_url' must be an http:// or https:// address with a host"),
    ('title = "T"\noutput = "o"\nvoice = 5\n[[sources]]\npath = "x"\n',
     "'voice' must be text in quotes, not 5"),
    ('title = "T"\noutput = "o"\npublish_time = 6\n[[sources]]\npath = "x"\n',
     "'publish_time' must be text in quotes, not 6"),
    ('title = "T"\noutput = "o"\nbitrate = "fast"\n[[sources]]\npath = "x"\n',
     "'bitrate' must be one of 32k, 48k, 64k, 96k, 128k, 160k, 192k"),
    ('title = "T"\noutput = "o"\nmax_minutes = nan\n[[sources]]\npath = "x"\n',
     "'max_minutes' must be a number of minutes from 0.5 to 600"),
    ('title = "T"\noutput = "o"\nfit = "squeeze"\n[[sources]]\npath = "x"\n',
     "'fit' must be one of shorten, drop"),
    ('title = "T"\noutput = "o"\nfit = 1\n[[sources]]\npath = "x"\n', "'fit' must be text in quotes"),
    ('title = "T"\noutput = "o"\nitems = 100000\n[[sources]]\npath = "x"\n',
     "'items' must be a whole number of at least 1 and at most 500"),
    ('title = "T"\noutput = "o"\nmax_age_hours = 0\n[[sources]]\npath = "x"\n',
     "'max_age_hours' must be a number of hours above 0"),
    ('title = "T"\noutput = "o"\norder = "loudest"\n[[sources]]\npath = "x"\n',
     "'order' must be one of biggest, sources"),
    ('title = "T"\noutput = "o"\nexclude = "football"\n[[sources]]\npath = "x"\n',
     "'exclude' must be a list of words or phrases"),
    ('title = "T"\noutput = "o"\nonly_new = "yes"\n[[sources]]\npath = "x"\n',
     "'only_new' must be true or false"),
    ('title = "T"\noutput = "o"\nauthor = "Valley\\u0000Newsroom"\n[[sources]]\npath = "x"\n',
     "'author' contains a control character; remove it"),
    ('title = "T"\noutput = "o"\n[[sources]]\nurl = 5\n', '[[sources]] number 1 needs exactly one of'),
    ('title = "T"\noutput = "o"\n[[sources]]\nopml = "subs.opml"\npath = "x"\n',
     '[[sources]] number 1 needs exactly one of'),
    ('title = "T"\noutput = "o"\n[[sources]]\nopml = " "\n', '[[sources]] number 1 needs exactly one of'),
    (f'title = "{"Valley " * 50}"\nauthor = "A"\noutput = "o"\n[[sources]]\npath = "x"\n',
     "'title' is 350 characters long; give at most 200"),
    ('title = "Valley\\u0007Daily"\nauthor = "A"\noutput = "o"\n[[sources]]\npath = "x"\n',
     "'title' contains a control character"),
    # the episodes' player pages and the feed itself were read back as the next day's stories
    ('title = "T"\noutput = "o"\n[[sources]]\npath = "x"\n[[sources]]\npath = "./o/"\n',
     "[[sources]] number 2 is the output folder, where the show's own episode pages and feed "
     "would be read as stories; give the show an output folder of its own"),
    # an emoji title has no words: the engine failed on it after the sources were read
    ('title = "\\U0001F525"\noutput = "o"\n[[sources]]\npath = "x"\n',
     "'title' has no word to say"),
    ('title = "T"\noutput = "o"\nlanguage = "xx-!!"\n[[sources]]\npath = "x"\n',
     "'language' is not a language code"),
])
def test_config_mistakes_are_named(tmp_path, config, message):
    path = tmp_path / "show.toml"
    path.write_text(config)
    result = run_cli("daily", "--config", path)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {path}: {message}")
    assert result.output.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["show.toml"]


def test_the_author_defaults_to_the_title(tmp_path):
    """A show without `author` is published under its title, in the tags and in the feed."""
    (tmp_path / "tone.toml").write_text('engine = "tone"\n')
    (tmp_path / "story.txt").write_text("Harbour reopens\n\nThe harbour reopened on Monday.\n")
    config = tmp_path / "show.toml"
    config.write_text(f'title = "Valley Daily"\noutput = "episodes"\nvoice = "{tmp_path / "tone.toml"}"\n'
                      '[[sources]]\npath = "story.txt"\n')
    result = run_cli("daily", "--config", config, "--date", "2026-11-24")
    assert result.exit_code == 0, result.output
    feed = feedparser.parse((tmp_path / "episodes" / "feed.xml").read_bytes())
    assert feed.feed.author == "Valley Daily"
    tags = ffprobe(tmp_path / "episodes" / "2026-11-24.mp3", "-show_format")["format"]["tags"]
    assert tags["artist"] == "Valley Daily"


def test_missing_config(tmp_path):
    result = run_cli("daily", "--config", tmp_path / "none.toml", "--date", dt.date.today().isoformat())
    assert result.output == f"Error: {tmp_path / 'none.toml'}: no such config file\n"


def tone_show(folder: Path, voice: str) -> Path:
    """A show of one article spoken by the fast tone engine."""
    (folder / "inbox").mkdir(exist_ok=True)
    shutil.copy(SEEDS / "council-budget.md", folder / "inbox")
    config = folder / "briefing.toml"
    config.write_text(f'title = "Valley Daily"\nauthor = "Valley Newsroom"\nvoice = "{voice}"\n'
                      'output = "episodes"\n[[sources]]\npath = "inbox/"\n')
    return config


@pytest.mark.parametrize("fit", ["shorten", "drop"])
def test_max_minutes_and_fit_in_the_config(tmp_path, tone_voice, fit):
    """`max_minutes` shortens every story of the episode (brief mode); `fit = "drop"` leaves out
    the last stories instead."""
    shutil.copy(ROOT / "tests" / "six-stories.rss", tmp_path / "six.rss")
    config = tmp_path / "show.toml"
    config.write_text(f'title = "Valley Daily"\nvoice = "{tone_voice}"\noutput = "episodes"\n'
                      f'max_minutes = 2.5\nfit = "{fit}"\n[[sources]]\npath = "six.rss"\n')
    result = run_cli("daily", "--config", config, "--date", "2026-11-24")
    assert result.exit_code == 0, result.output
    episode = tmp_path / "episodes" / "2026-11-24.mp3"
    assert float(ffprobe(episode, "-show_format")["format"]["duration"]) <= 150
    manifest = json.loads(episode.with_suffix(".json").read_text())
    stories = [s for s in manifest["segments"] if s["kind"] == "story"]
    if fit == "shorten":
        assert len(stories) == 6 and manifest["left_out"] == []
        assert all(s["brief"]["kept"] < s["brief"]["of"] for s in stories)
    else:
        assert len(stories) + len(manifest["left_out"]) == 6 and manifest["left_out"]
        assert not any("brief" in s for s in stories)


def test_a_run_removes_what_killed_runs_left_in_the_folder(tmp_path, tone_voice):
    """Temporary files whose process has gone (a killed run's episode and feed) are removed; one
    that a running process holds locked is not."""
    from briefing.atomic import temporary_file

    config = tone_show(tmp_path, tone_voice)
    episodes = tmp_path / "episodes"
    episodes.mkdir()
    left = [episodes / ".2026-11-23.mp3.k1ll3d00.part", episodes / ".2026-11-23.json.k1ll3d01.part",
            episodes / ".feed.xml.k1ll3d02.part"]
    for path in left:
        path.write_bytes(b"half")
    busy, handle = temporary_file(episodes / "2026-11-20.mp3")  # as a running build holds it
    try:
        result = run_cli("daily", "--config", config, "--date", "2026-11-24")
        assert result.exit_code == 0, result.output
        assert sorted(p.name for p in episodes.iterdir() if not p.name.startswith("cover-")) == sorted([
            LOCK_NAME, HISTORY_NAME, busy.name, "feed.xml", "index.html", *ICONS,
            *(f"2026-11-24{suffix}" for suffix in (".mp3", ".vtt", ".json", ".chapters.json",
                                                   ".html"))])
    finally:
        os.close(handle)


def test_a_feed_that_is_not_a_file_is_refused_before_any_work(tmp_path, tone_voice):
    """Reading a named pipe back would wait for ever; it is refused at once."""
    config = tone_show(tmp_path, tone_voice)
    episodes = tmp_path / "episodes"
    episodes.mkdir()
    os.mkfifo(episodes / "feed.xml")
    done = subprocess.run([sys.executable, "-m", "briefing", "daily", "--config", str(config),
                           "--date", "2026-11-24"], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 1
    assert done.stderr == (f"Error: {episodes / 'feed.xml'}: is a named pipe (FIFO), not a regular "
                           "file, so it cannot be the podcast feed; move it away, or give the "
                           "show another `output` folder in its config\n")
    assert sorted(p.name for p in episodes.iterdir()) == [LOCK_NAME, "feed.xml"]


_SCALARS = st.one_of(st.booleans(), st.integers(), st.floats(), st.text(max_size=8), st.datetimes(),
                     st.dates(), st.times())
#: Anything TOML can hold: nan and infinity, dates, arrays and tables included.
TOML_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=6)
_SENSIBLE = {"title": st.just("Valley Daily"), "output": st.just("episodes"),
             "sources": st.just([{"path": "inbox"}])}


@st.composite
def _configs(draw: st.DrawFn) -> dict:
    """Each key of a show's config, present or not, with a sensible value or any TOML value."""
    data = {}
    for key in DailyConfig.__dataclass_fields__:
        if draw(st.booleans()):
            sensible = key in _SENSIBLE and draw(st.booleans())
            data[key] = draw(_SENSIBLE[key] if sensible else TOML_VALUES)
    return data


@settings(max_examples=300, deadline=None)
@given(_configs())
def test_any_config_is_refused_with_a_message_or_read_whole(data):
    """Never an "unexpected failure": a ConfigError naming the key, or a config whose values a run
    can use as they are."""
    try:
        config = config_from_data(data, Path("show.toml"))
    except ConfigError as exc:
        assert str(exc).startswith("show.toml: ")
        return
    for key in ("title", "author", "description", "category", "publish_time", "timezone", "loudness",
                "bitrate"):
        assert isinstance(getattr(config, key), str)
    for url in (config.base_url, config.link):
        assert url is None or url.lower().startswith(("http://", "https://"))
    # An image is an address, or a file that was there and was checked.
    assert config.image is None or config.image.lower().startswith(("http://", "https://")) \
        or Path(config.image).is_file()
    assert isinstance(config.explicit, bool) and isinstance(config.locked, bool)
    assert config.max_minutes is None or 0.5 <= config.max_minutes <= 600


def test_a_show_with_two_presenters(tmp_path, tone_voice):
    """`presenters` in the config: both speak each episode, the first opening and closing."""
    (tmp_path / "inbox").mkdir()
    for number, (title, text) in enumerate((
            ("Budget", "The council voted on the budget. It passed by one vote."),
            ("Ferry", "The ferry leaves at seven from Monday. Tickets cost less."),
            ("Choir", "The choir wants tenors for its concert. Rehearsals start soon."))):
        # Three different stories (three alike would be told as one).
        (tmp_path / "inbox" / f"{number}.txt").write_text(f"{title}\n\n{text}\n")
    voices = Path(os.environ["BRIEFING_VOICES_DIR"])
    (voices / "soft-tone.toml").write_text('engine = "tone"\nvolume = 0.3\npresenter = "Emma"\n')
    config = tmp_path / "briefing.toml"
    config.write_text(f'title = "Valley Daily"\noutput = "episodes"\n'
                      f'presenters = ["{tone_voice}", "soft-tone"]\n[[sources]]\npath = "inbox/"\n')
    result = run_cli("daily", "--config", config, "--date", "2026-11-24")
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "episodes" / "2026-11-24.json").read_text())
    assert [p["name"] for p in manifest["presenters"]] == [tone_voice, "soft-tone"]
    assert [s["voice"] for s in manifest["segments"]] == [tone_voice, "soft-tone", tone_voice,
                                                          "soft-tone", tone_voice]


@pytest.mark.parametrize("value", ['["anchor"]', '["anchor", "anchor"]', '"anchor,joe"',
                                   '["anchor", 3]', '["anchor", " "]'])
def test_presenters_in_a_config_are_two_different_profiles(tmp_path, value):
    from briefing.show_config import load_config

    path = tmp_path / "show.toml"
    path.write_text(f'title = "T"\noutput = "o"\npresenters = {value}\n[[sources]]\npath = "x"\n')
    with pytest.raises(ConfigError, match="'presenters' must name two different voice profiles"):
        load_config(path)
    path.write_text('title = "T"\noutput = "o"\npresenters = ["anchor", "joe"]\n'
                    '[[sources]]\npath = "x"\n')
    assert load_config(path).presenters == ("anchor", "joe")


def test_a_config_saved_with_a_byte_order_mark_is_read(tmp_path):
    """Notepad starts a UTF-8 file with a BOM, which TOML does not allow: it is not the config."""
    from briefing.show_config import load_config

    config = tmp_path / "show.toml"
    config.write_bytes(b"\xef\xbb\xbf" + b'title = "Valley Daily"\noutput = "episodes"\n'
                       b'[[sources]]\npath = "inbox/"\n')
    assert load_config(config).title == "Valley Daily"


def _paths(value: object) -> list[str]:
    """Every absolute path among the strings of a JSON summary, however deep."""
    if isinstance(value, dict):
        return [path for item in value.values() for path in _paths(item)]
    if isinstance(value, list):
        return [path for item in value for path in _paths(item)]
    return [value] if isinstance(value, str) and os.path.isabs(value) else []


def test_every_path_a_json_summary_names_is_there_after_the_run(tmp_path, tone_voice):
    """The quality check ran on the episode's temporary file, and `daily --json` named that file
    (`.2026-11-24.mp3.<random>.part`), which the rename had taken away; so does `build --json`
    name only files that are there."""
    config = tone_show(tmp_path, tone_voice)
    result = run_cli("-q", "daily", "--config", config, "--date", "2026-11-24", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["check"]["path"] == str(tmp_path / "episodes" / "2026-11-24.mp3")
    built = run_cli("-q", "build", tmp_path / "inbox", "--voice", tone_voice, "-o",
                    tmp_path / "built.mp3", "--json", "--transcript", "vtt,srt,txt")
    assert built.exit_code == 0, built.output
    named = [*_paths(summary), *_paths(json.loads(built.stdout))]
    assert len(named) >= 10 and not any(Path(path).name.endswith(".part") for path in named)
    assert [path for path in named if not Path(path).is_file()] == []


def test_an_output_folder_too_long_is_one_line_naming_it_and_the_config(tmp_path, tone_voice):
    config = tone_show(tmp_path, tone_voice)
    config.write_text(config.read_text().replace('output = "episodes"', f'output = "{"x" * 300}"'))
    result = run_cli("daily", "--config", config, "--date", "2026-11-24")
    assert result.exit_code == 1
    assert result.output == (f"Error: {tmp_path / ('x' * 300)}: cannot create the output folder "
                             f"(File name too long); give another `output` in {config}\n")
