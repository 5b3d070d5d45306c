"""`briefing batch`: one bulletin per file of an archive, skipping those up to date."""

import json
import sys
from pathlib import Path

import click

from briefing.audio.loudness import PRESETS
from briefing.batch import run_batch
from briefing.cli.common import (
    EXIT_SKIPPED,
    VOICE_DEFAULT_HELP,
    ProgressBar,
    build_options,
    check_lang,
    errors_as_messages,
    print_result,
    speed_options,
    transcript_option,
)


@click.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Where the MP3s go, in the same sub-folders as their sources.")
@click.option("--voice", metavar="NAME|PATH.toml",
              help=f"Voice profile by name or a .toml file (default: {VOICE_DEFAULT_HELP}).")
@click.option("--lang", "language", metavar="CODE", callback=check_lang,
              help="Language of the sources, e.g. en or es (default: detected).")
@click.option("--date", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="The date spoken in each intro (default: today).")
@click.option("--loudness", type=click.Choice(list(PRESETS)), default="podcast", show_default=True,
              help="Loudness standard.")
@click.option("--force", is_flag=True, help="Build every story, even those already up to date.")
@transcript_option
@speed_options
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per story.")
@click.pass_obj
@errors_as_messages
def batch(obj: dict, folder: Path, out: Path, date: object, force: bool, as_json: bool,
          **kwargs: object) -> None:
    """Build one bulletin per file under FOLDER (an archive) into --out, skipping up-to-date ones.

    Each file (a .txt, .md, .html or feed) gives OUT/<its path>.mp3 with its sidecars; a file is
    built again only when its script, voice or settings changed. One line per story on stdout.
    Exit 1 if a story failed, 3 if a file could not be read.
    """
    options = build_options({**kwargs, "date": date})
    worst = 0
    with ProgressBar(enabled=not obj["quiet"]) as progress:
        for outcome in run_batch(folder, out, options, force, progress):
            progress.close()
            made = f"the batch stopped after {outcome.source} ({outcome.state})"
            if as_json:
                print_result(json.dumps({"source": str(outcome.source), "mp3": str(outcome.mp3),
                                         "state": outcome.state, "detail": outcome.detail}), made)
            else:
                detail = f" ({outcome.detail})" if outcome.detail else ""
                print_result(f"{outcome.state}: {outcome.mp3}{detail}", made)
            if outcome.state == "failed":
                worst = 1
            elif outcome.state == "skipped" and worst == 0:
                worst = EXIT_SKIPPED
    if worst:
        sys.exit(worst)
