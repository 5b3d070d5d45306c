"""The show's artwork: the square cover podcast apps show beside every episode, and its favicon.

Apple lists no show without a cover, and refuses one that is not a square RGB JPEG or PNG of
1400 to 3000 pixels whose name ends as its real type, so a configured image is checked here, once,
with a message naming what is wrong. A show with no image gets one drawn from its title: big, light
on dark, still readable as the 55-pixel thumbnail a phone's list shows. Apps cache artwork by its
address, so the cover is published as `cover-<digest>.<ext>`: new art gets a new name, and the
same art keeps its file untouched. The drawing depends on the title alone, so the same title gives
the same bytes and nothing is rewritten.
"""

import colorsys
import hashlib
import io
import logging
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

from briefing.atomic import write_atomically
from briefing.errors import ConfigError

log = logging.getLogger(__name__)

COVER_SIZE = 3000
#: Apple's smallest and largest cover side, in pixels.
SIDES = (1400, 3000)
#: The suffixes a cover of each type may have (Apple wants the name to say the real type).
SUFFIXES = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",)}
#: The favicon of the pages, and the icon iOS puts on a home screen; drawn from the cover.
ICONS = {"favicon.png": 64, "apple-touch-icon.png": 180}
#: What `place_cover` names the cover (earlier covers by this name are removed).
COVER_NAME = re.compile(r"cover-[0-9a-f]{8}\.(?:jpg|png)")
_TEXT_BOX = 2400
"""The title stays inside this centred square: a margin that masks and rounded corners spare."""
_FONT_SIZES = range(600, 99, -20)
_MAX_LINES = 3
_DRAWING = "1"
"""Changed with `generate_cover`'s drawing, so that a changed drawing gets a new name."""
_PNG = b"\x89PNG"
_MODES = {"CMYK": "CMYK", "L": "greyscale", "LA": "greyscale with transparency",
          "RGBA": "RGB with transparency", "P": "a palette image", "PA": "a palette image",
          "1": "black and white", "I;16": "16-bit greyscale", "I": "32-bit greyscale"}


@dataclass(frozen=True)
class Artwork:
    """Where the show's cover is, for the feed, the pages and the MP3's tags."""

    href: str
    """The cover's file name in the output folder, or the web address the config gave."""
    path: Path | None = None
    """The cover in the output folder, to embed in each MP3; None for a web address (not fetched)."""
    icons: tuple[str, ...] = ()
    """The icons drawn from the cover (`ICONS`'s names), in the output folder; none for a web
    address."""

    def url(self, base_url: str) -> str:
        """The cover's address once the output folder is published at `base_url`."""
        return self.href if self.path is None else f"{base_url}{self.href}"


def is_web_address(value: str) -> bool:
    """Whether `image` in a config is an address (any scheme) rather than a file's path."""
    return bool(re.match(r"[A-Za-z][A-Za-z0-9+.-]+:", value)) and not re.match(r"[A-Za-z]:[\\/]",
                                                                               value)


def web_image_problem(url: str) -> str | None:
    """What is wrong with a cover's web address, or None: it is not fetched, so only its name can
    be checked (Apple wants it to end as the image's type)."""
    path = urlsplit(url).path.lower()
    if not path.endswith(tuple(s for suffixes in SUFFIXES.values() for s in suffixes)):
        return "must end in .jpg, .jpeg or .png, the image's real type, as Apple needs"
    return None


def image_problem(data: bytes, name: str) -> str | None:
    """What keeps these bytes from being a show's cover, as Apple says, or None. `name` is the
    file's name, whose suffix must say the real type."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind, mode, (width, height) = image.format, image.mode, image.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return "is not an image Pillow can read; Apple needs a JPEG or PNG"
    if kind not in SUFFIXES:
        return f"is a {kind} image; Apple needs a JPEG or PNG"
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES[kind]:
        return f"is a {kind} image named {suffix or 'without a suffix'}; name it {SUFFIXES[kind][0]}"
    if mode != "RGB":
        return f"is {_MODES.get(mode, mode)}; Apple needs RGB"
    if width != height:
        return f"is {width} by {height} pixels; Apple needs a square"
    low, high = SIDES
    if not low <= width <= high:
        return f"is {width} by {height} pixels; Apple needs {low} to {high} pixels a side"
    return None


def read_image(path: Path, label: str | None = None) -> bytes:
    """A configured cover's bytes, checked; a `ConfigError` naming the file (as `label` if given)
    and what is wrong."""
    label = label or str(path)
    try:
        if not path.is_file():  # reading a named pipe would wait for ever
            raise ConfigError(f"'image' {label}: no such image file")
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"'image' {label}: cannot read it ({exc.strerror})") from None
    except ValueError:  # a NUL in the name
        raise ConfigError(f"'image' {label}: not a usable file name") from None
    problem = image_problem(data, path.name)
    if problem:
        raise ConfigError(f"'image' {label} {problem}")
    return data


def place_cover(output: Path, image: str | None, title: str) -> Artwork:
    """The show's cover in `output`: the configured file (`image`, checked) or one drawn from
    `title`, written as `cover-<sha8>.<ext>` only when that file is missing, with its icons;
    earlier covers are removed. A web address is used as it is, with no file and no icons. This is
    what gives the pipeline the cover to embed (`Artwork.path`)."""
    if image is not None and is_web_address(image):
        _remove_covers(output, keep=None)
        return Artwork(image)
    data: bytes | None = None
    if image is None:
        # Named by what it is drawn from, so an unchanged show draws nothing on its next run.
        name = f"cover-{_sha8(f'generated {_DRAWING} {title}'.encode())}.jpg"
    else:
        data = read_image(Path(image))
        name = f"cover-{_sha8(data)}{'.png' if data.startswith(_PNG) else '.jpg'}"
    path = output / name
    if not (path.is_file() and all((output / icon).is_file() for icon in ICONS)):
        if data is None:
            data = generate_cover(title)
        # The icons first: a run killed before the cover is written draws them again.
        for icon, side in ICONS.items():
            _write_if_changed(output / icon, _icon(data, side))
        if not path.is_file():
            write_atomically(path, data, mode=0o644)
    _remove_covers(output, keep=name, source=image)
    return Artwork(name, path, tuple(ICONS))


def _sha8(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


def _remove_covers(output: Path, keep: str | None, source: str | None = None) -> None:
    """Earlier covers (by their name, which only `place_cover` gives), but for `keep` and the
    configured image itself, should it be kept in the folder under such a name."""
    spared = Path(source).resolve() if source else None
    for old in output.iterdir():
        if old.name != keep and COVER_NAME.fullmatch(old.name) and old.is_file() \
                and old.resolve() != spared:
            old.unlink(missing_ok=True)


def _write_if_changed(path: Path, data: bytes) -> None:
    if path.is_file() and path.read_bytes() == data:
        return
    write_atomically(path, data, mode=0o644)


def _icon(cover: bytes, side: int) -> bytes:
    with Image.open(io.BytesIO(cover)) as image:
        image.draft("RGB", (side * 2, side * 2))  # a JPEG is decoded at a fraction of its size
        small = image.convert("RGB").resize((side, side), Image.Resampling.LANCZOS)
    stream = io.BytesIO()
    small.save(stream, "PNG", optimize=True)
    return stream.getvalue()


def generate_cover(title: str) -> bytes:
    """A 3000-pixel square RGB JPEG with `title` set large in white on a dark colour that the
    title picks: the same title always gives the same bytes (on one machine's fonts)."""
    digest = hashlib.sha256(title.encode("utf-8")).digest()
    # Lightness 0.2: white text on it keeps a contrast ratio above 10:1 whatever the hue.
    red, green, blue = colorsys.hls_to_rgb(digest[0] / 255, 0.2, 0.55)
    background = (round(red * 255), round(green * 255), round(blue * 255))
    cover = Image.new("RGB", (COVER_SIZE, COVER_SIZE), background)
    font, lines, stroke = _fit(title)
    ascent, descent = font.getmetrics()
    line_height = round((ascent + descent) * 1.05)
    top = (COVER_SIZE - line_height * len(lines)) // 2
    draw = ImageDraw.Draw(cover)
    for number, line in enumerate(lines):
        # The stroke in the text's own colour makes the light bundled face bold enough to read small.
        draw.text((COVER_SIZE // 2, top + number * line_height), line, font=font, fill="white",
                  anchor="ma", stroke_width=stroke, stroke_fill="white")
    stream = io.BytesIO()
    cover.save(stream, "JPEG", quality=85, optimize=True, dpi=(72, 72))
    return stream.getvalue()


def _fit(title: str) -> tuple[ImageFont.FreeTypeFont, list[str], int]:
    """The largest font size at which `title` wraps to at most three lines inside the text box;
    at the smallest size, with words too long for a line cut, and an ellipsis after the third
    line if more are left."""
    words, face = title.split(), _face(title)
    for size in _FONT_SIZES:
        font, stroke = _font(face, size), max(1, size // 40)
        lines = _wrap(words, font, stroke)
        ascent, descent = font.getmetrics()
        if lines and len(lines) <= _MAX_LINES and \
                (ascent + descent) * 1.05 * len(lines) <= _TEXT_BOX:
            return font, lines, stroke
    pieces = [piece for word in words for piece in _cut(word, font, stroke)]
    lines = _wrap(pieces, font, stroke) or pieces
    if len(lines) <= _MAX_LINES:
        return font, lines, stroke
    last = lines[_MAX_LINES - 1]
    while " " in last and _width(f"{last}…", font, stroke) > _TEXT_BOX:
        last = last.rsplit(" ", 1)[0]  # whole words first
    while last and _width(f"{last}…", font, stroke) > _TEXT_BOX:
        last = last[:-1]
    return font, [*lines[: _MAX_LINES - 1], f"{last}…"], stroke


def _wrap(words: list[str], font: ImageFont.FreeTypeFont, stroke: int) -> list[str] | None:
    """Words into lines no wider than the text box, as many to a line as fit; None when a word
    alone is wider than a line."""
    lines: list[str] = []
    for word in words:
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and _width(joined, font, stroke) <= _TEXT_BOX:
            lines[-1] = joined
        elif _width(word, font, stroke) <= _TEXT_BOX:
            lines.append(word)
        else:
            return None
    return lines


def _cut(word: str, font: ImageFont.FreeTypeFont, stroke: int) -> list[str]:
    """A word in pieces that each fit a line, the longest first."""
    pieces = []
    while _width(word, font, stroke) > _TEXT_BOX and len(word) > 1:
        low, high = 1, len(word) - 1  # the longest head that fits, found by halving
        while low < high:
            middle = (low + high + 1) // 2
            low, high = (middle, high) if _width(word[:middle], font, stroke) <= _TEXT_BOX \
                else (low, middle - 1)
        pieces.append(word[:low])
        word = word[low:]
    return [*pieces, word]


def _width(text: str, font: ImageFont.FreeTypeFont, stroke: int) -> float:
    left, _, right, _ = font.getbbox(text, stroke_width=stroke)
    return right - left


def _font(face: str | None, size: int) -> ImageFont.FreeTypeFont:
    """The font file `face` at `size`; Pillow's bundled face for None."""
    if face is not None:
        return ImageFont.truetype(face, size)
    font = ImageFont.load_default(size=size)
    assert isinstance(font, ImageFont.FreeTypeFont)  # Pillow is built with FreeType
    return font


def _face(title: str) -> str | None:
    """The font file to set `title` in: None for Pillow's bundled face (Aileron, which has only
    ASCII's letters) when it has every letter of the title, else DejaVu Sans Bold, else a face
    fontconfig finds for the letters."""
    if _covers(_font(None, 24), title):
        return None
    faces = [face for face in (_dejavu(), _fontconfig(title)) if face]
    for face in faces:
        if _covers(_font(face, 24), title):
            return face
    log.warning("no font here has every letter of %r, so the drawn cover lacks some; install "
                "one that has them (such as fonts-noto-core or fonts-noto-cjk)", title)
    return faces[0] if faces else None


def _covers(font: ImageFont.FreeTypeFont, text: str) -> bool:
    """Whether `font` draws each character of `text` (a missing one is drawn as the same box as a
    code point no font has)."""
    missing = _mask(font, "\U0010fffd")
    return all(_mask(font, char) != missing for char in set(text) if not char.isspace())


def _mask(font: ImageFont.FreeTypeFont, char: str) -> tuple[tuple[int, int], bytes]:
    mask = font.getmask(char)
    return mask.size, bytes(mask)


@cache
def _dejavu() -> str | None:
    """DejaVu Sans Bold's file: where fontconfig finds it, else where Debian puts it."""
    found = _fc_match("DejaVu Sans:style=Bold")
    if found and Path(found).name.startswith("DejaVuSans"):
        return found
    known = sorted(Path("/usr/share/fonts").glob("**/DejaVuSans-Bold.ttf"))
    return str(known[0]) if known else None


def _fontconfig(title: str) -> str | None:
    """The bold sans-serif face fontconfig picks for the title's letters."""
    letters = " ".join(f"{ord(char):x}" for char in sorted(set(title)) if not char.isspace())
    return _fc_match(f"sans-serif:bold:charset={letters}")


def _fc_match(pattern: str) -> str | None:
    """The font file fontconfig's `fc-match` gives for `pattern`, or None without fontconfig."""
    if not shutil.which("fc-match"):
        return None
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True,
                               text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    path = found.stdout.strip()
    ok = found.returncode == 0 and path.endswith((".ttf", ".otf", ".ttc")) and Path(path).is_file()
    return path if ok else None
