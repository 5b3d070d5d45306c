"""The desk's one entry: the stories a bulletin tells, in order, and each one left out with why.

The steps run in this order, each on what the one before kept: told in an earlier episode (the
same item, the same text, or a reworded copy), too old, the same event from several outlets
merged, off topic, then the running order and `max_stories`. `build` and `script` use only the
merging (and keep the sources' order); `daily` uses them all.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefing.desk.age import MAX_AGE_HOURS, too_old
from briefing.desk.duplicates import copies_of, merge
from briefing.desk.history import History, seen_mark, story_marks
from briefing.desk.left_out import LeftOut
from briefing.desk.order import at_most, running_order
from briefing.desk.topics import off_topic
from briefing.sources.article import Article

#: How far back a reworded copy is looked for among the stories told: an event is news for days,
#: not weeks, and the comparison grows with what is compared.
RECALL_DAYS = 14


@dataclass(frozen=True)
class Rules:
    """What a show (or a build) lets through."""

    only_new: bool = True
    """Leave out the stories told in an earlier episode (needs a history)."""
    max_age_hours: float | None = MAX_AGE_HOURS
    """Leave out what is older at the episode's publish time; None keeps every age."""
    merge_duplicates: bool = True
    """Tell the same event, reported by several outlets, once."""
    order: str = "biggest"
    """`biggest` first (most outlets, then newest), or the `sources` order."""
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_stories: int | None = None


#: What `build` and `script` do with several sources: merge, nothing else.
BUILD_RULES = Rules(only_new=False, max_age_hours=None, order="sources")


@dataclass(frozen=True)
class Selection:
    articles: list[Article]
    """The stories to tell, in order."""
    left_out: list[LeftOut] = field(default_factory=list)
    seen: dict[str, dt.datetime] = field(default_factory=dict)
    """Undated stories seen for the first time, by mark, with the time they were seen: the
    history records them with the episode."""


def choose(articles: Sequence[Article], rules: Rules = BUILD_RULES, language: str | None = None,
           history: History | None = None, date: dt.date | None = None,
           at: dt.datetime | None = None) -> Selection:
    """The stories to tell from `articles`. `language` is the bulletin's, for stories that do not
    say theirs; `history`, `date` (the episode's) and `at` (its publish time) are a show's."""
    left_out: list[LeftOut] = []
    seen: dict[str, dt.datetime] = {}
    kept = list(articles)
    if history is not None and date is not None and rules.only_new:
        kept = _not_told(kept, history, date, language, left_out)
    if rules.max_age_hours is not None and at is not None:
        fresh = []
        for article in kept:
            first = None
            if article.published is None:
                mark = seen_mark(article)
                first = history.first_seen(mark) if history is not None else None
                if first is None:
                    seen[mark] = at
            reason = too_old(article.published, first, at, rules.max_age_hours)
            if reason:
                left_out.append(LeftOut(article.title, article.source, reason))
            else:
                fresh.append(article)
        kept = fresh
    if rules.merge_duplicates:
        kept, merged = merge(kept, language)
        left_out += merged
    if rules.include or rules.exclude:
        on_topic = []
        for article in kept:
            reason = off_topic(article, rules.include, rules.exclude)
            if reason:
                left_out.append(LeftOut(article.title, article.source, reason))
            else:
                on_topic.append(article)
        kept = on_topic
    kept, over = at_most(running_order(kept, rules.order), rules.max_stories)
    return Selection(kept, left_out + over, seen)


def _not_told(articles: list[Article], history: History, date: dt.date, language: str | None,
              left_out: list[LeftOut]) -> list[Article]:
    """The stories not told before `date`: by their marks, then as reworded copies."""
    marks = history.told_marks(date)
    new = []
    for article in articles:
        told = next((marks[m] for m in story_marks(article) if m in marks), None)
        if told is not None:
            left_out.append(LeftOut(article.title, article.source, f"told on {told.isoformat()}"))
        else:
            new.append(article)
    earlier = history.told_stories(date, date - dt.timedelta(days=RECALL_DAYS))
    copies = copies_of(new, earlier, language)
    for index, story in sorted(copies.items()):
        article = new[index]
        left_out.append(LeftOut(article.title, article.source,
                                f'told on {story.date.isoformat()} as "{story.headline}"'))
    return [a for i, a in enumerate(new) if i not in copies]
