"""Markdown articles: headings become sections; front matter gives title, language and author.

Parsed with markdown-it-py (CommonMark plus GitHub tables), so emphasis, links and line breaks
become plain words, and code blocks, images, raw HTML and tables are never read aloud.
"""

import re
import tomllib

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefing.errors import SourceError
from briefing.sources.article import Article, Block, article_from_blocks, parse_when

_FRONT = re.compile(r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\n(.*?)\n\1[ \t]*(?:\n|\Z)", re.S)


def front_matter(text: str, origin: str) -> tuple[dict, str]:
    """Split YAML (`---`) or TOML (`+++`) front matter from the body."""
    match = _FRONT.match(text)
    if not match:
        return {}, text
    fence, raw = match.groups()
    try:
        data = tomllib.loads(raw) if fence == "+++" else yaml.safe_load(raw)
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SourceError(f"{origin}: the front matter is not valid "
                          f"{'TOML' if fence == '+++' else 'YAML'} ({first})") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SourceError(f"{origin}: the front matter must be keys and values (title: ...)")
    return data, text[match.end():]


def markdown_blocks(text: str) -> list[Block]:
    """Headings and paragraphs of a Markdown text, as plain text.

    Only inline runs are read, so code blocks, raw HTML and rules (which have none) are silent;
    tables are skipped whole, since cells read one after another make no sentences.
    """
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)
    blocks: list[Block] = []
    skip_until: str | None = None
    level = 0
    for token in tokens:
        if skip_until:
            if token.type == skip_until:
                skip_until = None
            continue
        if token.type == "table_open":
            skip_until = "table_close"
        elif token.type == "heading_open":
            level = int(token.tag[1])
        elif token.type == "heading_close":
            level = 0
        elif token.type == "inline":
            words = _plain(token.children or [])
            if words:
                blocks.append(Block(words, level))
    return blocks


def _plain(children: list[Token]) -> str:
    """The words of an inline run: link text is kept, images (alt text) and inline HTML are not."""
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


def read_markdown(text: str, origin: str) -> Article | None:
    """One article from a Markdown document; None if it has no paragraph text."""
    meta, body = front_matter(text, origin)
    title = _text(meta.get("title"))
    return article_from_blocks(
        markdown_blocks(body), origin, title,
        language=_text(meta.get("lang") or meta.get("language")),
        author=_text(meta.get("author")),
        published=parse_when(meta.get("date")),
        link=_text(meta.get("link") or meta.get("url")),
    )


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(map(str, value))
    return str(value).strip() or None
