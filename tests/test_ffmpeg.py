"""Processes briefing starts (ffmpeg, the speech workers) end when briefing is killed."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT

#: Starts an ffmpeg that would run for ten minutes, prints its pid, and waits to be killed.
FFMPEG = """
import subprocess, time
from briefing import ffmpeg
running = ffmpeg.start("ffmpeg", ["-v", "error", "-re", "-f", "lavfi", "-i", "anullsrc",
                                  "-t", "600", "-f", "null", "-"],
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
print(running.process.pid, flush=True)
time.sleep(600)
"""

#: Starts two speech worker processes (tone engine), prints their pids, and waits to be killed.
WORKERS = """
import sys, time
from pathlib import Path
from briefing.speech.cache import open_store
from briefing.speech.speaker import Speaker
from briefing.speech.voices import load_voice

speaker = Speaker(load_voice("tone"), open_store(False, None, Path(sys.argv[1])), jobs=2)
list(speaker._submit(1.0, [[(0, "one two", "one two")], [(1, "three", "three")]]))
print(*speaker._pool._processes, flush=True)
time.sleep(600)
"""


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie waiting to be reaped does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def killed_parent_leaves_no_child(script: str, *args: str) -> None:
    parent = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE,
                              text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert parent.stdout is not None
    children = [int(pid) for pid in parent.stdout.readline().split()]
    try:
        assert children and all(alive(pid) for pid in children)
        # setpriv sets the death signal and then becomes ffmpeg: on a busy machine the pid can be
        # printed before it has, and a parent killed in that moment is not what is tested here.
        deadline = time.monotonic() + 10
        while any(_command(pid) == "setpriv" for pid in children) and time.monotonic() < deadline:
            time.sleep(0.01)
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in children if alive(pid)], "children outlived their parent"
    finally:
        parent.kill()
        parent.wait()
        parent.stdout.close()
        for pid in children:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("how", ["setpriv", "preexec"])
def test_ffmpeg_dies_with_the_process_that_started_it(how):
    """Through `setpriv --pdeathsig` where there is one (so Python can vfork), else set up
    between fork and exec."""
    from briefing import ffmpeg

    assert ffmpeg._death_wrapper(), "setpriv --pdeathsig is part of util-linux on Linux"
    fallback = "from briefing import ffmpeg; ffmpeg._death_wrapper = lambda: []\n"
    killed_parent_leaves_no_child((fallback if how == "preexec" else "") + FFMPEG)


def test_speech_workers_die_with_the_process_that_started_them(tmp_path, tone_voice):
    killed_parent_leaves_no_child(WORKERS, str(tmp_path))
