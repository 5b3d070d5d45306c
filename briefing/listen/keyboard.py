"""Single keys from the terminal, for `briefing play`: no Enter needed, arrows understood.

The terminal is put in cbreak mode (keys arrive one by one, unechoed, but Ctrl-C still interrupts
and output lines still end properly) and restored on the way out, whatever happens. When standard
input is not a terminal, no keys are read and the bulletin simply plays to its end.
"""

import os
import select
import sys
import time
from typing import Any, TextIO

#: Escape sequences of the arrow keys (both cursor modes), as key names.
SEQUENCES = {"\x1b[C": "right", "\x1b[D": "left", "\x1b[A": "up", "\x1b[B": "down",
             "\x1bOC": "right", "\x1bOD": "left", "\x1bOA": "up", "\x1bOB": "down"}


def split_keys(chunk: str) -> list[str]:
    """The keys in what one read gave: single characters and arrow names."""
    keys, position = [], 0
    while position < len(chunk):
        three = chunk[position:position + 3]
        if three in SEQUENCES:
            keys.append(SEQUENCES[three])
            position += 3
        else:
            keys.append(chunk[position])
            position += 1
    return keys


class Keys:
    """A context manager that reads keys with a timeout."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdin
        self.interactive = self.stream.isatty()
        self._saved: list[Any] | None = None
        """The terminal's attributes before cbreak mode (as `termios.tcgetattr` gives them)."""

    def __enter__(self) -> "Keys":
        if self.interactive and os.name == "posix":
            import termios
            import tty

            fd = self.stream.fileno()
            self._saved = termios.tcgetattr(fd)
            tty.setcbreak(fd)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._saved is not None:
            import termios

            termios.tcsetattr(self.stream.fileno(), termios.TCSADRAIN, self._saved)

    def read(self, timeout: float) -> list[str]:
        """The keys pressed within `timeout` seconds (none if there were none)."""
        if not self.interactive:
            time.sleep(timeout)
            return []
        if sys.platform == "win32":  # Windows: the console's own key queue
            import msvcrt

            deadline = time.monotonic() + timeout
            while not msvcrt.kbhit() and time.monotonic() < deadline:
                time.sleep(0.01)
            keys: list[str] = []
            while msvcrt.kbhit():
                key = msvcrt.getwch()
                if key in ("\x00", "\xe0"):
                    key = {"M": "right", "K": "left", "H": "up", "P": "down"}.get(msvcrt.getwch(), "")
                keys.append(key)
            return keys
        fd = self.stream.fileno()
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return []
        data = os.read(fd, 64)
        if not data:
            self.interactive = False  # the terminal went away: play on without keys
            return []
        return split_keys(data.decode("utf-8", "replace"))
