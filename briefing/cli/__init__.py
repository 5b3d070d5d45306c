"""The command line: a thin layer over the pipeline that alone prints and sets exit codes.

Domain errors become one `Error: ...` line and exit 1; click's usage errors exit 2; a bulletin
built without some of its sources exits 3; a bulletin that fails its quality check exits 4.
Progress, notes and logs go to stderr; stdout carries only the result (the MP3's path, or JSON
with `--json`).
"""

import logging
import os
import signal
import sys

import click

from briefing.cli.batch import batch
from briefing.cli.build import build_cmd, script
from briefing.cli.cache import cache
from briefing.cli.check import check
from briefing.cli.daily import daily
from briefing.cli.lexicon import lexicon
from briefing.cli.listen import play, say
from briefing.cli.voices import voices
from briefing.version import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="briefing")
@click.option("-v", "--verbose", count=True,
              help="Log briefing's steps and every ffmpeg command to stderr (-vv: also the debug "
              "lines of the libraries it uses).")
@click.option("-q", "--quiet", is_flag=True, help="No progress or notes on stderr; errors only.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: bool) -> None:
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
    _log_to_stderr(verbose)
    ctx.obj = {"quiet": quiet, "verbose": verbose}


def _log_to_stderr(verbose: int) -> None:
    """-v shows briefing's own debug lines (its steps and ffmpeg commands) and the libraries'
    warnings; -vv everyone's debug lines, so markdown-it's, trafilatura's and filelock's internals
    stay out of the way until asked for. Without -v only briefing's own warnings are shown, and a
    library's errors: a warning of trafilatura's ("discarding data: None") tells a listener
    nothing."""
    logging.basicConfig(format="%(relativeCreated)7.0f ms %(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    others = logging.DEBUG if verbose >= 2 else logging.WARNING if verbose else logging.ERROR
    logging.getLogger().setLevel(others)
    logging.getLogger("briefing").setLevel(logging.DEBUG if verbose >= 1 else logging.WARNING)

    def shown(record: logging.LogRecord) -> bool:
        # A library that sets its own logger's level (phonemizer's "words count mismatch", which
        # Kokoro's phonemes raise on most sentences) is held to the same rule at the handler.
        return record.name == "briefing" or record.name.startswith("briefing.") \
            or record.levelno >= others

    for handler in logging.getLogger().handlers:
        handler.addFilter(shown)


for command in (build_cmd, script, check, daily, voices, batch, cache, play, say, lexicon):
    cli.add_command(command)


class _Stopped(BaseException):
    """A polite stop (SIGTERM, SIGHUP) on its way out, so that every `finally` and `with` runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop_politely() -> None:
    """SIGTERM (systemd, `timeout`) and SIGHUP (a closed terminal) unwind the main process like
    Ctrl-C, removing its temporary files and folders at once, instead of leaving them to the next
    build's sweep. A signal the caller ignores (`nohup`) stays ignored. Processes forked from this
    one (speech workers) keep the default, dying on the spot: they own no temporary files. A second
    signal ends the build at once."""
    main_pid = os.getpid()

    def stop(signum: int, frame: object) -> None:
        # A second signal ends the process at once, should the clean-up itself be stuck.
        signal.signal(signum, signal.SIG_DFL)
        if os.getpid() != main_pid:
            os.kill(os.getpid(), signum)
            return
        raise _Stopped(signum)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) is signal.SIG_DFL:
            signal.signal(signum, stop)


def main() -> None:
    _stop_politely()
    try:
        cli(prog_name="briefing")
    except _Stopped as stopped:
        # Cleaned up: now die of the signal, so the caller sees what stopped the build.
        signal.signal(stopped.signum, signal.SIG_DFL)
        os.kill(os.getpid(), stopped.signum)
    except BrokenPipeError:
        # The reader went away (`briefing voices | head`): stop quietly, as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
