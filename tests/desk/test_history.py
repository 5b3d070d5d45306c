"""The show's history: what it records, how it is repaired, and that a kill leaves it whole."""

import datetime as dt
import hashlib
import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from briefing.desk.history import HISTORY_NAME, History
from briefing.publish.manifest import load_manifest

from ..conftest import ROOT
from ..news_feeds import ITEMS
from ..test_daily_news import headline, morning, news_show, stories

DAY = dt.date(2026, 11, 24)


def manifest(*items: str) -> dict:
    """A manifest as a build writes it, telling `items` (keys of `ITEMS`)."""
    return {
        "briefing": "test", "title": "Ashford Today", "date": "2026-11-24", "language": "en",
        "duration": 60.0, "words": 100,
        "segments": [{"kind": "story", "title": f"Story {n}: {ITEMS[i][0]}", "start": 0, "end": 1,
                      "sentences": [{"text": ITEMS[i][0] + ".", "start": 0, "end": 1},
                                    *({"text": p, "start": 0, "end": 1} for p in ITEMS[i][2])]}
                     for n, i in enumerate(items, 1)],
        "told": [{"headline": ITEMS[i][0], "language": "en",
                  "marks": [f"guid:{i}", f"link:https://example.org/{i}"]} for i in items],
    }


def rows(folder: Path) -> list[tuple]:
    with sqlite3.connect(folder / HISTORY_NAME) as db:
        return [*db.execute("SELECT * FROM stories ORDER BY date, number"),
                *db.execute("SELECT * FROM marks ORDER BY date, number, mark")]


def test_a_recorded_episode_is_told_before_later_dates_only(tmp_path):
    with History(tmp_path, load_manifest) as history:
        with history.transaction():
            history.record(DAY, manifest("post-budget", "post-footpath"))
        assert history.told_marks(DAY) == {}  # an episode's own stories are not "earlier"
        later = DAY + dt.timedelta(days=1)
        assert history.told_marks(later)["guid:post-budget"] == DAY
        [budget, footpath] = history.told_stories(later, DAY)
        assert footpath.headline == headline("post-footpath")
        assert budget.headline == headline("post-budget") and budget.language == "en"
        assert budget.text.startswith(headline("post-budget") + ". Ashford council approved")
        assert history.last_before(later) == DAY and history.last_before(DAY) is None
        assert not history.differs(DAY, manifest("post-budget", "post-footpath"))
        assert history.differs(DAY, manifest("post-budget"))
    assert history.notes == []


def test_a_failed_transaction_records_nothing(tmp_path):
    with History(tmp_path, load_manifest) as history:
        with history.transaction():
            history.record(DAY, manifest("post-budget"))
        before = rows(tmp_path)
        try:
            with history.transaction():
                history.record(DAY + dt.timedelta(days=1), manifest("post-storm"))
                raise RuntimeError("the build failed")
        except RuntimeError:
            pass
    assert rows(tmp_path) == before


def test_a_run_killed_mid_write_leaves_the_history_as_it_was(tmp_path):
    """SIGKILL in the middle of the history's writes, some of them already in the database file
    (a one-page cache spills them there): the next open rolls them back from the journal."""
    with History(tmp_path, load_manifest) as history, history.transaction():
        history.record(DAY, manifest("post-budget"))
    before = rows(tmp_path)
    file_before = hashlib.sha256((tmp_path / HISTORY_NAME).read_bytes()).hexdigest()
    script = textwrap.dedent(f"""
        import datetime as dt, hashlib, os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from briefing.desk.history import History
        from tests.desk.test_history import manifest
        folder = Path({str(tmp_path)!r})
        history = History(folder, lambda mp3: None)
        history._db.execute("PRAGMA cache_size = 1")
        writing = history.transaction()
        writing.__enter__()
        for day in range(25, 31):
            history.record(dt.date(2026, 11, day), manifest("post-storm", "herald-library",
                                                            "radio-bus", "post-bridge"))
        written = (folder / "{HISTORY_NAME}").read_bytes()
        spilled = hashlib.sha256(written).hexdigest() != {file_before!r}
        journal = (folder / "{HISTORY_NAME}-journal").exists()
        print(spilled, journal, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == -signal.SIGKILL, run.stderr
    assert run.stdout.split() == ["True", "True"]  # the file was half written, the journal there
    with History(tmp_path, load_manifest) as history:
        assert history.notes == []
        assert history.episodes() == {DAY}
    assert rows(tmp_path) == before


def test_a_damaged_or_missing_history_is_made_again_and_still_tells_no_repeats(tmp_path, tone_voice):
    config = news_show(tmp_path, voice=tone_voice)
    episodes = tmp_path / "episodes"
    assert morning(config, "2026-11-24").exit_code == 0
    database = episodes / HISTORY_NAME
    database.write_bytes(b"SQLite format 3\x00" + b"\x13" * 4000)  # damaged
    result = morning(config, "2026-11-25")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("Show history:") == 1
    assert (f"Show history: {HISTORY_NAME} was damaged (file is not a database); made again from "
            "1 episode manifest in the folder\n") in result.stderr
    day2 = json.loads((episodes / "2026-11-25.json").read_text())
    assert [s["sentences"][0]["text"].rstrip(".") for s in stories(day2)] == [
        headline("post-storm"), headline("herald-library"), headline("radio-bus")]

    database.unlink()  # missing
    result = morning(config, "2026-11-26")
    assert result.exit_code == 0, result.output
    assert (f"Show history: {HISTORY_NAME} was missing; made again from 2 episode manifests in "
            "the folder\n") in result.stderr
    day3 = json.loads((episodes / "2026-11-26.json").read_text())
    assert [s["sentences"][0]["text"].rstrip(".") for s in stories(day3)] == [
        headline("post-bridge"), headline("herald-market")]


def test_the_history_outlives_keep(tmp_path, tone_voice):
    """The first episode is removed to keep one, yet its stories stay told."""
    config = news_show(tmp_path, "keep = 1\n", tone_voice)
    episodes = tmp_path / "episodes"
    assert morning(config, "2026-11-24").exit_code == 0
    result = morning(config, "2026-11-25", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["removed"] == ["2026-11-24"] and not list(episodes.glob("2026-11-24*"))
    assert summary["stories"] == [headline("post-storm"), headline("herald-library"),
                                  headline("radio-bus")]
    assert {"title": headline("post-footpath"), "reason": "told on 2026-11-24"} in [
        {k: v for k, v in item.items() if k != "source"} for item in summary["left_out"]]


def test_an_episode_a_killed_run_left_unrecorded_is_added_from_its_manifest(tmp_path):
    with History(tmp_path, load_manifest) as history:
        assert history.notes == []  # a first run: no database and no episodes, nothing to repair
        with history.transaction():
            history.record(DAY, manifest("post-budget"))
    (tmp_path / "2026-11-24.mp3").write_bytes(b"")
    (tmp_path / "2026-11-24.json").write_text(json.dumps(manifest("post-budget")))
    # ... and an episode renamed into place by a run killed before it recorded it.
    (tmp_path / "2026-11-25.mp3").write_bytes(b"")
    (tmp_path / "2026-11-25.json").write_text(json.dumps(manifest("post-storm")))
    with History(tmp_path, load_manifest) as history:
        assert history.notes == ["Show history: added 2026-11-25 from the manifests (a run "
                                 "stopped before recording them)"]
        assert history.told_marks(dt.date(2026, 11, 26))["guid:post-storm"] == dt.date(2026, 11, 25)


def test_a_manifest_from_before_the_history_gives_its_stories_links(tmp_path):
    old = manifest("post-budget")
    del old["told"]
    old["segments"][0]["link"] = "https://post.example.org/news/budget"
    (tmp_path / "2026-11-24.mp3").write_bytes(b"")
    (tmp_path / "2026-11-24.json").write_text(json.dumps(old))
    with History(tmp_path, load_manifest, write=False) as history:
        assert history.notes == [f"Show history: {HISTORY_NAME} was missing; made again from 1 "
                                 "episode manifest in the folder"]
        [told] = history.told_stories(dt.date(2026, 11, 25), DAY)
        assert told.headline == headline("post-budget")
        assert history.told_marks(dt.date(2026, 11, 25)) == {
            "link:https://post.example.org/news/budget": DAY}
    assert not (tmp_path / HISTORY_NAME).exists()  # a dry run writes nothing


def test_a_history_that_is_not_a_file_is_refused_before_any_work(tmp_path):
    config = news_show(tmp_path)
    (tmp_path / "episodes" / HISTORY_NAME).mkdir(parents=True)
    result = morning(config, "2026-11-24")
    assert result.exit_code == 1
    assert result.output == (f"Error: {tmp_path / 'episodes' / HISTORY_NAME}: is a folder, where "
                             "the show's history would go; move it away, or give the show another "
                             "`output` folder in its config\n")
    assert sorted(p.name for p in (tmp_path / "episodes").iterdir()) == [
        ".briefing-daily.lock", HISTORY_NAME]
