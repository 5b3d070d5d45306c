"""PDFs made with reportlab for the PDF reader's tests and its benchmark.

Every line is placed with `drawString`, so the tests control where lines break (and so which words
are hyphenated), in what order the page draws them, and what sits in the margins. Each maker
returns what a reader must find (the sentences, in reading order, and the headings) and what it
must leave out (headers, footers, page numbers, footnotes, table cells, artifacts).
"""

import random
import re
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

WIDTH, HEIGHT = letter
MARGIN = 72.0

_SUBJECTS = ("The city council", "The harbour authority", "Local farmers", "The school board",
             "The county health office", "Bus drivers", "The river trust",
             "Shop owners on the high street", "The fire service", "Parents at the village school")
_VERBS = ("approved", "questioned", "welcomed", "delayed", "debated", "praised", "funded", "opposed")
_OBJECTS = ("a plan to repair the old bridge", "new opening hours for the library",
            "a ban on heavy lorries in the centre", "the budget for winter gritting",
            "a study of flooding along the valley", "the sale of the empty depot",
            "longer hours at the recycling centre", "a trial of electric buses")
_TAILS = ("on Monday evening", "after a long debate", "despite objections from residents",
          "in a vote of seven to two", "at a packed public meeting", "without any discussion",
          "following a public consultation", "for the third year running")


def news_sentences(count: int, seed: int = 1) -> list[str]:
    """`count` different news sentences (at most 5,120), in a random order fixed by `seed`."""
    combos = random.Random(seed).sample(list(product(_SUBJECTS, _VERBS, _OBJECTS, _TAILS)), count)
    return [f"{s} {v} {o} {t}." for s, v, o, t in combos]


@dataclass(frozen=True)
class Style:
    font: str
    size: float
    leading: float


BODY = Style("Helvetica", 10, 13)
HEADING = Style("Helvetica-Bold", 13, 16)


@dataclass(frozen=True)
class Frame:
    """A column on a page: text fills it from `top` down to `bottom`."""

    page: int
    x: float
    top: float
    bottom: float
    width: float


@dataclass(frozen=True)
class Op:
    """One line drawn: `^1` in its text is a superscript footnote marker."""

    page: int
    x: float
    y: float
    style: Style
    text: str
    frame: int


@dataclass
class Doc:
    """What a made PDF holds: the sentences and headings a reader must find, in order, and the
    text it must leave out."""

    path: Path
    sentences: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    noise: list[str] = field(default_factory=list)
    title: str | None = None


def _fits(text: str, style: Style, width: float) -> bool:
    return stringWidth(text.replace("^1", ""), style.font, style.size) <= width


def wrap(text: str, style: Style, width: float) -> list[str]:
    """Lines of `text` no wider than `width`: a word that does not fit is hyphenated if it is long
    (8 letters or more, leaving 3 on each side) or holds a hyphen; `|` inside a word forces a
    break there (with a hyphen added unless the word has one)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        joined = f"{line} {word}" if line else word
        if "|" in word:
            head, tail = word.split("|")
            head += "" if head.endswith("-") else "-"
            if _fits(f"{line} {head}" if line else head, style, width):
                lines.append(f"{line} {head}" if line else head)
            else:
                lines += [line, head]
            line = tail
        elif _fits(joined.replace("|", ""), style, width):
            line = joined
        elif "-" in word[1:-1] and _fits(f"{line} {word[:word.index('-') + 1]}", style, width):
            lines.append(f"{line} {word[:word.index('-') + 1]}")
            line = word[word.index("-") + 1:]
        else:
            cut = next((k for k in range(len(word) - 3, 2, -1)
                        if len(word) >= 8 and word[:k].isalpha()
                        and _fits(f"{line} {word[:k]}-", style, width)), None)
            if cut:
                lines.append(f"{line} {word[:cut]}-")
                line = word[cut:]
            else:
                lines.append(line)
                line = word
    return [*lines, line] if line else lines


def flow(blocks: list[tuple[int, str]], frames: list[Frame], body: Style = BODY,
         heading: Style = HEADING, gap: float = 6, partial: bool = False) -> list[Op]:
    """Lines for `blocks` (level 0 a paragraph, 1 a heading) filling `frames` in turn; a heading
    is kept with two lines of what follows it. Text that does not fit is an error, or left out
    when `partial`."""
    ops: list[Op] = []
    frame_no = 0
    y = frames[0].top - body.size
    for level, text in blocks:
        style = heading if level else body
        lines = wrap(text, style, frames[frame_no].width)
        if level:
            y -= gap
            if y - 3 * body.leading < frames[frame_no].bottom:
                if partial and frame_no + 1 == len(frames):
                    return ops
                frame_no, y = frame_no + 1, frames[frame_no + 1].top - style.size
        for line in lines:
            if y < frames[frame_no].bottom:
                frame_no += 1
                if frame_no == len(frames):
                    if partial:
                        return ops
                    raise ValueError("the text does not fit in the frames")
                y = frames[frame_no].top - style.size
            frame = frames[frame_no]
            ops.append(Op(frame.page, frame.x, y, style, line, frame_no))
            y -= style.leading
        y -= gap
    return ops


def draw_line(canvas: Canvas, op: Op) -> None:
    """Draw one line; a `^1` in it becomes a raised, smaller footnote marker."""
    x = op.x
    for n, part in enumerate(op.text.split("^1")):
        if n:
            canvas.setFont(op.style.font, op.style.size * 0.6)
            canvas.drawString(x, op.y + op.style.size * 0.4, "1")
            x += stringWidth("1", op.style.font, op.style.size * 0.6)
        canvas.setFont(op.style.font, op.style.size)
        canvas.drawString(x, op.y, part)
        x += stringWidth(part, op.style.font, op.style.size)


def plain(text: str) -> str:
    """A sentence as a reader gives it: no forced breaks, no footnote markers."""
    return text.replace("|", "").replace("^1", "")


def _sentences_of(blocks: list[tuple[int, str]]) -> list[str]:
    return [plain(s) for level, text in blocks if not level
            for s in re.split(r"(?<=\.)(?:\^1)?\s+(?=[A-Z])", text)]


def _margins(canvas: Canvas, page: int, pages: int, header: str, footer: str) -> None:
    canvas.setFont("Helvetica", 8)
    canvas.drawString(MARGIN, HEIGHT - 40, header)
    canvas.line(MARGIN, HEIGHT - 45, WIDTH - MARGIN, HEIGHT - 45)
    canvas.drawString(MARGIN, 40, footer)
    canvas.drawRightString(WIDTH - MARGIN, 40, f"Page {page + 1} of {pages}")


def press_release(path: Path) -> Doc:
    """Two pages, one column: a title in the metadata and on the page, running header and footer
    with page numbers, a footnote and its marker, hyphenated line ends (a compound among them), a
    ruled table, an artifact, a section heading."""
    title = "Council approves the winter budget"
    extra = news_sentences(40, seed=2)
    lead = ("The city council approved its winter budget on Tuesday night after a debate that "
            "lasted well into the evening. Spending on roads rose by a fifth.^1 The long-term "
            "plan, drawn up by a well-|known firm of engineers, puts the coun|cil in charge of "
            "repairs for the next ten years. The mayor said the well-known problems with "
            "potholes would be fixed before the spring.")
    blocks = [(0, lead)]
    blocks += [(0, " ".join(extra[n:n + 3])) for n in range(0, 18, 3)]
    blocks.append((1, "What happens next"))
    blocks += [(0, " ".join(extra[n:n + 3])) for n in range(18, 39, 3)]
    frames = [Frame(0, MARGIN, HEIGHT - 110, 120, WIDTH - 2 * MARGIN),
              Frame(1, MARGIN, HEIGHT - MARGIN, 470, WIDTH - 2 * MARGIN),
              Frame(1, MARGIN, 360, MARGIN, WIDTH - 2 * MARGIN)]
    body, heading = Style("Times-Roman", 11, 14), Style("Times-Bold", 14, 18)
    ops = flow(blocks, frames, body, heading)
    header, footer = "Riverside County Press Office", "For media enquiries call the press desk"
    footnote = "1 Figures from the county statistics office."
    cells = [["Service", "Last year", "This year"], ["Roads", "2.1 million", "2.5 million"],
             ["Parks", "0.8 million", "0.7 million"]]
    artifact = "Archive copy printed for internal use"
    canvas = Canvas(str(path), pagesize=letter)
    canvas.setTitle(title)
    canvas.setAuthor("Riverside County")
    for page in range(2):
        _margins(canvas, page, 2, header, footer)
        if page == 0:
            canvas.setFont("Times-Bold", 20)
            canvas.drawString(MARGIN, HEIGHT - 90, title)
            canvas.addLiteral("/Artifact BMC")
            canvas.setFont("Helvetica", 9)
            canvas.drawString(MARGIN, HEIGHT - 60, artifact)
            canvas.addLiteral("EMC")
            canvas.line(MARGIN, 100, MARGIN + 120, 100)
            canvas.setFont("Times-Roman", 8)
            canvas.drawString(MARGIN, 88, footnote)
        else:
            xs, ys = [MARGIN, 200, 330, 460], [455, 433, 411, 389]
            canvas.grid(xs, ys)
            canvas.setFont("Times-Roman", 11)
            for row, y in zip(cells, ys, strict=False):
                for text, x in zip(row, xs, strict=False):
                    canvas.drawString(x + 4, y - 15, text)
        for op in ops:
            if op.page == page:
                draw_line(canvas, op)
        canvas.showPage()
    canvas.save()
    return Doc(path, _sentences_of(blocks), ["What happens next"],
               [header, footer, "Page 1", "Page 2", "Figures from the county", artifact, "Roads",
                "2.1 million", "Last year"], title)


def columns(page: int, top: float, bottom: float = MARGIN, gutter: float = 24) -> list[Frame]:
    width = (WIDTH - 2 * MARGIN - gutter) / 2
    return [Frame(page, MARGIN, top, bottom, width), Frame(page, MARGIN + width + gutter, top, bottom, width)]


NEWSLETTER_HEADINGS = ("Bridge repairs begin", "Library news", "Buses and trains")


def newsletter(path: Path, shuffled: bool = False, seed: int = 3) -> Doc:
    """Two pages of two columns under a masthead, headings inside the columns, sentences running
    from one column (and page) into the next. `shuffled` draws the right column first and every
    column's lines in a random order."""
    text = news_sentences(60, seed)
    blocks: list[tuple[int, str]] = []
    for n, heading in enumerate(NEWSLETTER_HEADINGS):
        blocks.append((1, heading))
        blocks += [(0, " ".join(text[k:k + 4])) for k in range(n * 20, n * 20 + 20, 4)]
    ops = flow(blocks, columns(0, HEIGHT - 130) + columns(1, HEIGHT - MARGIN))
    masthead = "The Valley Newsletter"
    header, footer = "Valley Newsletter, spring issue", "Printed by the parish office"
    draw(path, ops, 2, header, footer, shuffled, random.Random(seed), masthead)
    return Doc(path, _sentences_of(blocks), list(NEWSLETTER_HEADINGS), [header, footer, "Page 1"],
               masthead)


def draw(path: Path, ops: list[Op], pages: int, header: str, footer: str, shuffled: bool,
         rng: random.Random, masthead: str | None = None) -> None:
    canvas = Canvas(str(path), pagesize=letter)
    for page in range(pages):
        on_page = [op for op in ops if op.page == page]
        if shuffled:
            frames = sorted({op.frame for op in on_page}, reverse=True)
            on_page = [op for f in frames for op in rng.sample([o for o in on_page if o.frame == f],
                                                               sum(o.frame == f for o in on_page))]
        for op in on_page:
            draw_line(canvas, op)
        if page == 0 and masthead:
            canvas.setFont("Helvetica-Bold", 24)
            canvas.drawString(MARGIN, HEIGHT - 100, masthead)
        _margins(canvas, page, pages, header, footer)
        canvas.showPage()
    canvas.save()


def band_page(path: Path, seed: int = 4) -> Doc:
    """One page: two columns, a shaded full-width band with its own heading, two more columns."""
    text = news_sentences(40, seed)
    above = [(0, " ".join(text[k:k + 3])) for k in range(0, 12, 3)]
    band = [(1, "In brief"), (0, " ".join(text[12:15]))]
    below = [(1, "Around the county")] + [(0, " ".join(text[k:k + 3])) for k in range(15, 27, 3)]
    ops = flow(above, columns(0, HEIGHT - MARGIN, 480))
    ops += flow(band, [Frame(0, MARGIN + 8, 450, 370, WIDTH - 2 * MARGIN - 16)])
    ops += flow(below, columns(0, 350))
    canvas = Canvas(str(path), pagesize=letter)
    canvas.setFillGray(0.9)
    canvas.rect(MARGIN, 365, WIDTH - 2 * MARGIN, 95, stroke=0, fill=1)
    canvas.setFillGray(0)
    for op in ops:
        draw_line(canvas, op)
    canvas.showPage()
    canvas.save()
    return Doc(path, _sentences_of(above + band + below), ["In brief", "Around the county"])


def long_newsletter(path: Path, pages: int) -> None:
    """`pages` pages of two columns full of stories, with running headers and footers, for the
    benchmark."""
    frames = [f for page in range(pages) for f in columns(page, HEIGHT - MARGIN)]
    text = news_sentences(5120, seed=5)
    blocks: list[tuple[int, str]] = []
    for story in range(pages * 2):
        blocks.append((1, f"Story {story + 1}"))
        blocks += [(0, " ".join(text[(story * 24 + k) % len(text)] for k in range(j, j + 4)))
                   for j in range(0, 24, 4)]
    ops = flow(blocks, frames, partial=True)
    assert ops[-1].page == pages - 1
    draw(path, ops, pages, "Valley Newsletter, annual collection", "Printed by the parish office",
         False, random.Random(0))
