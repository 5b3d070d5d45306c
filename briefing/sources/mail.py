"""E-mail newsletters: one message (`.eml`) or a mailbox (`.mbox`) (to be written: see issue 22)."""

from briefing.errors import SourceError
from briefing.sources.article import Article, Skipped


def read_mail(kind: str, data: bytes, source: str, origin: str,
              items: int) -> list[Article | Skipped]:
    raise SourceError(f"{origin}: an e-mail message, which this version cannot read yet")
