"""Where the sound goes: the default device through ffplay, or nowhere.

One abstraction serves both listening commands: `play` starts a bulletin file at a position and a
speed and lets it run (`start`, `check`, `stop`), and `say` plays one clip after another, each
call returning once the clip has been heard (`play`). The `null` device plays nothing and keeps
time, for machines without a sound card and for tests. ffplay comes with ffmpeg; its `atempo`
filter changes speed with the pitch kept.
"""

import subprocess
import time
from pathlib import Path

from briefing import ffmpeg
from briefing.errors import PlaybackError
from briefing.speech.engines.base import Clip
from briefing.speech.engines.soundless import ENVIRONMENT

DEVICES = ("default", "null")

#: ffplay plays sound only (no window), ends with its input, and logs only errors.
_FFPLAY = ["-hide_banner", "-nodisp", "-autoexit", "-loglevel", "error"]


def device_failure(report: str, returncode: int) -> PlaybackError | None:
    """Why an ended ffplay could not play, from its log: it exits 0 even when it found no sound
    device, so the log is what tells."""
    if "audio open failed" in report or "Failed to open" in report or returncode:
        last = report.strip().splitlines()[-1] if report.strip() else "ffplay failed"
        return PlaybackError(f"cannot play on the sound device ({last}); "
                             "use --device null to play without sound")
    return None


class NullSound:
    """Plays nothing: a file's position is kept by the player's clock, and a clip takes as long as
    it would to hear."""

    def start(self, path: Path, position: float, speed: float) -> None:
        pass

    def play(self, clip: Clip, gap: float = 0.0) -> None:
        deadline = time.monotonic() + clip.duration + gap
        while (left := deadline - time.monotonic()) > 0:
            time.sleep(min(left, 0.05))

    def check(self) -> None:
        pass

    def stop(self) -> None:
        pass

    def close(self) -> None:
        pass


class DeviceSound:
    """The default sound device, through ffplay: restarted for every change of position or speed,
    and once per clip (fed its PCM through a pipe)."""

    def __init__(self) -> None:
        self._running: ffmpeg.Running | None = None

    def start(self, path: Path, position: float, speed: float) -> None:
        """Play `path` from `position` at `speed`, and return at once."""
        self.stop()
        with ENVIRONMENT:  # not while espeak-ng starts with no sound server in it
            self._running = ffmpeg.start(
                "ffplay", [*_FFPLAY, "-ss", f"{position:.3f}", "-af", f"atempo={speed:g}",
                           str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)

    def play(self, clip: Clip, gap: float = 0.0) -> None:
        """Play `clip` followed by `gap` seconds of silence; return when it has been heard."""
        self.stop()
        with ENVIRONMENT:  # not while espeak-ng starts with no sound server in it
            running = self._running = ffmpeg.start(
                "ffplay", [*_FFPLAY, "-f", "s16le", "-ar", str(clip.sample_rate), "-ch_layout",
                           "mono", "-i", "pipe:0"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
        try:
            running.stdin.write(clip.samples + b"\x00\x00" * int(gap * clip.sample_rate))
            running.stdin.close()
        except BrokenPipeError:
            pass
        self._ended(running)

    def check(self) -> None:
        """Raise if ffplay could not open the sound device (it exits 0 all the same)."""
        running = self._running
        if running is not None and not running.running():
            self._ended(running)

    def _ended(self, running: ffmpeg.Running) -> None:
        """Forget an ffplay that has ended (or wait for it to end), and raise if its log says it
        could not play."""
        failure = device_failure(running.report(), running.wait())
        self.stop()
        if failure:
            raise failure

    def stop(self) -> None:
        """Stop the sound now."""
        running, self._running = self._running, None
        if running is not None:
            running.close()

    def close(self) -> None:
        self.stop()


Sound = NullSound | DeviceSound


def open_sound(device: str) -> Sound:
    """The sound output a `--device` names."""
    if device == "null":
        return NullSound()
    if device == "default":
        return DeviceSound()
    raise PlaybackError(f"unknown device {device!r} (known: {', '.join(DEVICES)})")
