"""`briefing daily`: a published episode stays published. A rerun from the same inputs rewrites
nothing, whatever the show's options; one from other inputs is refused unless `--replace`, which
publishes a new episode (a new GUID, a new enclosure URL) in its place."""

import hashlib
import json
import os
import shutil
import uuid
from pathlib import Path

import feedparser

from .conftest import ROOT, run_cli
from .test_music_build import tone_file

BASE = "https://podcasts.example.org/valley/"


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under `folder`, hidden ones too: its bytes' digest and its time to the
    nanosecond."""
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(),
                                         p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def feed_item(episodes: Path) -> feedparser.FeedParserDict:
    [entry] = feedparser.parse((episodes / "feed.xml").read_bytes()).entries
    return entry


def brief_show(folder: Path, voice: str) -> Path:
    """Six stories in brief mode, read by two presenters, with an intro, an outro and a bed of
    music: the two-minute-and-a-half limit is met only when the real audio, longer than the
    estimate with its music, is fitted again."""
    shutil.copy(ROOT / "tests" / "six-stories.rss", folder / "six.rss")
    (Path(os.environ["BRIEFING_VOICES_DIR"]) / "soft-tone.toml").write_text(
        'engine = "tone"\nlanguage = "en"\nrate = 150\nvolume = 0.25\npresenter = "Emma"\n')
    tone_file(folder, 6.0, 330.0).rename(folder / "bed.ogg")
    config = folder / "show.toml"
    config.write_text(f'title = "Valley Daily"\noutput = "episodes"\nbase_url = "{BASE}"\n'
                      f'presenters = ["{voice}", "soft-tone"]\nmax_minutes = 2.5\n'
                      'intro_music = "jingle"\noutro_music = "jingle"\nbed = "bed.ogg"\n'
                      '[[sources]]\npath = "six.rss"\n')
    return config


def test_a_published_episode_is_rewritten_only_when_replaced(tmp_path, tone_voice):
    config = brief_show(tmp_path, tone_voice)
    episodes = tmp_path / "episodes"
    result = run_cli("daily", "--config", config, "--date", "2026-11-24")
    assert result.exit_code == 0, result.output
    manifest = json.loads((episodes / "2026-11-24.json").read_text())
    assert all(s["brief"]["kept"] < s["brief"]["of"] for s in manifest["segments"] if "brief" in s)
    first = feed_item(episodes)
    assert first.id == str(uuid.uuid5(uuid.NAMESPACE_URL, f"{BASE}2026-11-24.mp3"))
    before = snapshot(episodes)

    # The same inputs: every file as it was, bytes and time (the history and the lock too).
    result = run_cli("daily", "--config", config, "--date", "2026-11-24")
    assert result.exit_code == 0, result.output
    assert f"{episodes / '2026-11-24.mp3'}: unchanged; feed unchanged" in result.stderr
    assert snapshot(episodes) == before

    # A new source for a date already published: one line, before any work, nothing written.
    (tmp_path / "late.txt").write_text("Bridge closes\n\nThe old bridge closes for repairs on "
                                       "Friday. Buses will take the ring road.\n")
    with config.open("a") as stream:
        stream.write('[[sources]]\npath = "late.txt"\n')
    before = snapshot(episodes)
    result = run_cli("daily", "--config", config, "--date", "2026-11-24")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {episodes / '2026-11-24.mp3'}: already published, made from other stories; it is "
        "left as it is, since podcast apps keep the copy they downloaded. To publish a new "
        "episode in its place, run again with --replace\n")
    assert snapshot(episodes) == before

    # --replace: a new episode in its place, under a new GUID and a new enclosure URL.
    result = run_cli("daily", "--config", config, "--date", "2026-11-24", "--replace", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    replaced = feed_item(episodes)
    assert summary["replaced"] is True and summary["guid"] == replaced.id != first.id
    # Chosen, and told or left out to fit: a new plan either way.
    assert "Bridge closes" in summary["stories"] + [item["title"] for item in summary["left_out"]]
    [enclosure] = replaced.enclosures
    revision = json.loads((episodes / "2026-11-24.json").read_text())["revision"]
    assert enclosure.href == f"{BASE}2026-11-24.mp3?v={revision}" and len(revision) == 8
    (tmp_path / "late.txt").write_text("Bridge closes\n\nThe old bridge closes for repairs on "
                                       "Saturday. Buses will take the ring road.\n")
    result = run_cli("daily", "--config", config, "--date", "2026-11-24", "--replace")
    assert result.exit_code == 0, result.output
    assert (f"{episodes / '2026-11-24.mp3'}: replaced by a new episode (GUID {feed_item(episodes).id}"
            "), which podcast apps will show as new; feed updated") in result.stderr
    assert feed_item(episodes).id not in (first.id, replaced.id)

    # Replaced, it is published as it now is: a rerun, even with --replace, rewrites nothing.
    before = snapshot(episodes)
    for args in ((), ("--replace",)):
        result = run_cli("daily", "--config", config, "--date", "2026-11-24", *args)
        assert result.exit_code == 0, result.output
        assert "unchanged; feed unchanged" in result.stderr
    assert snapshot(episodes) == before


def test_an_episode_published_by_an_earlier_briefing_keeps_its_guid(tmp_path, tone_voice):
    """A manifest without a published identity (as briefing wrote them before it had one) is the
    same episode when its fingerprint says so; from other stories, it is refused all the same."""
    (tmp_path / "inbox").mkdir()
    shutil.copy(ROOT / "seeds" / "council-budget.md", tmp_path / "inbox")
    config = tmp_path / "show.toml"
    config.write_text(f'title = "Valley Daily"\nvoice = "{tone_voice}"\noutput = "episodes"\n'
                      f'base_url = "{BASE}"\n[[sources]]\npath = "inbox/"\n')
    episodes = tmp_path / "episodes"
    assert run_cli("daily", "--config", config, "--date", "2026-11-24").exit_code == 0
    path = episodes / "2026-11-24.json"
    manifest = json.loads(path.read_text())
    for key in ("published_inputs", "guid"):
        del manifest[key]
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    before = snapshot(episodes)
    result = run_cli("daily", "--config", config, "--date", "2026-11-24")
    assert result.exit_code == 0, result.output
    assert "unchanged; feed unchanged" in result.stderr
    assert snapshot(episodes) == before
    assert feed_item(episodes).id == str(uuid.uuid5(uuid.NAMESPACE_URL, f"{BASE}2026-11-24.mp3"))

    (tmp_path / "inbox" / "late.txt").write_text("Late news\n\nThe mayor signed the budget.\n")
    result = run_cli("daily", "--config", config, "--date", "2026-11-24")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {episodes / '2026-11-24.mp3'}: already published, "
                                    "made by an earlier briefing, from other stories or settings;")
    assert snapshot(episodes) == before
