"""Playing a bulletin with chapter and sentence navigation, for `briefing play`.

The `Player` keeps the position by the clock (so it needs nothing from the sound output but
"play from here at this speed" and "stop": see `sound`), and reports the chapter and sentence
being heard as plain lines a screen reader can follow.
"""

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from briefing.errors import PlaybackError
from briefing.listen.sound import Sound
from briefing.publish.manifest import load_manifest
from briefing.publish.page import SPEEDS
from briefing.publish.transcript import clock

log = logging.getLogger(__name__)

#: Seconds moved by one seek.
SEEK_STEP = 10.0
#: "Previous chapter" further than this into a chapter goes back to its start, as players do.
RESTART_WITHIN = 3.0


@dataclass(frozen=True)
class Cue:
    """A sentence and when it is heard."""

    text: str
    start: float
    end: float
    chapter: int


@dataclass(frozen=True)
class Mark:
    """A chapter and where it starts."""

    title: str
    start: float


@dataclass(frozen=True)
class Listing:
    """What the player navigates: the bulletin's chapters and timed sentences."""

    title: str
    duration: float
    chapters: tuple[Mark, ...]
    sentences: tuple[Cue, ...]
    path: Path | None = None
    """The MP3 the listing belongs to (None for a listing made in memory)."""


def load_listing(mp3: Path) -> Listing:
    """The chapters and sentences of the bulletin at `mp3`, from the manifest beside it (written by
    every build), or else its ID3 chapters alone."""
    try:
        found = mp3.is_file()
    except OSError:  # a name the system refuses (too long) names no file either
        found = False
    if not found:
        if os.path.exists(mp3):
            raise PlaybackError(f"{mp3}: not a regular file (a folder, a named pipe or a device); "
                                "give an MP3 file")
        raise PlaybackError(f"{mp3}: no such file")
    data = load_manifest(mp3)
    if data is not None:
        try:
            return listing_from_manifest(data, mp3)
        except (ValueError, KeyError, TypeError) as exc:
            log.debug("manifest of %s unusable: %s", mp3, exc)
    return _listing_from_tags(mp3)


def listing_from_manifest(data: dict, path: Path | None = None) -> Listing:
    chapters, sentences = [], []
    for index, segment in enumerate(data["segments"]):
        chapters.append(Mark(str(segment["title"]), float(segment["start"])))
        sentences += [Cue(str(s["text"]), float(s["start"]), float(s["end"]), index)
                      for s in segment["sentences"]]
    return Listing(str(data.get("title", "")), float(data["duration"]), tuple(chapters),
                   tuple(sentences), path)


def _listing_from_tags(mp3: Path) -> Listing:
    from mutagen import MutagenError
    from mutagen.id3 import ID3
    from mutagen.mp3 import MP3, MPEGInfo

    try:
        audio = MP3(str(mp3))
    except MutagenError as exc:
        raise PlaybackError(f"{mp3}: not an MP3 file ({exc})") from None
    # mutagen's base class declares `tags` and `info` as None; a loaded MP3 has its `MPEGInfo`,
    # and its `ID3` unless it is untagged.
    tags: ID3 | dict[str, Any] = audio.tags or {}
    chapters = sorted(
        (Mark(str(frame.sub_frames["TIT2"].text[0]) if "TIT2" in frame.sub_frames else frame.element_id,
              frame.start_time / 1000.0)
         for key, frame in tags.items() if key.startswith("CHAP:")),
        key=lambda mark: mark.start)
    title = str(tags["TIT2"].text[0]) if "TIT2" in tags else mp3.stem
    info = cast(MPEGInfo, audio.info)
    return Listing(title, float(info.length), tuple(chapters) or (Mark(title, 0.0),), (), mp3)


class Player:
    """The position in a bulletin, moved by play, pause, seeks, chapter jumps and speed changes;
    `lines()` says what is now being heard, once, as it changes."""

    def __init__(self, listing: Listing, output: Sound,
                 now: Callable[[], float] = time.monotonic) -> None:
        self.listing, self.output, self.now = listing, output, now
        self.speed = 1.0
        self.paused = True
        self._base, self._since = 0.0, now()
        self._chapter = self._sentence = -1
        self._ended = False

    @property
    def position(self) -> float:
        moved = 0.0 if self.paused else (self.now() - self._since) * self.speed
        return min(self.listing.duration, self._base + moved)

    @property
    def finished(self) -> bool:
        return self.position >= self.listing.duration

    def _restart(self, position: float) -> None:
        self._base, self._since = max(0.0, min(position, self.listing.duration)), self.now()
        if self.paused or self.finished:
            self.output.stop()
        elif self.listing.path is not None:
            self.output.start(self.listing.path, self._base, self.speed)

    def play(self) -> str:
        position = 0.0 if self.finished else self.position  # from the start again after the end
        self.paused, self._ended = False, False
        self._restart(position)
        return f"Playing from {clock(position)}."

    def pause(self) -> str:
        position = self.position
        self.paused = True
        self._restart(position)
        return f"Paused at {clock(position)}."

    def toggle(self) -> str:
        return self.play() if self.paused else self.pause()

    def seek(self, delta: float) -> str:
        return self.goto(self.position + delta)

    def forward(self) -> str:
        return self.seek(SEEK_STEP)

    def back(self) -> str:
        return self.seek(-SEEK_STEP)

    def goto(self, position: float) -> str:
        self._restart(position)
        self._sentence = -1  # say the sentence again where the listener lands
        return f"At {clock(self.position)}."

    def next_chapter(self) -> str:
        index = self._chapter_at(self.position) + 1
        if index >= len(self.listing.chapters):
            return "This is the last chapter."
        self.goto(self.listing.chapters[index].start)
        return ""

    def previous_chapter(self) -> str:
        index = max(0, self._chapter_at(self.position))
        if self.position - self.listing.chapters[index].start <= RESTART_WITHIN and index > 0:
            index -= 1
        self.goto(self.listing.chapters[index].start)
        return ""

    def faster(self) -> str:
        return self._set_speed(1)

    def slower(self) -> str:
        return self._set_speed(-1)

    def _set_speed(self, direction: int) -> str:
        index = SPEEDS.index(self.speed) + direction
        if 0 <= index < len(SPEEDS):
            position = self.position
            self.speed = SPEEDS[index]
            self._restart(position)
        return f"Speed {self.speed:g}x."

    def _chapter_at(self, position: float) -> int:
        found = -1
        for index, mark in enumerate(self.listing.chapters):
            if mark.start <= position + 1e-3:
                found = index
        return found

    def lines(self) -> list[str]:
        """What changed since the last call: a new chapter, a new sentence, the end."""
        self.output.check()
        position, said = self.position, []
        chapter = self._chapter_at(position)
        if chapter != self._chapter and chapter >= 0:
            self._chapter = chapter
            mark = self.listing.chapters[chapter]
            said.append(f"Chapter {chapter + 1} of {len(self.listing.chapters)}: {mark.title}")
        # The sentence being heard is the last one begun in this chapter: none yet during the
        # chime at a chapter's start (the previous chapter's last sentence is over).
        sentence = -1
        for index, cue in enumerate(self.listing.sentences):
            if cue.start > position + 1e-3:
                break
            if cue.chapter == chapter:
                sentence = index
        if sentence != self._sentence and sentence >= 0:
            self._sentence = sentence
            said.append(self.listing.sentences[sentence].text)
        if self.finished and not self._ended:
            self._ended = True
            self.output.stop()
            said.append("End of the bulletin.")
        return said

    def close(self) -> None:
        self.output.close()
