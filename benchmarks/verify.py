"""What `--verify` costs: a Kokoro build of one article with and without it, in the same run.

    .venv/bin/python benchmarks/verify.py [PROFILE] [--jobs N] [--copies N]
                                          (default: spanish-female, the CPU count, 3)

The article is benchmarks/kokoro.py's (three copies, about 850 words, five minutes of Spanish).
Each build runs cold in a fresh process with an empty cache folder of its own, after both models
(Kokoro's and the recognizer's) are joined into the data folder, so neither build pays for that.
Printed: each build's wall and CPU time, the seconds the manifest says hearing took (one pass over
the bulletin, the second hearings, and any sentence spoken again), and the cost of `--verify` as a
share of the plain build: by the difference in wall time, by the difference in CPU time, and by
the hearing's own seconds (the target: at most 25 %). The load average before and after is printed
too: other work on a 2-core machine moves wall times a lot, CPU times less.
"""

import argparse
import importlib.util
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.hearing.model import verified_folder  # noqa: E402 - after the path is set
from briefing.speech.engines.kokoro_model import model_path  # noqa: E402

# The Kokoro benchmark's article, read from its file (a package named `benchmarks` may be
# installed, so it is not imported by that name).
_spec = importlib.util.spec_from_file_location("kokoro_benchmark", ROOT / "benchmarks" / "kokoro.py")
assert _spec is not None and _spec.loader is not None
kokoro = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(kokoro)

#: The most `--verify` may add, as a share of the build.
TARGET = 0.25


def build(source: Path, folder: Path, profile: str, jobs: int, verify: bool
          ) -> tuple[float, float, dict]:
    """One cold build in a fresh process, as `benchmarks/kokoro.py` makes it, with `--verify` or
    without: its wall time, the CPU time of its processes and its manifest."""
    return kokoro.build(source, jobs, folder, profile, "verify" if verify else "plain",
                        *(["--verify"] if verify else []))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("profile", nargs="?", default="spanish-female")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--copies", type=int, default=kokoro.COPIES)
    args = parser.parse_args()
    kokoro.COPIES = args.copies
    model_path()  # both models joined before the clock starts, if this is their first use
    verified_folder()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="briefing-bench-verify-") as name:
        folder = Path(name)
        source = folder / "presupuesto.txt"
        source.write_text(kokoro.text(), encoding="utf-8")
        plain_wall, plain_cpu, plain = build(source, folder, args.profile, args.jobs, False)
        print(f"{args.profile} --jobs {args.jobs}, cold: {plain_wall:.1f} s ({plain_cpu:.0f} CPU s) "
              f"for {plain['words']} words, {plain['duration'] / 60:.2f} min of audio", flush=True)
        wall, cpu, heard = build(source, folder, args.profile, args.jobs, True)
        verify = heard["verify"]
        print(f"the same with --verify: {wall:.1f} s ({cpu:.0f} CPU s); hearing took "
              f"{verify['seconds']:.1f} s: {verify['flagged']} flagged, {verify['fixed']} fixed, "
              f"{verify['left']} left, {verify['reheard']} heard again, by {verify['model']}",
              flush=True)
    print(f"cost of --verify: {(wall - plain_wall) / plain_wall:.0%} by wall time, "
          f"{(cpu - plain_cpu) / plain_cpu:.0%} by CPU time, {verify['seconds'] / plain_wall:.0%} "
          f"by the hearing's own seconds (target: at most {TARGET:.0%}); load average after: "
          f"{os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
