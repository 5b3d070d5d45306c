"""Parts: the bulletin split into stretches of a minute or two, each encoded to MP3 on its own.

An MP3 of constant bitrate can be joined frame to frame, so the bulletin is encoded part by part
and the parts are concatenated. That is what makes a rebuild cheap (a part whose audio, gain and
settings are unchanged comes back from the store: an edited paragraph re-encodes one part, not 52
minutes) and lets parts encode side by side on several cores.

Parts are cut only in the middle of a pause, so each starts and ends in silence and the joins are
inaudible. Where to cut is decided by the content, not the running length: a cut is used after a
sentence whose hash picks it, once the part is long enough, so an edit moves at most the cuts
around it and every later part keeps its key.

Each encoded part starts with the encoder's priming delay (1,105 samples at 44.1 kHz) and ends
padded to a whole frame; the timeline is moved to match, so chapters and transcript cues point at
the audio as it is in the joined file.
"""

import hashlib
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, replace

from briefing.audio.assembly import Cut, Piece, Timeline
from briefing.speech.cache import digest

#: A part is cut at the first chosen pause after this many seconds, and always by MAX_SECONDS.
MIN_SECONDS, MAX_SECONDS = 150.0, 300.0
#: One pause in CUT_SPREAD (by the hash of the sentence before it) may end a part.
CUT_SPREAD = 4
#: MP3 frame length and the delay before the first sample of an encode, in output samples
#: (libmp3lame's 576 plus the decoder's 529), for a stream without a LAME header.
FRAME_SAMPLES, PRIMING = 1152, 1105


@dataclass(frozen=True)
class Part:
    pieces: tuple[Piece, ...]
    start: int
    """First frame of the part in the assembled PCM (engine rate)."""
    frames: int
    sample_rate: int

    def identity(self) -> list[str]:
        return [piece.identity() for piece in self.pieces]

    def pcm(self) -> Iterator[bytes]:
        """The part's samples, a piece at a time."""
        for piece in self.pieces:
            yield piece.pcm()


def plan_parts(pieces: list[Piece], cuts: list[Cut], sample_rate: int) -> list[Part]:
    """Split the pieces at chosen cuts into parts (see the module's docstring)."""
    boundaries = [0]
    length = 0
    cut_at = {cut.piece: cut.label for cut in cuts}
    for index, piece in enumerate(pieces):
        if index in cut_at and index > boundaries[-1]:
            long_enough = length >= MIN_SECONDS * sample_rate
            chosen = hashlib.sha256(cut_at[index].encode()).digest()[0] % CUT_SPREAD == 0
            if (long_enough and chosen) or length >= MAX_SECONDS * sample_rate:
                boundaries.append(index)
                length = 0
        length += piece.frames
    boundaries.append(len(pieces))
    parts, start = [], 0
    for first, end in itertools.pairwise(boundaries):
        group = tuple(pieces[first:end])
        frames = sum(piece.frames for piece in group)
        parts.append(Part(group, start, frames, sample_rate))
        start += frames
    return parts


def part_key(part: Part, gain: float, ceiling: float, encoding: dict) -> str:
    """The store key of a part encoded with this gain, limiter ceiling and encoder settings."""
    return digest("part", part.sample_rate, part.identity(), f"{gain:.2f}", f"{ceiling:.2f}",
                  encoding)


def moved(timeline: Timeline, parts: list[Part], mp3_frames: list[int], out_rate: int) -> Timeline:
    """The timeline as heard in the joined MP3: every time inside a part is moved by where that
    part's audio begins in the MP3 (after the frames of the parts before it and its priming)."""
    shifts = []
    position = 0
    for part, frames in zip(parts, mp3_frames, strict=True):
        shifts.append((part.start / part.sample_rate, (position + PRIMING) / out_rate
                       - part.start / part.sample_rate))
        position += frames * FRAME_SAMPLES

    def at(seconds: float) -> float:
        shift = shifts[0][1]
        for start, offset in shifts:
            if start > seconds + 1e-9:
                break
            shift = offset
        return round(seconds + shift, 4)

    sentences = tuple(replace(s, start=at(s.start), end=at(s.end),
                              pauses=tuple((at(a), at(b)) for a, b in s.pauses))
                      for s in timeline.sentences)
    duration = position / out_rate
    chapters = [replace(c, start=at(c.start) if i else 0.0) for i, c in enumerate(timeline.chapters)]
    chapters = [replace(c, end=following.start) for c, following in itertools.pairwise(chapters)] + \
               [replace(chapters[-1], end=duration)]
    music = tuple(replace(m, start=at(m.start) if m.start else 0.0, end=min(at(m.end), duration))
                  for m in timeline.music)
    return replace(timeline, duration=duration, sentences=sentences, chapters=tuple(chapters),
                   music=music)
