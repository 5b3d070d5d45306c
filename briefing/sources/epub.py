"""EPUB books (to be written: see issue 22)."""

from briefing.errors import SourceError
from briefing.sources.article import Article, Skipped


def read_epub(data: bytes, source: str, origin: str) -> list[Article | Skipped]:
    raise SourceError(f"{origin}: an EPUB book, which this version cannot read yet")
