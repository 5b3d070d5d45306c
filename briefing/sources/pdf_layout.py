"""A PDF page as briefing sees it: lines of text with their place, size and weight, in text boxes,
and the order a person reads those boxes in.

pdfminer.six finds the lines and the boxes: its layout analysis groups characters by where they
stand on the page, not by the order the file draws them, so a column drawn last, or lines drawn
shuffled, still come out whole. Its own ordering of the boxes (`boxes_flow`) is left off: it is
the costliest part of the analysis, and it can read a full-width band out of its place between
two columns. `reading_order` orders the boxes instead, by cutting the page along its white space.

What is not the text is left out here, where the page's drawing is still at hand: content the file
marks as an artifact (running heads, page numbers, watermarks of a tagged PDF), superscript
footnote markers, and the cells of ruled tables, which read aloud cell by cell make no sense.
"""

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import (
    LAParams,
    LTAnno,
    LTChar,
    LTComponent,
    LTFigure,
    LTImage,
    LTLayoutContainer,
    LTLine,
    LTPage,
    LTRect,
    LTTextBoxHorizontal,
    LTTextLineHorizontal,
)
from pdfminer.pdfcolor import PDFColorSpace
from pdfminer.pdffont import PDFFont
from pdfminer.pdfinterp import PDFGraphicState, PDFResourceManager, PDFStackT
from pdfminer.pdfpage import PDFPage
from pdfminer.psparser import PSLiteral
from pdfminer.utils import Matrix, PathSegment

#: pdfminer's defaults but `boxes_flow` (see the module's docstring); text inside form XObjects
#: (`all_texts`) is read too, since some files draw their whole page as one.
LAYOUT = LAParams(boxes_flow=None, all_texts=True)
#: Boxes at least this far apart (points) side by side are in different columns.
GUTTER = 3.0
#: Characters that mark a footnote when raised and small.
_MARKS = set("0123456789*†‡§")
_BOLD = re.compile(r"bold|black|heavy|demi|semibold", re.I)
#: Typographic ligatures, one glyph for two or three letters: as the letters, which is what is
#: spoken and searched for.
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})


@dataclass
class Line:
    """One line of text as drawn: its box in points from the page's bottom left, the size of
    most of its characters, and whether most of them are bold."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    bold: bool


@dataclass
class Box:
    """Lines that pdfminer found to belong together (a paragraph, a heading, a cell)."""

    lines: list[Line]
    level: int = 0
    """0 for body text, else the heading level (set once the whole document's sizes are known)."""

    @property
    def x0(self) -> float:
        return min(line.x0 for line in self.lines)

    @property
    def x1(self) -> float:
        return max(line.x1 for line in self.lines)

    @property
    def y0(self) -> float:
        return min(line.y0 for line in self.lines)

    @property
    def y1(self) -> float:
        return max(line.y1 for line in self.lines)

    @property
    def size(self) -> float:
        return max(line.size for line in self.lines)


@dataclass
class Page:
    number: int
    width: float
    height: float
    boxes: list[Box] = field(default_factory=list)
    images: int = 0


class _Nowhere(LTLayoutContainer):
    """Where an artifact's characters and paths go: nowhere."""

    def add(self, obj: LTComponent) -> None:
        pass


#: The most glyphs one page may draw: a dense page of small print draws some thousands, while a
#: form drawn inside itself again and again (a few kilobytes of file) draws without end.
MAX_GLYPHS = 200_000


class DrawnTooMuch(Exception):
    """A page drew more than `MAX_GLYPHS` glyphs."""

    def __init__(self, page: int) -> None:
        super().__init__(page)
        self.page = page


class Device(PDFPageAggregator):
    """pdfminer's page aggregator, without what the file marks as an artifact, counting the
    glyphs whose fonts give no character for them, and stopping a page that draws without end."""

    def __init__(self, resources: PDFResourceManager) -> None:
        super().__init__(resources, laparams=LAYOUT)
        self._artifact: list[bool] = []
        self._nowhere = _Nowhere((0, 0, 0, 0))
        self.unmapped = 0
        self._glyphs = 0
        self._page = 0

    def begin_page(self, page: PDFPage, ctm: Matrix) -> None:
        self._glyphs, self._page = 0, self._page + 1
        super().begin_page(page, ctm)

    def begin_tag(self, tag: PSLiteral, props: PDFStackT | None = None) -> None:
        inside = bool(self._artifact) and self._artifact[-1]
        self._artifact.append(inside or tag.name == "Artifact")

    def end_tag(self) -> None:
        if self._artifact:
            self._artifact.pop()

    def render_char(self, matrix: Matrix, font: PDFFont, fontsize: float, scaling: float,
                    rise: float, cid: int, ncs: PDFColorSpace, graphicstate: PDFGraphicState) -> float:
        self._glyphs += 1
        if self._glyphs > MAX_GLYPHS:
            raise DrawnTooMuch(self._page)
        if not (self._artifact and self._artifact[-1]):
            return super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)
        page, self.cur_item = self.cur_item, self._nowhere
        try:
            return super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)
        finally:
            self.cur_item = page

    def paint_path(self, gstate: PDFGraphicState, stroke: bool, fill: bool, evenodd: bool,
                   path: Sequence[PathSegment]) -> None:
        if not (self._artifact and self._artifact[-1]):
            super().paint_path(gstate, stroke, fill, evenodd, path)

    def handle_undefined_char(self, font: PDFFont, cid: int) -> str:
        self.unmapped += 1
        return ""


def page_text(layout: LTPage, number: int) -> Page:
    """The text boxes of an analysed page, without superscript markers and table cells."""
    page = Page(number, layout.width, layout.height)
    boxes: list[LTTextBoxHorizontal] = []
    segments: list[tuple[float, float, float, float]] = []
    for item in _walk(layout):
        if isinstance(item, LTTextBoxHorizontal):
            boxes.append(item)
        elif isinstance(item, LTImage):
            page.images += 1
        elif isinstance(item, LTRect | LTLine):
            segments += _edges(item)
    tables = _tables(segments)
    for found in boxes:
        middle = ((found.x0 + found.x1) / 2, (found.y0 + found.y1) / 2)
        if any(x0 <= middle[0] <= x1 and y0 <= middle[1] <= y1 for x0, y0, x1, y1 in tables):
            continue
        lines = [line for item in found if isinstance(item, LTTextLineHorizontal)
                 if (line := _line(item))]
        if lines:
            page.boxes.append(Box(lines))
    return page


def _walk(container: LTLayoutContainer) -> Iterator[LTComponent]:
    for item in container:
        yield item
        if isinstance(item, LTFigure):
            yield from _walk(item)


def _line(line: LTTextLineHorizontal) -> Line | None:
    """The line's text without raised small footnote markers, ligatures as their letters; None if
    nothing is left."""
    chars = [c for c in line if isinstance(c, LTChar)]
    if not chars:
        return None
    size = Counter(c.size for c in chars).most_common(1)[0][0]
    base = min(c.y0 for c in chars if c.size == size)
    text = []
    bold = 0
    for item in line:
        if isinstance(item, LTChar):
            mark = item.get_text()
            if mark in _MARKS and item.size < 0.85 * size and item.y0 > base + 0.2 * size:
                continue
            bold += _is_bold(item.fontname)
            text.append(mark)
        elif isinstance(item, LTAnno):
            text.append(item.get_text())
    joined = " ".join("".join(text).translate(_LIGATURES).split())
    if not joined:
        return None
    return Line(joined, line.x0, line.y0, line.x1, line.y1, round(size, 1), bold > len(chars) / 2)


@cache
def _is_bold(font: str) -> bool:
    return bool(_BOLD.search(font))


def _edges(item: LTRect | LTLine) -> list[tuple[float, float, float, float]]:
    """The straight rules an item draws: a thin rectangle or a line is one, a rectangle four."""
    x0, y0, x1, y1 = item.bbox
    if isinstance(item, LTLine) or x1 - x0 < 2 or y1 - y0 < 2:
        return [(x0, y0, x1, y1)] if x1 - x0 < 2 or y1 - y0 < 2 else []
    return [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)]


#: Past this many rules a page is a drawing, not a table; it is not searched for tables.
_MOST_RULES = 2000


def _tables(segments: list[tuple[float, float, float, float]]) -> list[tuple[float, float, float, float]]:
    """The areas of ruled tables: rules that touch one another, drawing at least three distinct
    horizontal and three vertical lines (two rows by two columns). A frame around a box (two of
    each) or a shaded band is not a table."""
    if len(segments) > _MOST_RULES:
        return []
    parent = list(range(len(segments)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    tol = 2.0
    order = sorted(range(len(segments)), key=lambda n: segments[n][0])
    for i, a in enumerate(order):
        _, ay0, ax1, ay1 = segments[a]
        for b in order[i + 1:]:
            bx0, by0, _, by1 = segments[b]
            if bx0 > ax1 + tol:
                break
            if by0 <= ay1 + tol and ay0 <= by1 + tol:
                parent[root(a)] = root(b)
    groups: dict[int, list[tuple[float, float, float, float]]] = {}
    for n, segment in enumerate(segments):
        groups.setdefault(root(n), []).append(segment)
    tables = []
    for group in groups.values():
        rows = {round(y0 / 2) for x0, y0, x1, y1 in group if y1 - y0 < 2}
        cols = {round(x0 / 2) for x0, y0, x1, y1 in group if x1 - x0 < 2}
        if len(rows) >= 3 and len(cols) >= 3:
            tables.append((min(s[0] for s in group) - tol, min(s[1] for s in group) - tol,
                           max(s[2] for s in group) + tol, max(s[3] for s in group) + tol))
    return tables


def reading_order(boxes: list[Box]) -> list[Box]:
    """The boxes in the order a person reads them: a cut along the page's white space, again and
    again, until no part can be cut.

    Columns first: where a vertical strip of white space runs the whole height of the part being
    cut, the part is read column by column, left to right. Else it is cut into rows along
    horizontal white space, read top to bottom; rows that together still have such a strip (a
    column's paragraphs beside the other's, where their gaps happen to line up, and a column's
    paragraph that runs on below the other column) are read as one part again, so that what lies
    beside each other is read column by column and a full-width band stays between what is above
    it and what is below. A heading that would end such a part belongs to what follows it.
    """
    ordered: list[Box] = []
    todo = [boxes]  # parts still to cut, the next to read last
    while todo:
        part = todo.pop()
        parts = _cut(part)
        if parts is None:
            ordered += sorted(part, key=lambda b: (-b.y1, b.x0))
        else:
            todo += reversed(parts)
    return ordered


def _cut(boxes: list[Box]) -> list[list[Box]] | None:
    """`boxes` cut into parts in reading order (see `reading_order`); None if they cannot be."""
    if len(boxes) <= 1:
        return None
    columns = _columns(boxes)
    if len(columns) > 1:
        return columns
    rows = _rows(boxes)
    if len(rows) == 1:
        return None
    parts: list[list[list[Box]]] = []
    for row in rows:
        if parts and len(_columns([b for r in parts[-1] for b in r] + row)) > 1:
            parts[-1].append(row)
        else:
            parts.append([row])
    for n, part in enumerate(parts[:-1]):
        while len(part) > 1 and all(box.level for box in part[-1]):
            parts[n + 1].insert(0, part.pop())
    return [[b for row in part for b in row] for part in parts]


def _columns(boxes: list[Box]) -> list[list[Box]]:
    """The boxes in groups left to right, split where white space at least `GUTTER` wide runs
    between them from top to bottom."""
    groups: list[list[Box]] = []
    right = 0.0
    for box in sorted(boxes, key=lambda b: b.x0):
        if groups and box.x0 < right + GUTTER:
            groups[-1].append(box)
            right = max(right, box.x1)
        else:
            groups.append([box])
            right = box.x1
    return groups


def _rows(boxes: list[Box]) -> list[list[Box]]:
    """The boxes in groups top to bottom, split where white space runs between them across."""
    groups: list[list[Box]] = []
    bottom = 0.0
    for box in sorted(boxes, key=lambda b: -b.y1):
        if groups and box.y1 > bottom:
            groups[-1].append(box)
            bottom = min(bottom, box.y0)
        else:
            groups.append([box])
            bottom = box.y0
    return groups
