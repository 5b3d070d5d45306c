"""OPML subscription lists (to be written: see issue 22)."""

from briefing.errors import SourceError


def feed_sources(data: bytes, origin: str) -> list[str]:
    """The feeds an OPML file lists: each outline's `xmlUrl`, in order."""
    raise SourceError(f"{origin}: an OPML subscription list, which this version cannot read yet")
