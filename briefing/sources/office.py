"""Word (DOCX) and OpenDocument (ODT) documents (to be written: see issue 22)."""

from briefing.errors import SourceError
from briefing.sources.article import Article, Skipped


def read_office(kind: str, data: bytes, source: str, origin: str,
                link: str | None = None) -> list[Article | Skipped]:
    raise SourceError(f"{origin}: a {kind.upper()} document, which this version cannot read yet")
