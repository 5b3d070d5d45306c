"""Where a build's CPU-seconds go: the main process, the speech workers, and each kind of ffmpeg.

    .venv/bin/python benchmarks/profile.py [--cprofile N] -- build ARGS...

Runs `briefing -v <ARGS>` (a build, usually) in a fresh process and samples the CPU time of every
process in its tree every 10 ms, sorting each by what it is: the main process, speech workers,
the MP3 encoders, the meters that decode what the encoders write, ffmpeg loudness measures of the
starting gain's sample, ffprobe. The total is exact (the rusage of the whole tree); a process that
ends between two samples loses at most its last 10 ms, shown as "unsampled". With `--cprofile N`
the main process runs under cProfile too and its N most expensive functions (own time and
cumulative) are printed after the table.
"""

import argparse
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict

import psutil

PYTHON = sys.executable


def kind(process: psutil.Process, root: int) -> str | None:
    """What a process of the build's tree is, from its command line (None if it cannot be read:
    a process that has just ended)."""
    if process.pid == root:
        return "main process (Python)"
    try:
        line = " ".join(process.cmdline())
    except psutil.Error:
        return None
    if not line:
        return None
    if "multiprocessing" in line or "spawn_main" in line:
        return "speech workers"
    if "ffprobe" in line:
        return "ffprobe"
    if "ffmpeg" in line:
        if "libmp3lame" in line:
            return "ffmpeg: MP3 encoders"
        if "-f mp3 -i pipe:0" in line:
            return "ffmpeg: meters on the MP3"
        if "gain-sample" in line:
            return "ffmpeg: starting gain's measures"
        return "ffmpeg: other"
    return "other (a fork before it runs ffmpeg)" if "briefing" in line else "other"


def profile(command: list[str]) -> tuple[float, dict[str, float], float, float]:
    """Run `command`; return its wall time, CPU seconds by kind, the tree's total CPU seconds,
    and its peak resident memory (MB, summed over the tree)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen: dict[int, tuple[str, float]] = {}
    peak = 0
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
        except psutil.Error:
            tree = [process]
        rss = 0
        for member in tree:
            try:
                with member.oneshot():
                    times = member.cpu_times()
                    rss += member.memory_info().rss
                    # Again each time: a fork of the main process becomes ffmpeg.
                    label = kind(member, process.pid) or seen.get(member.pid, ("other", 0.0))[0]
                seen[member.pid] = (label, times.user + times.system)
            except psutil.Error:
                pass
        peak = max(peak, rss)
        time.sleep(0.01)
    wall = time.perf_counter() - started
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{stderr[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    by_kind: dict[str, float] = defaultdict(float)
    for label, seconds in seen.values():
        by_kind[label] += seconds
    return wall, dict(by_kind), total, peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cprofile", type=int, default=0, metavar="N",
                        help="also profile the main process and show its N costliest functions")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="briefing's arguments, after --")
    options = parser.parse_args()
    args = [a for a in options.args if a != "--"] if options.args[:1] == ["--"] else options.args
    with tempfile.TemporaryDirectory(prefix="briefing-profile-") as folder:
        stats = os.path.join(folder, "main.prof")
        runner = ["-m", "cProfile", "-o", stats] if options.cprofile else []
        wall, by_kind, total, peak = profile([PYTHON, *runner, "-m", "briefing", *args])
        print(f"wall {wall:.2f} s, CPU {total:.2f} s ({total / wall:.2f} cores), peak RSS {peak:.0f} MB")
        for label, seconds in sorted(by_kind.items(), key=lambda item: -item[1]):
            print(f"  {label:<34} {seconds:7.2f} s  {100 * seconds / total:5.1f} %")
        rest = total - sum(by_kind.values())
        print(f"  {'unsampled (ends of short processes)':<34} {rest:7.2f} s  {100 * rest / total:5.1f} %")
        if options.cprofile:
            for order in ("tottime", "cumulative"):
                print(f"\nmain process, by {order}:")
                pstats.Stats(stats).sort_stats(order).print_stats(options.cprofile)


if __name__ == "__main__":
    main()
