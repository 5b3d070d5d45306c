"""Running ffmpeg and ffprobe: found on PATH when needed, logged as copy-pasteable commands.

Nothing is looked up at import time. A missing program is a `ToolMissingError` that says how to
install it; a failing command is an `AudioError` carrying the command and the end of ffmpeg's
stderr (ffmpeg still prints plausible-looking results after some failures, so the exit status is
always checked).
"""

import json
import logging
import shlex
import shutil
import subprocess

from briefing.errors import AudioError, ToolMissingError

log = logging.getLogger(__name__)

INSTALL_HINT = "install it with: sudo apt-get install ffmpeg (Debian/Ubuntu) or brew install ffmpeg (macOS)"


def find_tool(name: str) -> str:
    """The full path of `ffmpeg` or `ffprobe`, or a `ToolMissingError` naming the fix."""
    path = shutil.which(name)
    if path is None:
        raise ToolMissingError(f"{name} was not found on PATH; {INSTALL_HINT}")
    return path


def run(tool: str, args: list[str], what: str, input_bytes: bytes | None = None) -> str:
    """Run `tool` with `args`; return its stderr (where ffmpeg reports); raise `AudioError` on failure."""
    command = [find_tool(tool), *args]
    log.debug("%s", shlex.join(command))
    completed = subprocess.run(
        command, input=input_bytes, capture_output=True, check=False
    )
    stderr = completed.stderr.decode("utf-8", "replace")
    if completed.returncode != 0:
        last = stderr.strip().splitlines()[-1] if stderr.strip() else f"exit code {completed.returncode}"
        raise AudioError(f"ffmpeg failed while {what}: {last}", command, stderr)
    return stderr


def probe(path: str, entries: str) -> dict:
    """ffprobe's JSON answer for `entries` (e.g. `format=duration:chapter=start_time`)."""
    command = [find_tool("ffprobe"), "-v", "error", "-show_entries", entries, "-of", "json", path]
    log.debug("%s", shlex.join(command))
    completed = subprocess.run(command, capture_output=True, check=False)
    if completed.returncode != 0:
        stderr = completed.stderr.decode("utf-8", "replace").strip()
        raise AudioError(f"ffprobe could not read {path}: {stderr}", command, stderr)
    return json.loads(completed.stdout)
