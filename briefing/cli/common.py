"""What the commands share: option groups, the mapping of errors to messages and exit codes,
the progress bar, and the notes about skipped sources. Only the CLI prints; the core reports
progress as data (`progress.Progress`) and raises domain errors with the fix in their message.
"""

import errno
import functools
import logging
import math
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import click

from briefing.desk.left_out import LeftOut
from briefing.errors import AudioError, BriefingError, QualityError
from briefing.language import check_language_code
from briefing.pipeline import BuildOptions
from briefing.publish.transcript import FORMATS as TRANSCRIPT_FORMATS
from briefing.script.brief import FIT_MODES
from briefing.script.compose import Cut
from briefing.script.title import MAX_TITLE_CHARS, title_problem
from briefing.sources.fetch import DEADLINE, MAX_MB, MAX_PAGES
from briefing.sources.read import DEFAULT_ITEMS, MAX_ITEMS, NothingToRead, Skipped, check_encoding
from briefing.speech.presenters import parse_presenters
from briefing.speech.speaker import default_jobs
from briefing.speech.voices import DEFAULT_VOICE, PAUSE_RANGE

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar as ClickProgressBar

    from briefing.hearing.listen import Verdict

log = logging.getLogger(__name__)

#: Exit codes besides 0 (success), 1 (error) and 2 (usage).
EXIT_SKIPPED, EXIT_CHECK_FAILED = 3, 4


def _encoding(ctx: click.Context, param: click.Parameter, value: str) -> str:
    try:
        return check_encoding(value)
    except BriefingError as exc:
        raise click.BadParameter(str(exc)) from None


def check_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """`--lang` as a language code, checked as the command line is read: `--lang english` is a
    usage mistake (exit 2), not a failed build."""
    if value is None:
        return None
    try:
        return check_language_code(value)
    except BriefingError as exc:
        raise click.BadParameter(str(exc)) from None


#: What `--voice` falls back to, as its help says it.
VOICE_DEFAULT_HELP = f"`{DEFAULT_VOICE}` when it speaks the language, else a voice that does"


class FiniteRange(click.FloatRange):
    """A float option within a range that also refuses nan and infinity: click's `FloatRange`
    lets nan through, since every comparison with it is false, and nan seconds end deep in the
    build. Every float option takes this type."""

    name = "finite float range"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            bounds = f" from {self.min:g} to {self.max:g}" if None not in (self.min, self.max) else ""
            self.fail(f"{value!r} is not a number; give a finite one{bounds}", param, ctx)
        return number


_PAUSE = FiniteRange(*PAUSE_RANGE)


def _title(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    problem = title_problem(value)
    if problem:
        raise click.BadParameter(f"the title {problem}")
    return value.strip()


def _presenters(ctx: click.Context, param: click.Parameter, value: str | None
                ) -> tuple[str, ...]:
    if value is None:
        return ()
    names = parse_presenters(value)
    if len(names) != 2 or names[0] == names[1]:
        raise click.BadParameter("give two different voice profiles, e.g. anchor,british-male")
    return names


def source_options(func: Callable) -> Callable:
    """Options shared by every command that reads articles."""
    decorators = [
        click.argument("sources", nargs=-1, required=True),
        click.option("--title", callback=_title,
                     help=f"The bulletin's title, at most {MAX_TITLE_CHARS} characters (default: the "
                     "article's headline, else its file name)."),
        click.option("--date", type=click.DateTime(formats=["%Y-%m-%d"]),
                     help="The bulletin's date, YYYY-MM-DD, spoken in the intro (default: today)."),
        click.option("--encoding", default="utf-8", show_default=True, callback=_encoding,
                     help="Text encoding of the sources, e.g. latin-1."),
        click.option("--voice", metavar="NAME|PATH.toml",
                     help="Voice profile by name (see `briefing voices`) or a .toml file "
                     f"(default: {VOICE_DEFAULT_HELP})."),
        click.option("--urls", "read_urls", type=click.Choice(["read", "drop"]), default="read",
                     show_default=True, callback=lambda ctx, param, value: value == "read",
                     help="Read web and e-mail addresses aloud (as \"example dot org\") or leave "
                     "them out of the speech; the transcript keeps them."),
        click.option("--lang", "language", metavar="CODE", callback=check_lang,
                     help="Language of the sources, e.g. en or es (default: detected)."),
        click.option("--rate", type=click.IntRange(40, 400), metavar="WPM",
                     help="Speaking rate in words per minute (default: the voice's, 160)."),
        click.option("--sentence-pause", type=_PAUSE, metavar="SECONDS",
                     help="Pause after a sentence (default 0.35)."),
        click.option("--paragraph-pause", type=_PAUSE, metavar="SECONDS",
                     help="Pause between paragraphs (default 0.8)."),
        click.option("--segment-pause", type=_PAUSE, metavar="SECONDS",
                     help="Pause between segments: intro, sections, outro (default 1.2)."),
        click.option("--story-pause", type=_PAUSE, metavar="SECONDS",
                     help="Pause between stories of a several-story bulletin (default 2.0)."),
        click.option("--max-minutes", type=FiniteRange(0.5, 600), metavar="N",
                     help="Fit the bulletin in N minutes: every story is shortened to its "
                     "headline, lead and key sentences before any is left out (see --fit)."),
        click.option("--fit", type=click.Choice(FIT_MODES), default="shorten", show_default=True,
                     help="How --max-minutes is met: shorten every story first, or only drop "
                     "whole stories from the end."),
        click.option("--items", type=click.IntRange(1, MAX_ITEMS), default=DEFAULT_ITEMS, show_default=True,
                     help="Stories taken from each feed, newest first."),
        click.option("--keep-duplicates", "merge_duplicates", is_flag=True, default=True,
                     flag_value=False,
                     help="Tell every source's story, even when several report the same event "
                     "(by default such an event is told once, its fullest version, naming the "
                     "other outlets)."),
        click.option("--fetch-timeout", type=FiniteRange(0.1, 3600), metavar="SECONDS",
                     help=f"The most one URL may take in all, however slowly its "
                     f"server answers (default {DEADLINE:g})."),
        click.option("--fetch-max-mb", type=FiniteRange(0, 1024, min_open=True), metavar="MB",
                     help=f"The most one URL may weigh (default {MAX_MB:g})."),
        click.option("--max-mb", type=FiniteRange(0, 1024, min_open=True), metavar="MB",
                     help=f"The most a file or standard input may weigh (default {MAX_MB:g})."),
        click.option("--max-pages", type=click.IntRange(1, 100_000), metavar="N",
                     help=f"A PDF with more pages is skipped (default {MAX_PAGES})."),
        click.option("--presenters", metavar="NAME,NAME", callback=_presenters,
                     help="Two voice profiles sharing the bulletin: the first opens and closes, "
                     "the stories alternate, each hands over to the other."),
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


def build_options(kwargs: dict, **extra: Any) -> BuildOptions:
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
                say_skipped(exc.skipped)
            failure = _CheckFailed if isinstance(exc, QualityError) else click.ClickException
            raise failure(str(exc)) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt,
                BrokenPipeError):
            raise
        except OSError as exc:
            if exc.errno not in _REFUSED_WRITES:
                log.debug("unexpected failure", exc_info=True)
                raise click.ClickException(
                    f"unexpected failure: {type(exc).__name__}: {exc} (run with -v for details)"
                ) from None
            log.debug("the file system refused", exc_info=True)
            raise click.ClickException(_refused_write(exc)) from None
        except Exception as exc:
            log.debug("unexpected failure", exc_info=True)
            raise click.ClickException(
                f"unexpected failure: {type(exc).__name__}: {exc} (run with -v for details)"
            ) from None

    return wrapper


#: What a file system answers that is about the disk, not about briefing: said as it is.
_REFUSED_WRITES = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EPERM, errno.EACCES, errno.EFBIG,
                   errno.EIO}


def _refused_write(exc: OSError) -> str:
    """One line for a write the file system refused. A rename names its target, not the
    temporary file; a write into an open file names nothing, so the places are listed."""
    where = exc.filename2 or exc.filename
    if where is None:
        fix = ("; free some space where the bulletin, the temporary folder ($TMPDIR) or the cache "
               "goes, or point them elsewhere") if exc.errno in (errno.ENOSPC, errno.EDQUOT) else ""
        return f"cannot write: {exc.strerror}{fix}"
    return f"{os.fsdecode(where)}: cannot write it: {exc.strerror}"


class _CheckFailed(click.ClickException):
    """A bulletin that was made but failed its quality check."""

    exit_code = EXIT_CHECK_FAILED


def print_result(text: str, made: str = "", nl: bool = True) -> None:
    """Print on standard output, which carries the command's result and nothing else. A write
    refused there (`> /dev/full`, a redirection to a full disk) is standard output's failure, not
    the failure of the disk where the bulletin went: it is said so, with `made`, what was written
    all the same. A reader that went away (EPIPE, `| head -0`) is left to `main`, which stops
    quietly as other tools do."""
    try:
        click.echo(text, nl=nl)
    except BrokenPipeError:
        raise
    except OSError as exc:
        log.debug("standard output refused the result", exc_info=True)
        raise click.ClickException(f"cannot write to standard output ({exc.strerror or exc})"
                                   + (f"; {made}" if made else "")) from None


def say_skipped(skipped: list[Skipped]) -> None:
    for item in skipped:
        click.echo(f"Skipped: {item.reason}", err=True)


def say_left_out(left_out: list[LeftOut]) -> None:
    for item in left_out:
        click.echo(f"Left out: {item.line()}", err=True)


def report_line(duration: float, chapters: int, loudness: float, true_peak: float,
                shortened: int = 0, left_out: int = 0) -> str:
    """The one line `build` and `daily` print about the bulletin they made: its length, chapters,
    loudness and true peak, and how many stories were shortened or left out to fit, when any."""
    line = f"{duration:.1f} s, {chapters} chapters, {loudness:.1f} LUFS, {true_peak:.1f} dBTP"
    if shortened:
        line += f", {shortened} shortened"
    if left_out:
        line += f", {left_out} left out"
    return line


def manifest_report_line(manifest: dict, left_out: int = 0) -> str:
    """`report_line` for a bulletin known by its manifest (a daily episode, made by this run or
    an earlier one): the same words as a build's."""
    loudness = manifest.get("loudness") or {}
    cut = [s["brief"] for s in manifest.get("segments", [])
           if isinstance(s.get("brief"), dict) and s["brief"].get("kept", 0) < s["brief"].get("of", 0)]
    return report_line(float(manifest.get("duration", 0.0)), len(manifest.get("segments", [])),
                       float(loudness.get("integrated_lufs", 0.0)),
                       float(loudness.get("true_peak_dbtp", 0.0)), len(cut), left_out)


def say_verified(verdict: "Verdict | None") -> None:
    """What hearing the bulletin back found (`--verify`): the counts, then each sentence flagged
    and each lexicon entry drafted."""
    if verdict is not None:
        for line in (verdict.summary(), *verdict.details()):
            click.echo(line, err=True)


def say_shortened(cuts: list[Cut]) -> None:
    for cut in cuts:
        click.echo(f"Shortened to fit: {cut.title}: {cut.kept} of {cut.total} sentences", err=True)



class ProgressBar:
    """Draws the core's progress reports on stderr; silent when stderr is not a terminal."""

    LABELS: ClassVar[dict[str, str]] = {"synthesize": "Speaking", "listen": "Listening",
                                         "encode": "Encoding", "check": "Checking"}

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.bar: ClickProgressBar[int] | None = None
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

    def __enter__(self) -> "ProgressBar":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None

