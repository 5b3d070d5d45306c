"""Documents that are not text: PDF, Word (DOCX), OpenDocument (ODT), EPUB, e-mail (a message
or an mbox) and JSON Feed, each read by a module of its own into articles.

Each reader takes the source's bytes and gives `Article`s (or `Skipped` items) that `read` then
passes through `article.finished`; one that cannot read its source raises `SourceError` naming it
and what to do, so the other sources are still read.
"""

from pathlib import PurePath

from briefing.errors import SourceError
from briefing.sources.article import Article, Skipped
from briefing.sources.fetch import Limits

#: The documents that are zip containers, by the name a file of each ends with.
_ZIP_SUFFIXES = {".docx": "docx", ".odt": "odt", ".epub": "epub"}


def read_document(kind: str, data: bytes, source: str, origin: str, items: int, limits: Limits,
                  link: str | None = None) -> list[Article | Skipped]:
    """The articles of a document of `kind` (one of `read.DOCUMENTS` but OPML, which names other
    sources and is read by `read`). A `zip` that none of its members marks as a document is read
    as the one its name says, whose reader then says what is wrong with it, else refused."""
    if kind == "zip":  # no member says which document it is: a damaged one, named for what it was?
        kind = _ZIP_SUFFIXES.get(PurePath(source).suffix.lower(), "")
        if not kind:
            raise SourceError(f"{origin}: a zip archive, not a document briefing reads (DOCX, ODT, "
                              "EPUB); unzip it if it holds articles")
    if kind == "pdf":
        from briefing.sources.pdf import read_pdf

        return read_pdf(data, source, origin, limits.max_pages, link)
    if kind in ("docx", "odt"):
        from briefing.sources.office import read_office

        return read_office(kind, data, source, origin, link)
    if kind == "epub":
        from briefing.sources.epub import read_epub

        return read_epub(data, source, origin)
    if kind in ("email", "mbox"):
        from briefing.sources.mail import read_mail

        return read_mail(kind, data, source, origin, items)
    if kind == "jsonfeed":
        from briefing.sources.jsonfeed import read_json_feed

        return read_json_feed(data, origin, items)
    raise SourceError(f"{origin}: a {kind} document, which briefing cannot read")
