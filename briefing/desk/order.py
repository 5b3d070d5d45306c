"""The running order: the story most outlets carry leads, then the newest; or the sources' order.
Then the bulletin's length in stories (`max_stories`)."""

import datetime as dt
from collections.abc import Sequence

from briefing.desk.age import as_aware
from briefing.desk.left_out import LeftOut
from briefing.sources.article import Article

#: `order` values: `biggest` first (outlets, then the newest), or as the `sources` give them.
ORDERS = ("biggest", "sources")
_NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)


def running_order(articles: Sequence[Article], order: str = "biggest") -> list[Article]:
    """`articles` in the order they are told; ties keep the sources' order."""
    if order == "sources":
        return list(articles)
    return sorted(articles, key=lambda a: (-(1 + len(a.also)),
                                           -_timestamp(a.published)))


def _timestamp(when: dt.datetime | None) -> float:
    """Seconds since the epoch; an undated story counts as the oldest."""
    return (as_aware(when) if when else _NEVER).timestamp()


def at_most(articles: Sequence[Article], max_stories: int | None
            ) -> tuple[list[Article], list[LeftOut]]:
    """The first `max_stories` stories, and the rest left out."""
    if max_stories is None or len(articles) <= max_stories:
        return list(articles), []
    return list(articles[:max_stories]), [
        LeftOut(a.title, a.source, f"over max_stories ({max_stories})")
        for a in articles[max_stories:]]
