"""Cleaning of raw article text before it is split, shown or spoken.

Engines read typographic punctuation inconsistently (espeak-ng says nothing for a spaced dash,
some voices spell out curly quotes), and copy-pasted articles carry invisible characters, so every
source goes through `clean_paragraphs` and the rest of the pipeline sees plain, predictable text.
Control characters (a `&#0;` in a feed, a stray form feed) cannot be spoken and break what is
written (an ID3 frame ends at a NUL), so they become spaces; lone surrogates and noncharacters,
which cannot even be written as UTF-8, are dropped, and so are private-use characters.
"""

import re

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
#: Private-use characters mean something only in one font (Word's list bullets arrive as U+F0B7
#: in Symbol): no voice can say them, and none should try, so they are dropped.
#: Bidirectional embeddings, overrides and isolates: one left open in a headline turns every
#: later headline of a podcast app's list around (U+202E), and no voice says them.
_BIDI = dict.fromkeys((*range(0x202A, 0x202F), *range(0x2066, 0x206A)), None)
_PRIVATE = dict.fromkeys((*range(0xE000, 0xF900), *range(0xF0000, 0xFFFFE),
                          *range(0x100000, 0x10FFFE)), None)
#: The replacement character: what a decoder or a feed put where a character was lost. It says
#: nothing, and would show as "�" in a chapter title.
_LOST = {ord("\ufffd"): " "}
#: C0 and C1 control characters but the line feed, which `split_blocks` and `clean_block` handle.
_CONTROLS = dict.fromkeys((c for c in (*range(0x20), *range(0x7F, 0xA0)) if c != 0x0A), " ")
#: What no text may hold: lone surrogates (from a `\ud800` escape in YAML) and noncharacters.
_UNWRITABLE = dict.fromkeys((*range(0xD800, 0xE000), *range(0xFDD0, 0xFDF0),
                             *(plane + end for plane in range(0, 0x110000, 0x10000)
                               for end in (0xFFFE, 0xFFFF))), None)
_UNPRINTED = {**{c: to for c, to in _CONTROLS.items() if chr(c) not in "\t\r"}, **_UNWRITABLE}
_TRANSLATE = {
    **_CONTROLS,
    **_UNWRITABLE,
    **_INVISIBLE,
    **_BIDI,
    **_PRIVATE,
    **_LOST,
    **dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"), '"'),
    **dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032"), "'"),
    ord("\u2026"): "...",
    ord("\u2212"): "-",
}
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015"
_SPACED_DASH = re.compile(rf"\s+[{_DASHES}]+\s+|\s+--\s+")
_DIGIT_DASH = re.compile(rf"(?<=\d)[{_DASHES}](?=\d)")
_WORD_DASH = re.compile(r"(?<=\w)[\u2013\u2014\u2015](?=\w)")
_OTHER_DASH = re.compile(rf"[{_DASHES}]")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n\s*\n")


def clean_inline(text: str) -> str:
    """Clean one run of text: plain quotes, dashes that read as pauses, single spaces."""
    text = text.translate(_TRANSLATE)
    # A dash between spaces or words is a spoken pause: a comma is what every engine honours.
    text = _SPACED_DASH.sub(", ", text)
    text = _DIGIT_DASH.sub("-", text)
    text = _WORD_DASH.sub(", ", text)
    text = _OTHER_DASH.sub("-", text)
    text = _SPACES.sub(" ", text)
    return text.strip()


def printable(text: str) -> str:
    """`text` without the characters that are neither shown nor spoken (see the module's
    docstring), white space kept: for markup, which parsers refuse when it holds them."""
    return text.translate(_UNPRINTED)


def quoted(text: str, limit: int = 70) -> str:
    """A text in quotes for a message, cut at `limit` characters with "..."."""
    return f'"{text}"' if len(text) <= limit else f'"{text[:limit].rstrip()}..."'


def split_blocks(text: str) -> list[str]:
    """Split text on blank lines into raw blocks (lines kept), with newlines normalized."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2029", "\n\n").replace("\u2028", "\n")
    return [block.strip() for block in _BLANK_LINES.split(text) if block.strip()]


def clean_block(block: str) -> str:
    """Join a block's wrapped lines and clean the result."""
    return clean_inline(" ".join(line.strip() for line in block.split("\n")))


def clean_paragraphs(text: str) -> list[str]:
    """Split text on blank lines into cleaned paragraphs, dropping those left empty."""
    return [p for p in map(clean_block, split_blocks(text)) if p]
