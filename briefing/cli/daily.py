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
    manifest_report_line,
    print_result,
    say_left_out,
    say_skipped,
)
from briefing.daily import forget_told as forget_told_stories
from briefing.daily import run_daily
from briefing.publish.manifest import load_manifest
from briefing.speech.voices import DEFAULT_VOICE


@click.command()
@click.option("--config", "config_path", required=True, metavar="FILE.toml",
              type=click.Path(path_type=Path, dir_okay=False),
              help=f"The show's config: title, author, voice (default: {DEFAULT_VOICE} when "
              "it speaks the show's language), output, keep, [[sources]].")
@click.option("--date", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="The episode's date, YYYY-MM-DD (default: today).")
@click.option("--dry-run", is_flag=True,
              help="Only choose the stories: list those the episode would tell and those left "
              "out, with why; no audio, nothing written.")
@click.option("--replace", is_flag=True,
              help="Publish the date's episode again when its stories or settings changed since "
              "it was published (refused otherwise): it gets a new GUID, so podcast apps show it "
              "as a new episode.")
@click.option("--forget-told", is_flag=True,
              help="Empty the show's history of stories told, so that any may be told again; "
              "then stop (no episode is made).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary.")
@click.pass_obj
@errors_as_messages
def daily(obj: dict, config_path: Path, date: dt.datetime | None, dry_run: bool, replace: bool,
          forget_told: bool, as_json: bool) -> None:
    """Make the day's episode and update the podcast feed, for cron or a systemd timer.

    Tells only what is new: stories an earlier episode told, and dated ones older than
    `max_age_hours`, are left out; an event several sources report is told once; the story
    most outlets carry leads. A morning with nothing new makes no episode and exits 0.

    Writes <output>/<date>.mp3 with its transcript, manifest and chapters, <output>/feed.xml and
    the show page <output>/index.html; keeps the newest `keep` episodes. A published episode
    stays as it is: a rerun for its date from the same stories and settings rewrites nothing,
    and one from others is refused (exit 1) unless given --replace. A run while another is
    writing stops at once. Exit codes as for build, plus 4 when the episode fails its quality
    check.
    """
    if forget_told:
        count = forget_told_stories(config_path)
        click.echo(f"Show history: forgot {count} stor{'y' if count == 1 else 'ies'} told; "
                   "the next run may tell any of them again.", err=True)
        return
    with ProgressBar(enabled=not obj["quiet"]) as progress:
        result = run_daily(config_path, date.date() if date else None, progress, dry_run,
                           replace)
    left_out = [*(item.to_dict() for item in result.left_out),
                *({"title": title, "reason": "to fit max_minutes"} for title in result.dropped)]
    for note in result.notes:
        click.echo(note, err=True)
    made = "" if result.nothing_new or dry_run else \
        f"the episode {'was written' if result.built else 'is unchanged'}: {result.episode}"
    if as_json:
        print_result(json.dumps({
            "episode": None if result.nothing_new else str(result.episode),
            "built": result.built, "replaced": result.replaced, "guid": result.guid,
            "dry_run": dry_run, "nothing_new": result.nothing_new,
            "stories": result.stories, "feed": str(result.feed),
            "feed_written": result.feed_written, "page": str(result.page),
            "page_written": result.page_written, "removed": result.removed,
            "skipped": [s.reason for s in result.skipped], "left_out": left_out,
            "check": result.report.to_dict() if result.report else None,
        }, indent=2, ensure_ascii=False), made)
    elif not obj["quiet"] or dry_run:
        say_skipped(result.skipped)
        say_left_out(result.left_out)
        if result.dropped:
            click.echo(f"Left out to fit: {'; '.join(result.dropped)}", err=True)
    if dry_run and not as_json:
        for number, title in enumerate(result.stories, 1):
            print_result(f"{number}. {title}")
        if result.nothing_new:
            click.echo(f"{result.nothing_new}: a run would make no episode.", err=True)
    elif result.nothing_new:
        if not as_json:
            click.echo(f"{result.nothing_new}: no episode made; the feed and show page are as "
                       "they were.", err=True)
    elif not as_json:
        if not obj["quiet"]:
            state = (f"replaced by a new episode (GUID {result.guid}), which podcast apps will "
                     "show as new" if result.replaced else "built" if result.built
                     else "unchanged")
            click.echo(f"{result.episode}: {state}; feed "
                       f"{'updated' if result.feed_written else 'unchanged'}"
                       + (f"; removed {', '.join(result.removed)}" if result.removed else ""),
                       err=True)
            manifest = load_manifest(result.episode)
            if manifest is not None:
                click.echo(manifest_report_line(manifest, len(left_out)), err=True)
        print_result(str(result.episode), made)
    if result.report and not result.report.ok:
        for failure in result.report.failures:
            click.echo(f"Check failed: {failure.name}: {failure.detail}", err=True)
        sys.exit(EXIT_CHECK_FAILED)
    if result.skipped:
        sys.exit(EXIT_SKIPPED)
