"""`briefing check`: the quality gate, on any bulletin."""

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from briefing.atomic import check_regular
from briefing.audio.loudness import PRESETS
from briefing.audio.quality import Check, Report, check_bulletin, not_audio
from briefing.cli.common import (
    EXIT_CHECK_FAILED,
    ProgressBar,
    errors_as_messages,
    print_result,
)
from briefing.errors import BriefingError, ManifestError
from briefing.hearing.bulletin import hear_file
from briefing.hearing.recognizer import require
from briefing.publish.manifest import read_manifest
from briefing.speech.speaker import default_jobs

if TYPE_CHECKING:  # imported with the hearing, by `--listen`
    from briefing.hearing.listen import Verdict


def _regular(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
    """Only a regular file: ffmpeg would wait for ever on a named pipe nobody writes to."""
    try:
        check_regular(value, "the bulletin to check", "give an MP3 file")
    except BriefingError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


@click.command()
@click.argument("mp3", type=click.Path(path_type=Path, exists=True, dir_okay=False),
                callback=_regular)
@click.option("--loudness", type=click.Choice(list(PRESETS)),
              help="Check against this preset (default: the one in the manifest, else podcast).")
@click.option("--listen", is_flag=True,
              help="Also hear it back with a recognizer (needs the verify extra: pip install "
              "'briefing[verify]') and compare each sentence with the manifest: one heard wrong "
              "fails the check; a name heard wrong is reported with a lexicon entry to start from.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_obj
@errors_as_messages
def check(obj: dict, mp3: Path, loudness: str | None, listen: bool, as_json: bool) -> None:
    """Check a bulletin: it decodes, its length fits its words, loudness and true peak are on
    target, no sentence is silent or cut short, and its chapters match the manifest (MP3.json).
    With --listen, every sentence is also heard back and compared with what the manifest says.

    Exits 4 when a check fails, so cron and CI notice; a manifest that is there but damaged is a
    failed check too. A file that is not audio at all (empty, or text named .mp3) is a usage
    mistake: exit 2.
    """
    problem = not_audio(mp3)
    if problem:
        raise click.BadParameter(problem, ctx=click.get_current_context(), param_hint="'MP3'")
    try:
        manifest, damaged = read_manifest(mp3), None
    except ManifestError as exc:
        manifest, damaged = None, Check("manifest", False, str(exc))
    if listen and manifest is None:
        raise ManifestError(f"{mp3}: --listen needs the bulletin's manifest "
                            f"({mp3.with_suffix('.json').name}) beside it, which says what each "
                            "sentence is and when it is heard")
    if listen:
        require()  # one line saying how to install the recognizer, before anything is decoded
    report = check_bulletin(mp3, manifest, PRESETS[loudness] if loudness else None)
    if damaged is not None:
        report = replace(report, checks=(damaged, *report.checks))
    verdict = None
    if listen:
        assert manifest is not None
        with ProgressBar(enabled=not obj["quiet"]) as progress:
            verdict = hear_file(mp3, manifest, default_jobs(), progress)
        heard = Check("heard", verdict.left == 0, f"{verdict.summary().removeprefix('Verify: ')}"
                      f" by {verdict.model}")
        report = replace(report, checks=(*report.checks, heard))
    _print_report(report, as_json, verdict)
    if not report.ok:
        sys.exit(EXIT_CHECK_FAILED)


def _print_report(report: Report, as_json: bool, verdict: "Verdict | None") -> None:
    if as_json:
        found = {"verify": {**verdict.manifest(), "sentences": verdict.sentence_keys()}} \
            if verdict else {}
        print_result(json.dumps({**report.to_dict(), **found}, indent=2, ensure_ascii=False))
        return
    marks = {True: "ok  ", False: "FAIL", None: "--  "}
    for item in report.checks:
        print_result(f"{marks[item.ok]}  {item.name:<9} {item.detail}")
    for line in verdict.details() if verdict else ():
        print_result(line)
    print_result(f"{report.path}: {'passed' if report.ok else 'FAILED'}")
