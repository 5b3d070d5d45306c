"""The command line: a thin layer over the pipeline that alone prints and sets exit codes.

Domain errors become one `Error: ...` line and exit 1; click's usage errors exit 2; a bulletin
built without some of its sources exits 3; a bulletin that fails its quality check exits 4.
Progress, notes and logs go to stderr; stdout carries only the result (the MP3's path, or JSON
with `--json`).
"""

import functools
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

import click

from briefing.audio.loudness import PRESETS
from briefing.audio.quality import Report, check_bulletin
from briefing.batch import run_batch
from briefing.daily import run_daily
from briefing.errors import AudioError, BriefingError, QualityError
from briefing.pipeline import BuildOptions, build, prepare
from briefing.pipeline import preview as preview_voice
from briefing.publish.manifest import load_manifest
from briefing.publish.transcript import FORMATS as TRANSCRIPT_FORMATS
from briefing.script.compose import render_text
from briefing.sources.read import DEFAULT_ITEMS, NothingToRead, Skipped, check_encoding
from briefing.speech.cache import open_store
from briefing.speech.engines import why_unusable
from briefing.speech.engines.system import system_voices
from briefing.speech.speaker import default_jobs
from briefing.speech.voices import list_profiles
from briefing.version import __version__

log = logging.getLogger("briefing")

#: Exit codes besides 0 (success), 1 (error) and 2 (usage).
EXIT_SKIPPED, EXIT_CHECK_FAILED = 3, 4


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="briefing")
@click.option("-v", "--verbose", is_flag=True, help="Log every step and ffmpeg command to stderr.")
@click.option("-q", "--quiet", is_flag=True, help="No progress or notes on stderr; errors only.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool, quiet: bool) -> None:
    """Turn written news into a paced, podcast-quality audio bulletin, offline.

    \b
    Quick start:
      briefing build seeds/kherson.txt      # writes output/kherson.mp3 (+ .vtt, .json)
      briefing build a.md page.html feed.xml  # one bulletin, one chapter per story
      briefing script seeds/kherson.txt     # shows what would be spoken, no audio
      briefing daily --config briefing.toml # today's episode and the podcast feed
      briefing check output/kherson.mp3     # the quality gate, on any bulletin

    \b
    Exit codes: 0 done, 1 error, 2 bad usage, 3 built but some sources were skipped,
    4 the bulletin failed its quality check.
    """
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(relativeCreated)7.0f ms %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    ctx.obj = {"quiet": quiet, "verbose": verbose}


def _encoding(ctx: click.Context, param: click.Parameter, value: str) -> str:
    try:
        return check_encoding(value)
    except BriefingError as exc:
        raise click.BadParameter(str(exc)) from None


def source_options(func: Callable) -> Callable:
    """Options shared by every command that reads articles."""
    decorators = [
        click.argument("sources", nargs=-1, required=True),
        click.option("--title", help="The bulletin's title (default: the article's headline, "
                     "else its file name)."),
        click.option("--date", type=click.DateTime(formats=["%Y-%m-%d"]),
                     help="The bulletin's date, YYYY-MM-DD, spoken in the intro (default: today)."),
        click.option("--encoding", default="utf-8", show_default=True, callback=_encoding,
                     help="Text encoding of the sources, e.g. latin-1."),
        click.option("--voice", metavar="NAME|PATH.toml",
                     help="Voice profile by name (see `briefing voices`) or a .toml file "
                     "(default: one that speaks the language, preferring `system`)."),
        click.option("--urls", "read_urls", type=click.Choice(["read", "drop"]), default="read",
                     show_default=True, callback=lambda ctx, param, value: value == "read",
                     help="Read web and e-mail addresses aloud (as \"example dot org\") or leave "
                     "them out of the speech; the transcript keeps them."),
        click.option("--lang", "language", metavar="CODE",
                     help="Language of the sources, e.g. en or es (default: detected)."),
        click.option("--rate", type=click.IntRange(40, 400), metavar="WPM",
                     help="Speaking rate in words per minute (default: the voice's, 160)."),
        click.option("--sentence-pause", type=click.FloatRange(0, 10), metavar="SECONDS",
                     help="Pause after a sentence (default 0.35)."),
        click.option("--paragraph-pause", type=click.FloatRange(0, 10), metavar="SECONDS",
                     help="Pause between paragraphs (default 0.8)."),
        click.option("--segment-pause", type=click.FloatRange(0, 10), metavar="SECONDS",
                     help="Pause between segments: intro, sections, outro (default 1.2)."),
        click.option("--story-pause", type=click.FloatRange(0, 10), metavar="SECONDS",
                     help="Pause between stories of a several-story bulletin (default 2.0)."),
        click.option("--max-minutes", type=click.FloatRange(0.5, 600), metavar="N",
                     help="Leave out the last stories until the bulletin lasts at most N minutes."),
        click.option("--items", type=click.IntRange(1, 500), default=DEFAULT_ITEMS, show_default=True,
                     help="Stories taken from each feed, newest first."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def speed_options(func: Callable) -> Callable:
    """Options that change how fast a build runs, never what it sounds like."""
    decorators = [
        click.option("--jobs", "-j", type=click.IntRange(1, 256), metavar="N",
                     help=f"Worker processes for the neural voices (default: the CPU count, "
                     f"{default_jobs()})."),
        click.option("--cache/--no-cache", default=True, show_default=True,
                     help="Reuse sentences already spoken (see `briefing cache info`)."),
        click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False),
                     help="The cache folder (default: $BRIEFING_CACHE_DIR, else the user cache "
                     "folder)."),
        click.option("--executor", metavar="dask://HOST:PORT", callback=_executor,
                     help="Synthesize on a Dask cluster instead of local processes."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def _transcripts(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    kinds = tuple(dict.fromkeys(kind.strip().lower() for kind in value.split(",") if kind.strip()))
    unknown = [kind for kind in kinds if kind not in TRANSCRIPT_FORMATS]
    if unknown or not kinds:
        raise click.BadParameter(f"give one or more of {', '.join(TRANSCRIPT_FORMATS)}, separated "
                                 f"by commas (not {', '.join(unknown) or 'nothing'})")
    return kinds


def transcript_option(func: Callable) -> Callable:
    return click.option(
        "--transcript", "transcripts", default="vtt", show_default=True, callback=_transcripts,
        metavar="FORMATS",
        help="Transcripts beside the MP3, comma-separated: vtt (WebVTT), srt (SubRip), txt (plain "
        "text with chapter headings).")(func)


def _executor(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not (value.startswith("dask://") and ":" in value[7:]):
        raise click.BadParameter("give a Dask scheduler as dask://HOST:PORT")
    return value


def _options(kwargs: dict, **extra: object) -> BuildOptions:
    date = kwargs.pop("date", None)
    return BuildOptions(date=date.date() if date else None, **kwargs, **extra)


def errors_as_messages(func: Callable) -> Callable:
    """Turn domain errors into `Error: ...` (exit 1) and anything unexpected into one line too."""

    @functools.wraps(func)
    def wrapper(*args: object, **kwargs: object) -> object:
        try:
            return func(*args, **kwargs)
        except BriefingError as exc:
            if isinstance(exc, AudioError) and exc.stderr:
                log.debug("ffmpeg said:\n%s", exc.stderr)
            if isinstance(exc, NothingToRead) and len(exc.skipped) > 1:
                _say_skipped(exc.skipped)
            failure = click.ClickException(str(exc))
            if isinstance(exc, QualityError):
                failure.exit_code = EXIT_CHECK_FAILED
            raise failure from None
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt,
                BrokenPipeError):
            raise
        except Exception as exc:
            log.debug("unexpected failure", exc_info=True)
            raise click.ClickException(
                f"unexpected failure: {type(exc).__name__}: {exc} (run with -v for details)"
            ) from None

    return wrapper


@cli.command()
@source_options
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the MP3; the .vtt, .json and .chapters.json go beside it "
              "(default: output/<source name>.mp3).")
@click.option("--chime/--no-chime", default=True, show_default=True,
              help="Generated sounds between segments: a chime between sections, a sting "
              "between stories (without them, just the pauses).")
@click.option("--loudness", type=click.Choice(list(PRESETS)), default="podcast", show_default=True,
              help="Loudness standard: podcast -16 LUFS/-1 dBTP, alexa -14/-2, ebu -23/-1.")
@click.option("--bitrate", default="64k", show_default=True,
              type=click.Choice(["32k", "48k", "64k", "96k", "128k", "160k", "192k"]),
              help="MP3 bitrate (mono).")
@click.option("--artist", default="briefing", show_default=True, help="ID3 artist tag.")
@click.option("--album", default="News briefing", show_default=True, help="ID3 album tag.")
@transcript_option
@speed_options
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary instead of the path.")
@click.pass_obj
@errors_as_messages
def build_cmd(obj: dict, sources: tuple[str, ...], output: Path | None, as_json: bool,
              **kwargs: object) -> None:
    """Build a bulletin MP3 with chapters and tags, and beside it a transcript (WebVTT; SRT and
    plain text with --transcript), an accessible HTML player (<name>.html: open it in a browser),
    a JSON manifest and Podcasting 2.0 chapters.

    SOURCES are plain-text (.txt) or Markdown (.md) articles, HTML pages, RSS or Atom feeds
    (files or http(s) URLs), folders of them (read in name order), or - for standard input.
    Several stories make one bulletin: an intro naming the headlines, one chapter per story.
    A source that cannot be read is skipped with a note, and the exit code is 3.
    """
    options = _options(kwargs)
    with _Progress(enabled=not obj["quiet"]) as progress:
        result = build(list(sources), output, options, progress)
    if not obj["quiet"]:
        _say_skipped(result.skipped)
        if result.dropped:
            click.echo(f"Left out to fit {options.max_minutes:g} minutes: "
                       f"{'; '.join(result.dropped)}", err=True)
    if as_json:
        click.echo(json.dumps({
            "mp3": str(result.mp3), "transcript": str(result.transcript),
            "transcripts": {kind: str(path) for kind, path in result.transcripts.items()},
            "player": str(result.player),
            "manifest": str(result.manifest), "chapters_json": str(result.chapters_json),
            "duration": round(result.duration, 3),
            "integrated_lufs": result.measurement.integrated,
            "true_peak_dbtp": result.measurement.true_peak,
            "chapters": [c.title for c in result.chapters], "words": result.words,
            "skipped": [s.reason for s in result.skipped], "left_out": result.dropped,
            "sentences_spoken": result.spoken, "sentences_from_cache": result.cached,
            "parts_encoded": result.parts - result.parts_reused, "parts_from_cache": result.parts_reused,
        }, indent=2, ensure_ascii=False))
    else:
        if not obj["quiet"]:
            m = result.measurement
            click.echo(f"{result.duration:.1f} s, {len(result.chapters)} chapters, "
                       f"{m.integrated:.1f} LUFS, {m.true_peak:.1f} dBTP", err=True)
        click.echo(str(result.mp3))
    if result.skipped:
        sys.exit(EXIT_SKIPPED)


def _say_skipped(skipped: list[Skipped]) -> None:
    for item in skipped:
        click.echo(f"Skipped: {item.reason}", err=True)


build_cmd.name = "build"


@cli.command()
@source_options
@click.option("--json", "as_json", is_flag=True, help="Print the script as JSON.")
@errors_as_messages
def script(sources: tuple[str, ...], as_json: bool, **kwargs: object) -> None:
    """Show the spoken script (segments, sentences, pauses) without making any audio."""
    prepared = prepare(list(sources), _options(kwargs))
    _say_skipped(prepared.skipped)
    if prepared.dropped:
        click.echo(f"Left out to fit: {'; '.join(a.title for a in prepared.dropped)}", err=True)
    if as_json:
        click.echo(json.dumps(prepared.script.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(render_text(prepared.script), nl=False)
    if prepared.skipped:
        sys.exit(EXIT_SKIPPED)


@cli.command()
@click.argument("mp3", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--loudness", type=click.Choice(list(PRESETS)),
              help="Check against this preset (default: the one in the manifest, else podcast).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@errors_as_messages
def check(mp3: Path, loudness: str | None, as_json: bool) -> None:
    """Check a bulletin: it decodes, its length fits its words, loudness and true peak are on
    target, no sentence is silent or cut short, and its chapters match the manifest (MP3.json).

    Exits 4 when a check fails, so cron and CI notice.
    """
    report = check_bulletin(mp3, load_manifest(mp3), PRESETS[loudness] if loudness else None)
    _print_report(report, as_json)
    if not report.ok:
        sys.exit(EXIT_CHECK_FAILED)


def _print_report(report: Report, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return
    marks = {True: "ok  ", False: "FAIL", None: "--  "}
    for item in report.checks:
        click.echo(f"{marks[item.ok]}  {item.name:<9} {item.detail}")
    click.echo(f"{report.path}: {'passed' if report.ok else 'FAILED'}")


@cli.command()
@click.option("--config", "config_path", required=True, metavar="FILE.toml",
              type=click.Path(path_type=Path, dir_okay=False),
              help="The show's config: title, author, voice, output, keep, [[sources]].")
@click.option("--date", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="The episode's date, YYYY-MM-DD (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary.")
@click.pass_obj
@errors_as_messages
def daily(obj: dict, config_path: Path, date: object, as_json: bool) -> None:
    """Make the day's episode and update the podcast feed, for cron or a systemd timer.

    Writes <output>/<date>.mp3 with its transcript, manifest and chapters, and <output>/feed.xml;
    keeps the newest `keep` episodes. A second run on the same day with unchanged sources
    rewrites nothing; a run while another is writing stops at once. Exit codes as for build,
    plus 4 when the episode fails its quality check.
    """
    with _Progress(enabled=not obj["quiet"]) as progress:
        result = run_daily(config_path, date.date() if date else None, progress)  # type: ignore[attr-defined]
    if as_json:
        click.echo(json.dumps({
            "episode": str(result.episode), "built": result.built, "feed": str(result.feed),
            "feed_written": result.feed_written, "removed": result.removed,
            "skipped": [s.reason for s in result.skipped], "left_out": result.dropped,
            "check": result.report.to_dict(),
        }, indent=2, ensure_ascii=False))
    elif not obj["quiet"]:
        _say_skipped(result.skipped)
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


@cli.command()
@click.option("--preview", metavar="NAME|PATH.toml",
              help="Write a short sample of this voice to output/preview-<name>.mp3.")
@click.option("--json", "as_json", is_flag=True, help="Print the listing as JSON.")
@click.pass_obj
@errors_as_messages
def voices(obj: dict, preview: str | None, as_json: bool) -> None:
    """List the voice profiles (usable or why not) and the system's own voices."""
    if preview:
        with _Progress(enabled=not obj["quiet"]) as progress:
            result = preview_voice(preview, progress=progress)
        click.echo(str(result.mp3))
        return
    profiles = []
    for profile in list_profiles():
        problem = why_unusable(profile)
        profiles.append({"name": profile.name, "engine": profile.engine,
                         "language": profile.language, "rate": profile.rate,
                         "usable": problem is None, "problem": problem,
                         "description": profile.description})
    system = system_voices()
    if as_json:
        click.echo(json.dumps({"profiles": profiles, "system_voices": system}, indent=2,
                              ensure_ascii=False))
        return
    click.echo("Voice profiles (--voice NAME):")
    for p in profiles:
        state = "usable" if p["usable"] else f"not usable: {p['problem']}"
        click.echo(f"  {p['name']:<10} {p['engine']:<8} {p['language']:<6} {p['rate']} wpm  {state}")
        if p["description"]:
            click.echo(f"  {'':<10} {p['description']}")
    click.echo(f"\nSystem voices (pyttsx3; use as voice = \"ID\" in a pyttsx3 profile): {len(system)}")
    for v in system:
        click.echo(f"  {v['id']:<24} {v['name']:<28} {v['languages']}")


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Where the MP3s go, in the same sub-folders as their sources.")
@click.option("--voice", metavar="NAME|PATH.toml", help="Voice profile (default: by language).")
@click.option("--lang", "language", metavar="CODE", help="Language of the sources (default: detected).")
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
    options = _options({**kwargs, "date": date})
    worst = 0
    with _Progress(enabled=not obj["quiet"]) as progress:
        for outcome in run_batch(folder, out, options, force, progress):
            progress.close()
            if as_json:
                click.echo(json.dumps({"source": str(outcome.source), "mp3": str(outcome.mp3),
                                       "state": outcome.state, "detail": outcome.detail}))
            else:
                detail = f" ({outcome.detail})" if outcome.detail else ""
                click.echo(f"{outcome.state}: {outcome.mp3}{detail}")
            if outcome.state == "failed":
                worst = 1
            elif outcome.state == "skipped" and worst == 0:
                worst = EXIT_SKIPPED
    if worst:
        sys.exit(worst)


@cli.group()
def cache() -> None:
    """The cache of spoken sentences: where it is, how big, and emptying it."""


@cache.command("info")
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False),
              help="The cache folder (default: $BRIEFING_CACHE_DIR, else the user cache folder).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@errors_as_messages
def cache_info(cache_dir: Path | None, as_json: bool) -> None:
    """Where the cache is, how many sentences it holds, its size and its limit."""
    info = open_store(cache_dir=cache_dir).info()
    if as_json:
        click.echo(json.dumps({"path": str(info.path), "entries": info.entries, "bytes": info.bytes,
                               "limit_bytes": info.limit}, indent=2))
        return
    click.echo(f"{info.path}: {info.entries} sentences, {info.bytes / 2**20:.1f} MB "
               f"(limit {info.limit / 2**20:.0f} MB; set BRIEFING_CACHE_MAX_MB to change it)")


@cache.command("clear")
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False),
              help="The cache folder (default: $BRIEFING_CACHE_DIR, else the user cache folder).")
@errors_as_messages
def cache_clear(cache_dir: Path | None) -> None:
    """Remove every cached sentence and calibration."""
    store = open_store(cache_dir=cache_dir)
    count = store.clear()
    click.echo(f"{store.root}: removed {count} entries")


class _Progress:
    """Draws the core's progress reports on stderr; silent when stderr is not a terminal."""

    LABELS: ClassVar[dict[str, str]] = {"synthesize": "Speaking", "encode": "Encoding",
                                         "check": "Checking"}

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.bar = None
        self.stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if stage != self.stage:
            self.close()
            self.stage = stage
            if stage in self.LABELS:
                self.bar = click.progressbar(length=total, label=self.LABELS[stage], file=sys.stderr)
                self.bar.__enter__()
        if self.bar is not None:
            self.bar.update(done - self.bar.pos)

    def __enter__(self) -> "_Progress":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


from briefing.cli.listen import play, say  # noqa: E402 - they use the helpers above

cli.add_command(play)
cli.add_command(say)


def main() -> None:
    try:
        cli(prog_name="briefing")
    except BrokenPipeError:
        # The reader went away (`briefing voices | head`): stop quietly, as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
