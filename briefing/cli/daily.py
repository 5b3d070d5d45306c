"""`briefing daily`: the day's episode and the podcast feed, for cron or a systemd timer."""

import datetime as dt
import json
import sys
from pathlib import Path

import click

from briefing.cli.common import (
    EXIT_CHECK_FAILED,
    EXIT_SKIPPED,
    ProgressBar,
    errors_as_messages,
    say_skipped,
)
from briefing.daily import run_daily


@click.command()
@click.option("--config", "config_path", required=True, metavar="FILE.toml",
              type=click.Path(path_type=Path, dir_okay=False),
              help="The show's config: title, author, voice, output, keep, [[sources]].")
@click.option("--date", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="The episode's date, YYYY-MM-DD (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary.")
@click.pass_obj
@errors_as_messages
def daily(obj: dict, config_path: Path, date: dt.datetime | None, as_json: bool) -> None:
    """Make the day's episode and update the podcast feed, for cron or a systemd timer.

    Writes <output>/<date>.mp3 with its transcript, manifest and chapters, <output>/feed.xml and
    the show page <output>/index.html; keeps the newest `keep` episodes. A second run on the
    same day with unchanged sources rewrites nothing; a run while another is writing stops at
    once. Exit codes as for build, plus 4 when the episode fails its quality check.
    """
    with ProgressBar(enabled=not obj["quiet"]) as progress:
        result = run_daily(config_path, date.date() if date else None, progress)
    if as_json:
        click.echo(json.dumps({
            "episode": str(result.episode), "built": result.built, "feed": str(result.feed),
            "feed_written": result.feed_written, "page": str(result.page),
            "page_written": result.page_written, "removed": result.removed,
            "skipped": [s.reason for s in result.skipped], "left_out": result.dropped,
            "check": result.report.to_dict(),
        }, indent=2, ensure_ascii=False))
    elif not obj["quiet"]:
        say_skipped(result.skipped)
        if result.dropped:
            click.echo(f"Left out to fit: {'; '.join(result.dropped)}", err=True)
        state = "built" if result.built else "unchanged"
        click.echo(f"{result.episode}: {state}; feed {'updated' if result.feed_written else 'unchanged'}"
                   + (f"; removed {', '.join(result.removed)}" if result.removed else ""), err=True)
    if not as_json:
        click.echo(str(result.episode))
    if not result.report.ok:
        for failure in result.report.failures:
            click.echo(f"Check failed: {failure.name}: {failure.detail}", err=True)
        sys.exit(EXIT_CHECK_FAILED)
    if result.skipped:
        sys.exit(EXIT_SKIPPED)
