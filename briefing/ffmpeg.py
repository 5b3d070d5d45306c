"""Running ffmpeg, ffprobe and ffplay: found on PATH when needed, logged as copy-pasteable commands.

Every one of their processes starts here (`run` and `probe` for a command that is waited for,
`start` for one that streams), so `-v` shows each command once, as a line that can be pasted into
a shell, and on Linux each dies with the process that started it (`die_with_parent`): a build
that is killed leaves no ffmpeg running on. Nothing is looked up at import time. A missing
program is a `ToolMissingError` that says how to install it; a failing command is an `AudioError`
carrying the command and the end of ffmpeg's stderr (ffmpeg still prints plausible-looking
results after some failures, so the exit status is always checked).
"""

import contextlib
import ctypes
import functools
import json
import logging
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from typing import IO, Any

from briefing.errors import AudioError, ToolMissingError

log = logging.getLogger(__name__)

INSTALL_HINT = "install it with: sudo apt-get install ffmpeg (Debian/Ubuntu) or brew install ffmpeg (macOS)"


def find_tool(name: str) -> str:
    """The full path of `ffmpeg` or `ffprobe`, or a `ToolMissingError` naming the fix."""
    path = shutil.which(name)
    if path is None:
        raise ToolMissingError(f"{name} was not found on PATH; {INSTALL_HINT}")
    return path


#: prctl's option that names the signal a process gets when its parent ends (linux/prctl.h).
_PR_SET_PDEATHSIG = 1


@functools.cache
def _prctl() -> Callable[..., int] | None:
    """Linux's prctl from the C library, or None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when `parent` (the process that started it) ends, however
    it ends: a `kill -9` runs no clean-up code, and a child left alone would run on, or wait for
    ever for work from a parent that is gone. Run in the child (before ffmpeg is executed, or as a
    worker pool's initializer). Linux only; elsewhere it does nothing."""
    prctl = _prctl()
    if prctl is None:
        return
    prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before the request was made
        os._exit(1)


def _death_pact() -> Callable[[], None] | None:
    """`die_with_parent` for a child of this process, to run between fork and exec; made here, in
    the parent, so that the child has nothing to load."""
    return functools.partial(die_with_parent, os.getpid()) if _prctl() is not None else None


@functools.cache
def _death_wrapper() -> list[str]:
    """`setpriv --pdeathsig KILL --`, which makes the kernel kill the program it runs when this
    process ends, where Linux has it (util-linux's setpriv since 2.33); else nothing, and
    `_death_pact` does the same between fork and exec. The wrapper is preferred: a `preexec_fn`
    makes Python fork instead of vfork, and a fork copies this process's page tables (a model
    in memory makes that hundreds of megabytes, counted again for every child until it runs
    ffmpeg) for each encoder and meter started."""
    if _prctl() is None:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return []
    try:
        usage = subprocess.run([setpriv, "--help"], capture_output=True, text=True, timeout=10,
                               check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [setpriv, "--pdeathsig", "KILL", "--"] if "--pdeathsig" in usage else []


def run(tool: str, args: list[str], what: str, input_bytes: bytes | None = None) -> str:
    """Run `tool` with `args` to the end; return its stderr (where ffmpeg reports); raise
    `AudioError` on failure."""
    with start(tool, args, stdin=subprocess.DEVNULL if input_bytes is None else subprocess.PIPE,
               stdout=subprocess.DEVNULL) as running:
        if input_bytes is not None:
            with contextlib.suppress(BrokenPipeError):
                running.stdin.write(input_bytes)
                running.stdin.close()
        code = running.wait()
        stderr = running.report()
    if code != 0:
        last = stderr.strip().splitlines()[-1] if stderr.strip() else f"exit code {code}"
        raise AudioError(f"ffmpeg failed while {what}: {last}", running.command, stderr)
    return stderr


def probe(path: str, entries: str) -> dict:
    """ffprobe's JSON answer for `entries` (e.g. `format=duration:chapter=start_time`)."""
    with start("ffprobe", ["-v", "error", "-show_entries", entries, "-of", "json", path],
               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE) as running:
        answer = running.stdout.read()
        code = running.wait()
        stderr = running.report().strip()
    if code != 0:
        raise AudioError(f"ffprobe could not read {path}: {stderr}", running.command, stderr)
    return json.loads(answer)


class Running:
    """A started ffmpeg, ffplay or ffprobe process whose stderr goes to a temporary file, not a
    pipe: ffmpeg writes a lot there, and a pipe nobody reads until the end would fill and stall it.
    Use it as a context manager; leaving stops the process if it still runs."""

    def __init__(self, command: list[str], stdin: int | IO[Any] | None = None,
                 stdout: int | IO[Any] | None = None) -> None:
        log.debug("%s", shlex.join(command))
        self.command = command
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        wrapper = _death_wrapper()
        try:
            self.process = subprocess.Popen([*wrapper, *command], stdin=stdin, stdout=stdout,
                                            stderr=self._errors,
                                            preexec_fn=None if wrapper else _death_pact())
        except BaseException:
            self._errors.close()
            raise

    @property
    def stdin(self) -> IO[bytes]:
        assert self.process.stdin is not None, "started without stdin=PIPE"
        return self.process.stdin

    @property
    def stdout(self) -> IO[bytes]:
        assert self.process.stdout is not None, "started without stdout=PIPE"
        return self.process.stdout

    def running(self) -> bool:
        return self.process.poll() is None

    def wait(self) -> int:
        return self.process.wait()

    def report(self) -> str:
        """Everything the process wrote to stderr so far."""
        self._errors.seek(0)
        return self._errors.read().decode("utf-8", "replace")

    def stop(self, grace: float = 2.0) -> None:
        """End the process if it still runs: politely, then after `grace` seconds for good."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def kill(self) -> None:
        """End the process at once (the sound must stop now)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def close(self) -> None:
        self.stop()
        self._errors.close()

    def __enter__(self) -> "Running":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def start(tool: str, args: list[str], stdin: int | IO[Any] | None = None,
          stdout: int | IO[Any] | None = None) -> Running:
    """Start `tool` (ffmpeg, ffplay, ffprobe) with `args`, logged; see `Running`."""
    return Running([find_tool(tool), *args], stdin, stdout)
