"""The news desk on 1,000 feed items: choosing the stories against reading them, in this run.

    .venv/bin/python benchmarks/desk.py [ITEMS]

Ten RSS feeds of 100 items each are written from the labelled pairs' stories
(`tests/desk/pairs.json`), each story reworded a little per item (its sentences rotated, a figure
added) so that many items report one event, as a day of several outlets' feeds does. Reading is
`read_sources` over the ten files (parsing, cleaning, article making); choosing is the desk's
`choose` with a show's rules (history of 14 days of told stories included, age, duplicates,
order), timed twice: the first time with its imports (scikit-learn, the stemmers), then warm.
The target: grouping in under 2 s, and the ratio to reading, measured in the same run.
"""

import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
FEEDS = 10


def stories() -> list[tuple[str, str, str]]:
    """(language, title, text) of every story in the labelled pairs."""
    pairs = json.loads((ROOT / "tests" / "desk" / "pairs.json").read_text(encoding="utf-8"))
    return [(p["language"], p[side]["title"], p[side]["text"]) for p in pairs for side in "ab"]


def write_feeds(folder: Path, items: int, seed: int = 7) -> list[Path]:
    random.seed(seed)
    pool = stories()
    at = dt.datetime(2026, 11, 24, 5, tzinfo=dt.UTC)
    paths = []
    per_feed = items // FEEDS
    for feed in range(FEEDS):
        entries = []
        for number in range(per_feed):
            _, title, text = random.choice(pool)
            sentences = text.split(". ")
            turn = random.randrange(len(sentences))
            body = ". ".join(sentences[turn:] + sentences[:turn])
            body += f" Figures: {random.randrange(10_000)}."
            when = at - dt.timedelta(minutes=random.randrange(36 * 60))
            entries.append(f"<item><title>{escape(title)}</title>"
                           f"<link>https://outlet{feed}.example.org/{number}</link>"
                           f"<guid>outlet{feed}-{number}</guid>"
                           f"<pubDate>{when.strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate>"
                           f"<description>{escape(body)}</description></item>")
        path = folder / f"outlet{feed}.xml"
        path.write_text(f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                        f"<title>Outlet {feed}</title><link>https://outlet{feed}.example.org/"
                        f"</link><description>News</description>{''.join(entries)}"
                        "</channel></rss>", encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    items = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        feeds = write_feeds(folder, items)
        started = time.perf_counter()
        from briefing.sources.read import read_sources

        articles = read_sources(feeds, items=items // FEEDS).articles
        reading = time.perf_counter() - started

        from briefing.desk.choose import Rules, choose
        from briefing.desk.history import History
        from briefing.publish.manifest import load_manifest

        date = dt.date(2026, 11, 24)
        at = dt.datetime(2026, 11, 24, 6, tzinfo=dt.UTC)
        with History(folder, load_manifest) as history:
            for days in range(1, 15):  # two weeks of told stories to compare with
                told = articles[days * 8: days * 8 + 8]
                manifest = {"segments": [{"kind": "story", "title": a.title, "sentences": [
                    {"text": a.title}, *({"text": p} for s in a.sections for p in s.paragraphs)]}
                    for a in told], "language": "en"}
                with history.transaction():
                    history.record(date - dt.timedelta(days=days), manifest)
            timings = []
            for _ in range(2):
                begun = time.perf_counter()
                selection = choose(articles, Rules(), None, history, date, at)
                timings.append(time.perf_counter() - begun)
    cold, warm = timings
    reasons: dict[str, int] = {}
    for item in selection.left_out:
        kind = item.reason.split(" ")[0]
        reasons[kind] = reasons.get(kind, 0) + 1
    print(f"{len(articles)} items in {FEEDS} feeds: reading {reading:.2f} s")
    print(f"choosing (history of 14 days, age, duplicates, order): first {cold:.2f} s with its "
          f"imports, then {warm:.2f} s")
    print(f"ratio to reading: {cold / reading:.2f}x (first), {warm / reading:.2f}x (warm)")
    print(f"{len(selection.articles)} stories told; left out by reason: {reasons}")
    target = 2.0
    print(f"target: under {target:g} s: {'met' if cold < target else 'NOT met'}")


if __name__ == "__main__":
    main()
