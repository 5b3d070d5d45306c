"""ID3v2 tags and chapters (CHAP + CTOC frames) written with mutagen.

Chapters let a listener jump between stories in any podcast app; `ffprobe -show_chapters` reads
the same frames, which is how the tests check them.
"""

from dataclasses import dataclass

from mutagen.id3 import CHAP, COMM, CTOC, ID3, TALB, TCON, TDRC, TIT2, TLAN, TPE1, TSSE, CTOCFlags

# Private, but mutagen has no public way to order frames: see _ChapteredID3.
from mutagen.id3._tags import save_frame
from mutagen.id3._util import ID3SaveConfig

from briefing.audio.assembly import Chapter
from briefing.language import primary
from briefing.publish.labels import labels_for
from briefing.script.compose import Script
from briefing.script.framing import spoken_date
from briefing.version import __version__


class _ChapteredID3(ID3):
    """ID3 that writes its CHAP frames last and in time order.

    mutagen orders frames by size, and ffmpeg (and players built on it) list chapters in the order
    the frames appear in the file, so without this the chapters come out shuffled.
    """

    def _write(self, config: ID3SaveConfig) -> bytearray:
        chapters = sorted(self.getall("CHAP"), key=lambda frame: frame.start_time)
        self.delall("CHAP")
        try:
            data = super()._write(config)
        finally:
            for frame in chapters:
                self.add(frame)
        return data + b"".join(save_frame(frame, config=config) for frame in chapters)


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


def write_tags(mp3_path: str, info: TagInfo, chapters: tuple[Chapter, ...]) -> None:
    """Write the tags and one chapter per segment, replacing any tag already on the file."""
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
    toc = TIT2(encoding=3, text=labels_for(info.language).chapters)
    tags.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                  child_element_ids=ids, sub_frames=[toc]))
    for element_id, chapter in zip(ids, chapters, strict=True):
        tags.add(CHAP(element_id=element_id, start_time=_millis(chapter.start),
                      end_time=_millis(chapter.end),
                      sub_frames=[TIT2(encoding=3, text=chapter.title)]))
    tags.save(mp3_path, v2_version=4)


def _iso639_2(language: str) -> str:
    code = primary(language)
    return {"en": "eng", "es": "spa", "fr": "fra", "de": "deu", "it": "ita", "pt": "por"}.get(code, code)


def _millis(seconds: float) -> int:
    """Milliseconds as the manifest rounds them (to 3 decimals first): rounding `seconds * 1000`
    directly can land on the other millisecond (26.9655 s gave 26966 ms against 26.965)."""
    return round(round(seconds, 3) * 1000)


def bulletin_tags(script: Script, artist: str, album: str, sources: list[str],
                  engine_version: str) -> TagInfo:
    """The tags of a bulletin: its title with the spoken date, the artist and album chosen, and
    where it came from and what made it."""
    return TagInfo(
        title=f"{script.title}, {spoken_date(script.date, script.language)}",
        artist=artist,
        album=album,
        date=script.date.isoformat(),
        comment=f"Read aloud by briefing {__version__} from {', '.join(sources)}",
        language=script.language,
        encoder=f"briefing {__version__}, {engine_version}",
    )
