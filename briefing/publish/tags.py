"""ID3v2 tags and chapters (CHAP + CTOC frames) written with mutagen.

Chapters let a listener jump between stories in any podcast app; `ffprobe -show_chapters` reads
the same frames, which is how the tests check them.

A table of contents (CTOC) counts its entries in one byte, so it lists at most 255. A bulletin
with more chapters (every paragraph of a long plain text is one) gets a tree, as the ID3 chapter
addendum allows: the top-level table lists tables that each list up to 255 chapters in order.
Readers that follow the tables and readers that take every CHAP frame (ffmpeg) both see all the
chapters, in order.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from mutagen import MutagenError
from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TCON,
    TDRC,
    TIT2,
    TLAN,
    TPE1,
    TSSE,
    WXXX,
    CTOCFlags,
    PictureType,
)

# Private, but mutagen has no public way to order frames: see _ChapteredID3.
from mutagen.id3._tags import save_frame
from mutagen.id3._util import ID3SaveConfig

from briefing.audio.assembly import Chapter
from briefing.errors import OutputError
from briefing.language import primary
from briefing.publish.labels import labels_for
from briefing.script.compose import Script
from briefing.script.framing import spoken_date
from briefing.version import __version__

#: The most entries one table of contents can list (its count is one byte).
TOC_LIMIT = 255


class _ChapteredID3(ID3):
    """ID3 that writes its tables of contents and then its CHAP frames last, in order: the tables
    from the top down, the chapters by time.

    mutagen orders frames by size, and ffmpeg (and players built on it) list chapters in the order
    the frames appear in the file, so without this the chapters come out shuffled.
    """

    def _write(self, config: ID3SaveConfig) -> bytearray:
        tables = self.getall("CTOC")  # in the order they were added: from the top down
        chapters = sorted(self.getall("CHAP"), key=lambda frame: frame.start_time)
        self.delall("CTOC")
        self.delall("CHAP")
        try:
            data = super()._write(config)
        finally:
            for frame in (*tables, *chapters):
                self.add(frame)
        return data + b"".join(save_frame(frame, config=config) for frame in (*tables, *chapters))


@dataclass(frozen=True)
class TagInfo:
    title: str
    artist: str
    album: str
    date: str
    """ISO date, `2026-11-24`."""
    comment: str
    language: str = "en"
    encoder: str = ""
    links: tuple[str | None, ...] = ()
    """Each chapter's web address (a story's page), or None: a WXXX frame inside its CHAP, so
    a podcast app can open the story from the chapter list."""
    cover: Path | None = None
    """A JPEG or PNG embedded as the front cover (APIC), shown by players without the feed."""


def write_tags(mp3_path: str, info: TagInfo, chapters: tuple[Chapter, ...]) -> None:
    """Write the tags and one chapter per segment, replacing any tag already on the file."""
    _tags(info, chapters).save(mp3_path, v2_version=4)


def check_tags(info: TagInfo, titles: Sequence[str]) -> None:
    """Make the tags of a bulletin with these chapter titles in memory (with made-up times), and
    raise `OutputError` if they cannot be made: the real ones are written only at the end of a
    build, after all its speech and encoding."""
    chapters = tuple(Chapter(title, index, index + 1) for index, title in enumerate(titles))
    try:
        _tags(info, chapters).save(io.BytesIO(), v2_version=4)
    except (MutagenError, ValueError, UnicodeError) as exc:
        raise OutputError(f"the MP3's ID3 tags cannot hold this bulletin's title, chapter titles "
                          f"or source names ({exc}); give another --title, or rename the "
                          "source") from None


def _tags(info: TagInfo, chapters: tuple[Chapter, ...]) -> ID3:
    tags = _ChapteredID3()
    tags.add(TIT2(encoding=3, text=info.title))
    tags.add(TPE1(encoding=3, text=info.artist))
    tags.add(TALB(encoding=3, text=info.album))
    tags.add(TDRC(encoding=3, text=info.date))
    tags.add(TCON(encoding=3, text="Podcast"))
    tags.add(COMM(encoding=3, lang="eng", desc="", text=info.comment))
    tags.add(TLAN(encoding=3, text=_iso639_2(info.language)))
    if info.encoder:
        tags.add(TSSE(encoding=3, text=info.encoder))
    ids = [f"chp{index}" for index in range(len(chapters))]
    for table in _contents(ids, labels_for(info.language).chapters):
        tags.add(table)
    links = [*info.links, *[None] * (len(chapters) - len(info.links))]
    for element_id, chapter, link in zip(ids, chapters, links, strict=False):
        # The link goes in as the CHAP is made: a sub-frame added to a CHAP afterwards (or to
        # one read back) was not written.
        tags.add(CHAP(element_id=element_id, start_time=_millis(chapter.start),
                      end_time=_millis(chapter.end),
                      sub_frames=[TIT2(encoding=3, text=chapter.title),
                                  *([WXXX(encoding=3, desc="", url=_latin(link))] if link else [])]))
    if info.cover is not None:
        tags.add(_picture(info.cover))
    return tags


def _latin(url: str) -> str:
    """A web address as WXXX holds it (ISO-8859-1): anything beyond ASCII percent-encoded, as a
    browser sends it."""
    return quote(url, safe="".join(map(chr, range(0x21, 0x7F))))


def _picture(path: Path) -> APIC:
    """The cover at `path` as an APIC frame, its type told by its first bytes."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OutputError(f"{path}: the cover cannot be read ({exc.strerror or exc})") from None
    mime = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
    return APIC(encoding=3, mime=mime, type=PictureType.COVER_FRONT, desc="Cover", data=data)


def _contents(ids: list[str], title: str) -> list[CTOC]:
    """The tables of contents of the chapters `ids`, the top-level one first: one table when they
    fit in it, else a tree whose every table lists at most `TOC_LIMIT` entries, in order."""
    below: list[CTOC] = []
    entries = ids
    while len(entries) > TOC_LIMIT:
        groups = [entries[start:start + TOC_LIMIT] for start in range(0, len(entries), TOC_LIMIT)]
        names = [f"toc{len(below) + n}" for n in range(len(groups))]
        below = [CTOC(element_id=name, flags=CTOCFlags.ORDERED, child_element_ids=group,
                      sub_frames=[]) for name, group in zip(names, groups, strict=True)] + below
        entries = names
    top = CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
               child_element_ids=entries, sub_frames=[TIT2(encoding=3, text=title)])
    return [top, *below]


def _iso639_2(language: str) -> str:
    code = primary(language)
    return {"en": "eng", "es": "spa", "fr": "fra", "de": "deu", "it": "ita", "pt": "por"}.get(code, code)


def _millis(seconds: float) -> int:
    """Milliseconds as the manifest rounds them (to 3 decimals first): rounding `seconds * 1000`
    directly can land on the other millisecond (26.9655 s gave 26966 ms against 26.965)."""
    return round(round(seconds, 3) * 1000)


def bulletin_tags(script: Script, artist: str, album: str, sources: list[str],
                  engines: Sequence[str] = (), cover: Path | None = None) -> TagInfo:
    """The tags of a bulletin: its title with the spoken date, the artist and album chosen, where
    it came from (`sources` as the manifest names them), what made it (`engines`: every engine
    that spoke, named once), its chapters' links and its `cover`."""
    return TagInfo(
        title=f"{script.title}, {spoken_date(script.date, script.language)}",
        artist=artist,
        album=album,
        date=script.date.isoformat(),
        comment=f"Read aloud by briefing {__version__} from {', '.join(sources)}",
        language=script.language,
        encoder=", ".join([f"briefing {__version__}", *dict.fromkeys(e for e in engines if e)]),
        links=tuple(segment.link for segment in script.segments),
        cover=cover,
    )
