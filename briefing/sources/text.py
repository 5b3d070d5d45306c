"""Plain-text articles: blank-line separated paragraphs, each one section.

A short first line without a closing full stop is the headline.
"""

from briefing.sources.article import Article, Section
from briefing.sources.textclean import clean_block, split_blocks

#: A headline is at most this many words.
_TITLE_MAX_WORDS = 15


def read_text(text: str, origin: str) -> Article | None:
    """One article from plain text; None when it has no words. The title is "" without a headline."""
    blocks = [(block, clean_block(block)) for block in split_blocks(text)]
    blocks = [(block, cleaned) for block, cleaned in blocks if cleaned]
    if not blocks:
        return None
    headline = ""
    if len(blocks) > 1 and _looks_like_headline(*blocks[0]):
        headline, blocks = blocks[0][1], blocks[1:]
    sections = tuple(Section(paragraphs=(cleaned,)) for _, cleaned in blocks)
    return Article(title=headline, sections=sections, source=origin)


def _looks_like_headline(block: str, cleaned: str) -> bool:
    """A short single first line that does not end with a full stop is the article's headline."""
    return "\n" not in block and len(cleaned.split()) <= _TITLE_MAX_WORDS and not cleaned.endswith(".")
