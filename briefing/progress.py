"""Progress reports from the core, drawn by the CLI (or by any caller) as it likes.

A long step calls `progress(stage, done, total)` as it goes: `stage` is one of "synthesize",
"listen" (hearing the bulletin back, in seconds), "encode", "check" or "done". The core never
draws anything itself.
"""

from collections.abc import Callable

Progress = Callable[[str, int, int], None]
