"""Too old is not news: a dated story older than `max_age_hours` at the episode's publish time
is left out; an undated one counts from when the show first saw it."""

import datetime as dt

#: The default `max_age_hours`.
MAX_AGE_HOURS = 48.0


def as_aware(when: dt.datetime) -> dt.datetime:
    """A date without a zone is taken as UTC, as feeds without one mean."""
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def too_old(published: dt.datetime | None, first_seen: dt.datetime | None, at: dt.datetime,
            max_hours: float) -> str | None:
    """Why a story is too old to tell at `at`, or None when it is news: `published` when the
    source dates it, else `first_seen` (None: never seen before, so new)."""
    when = published or first_seen
    if when is None:
        return None
    if at - as_aware(when) > dt.timedelta(hours=max_hours):
        return f"older than {max_hours:g} hours"
    return None
