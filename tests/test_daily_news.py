"""Today's news, once: a daily show over three outlets' feeds on four mornings, end to end with a
real voice. Each episode tells only what is new, an event two outlets carry is one story and
leads, a story a week old is left out, a rerun changes nothing, and a morning with nothing new
makes nothing."""

import json
from pathlib import Path

import feedparser

from briefing.desk.history import HISTORY_NAME

from .conftest import run_cli
from .news_feeds import ITEMS, link, write_feeds

DAYS = ("2026-11-24", "2026-11-25", "2026-11-26")


def news_show(folder: Path, extra: str = "", voice: str = "system") -> Path:
    """The show over the three outlets' feeds, spoken by espeak-ng (the real engine) unless a
    test about the desk alone gives the tone voice."""
    config = folder / "show.toml"
    config.write_text(f'title = "Ashford Today"\nvoice = "{voice}"\noutput = "episodes"\n'
                      'base_url = "https://podcasts.example.org/ashford"\n' + extra +
                      "".join(f'[[sources]]\npath = "{outlet}.xml"\n'
                              for outlet in ("post", "herald", "radio")))
    return config


def morning(config: Path, day: str, *args: str):
    write_feeds(config.parent, day)
    return run_cli("daily", "--config", config, "--date", day, *args)


def stories(manifest: dict) -> list[dict]:
    return [s for s in manifest["segments"] if s["kind"] == "story"]


def headline(item: str) -> str:
    return ITEMS[item][0]


def test_three_mornings_tell_only_new_stories_each_once_the_biggest_first(tmp_path):
    config = news_show(tmp_path)
    episodes = tmp_path / "episodes"
    told: dict[str, list[str]] = {}
    for day in DAYS:
        result = morning(config, day)
        assert result.exit_code == 0, result.output
        manifest = json.loads((episodes / f"{day}.json").read_text())
        told[day] = [s["sentences"][0]["text"].rstrip(".") for s in stories(manifest)]

    # Morning 1: the budget, carried by two outlets, leads as one story; the housing vote of the
    # same night, with the same councillor, stays a story of its own; then the newest first; the
    # festival item, dated a week back, is left out.
    assert told["2026-11-24"] == [headline("post-budget"), headline("herald-housing"),
                                  headline("radio-recycling"), headline("post-footpath")]
    first = json.loads((episodes / "2026-11-24.json").read_text())
    assert stories(first)[0]["outlets"] == [
        {"name": "Valley Post", "link": link("post-budget")},
        {"name": "Harbour Herald", "link": link("herald-budget")}]
    assert stories(first)[0]["link"] == link("post-budget")
    assert "Also reported by Harbour Herald (https://herald.example.org/news/budget)." in \
        (episodes / "2026-11-24.vtt").read_text()
    player = (episodes / "2026-11-24.html").read_text()
    assert ('<p class="also">Also reported by <a href="https://herald.example.org/news/budget">'
            "Harbour Herald</a>.</p>") in player
    # Morning 2: only new stories; the footpath story the Herald re-published under its own id
    # and link is known by its text.
    assert told["2026-11-25"] == [headline("post-storm"), headline("herald-library"),
                                  headline("radio-bus")]
    # Morning 3: the Herald's reworded storm story is a copy of one told the day before.
    assert told["2026-11-26"] == [headline("post-bridge"), headline("herald-market")]
    assert "Also reported by Harbour Herald" in (episodes / "index.html").read_text()
    assert len(feedparser.parse((episodes / "feed.xml").read_bytes()).entries) == 3

    # A rerun of the last morning selects the same stories and rewrites nothing.
    before = {p.name: p.read_bytes() for p in episodes.iterdir()}
    result = morning(config, "2026-11-26", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["built"] is False and summary["stories"] == told["2026-11-26"]
    reasons = {item["title"]: item["reason"] for item in summary["left_out"]}
    assert reasons[headline("herald-storm-reworded")] == \
        f'told on 2026-11-25 as "{headline("post-storm")}"'
    assert reasons[headline("post-budget")] == "told on 2026-11-24"
    assert {p.name: p.read_bytes() for p in episodes.iterdir()} == before

    # A fourth morning with nothing new writes nothing and exits 0.
    result = morning(config, "2026-11-27")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "No new stories since 2026-11-26: no episode made" in result.stderr
    assert {p.name: p.read_bytes() for p in episodes.iterdir()} == before
    assert (episodes / HISTORY_NAME).is_file()


def test_a_dry_run_lists_the_stories_and_why_the_others_are_left_out(tmp_path):
    config = news_show(tmp_path, 'max_stories = 2\nexclude = ["recycling"]\n')
    result = morning(config, "2026-11-24", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"1. {headline('post-budget')}\n2. {headline('herald-housing')}\n")
    assert result.stderr.splitlines() == [
        f"Left out: {headline('herald-festival')}: older than 48 hours",
        f'Left out: {headline("herald-budget")}: duplicate of "{headline("post-budget")}"',
        f'Left out: {headline("radio-recycling")}: excluded by topic "recycling"',
        f"Left out: {headline('post-footpath')}: over max_stories (2)"]
    assert [p.name for p in (tmp_path / "episodes").iterdir()] == [".briefing-daily.lock"]


def test_forget_told_lets_the_show_tell_its_stories_again(tmp_path):
    config = news_show(tmp_path)
    assert morning(config, "2026-11-24").exit_code == 0
    result = run_cli("daily", "--config", config, "--forget-told")
    assert result.exit_code == 0, result.output
    assert result.stderr == ("Show history: forgot 4 stories told; the next run may tell any of "
                             "them again.\n")
    result = morning(config, "2026-11-25", "--dry-run")
    assert result.exit_code == 0, result.output
    # Yesterday's stories are news again while they are under 48 hours old.
    assert headline("post-budget") in result.stdout and headline("post-storm") in result.stdout
    assert "Show history:" not in result.stderr  # the manifest on disk is not read back in


def test_a_date_older_than_the_episodes_kept_is_refused_before_any_work(tmp_path, tone_voice):
    """With `keep = 1` and an episode of the 25th, an episode of the 24th would be removed as
    soon as it was made: one line, nothing built or removed."""
    config = news_show(tmp_path, "keep = 1\n", tone_voice)
    assert morning(config, "2026-11-25").exit_code == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "episodes").iterdir()}
    result = morning(config, "2026-11-24")
    assert result.exit_code == 1
    assert result.output == ("Error: 2026-11-24: the show keeps 1 episode and has 1 newer, so this "
                             "one would be removed as soon as it was made; raise `keep` or pick a "
                             "later date\n")
    assert {p.name: p.read_bytes() for p in (tmp_path / "episodes").iterdir()} == before
