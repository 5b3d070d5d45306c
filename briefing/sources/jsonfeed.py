"""JSON Feed 1.0 and 1.1 (to be written: see issue 22)."""

from briefing.errors import SourceError
from briefing.sources.article import Article, Skipped


def read_json_feed(data: bytes, origin: str, items: int) -> list[Article | Skipped]:
    raise SourceError(f"{origin}: a JSON Feed, which this version cannot read yet")
