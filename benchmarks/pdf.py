"""Reading a long PDF: pages per second of `read_pdf`, in this run.

    .venv/bin/python benchmarks/pdf.py [PAGES] [--profile]

The PDF is made by the tests' own maker (`tests/sources/pdfs.py`): PAGES pages (100 by default)
of two columns full of news sentences under headings, with a running header, a footer and page
numbers on every page. `read_pdf` is timed three times; the best run is the figure, as wall time
and as this process's CPU time (on a busy machine the two part). The target: at least 10 pages a
second. `--profile` prints where the time of one more run goes, by function.
"""

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The checkout's root in place of this folder, whose profile.py would hide the standard library's.
sys.path[0] = str(ROOT)

import cProfile  # noqa: E402 - after the path is set
import pstats  # noqa: E402

from briefing.sources.pdf import read_pdf  # noqa: E402
from tests.sources.pdfs import long_newsletter  # noqa: E402

TARGET = 10.0
ROUNDS = 3


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    pages = int(args[0]) if args else 100
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "long.pdf"
        long_newsletter(path, pages)
        data = path.read_bytes()
    walls, cpus = [], []
    for _ in range(ROUNDS):
        began, began_cpu = time.perf_counter(), time.process_time()
        [article] = read_pdf(data, "long.pdf", "long.pdf", pages)
        walls.append(time.perf_counter() - began)
        cpus.append(time.process_time() - began_cpu)
    paragraphs = sum(len(s.paragraphs) for s in article.sections)  # type: ignore[union-attr]
    words = sum(len(p.split()) for s in article.sections for p in s.paragraphs)  # type: ignore[union-attr]
    print(f"{pages} pages ({len(data) / 2**20:.1f} MB), {len(article.sections)} sections, "  # type: ignore[union-attr]
          f"{paragraphs} paragraphs, {words} words")
    wall, cpu = min(walls), min(cpus)
    print(f"read_pdf, best of {ROUNDS}: {wall:.2f} s wall ({pages / wall:.1f} pages/s), "
          f"{cpu:.2f} s CPU ({pages / cpu:.1f} pages/s); every run: "
          + ", ".join(f"{w:.2f} s" for w in walls))
    print(f"target: at least {TARGET:g} pages/s: {'met' if pages / wall >= TARGET else 'NOT met'} "
          f"(wall), {'met' if pages / cpu >= TARGET else 'NOT met'} (CPU)")
    if "--profile" in sys.argv:
        profile = cProfile.Profile()
        profile.runcall(read_pdf, data, "long.pdf", "long.pdf", pages)
        pstats.Stats(profile).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
