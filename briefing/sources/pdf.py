"""PDF documents (to be written: see issue 22)."""

from briefing.errors import SourceError
from briefing.sources.article import Article, Skipped


def read_pdf(data: bytes, source: str, origin: str, max_pages: int,
             link: str | None = None) -> list[Article | Skipped]:
    raise SourceError(f"{origin}: a PDF document, which this version cannot read yet")
