"""Reading sources into articles: the first stage of the pipeline.

A plain-text article is blank-line separated paragraphs, each one section. A short first line
without a closing full stop is the headline. Everything that can go wrong with a user's file
(missing, a folder with nothing in it, empty, binary, another encoding) becomes a `SourceError`
naming the file and the fix, before any audio work starts.
"""

import codecs
from dataclasses import dataclass
from pathlib import Path

from .errors import SourceError
from .textclean import clean_block, split_blocks

#: File name endings read as plain-text articles.
TEXT_SUFFIXES = (".txt", ".text")
#: A headline is at most this many words.
_TITLE_MAX_WORDS = 15
#: Share of control characters above which a decoded file is taken for binary data.
_CONTROL_LIMIT = 0.01


@dataclass(frozen=True)
class Section:
    """A part of an article that becomes one segment (and one chapter) of the bulletin."""

    paragraphs: tuple[str, ...]
    """Cleaned paragraphs, in reading order."""
    title: str | None = None
    """The section's own heading, if the source has one; otherwise the script derives one."""


@dataclass(frozen=True)
class Article:
    """One story, cleaned and split, ready for the script stage."""

    title: str
    """Headline: from the text itself, `--title`, or the file name."""
    sections: tuple[Section, ...]
    """At least one section with at least one non-empty paragraph."""
    source: str
    """The path as the user gave it, for messages, tags and the manifest."""
    language: str | None = None
    """The language the source declares (front matter, page metadata); None for plain text."""


def check_encoding(encoding: str) -> str:
    """Return the codec's canonical name, or raise `SourceError` for an unknown one."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise SourceError(f"unknown text encoding {encoding!r}; try utf-8 or latin-1") from None


def read_sources(
    paths: list[Path], encoding: str = "utf-8", title: str | None = None
) -> list[Article]:
    """Read every file and folder (its text files in name order) into articles.

    `title` replaces the headline of a single article; with several articles it is the bulletin's
    title and is applied by the script stage instead.
    """
    files: list[Path] = []
    for path in paths:
        files.extend(_expand(path))
    articles = [read_text_article(file, encoding) for file in files]
    if title and len(articles) == 1:
        articles[0] = Article(title=title, sections=articles[0].sections, source=articles[0].source)
    return articles


def _expand(path: Path) -> list[Path]:
    if path.is_dir():
        found = sorted(
            p for p in path.iterdir()
            if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in TEXT_SUFFIXES
        )
        if not found:
            endings = ", ".join(TEXT_SUFFIXES)
            raise SourceError(f"{path}: no readable articles in this folder (looked for {endings})")
        return found
    if not path.exists():
        raise SourceError(f"{path}: no such file or folder")
    if not path.is_file():
        raise SourceError(f"{path}: not a regular file")
    return [path]


def read_text_article(path: Path, encoding: str = "utf-8") -> Article:
    """Read one plain-text article, raising `SourceError` for anything that is not usable text."""
    text = _decode(path, encoding)
    blocks = [(block, clean_block(block)) for block in split_blocks(text)]
    blocks = [(block, cleaned) for block, cleaned in blocks if cleaned]
    if not blocks:
        what = "empty" if not text else "only white space"
        raise SourceError(f"{path}: the file is {what}; there is nothing to read aloud")
    headline = None
    if len(blocks) > 1 and _looks_like_headline(*blocks[0]):
        headline, blocks = blocks[0][1], blocks[1:]
    paragraphs = [cleaned for _, cleaned in blocks]
    sections = tuple(Section(paragraphs=(p,)) for p in paragraphs)
    return Article(title=headline or title_from_name(path), sections=sections, source=str(path))


def _decode(path: Path, encoding: str) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read it ({exc.strerror})") from None
    if b"\x00" in data:
        raise SourceError(f"{path}: looks like binary data (it contains NUL bytes), not text")
    codec = check_encoding(encoding)
    if codec == "utf-8":
        codec = "utf-8-sig"  # a byte-order mark is not part of the article
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise SourceError(
            f"{path}: not valid {encoding} text (byte 0x{bad} at offset {exc.start}); "
            "if the file uses another encoding, pass it with --encoding, e.g. --encoding latin-1"
        ) from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if text and controls / len(text) > _CONTROL_LIMIT:
        raise SourceError(f"{path}: looks like binary data (control characters), not text")
    return text


def _looks_like_headline(block: str, cleaned: str) -> bool:
    """A short single first line that does not end with a full stop is the article's headline."""
    return "\n" not in block and len(cleaned.split()) <= _TITLE_MAX_WORDS and not cleaned.endswith(".")


def title_from_name(path: Path) -> str:
    """Make a readable title from a file name: `us-election_results.txt` -> `Us Election Results`."""
    words = path.stem.replace("_", " ").replace("-", " ").split()
    if not words:
        return "News"
    return " ".join(w[:1].upper() + w[1:] if w.islower() else w for w in words)
