"""Brief mode's fit against the number of stories, in this run: is its time linear?

    .venv/bin/python benchmarks/brief.py [N ...]

For each N (100, 300 and 1,000 by default), N one-paragraph stories (three sentences each, all
different) are fitted into half a minute with the tone voice's pace, as `briefing script
--max-minutes 0.5` does: the time of `prepare`, and that time per story. A fit that is linear in
stories keeps the time per story about the same as N grows.
"""

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

from briefing.options import BuildOptions
from briefing.pipeline import prepare
from briefing.sources.article import Article, Section
from briefing.sources.read import Reading

PLACES = ("Ashford", "Cliffe", "Hatton", "Marlby", "Westfield", "Skerra", "Vérignac", "Lindhurst")
THINGS = ("library", "ferry", "bridge", "school", "market", "museum", "choir", "harbour")


def stories(count: int) -> list[Article]:
    found = []
    for n in range(count):
        place, thing = PLACES[n % len(PLACES)], THINGS[(n // len(PLACES)) % len(THINGS)]
        text = (f"The {thing} in {place} will open {n} minutes later from Monday. Residents were "
                f"told by letter number {n * 7}. A meeting is planned for week {n % 52 + 1}.")
        found.append(Article(title=f"{place} {thing} notice {n}", sections=(Section((text,)),),
                             source=f"story-{n}.txt", language="en"))
    return found


def main() -> None:
    counts = [int(arg) for arg in sys.argv[1:]] or [100, 300, 1000]
    with tempfile.TemporaryDirectory() as folder:
        voices = Path(folder)
        (voices / "tone.toml").write_text('engine = "tone"\nlanguage = "en"\nrate = 160\n')
        os.environ["BRIEFING_VOICES_DIR"] = str(voices)
        options = BuildOptions(voice="tone", max_minutes=0.5, date=dt.date(2026, 11, 24),
                               merge_duplicates=False)
        print("stories | fit (prepare) | per story | kept")
        for count in counts:
            articles = stories(count)
            started = time.perf_counter()
            prepared = prepare([], options, reading=Reading(articles, []))
            took = time.perf_counter() - started
            print(f"{count:7d} | {took:8.2f} s | {took / count * 1000:6.2f} ms | "
                  f"{len(prepared.articles)}")


if __name__ == "__main__":
    main()
