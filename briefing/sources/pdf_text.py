"""From a PDF's pages to an article's blocks: what is only the page's furniture is left out, and
what remains becomes headings and paragraphs in reading order.

A PDF knows only where glyphs go, so everything here is judged from the page:
- Running headers and footers are lines in the top or bottom margin (`MARGIN` of the page's
  height) that repeat, in the same size, on two pages or more, digits aside (so "Page 3 of 10"
  repeats as "Page # of #"; a title on page one as large as no header is kept); a margin line
  that is only a page number ("7", "- 7 -", "Page 7", "vii") goes on any page. So do the lines of
  a table of contents (dot leaders up to a page number).
- Footnotes are text smaller than the body's, low on the page, with no body text below them;
  their markers (small raised digits) were left out with the page's layout.
- Headings are lines larger than the body text, or bold where the body is not, at most three
  lines of them; the larger, the higher the level.
- A box's lines are one paragraph, unless a line is indented after one that ends a sentence, or
  follows a short line that ends one. A paragraph that ends a column or a page without ending its
  sentence goes on in the next column's (or page's) first paragraph.
- A word hyphenated at a line's end is joined ("coun-", "cil": "council") unless the hyphen is
  the word's own: the part after the break starts with a capital ("Franco-", "German"), the word
  before it already has a hyphen ("state-of-the-", "art"), or the document has the word with its
  hyphen more often than without it ("well-known" elsewhere keeps "well-", "known" whole).
  A soft hyphen always joins.
"""

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass

from briefing.sources.article import Block
from briefing.sources.pdf_layout import Box, Line, Page, reading_order

#: The share of a page's height, at its top and at its bottom, where running headers, footers and
#: page numbers are looked for.
MARGIN = 0.12
_DASH = "\\-\u2013\u2014"
_PAGE_NUMBER = re.compile(
    rf"[{_DASH}(\[|\s]*(?:(?:page|p\.|pg\.?)\s*)?"
    r"(?:\d+|(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))"
    rf"(?:\s*(?:of|/)\s*\d+)?[{_DASH})\]|\s]*", re.I)
#: A line of a table of contents: dot leaders, then a page number.
_CONTENTS = re.compile(r"(?:\.\s?){4,}\s*(?:\d+|[ivxlc]+)\s*\Z")
_MARKERS = re.compile(r"[\d*†‡§,\s]+")
_WORDS = re.compile(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)*")
_BROKEN = re.compile(r"((?:[^\W\d_]+[-\u2010])*[^\W\d_]+)[-\u2010]\Z")
_NEXT_WORD = re.compile(r"[^\W\d_]+")
_ENDS_SENTENCE = re.compile("[.!?\u2026][\"'\u201d\u2019\u00bb)\\]]*\\Z")
#: A heading is at most this many lines (more is a bold or large paragraph).
_HEADING_LINES = 3


@dataclass(frozen=True)
class _Piece:
    """A heading or a paragraph, with where it came from, for joining across columns."""

    text: str
    level: int
    size: float
    page: int
    box: Box
    first: bool
    """The first paragraph of its box (a column's or a page's first, if it is the box's first)."""
    last: bool


def document_blocks(pages: list[Page], title: str | None) -> tuple[list[Block], str | None]:
    """The blocks of the whole document in reading order, and its title: `title` (from the
    metadata) if given, else the largest heading on page one if no other is as large. A heading
    on page one that repeats the title is left out, since the title is spoken once."""
    lines = [line for page in pages for box in page.boxes for line in box.lines]
    if not lines:
        return [], title
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    body = sizes.most_common(1)[0][0]
    body_bold = sum(len(ln.text) for ln in lines if ln.bold and ln.size == body) > sizes[body] / 2
    _drop_margins(pages)
    for page in pages:
        _drop_footnotes(page, body)
        page.boxes = [part for box in page.boxes for part in _by_style(box, body, body_bold)]
    _set_levels(pages)
    vocabulary = Counter(word.casefold() for page in pages for box in page.boxes
                         for line in box.lines for word in _WORDS.findall(line.text))
    pieces = [piece for page in pages for box in reading_order(page.boxes)
              for piece in _paragraphs(box, page.number, vocabulary)]
    pieces = _join_breaks(pieces, vocabulary)
    if title is None:
        headings = [p for p in pieces if p.page == pages[0].number and p.level and p.size > body
                    and len(p.text) > 3]
        largest = [p for p in headings if p.size == max(h.size for h in headings)]
        title = largest[0].text if len(largest) == 1 else None  # a title is one of a kind
    if title:
        pieces = [p for p in pieces if not (p.level and p.page == pages[0].number
                                            and _same(p.text, title))]
    return [Block(p.text, p.level) for p in pieces], title


def _same(a: str, b: str) -> bool:
    return " ".join(_WORDS.findall(a.casefold())) == " ".join(_WORDS.findall(b.casefold()))


def _drop_margins(pages: list[Page]) -> None:
    """Leave out running headers and footers and page numbers (see the module's docstring)."""
    def key(page: Page, line: Line) -> tuple[bool, float, str] | None:
        middle = (line.y0 + line.y1) / 2
        if MARGIN * page.height < middle < (1 - MARGIN) * page.height:
            return None
        return middle > page.height / 2, round(line.size), re.sub(r"\d+", "#", line.text.casefold())

    seen: Counter[tuple[bool, float, str]] = Counter()
    for page in pages:
        seen.update({k for box in page.boxes for line in box.lines if (k := key(page, line))})
    for page in pages:
        for box in page.boxes:
            box.lines = [line for line in box.lines
                         if not ((k := key(page, line)) and (seen[k] > 1 or _page_number(line.text)))]
        page.boxes = [box for box in page.boxes if box.lines]


def _page_number(text: str) -> bool:
    """Whether a line is only a page number; Roman numerals only in lower case ("vii", not "MIX")."""
    return bool(_PAGE_NUMBER.fullmatch(text)) and (any(ch.isdigit() for ch in text) or text.islower())


def _drop_footnotes(page: Page, body: float) -> None:
    """Leave out footnotes (small text low on the page, no body text below it), footnote markers
    that the layout found as lines of their own, and the lines of a table of contents."""
    for box in page.boxes:
        box.lines = [line for line in box.lines if not _CONTENTS.search(line.text)
                     and not (line.size < 0.85 * body and _MARKERS.fullmatch(line.text))]
    page.boxes = [box for box in page.boxes if box.lines]

    def footnote(box: Box) -> bool:
        return box.size <= 0.9 * body and box.y1 < 0.4 * page.height and not any(
            other.size >= 0.95 * body and other.y1 <= box.y0 and other.x0 < box.x1
            and box.x0 < other.x1 for other in page.boxes)

    page.boxes = [box for box in page.boxes if not footnote(box)]


def _by_style(box: Box, body: float, body_bold: bool) -> list[Box]:
    """The box split where its lines change from heading to body text or back. Until
    `_set_levels`, a heading box's level is its size in tenths of a point, or 1 if it is bold at
    the body's size."""
    def kind(line: Line) -> int:
        if line.size >= 1.15 * body:
            return round(line.size * 10)
        return 1 if line.bold and not body_bold and line.size >= 0.95 * body else 0

    parts: list[Box] = []
    for line in box.lines:
        level = kind(line)
        if parts and parts[-1].level == level:
            parts[-1].lines.append(line)
        else:
            parts.append(Box([line], level))
    for part in parts:
        if part.level and (len(part.lines) > _HEADING_LINES or
                           sum(len(line.text) for line in part.lines) > 200):
            part.level = 0
    return parts


def _set_levels(pages: list[Page]) -> None:
    """Heading levels from sizes: the largest heading size is level 1, the next 2, and so on;
    bold headings at the body's size come last; none deeper than 6."""
    found = sorted({box.level for page in pages for box in page.boxes if box.level > 1},
                   reverse=True)
    levels = {size: min(n + 1, 6) for n, size in enumerate(found)}
    levels[1] = min(len(found) + 1, 6)
    for page in pages:
        for box in page.boxes:
            box.level = levels[box.level] if box.level else 0


def _paragraphs(box: Box, page: int, vocabulary: Counter[str]) -> list[_Piece]:
    """A box's paragraphs (or its heading), its lines joined."""
    if box.level:
        return [_Piece(_join_lines(box.lines, vocabulary), box.level, box.size, page, box, True, True)]
    left, right = box.x0, box.x1
    groups: list[list[Line]] = []
    for line in box.lines:
        previous = groups[-1][-1] if groups else None
        if previous is None or (_ENDS_SENTENCE.search(previous.text) and (
                line.x0 - left > 0.8 * line.size or previous.x1 - left < 0.7 * (right - left))):
            groups.append([line])
        else:
            groups[-1].append(line)
    return [_Piece(_join_lines(group, vocabulary), 0, box.size, page, box, n == 0, n == len(groups) - 1)
            for n, group in enumerate(groups)]


def _join_lines(lines: list[Line], vocabulary: Counter[str]) -> str:
    text = lines[0].text
    for line in lines[1:]:
        text = join(text, line.text, vocabulary)
    return text


def join(before: str, after: str, vocabulary: Counter[str]) -> str:
    """Two runs of text that a line break parted, joined (see the module's docstring for when a
    hyphen at the break is kept)."""
    if before.endswith("\u00ad"):
        return before[:-1] + after
    if not before.endswith(("-", "\u2010")):
        return f"{before} {after}"
    broken, word = _BROKEN.search(before[-100:]), _NEXT_WORD.match(after)
    if not broken or not word:
        return f"{before} {after}"
    head, tail = broken[1], word[0]
    if tail[0].isupper() or "-" in head or "\u2010" in head or \
            vocabulary[f"{head}-{tail}".casefold()] > vocabulary[(head + tail).casefold()]:
        return before + after
    return before[:-1] + after


def _join_breaks(pieces: list[_Piece], vocabulary: Counter[str]) -> list[_Piece]:
    """Paragraphs that a column or page break cut in the middle of a sentence, joined: the break
    is one when the next box starts on another page, or higher on the page than the last one
    ended (the top of the next column)."""
    joined: list[_Piece] = []
    for piece in pieces:
        last = joined[-1] if joined else None
        if last and not last.level and not piece.level and last.last and piece.first and \
                (piece.page != last.page or piece.box.y1 > last.box.y0 + 1) and \
                not _ENDS_SENTENCE.search(last.text):
            joined[-1] = dataclasses.replace(piece, text=join(last.text, piece.text, vocabulary),
                                             first=last.first)
        else:
            joined.append(piece)
    return joined
