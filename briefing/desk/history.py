"""A show's memory of what it told: an SQLite database in its output folder.

Each episode's stories are recorded by their marks (every outlet's feed item id and link, and a
fingerprint of the text told) and by their headline and text, so that a later episode leaves out
the same item, the same text under a new id, and a reworded copy (see `duplicates`). Undated
items are recorded when first seen, so that they age like dated ones.

What is recorded is what the episode's manifest says it told (`told_entries`, written by every
build), in one transaction around the build: a run that fails or is killed leaves the history
as it was. The history outlives the episodes `keep` removes. A missing or damaged database is
made again from the manifests in the folder, and an episode a killed run left unrecorded is
added from its manifest, each with a line saying so.
"""

import contextlib
import datetime as dt
import logging
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.desk.age import as_aware
from briefing.desk.words import normalized_headline, story_language, text_fingerprint
from briefing.sources.article import Article

log = logging.getLogger(__name__)

HISTORY_NAME = ".briefing-history.sqlite"
#: Changes when the tables change: an older database is made again from the manifests.
SCHEMA = "1"
_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE episodes (date TEXT PRIMARY KEY);
CREATE TABLE stories (date TEXT NOT NULL, number INTEGER NOT NULL, headline TEXT NOT NULL,
                      normalized TEXT NOT NULL, language TEXT NOT NULL, text TEXT NOT NULL,
                      published TEXT, PRIMARY KEY (date, number));
CREATE TABLE marks (mark TEXT NOT NULL, date TEXT NOT NULL, number INTEGER NOT NULL);
CREATE INDEX marks_by_mark ON marks (mark);
CREATE TABLE seen (mark TEXT PRIMARY KEY, first TEXT NOT NULL);
"""


def seen_mark(article: Article) -> str:
    """The mark an undated story is remembered by when first seen: its id, else its link, else
    its text's fingerprint."""
    if article.guid:
        return f"guid:{article.guid}"
    return f"link:{article.link}" if article.link else f"text:{text_fingerprint(article)}"


def story_marks(article: Article) -> list[str]:
    """What identifies a story exactly: each outlet's item id and link, and its text's
    fingerprint."""
    marks = [f"text:{text_fingerprint(article)}"]
    for outlet in (article.outlet, *article.also):
        marks += [f"guid:{outlet.guid}"] if outlet.guid else []
        marks += [f"link:{outlet.link}"] if outlet.link else []
    return list(dict.fromkeys(marks))


def told_entries(articles: Sequence[Article], language: str) -> list[dict]:
    """The manifest's `told`: each story told, in order, as the history records it."""
    return [{"headline": a.title, "language": story_language(a, language),
             "marks": story_marks(a),
             "published": as_aware(a.published).isoformat() if a.published else None}
            for a in articles]


@dataclass(frozen=True)
class Told:
    """A story told in an earlier episode."""

    date: dt.date
    headline: str
    language: str
    text: str
    published: dt.datetime | None = None
    """When its source published it, if it said."""


class HistoryError(Exception):
    """The database cannot be used as it is (damaged, or of another schema)."""


class History:
    """The history at `<output>/.briefing-history.sqlite`, opened under the daily lock."""

    def __init__(self, output: Path, manifests: Callable[[Path], dict | None],
                 write: bool = True) -> None:
        """`manifests` reads an episode's manifest (None when it has none), for a repair.
        `write=False` (a dry run) leaves the folder as it is: a missing or damaged history is
        made again in memory only."""
        self.path = output / HISTORY_NAME
        self._manifest = manifests
        self.notes: list[str] = []
        """One line for each repair made on opening."""
        on_disk = episode_files(output)
        existed = self.path.exists()
        try:
            self._db = self._connect(self.path if write or existed else ":memory:")
        except (sqlite3.DatabaseError, HistoryError) as exc:
            log.debug("%s: %s", self.path, exc)
            if write:
                self._discard()
            self._db = self._connect(self.path if write else ":memory:")
            self.notes.append(self._rebuild(on_disk, f"{self.path.name} was damaged ({exc})"))
            return
        if not existed and on_disk:
            self.notes.append(self._rebuild(on_disk, f"{self.path.name} was missing"))
            return
        recorded = self.episodes()
        unrecorded = [(day, mp3) for day, mp3 in on_disk if day not in recorded]
        if unrecorded:
            added = self._import(unrecorded)
            self.notes.append(f"Show history: added {', '.join(d.isoformat() for d in added)} "
                              "from the manifests (a run stopped before recording them)")

    @staticmethod
    def _connect(where: Path | str) -> sqlite3.Connection:
        db = sqlite3.connect(where, isolation_level=None)
        try:
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
            if not tables:
                db.executescript(f"BEGIN; {_TABLES} INSERT INTO meta VALUES ('schema', "
                                 f"'{SCHEMA}'); COMMIT;")
            elif db.execute("PRAGMA quick_check").fetchone() != ("ok",):
                raise HistoryError("its integrity check failed")
            else:
                row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
                if row != (SCHEMA,):
                    raise HistoryError("it is of another version")
        except BaseException:
            db.close()
            raise
        return db

    def _discard(self) -> None:
        for path in (self.path, self.path.with_name(self.path.name + "-journal")):
            path.unlink(missing_ok=True)

    def _rebuild(self, on_disk: list[tuple[dt.date, Path]], why: str) -> str:
        added = self._import(on_disk)
        return (f"Show history: {why}; made again from {len(added)} episode manifest"
                f"{'' if len(added) == 1 else 's'} in the folder")

    def _import(self, on_disk: list[tuple[dt.date, Path]]) -> list[dt.date]:
        added = []
        with self.transaction():
            for day, mp3 in on_disk:
                manifest = self._manifest(mp3)
                if manifest is not None:
                    self.record(day, manifest)
                    added.append(day)
        return added

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "History":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything recorded inside is kept together, or not at all."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def forget(self) -> int:
        """Forget every story told (the show may tell anything again), keeping which episodes
        were recorded, so that their manifests are not read back in; the number forgotten."""
        with self.transaction():
            count = self._db.execute("SELECT count(*) FROM stories").fetchone()[0]
            for table in ("stories", "marks", "seen"):
                self._db.execute(f"DELETE FROM {table}")
        return int(count)

    def episodes(self) -> set[dt.date]:
        return {dt.date.fromisoformat(row[0]) for row in self._db.execute("SELECT date FROM episodes")}

    def last_before(self, date: dt.date) -> dt.date | None:
        """The newest episode recorded before `date`."""
        row = self._db.execute("SELECT max(date) FROM episodes WHERE date < ?",
                               (date.isoformat(),)).fetchone()
        return dt.date.fromisoformat(row[0]) if row and row[0] else None

    def told_marks(self, before: dt.date) -> dict[str, dt.date]:
        """Each mark of a story told before `before`, with the first date it was told."""
        rows = self._db.execute("SELECT mark, min(date) FROM marks WHERE date < ? GROUP BY mark",
                                (before.isoformat(),))
        return {mark: dt.date.fromisoformat(day) for mark, day in rows}

    def told_stories(self, before: dt.date, since: dt.date) -> list[Told]:
        """The stories told from `since` up to (not including) `before`, oldest first."""
        rows = self._db.execute(
            "SELECT date, headline, language, text, published FROM stories WHERE date >= ? AND "
            "date < ? ORDER BY date, number", (since.isoformat(), before.isoformat()))
        return [Told(dt.date.fromisoformat(day), headline, language, text,
                     dt.datetime.fromisoformat(published) if published else None)
                for day, headline, language, text, published in rows]

    def first_seen(self, mark: str) -> dt.datetime | None:
        row = self._db.execute("SELECT first FROM seen WHERE mark = ?", (mark,)).fetchone()
        return dt.datetime.fromisoformat(row[0]) if row else None

    def recorded(self, date: dt.date) -> list[tuple]:
        """What is recorded of the episode of `date`, to compare with what would be."""
        return [*self._db.execute("SELECT number, headline, normalized, language, text, published "
                                  "FROM stories WHERE date = ? ORDER BY number",
                                  (date.isoformat(),)),
                *self._db.execute("SELECT mark, number FROM marks WHERE date = ? ORDER BY number, "
                                  "mark", (date.isoformat(),))]

    def record(self, date: dt.date, manifest: dict,
               seen: dict[str, dt.datetime] | None = None) -> None:
        """Record the stories the episode of `date` told, as its manifest says, in place of what
        was recorded for that date; and when undated items were first `seen`. Inside
        `transaction`, and only when it `differs` (or something was first `seen`): any write
        changes the file's bytes. Rows go in a fixed order, so the same history makes the same
        file whichever process writes it."""
        day = date.isoformat()
        for table in ("episodes", "stories", "marks"):
            self._db.execute(f"DELETE FROM {table} WHERE date = ?", (day,))
        self._db.execute("INSERT INTO episodes VALUES (?)", (day,))
        for number, (entry, text) in enumerate(_told(manifest), 1):
            self._db.execute("INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?)",
                             (day, number, entry["headline"], normalized_headline(entry["headline"]),
                              entry["language"], text, entry["published"]))
            self._db.executemany("INSERT INTO marks VALUES (?, ?, ?)",
                                 [(mark, day, number) for mark in sorted(set(entry["marks"]))])
        self._db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?)",
                             [(mark, when.isoformat()) for mark, when in (seen or {}).items()])

    def differs(self, date: dt.date, manifest: dict) -> bool:
        """Whether recording `manifest` for `date` would change anything."""
        told = _told(manifest)
        would: list[tuple] = [(n, e["headline"], normalized_headline(e["headline"]), e["language"],
                               text, e["published"]) for n, (e, text) in enumerate(told, 1)]
        would += [(mark, n) for n, (e, _) in enumerate(told, 1) for mark in sorted(set(e["marks"]))]
        return self.recorded(date) != would


def _told(manifest: dict) -> list[tuple[dict, str]]:
    """(entry, text told) for each story of an episode: its `told` entries with the sentences of
    its segments; a manifest from before `told` was written gives its stories' links."""
    segments = [s for s in manifest.get("segments") or [] if isinstance(s, dict)]
    stories = [s for s in segments if s.get("kind") == "story"]
    if not any(s.get("kind") == "section" for s in segments) and not stories:
        return []
    if not stories:
        stories = [{"title": manifest.get("title", ""), "link": None,
                    "sentences": [x for s in segments if s.get("kind") == "section"
                                  for x in s.get("sentences") or []]}]
    texts = [" ".join(str(x.get("text", "")) for x in s.get("sentences") or []
                      if isinstance(x, dict)) for s in stories]
    told = manifest.get("told")
    if not (isinstance(told, list) and len(told) == len(stories) and all(
            isinstance(e, dict) and isinstance(e.get("headline"), str)
            and isinstance(e.get("language"), str) and isinstance(e.get("marks"), list)
            for e in told)):
        language = str(manifest.get("language") or "en")
        told = [{"headline": str(s.get("title", "")).split(": ", 1)[-1], "language": language,
                 "marks": [f"link:{s['link']}"] if s.get("link") else []} for s in stories]
    return [({**entry, "marks": [str(m) for m in entry["marks"]],
              "published": _when(entry.get("published"))}, text)
            for entry, text in zip(told, texts, strict=True)]


def _when(value: object) -> str | None:
    """A manifest's publication time, as the history keeps it (ISO 8601), or None."""
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value).isoformat()
    except ValueError:
        return None


def episode_files(output: Path) -> list[tuple[dt.date, Path]]:
    """The episodes in a show's folder: `YYYY-MM-DD.mp3` files, oldest first."""
    found = []
    for mp3 in output.glob("*.mp3"):
        with contextlib.suppress(ValueError):
            found.append((dt.date.fromisoformat(mp3.stem), mp3))
    return sorted(found)

