"""Assembly: clips and exact pauses joined once into one PCM stream, with its timeline.

Joining is linear: the pieces are collected in a list and joined with one `b"".join`, because
pydub's `a + b` copies both buffers and a loop of them is quadratic in the bulletin's length. The
timeline records where every sentence and chapter lands, in the assembled audio's own time, for the
transcript, the chapters and the manifest.
"""

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from pydub import AudioSegment
from pydub.generators import Sine

from briefing.audio.music import (
    BedSlice,
    MusicSpan,
    Soundtrack,
    Tracks,
    bed_points,
    bed_slices,
    mix,
)
from briefing.errors import EngineError
from briefing.script.compose import Script
from briefing.speech.engines.base import SAMPLE_WIDTH
from briefing.speech.synthesis import inner_pauses

#: Silence before the first word and after the last, in seconds.
LEAD_IN, TAIL = 0.3, 0.6
#: The chime: two soft sine tones (A5 and E6) with a quick attack and a gentle fade.
CHIME_TONES, CHIME_SECONDS, CHIME_LEVEL_DBFS = (880.0, 1318.5), 0.45, -20.0
#: The sting between stories: a rising arpeggio (C5, E5, G5, C6), each note ringing into the next.
STING_TONES, STING_STEP, STING_SECONDS = (523.25, 659.25, 783.99, 1046.5), 0.12, 0.9


@dataclass(frozen=True)
class TimedSentence:
    text: str
    segment: int
    start: float
    """Seconds from the start of the audio to the sentence's speech onset."""
    end: float
    pauses: tuple[tuple[float, float], ...] = ()
    """Where the speech pauses inside the sentence (seconds from the start of the audio, start
    and end of each), for captions that split a long sentence where the voice does; empty when
    it never pauses, or when they were not looked for."""


@dataclass(frozen=True)
class Chapter:
    title: str
    start: float
    """Seconds: 0 for the first chapter, then the chime (or the first word) of its segment."""
    end: float


@dataclass(frozen=True)
class Timeline:
    sample_rate: int
    duration: float
    sentences: tuple[TimedSentence, ...]
    chapters: tuple[Chapter, ...]
    music: tuple[MusicSpan, ...] = ()
    """Where the intro and outro music and the bed play."""

    @property
    def speech_seconds(self) -> float:
        return sum(s.end - s.start for s in self.sentences)


@functools.cache
def make_chime(sample_rate: int) -> bytes:
    """A short two-tone chime as 16-bit mono PCM, generated (no sound files to ship)."""
    millis = int(CHIME_SECONDS * 1000)
    tones = [
        Sine(freq, sample_rate=sample_rate, bit_depth=16).to_audio_segment(
            duration=millis, volume=CHIME_LEVEL_DBFS - 3
        )
        for freq in CHIME_TONES
    ]
    chime: AudioSegment = tones[0].overlay(tones[1]).fade_in(10).fade_out(millis - 40)
    return chime.set_channels(1).set_sample_width(SAMPLE_WIDTH).raw_data


@functools.cache
def make_sting(sample_rate: int) -> bytes:
    """The sting between stories, as 16-bit mono PCM: longer and brighter than the chime, so a
    listener hears a new story begin rather than a new paragraph."""
    millis = int(STING_SECONDS * 1000)
    sting = AudioSegment.silent(duration=millis, frame_rate=sample_rate)
    for index, freq in enumerate(STING_TONES):
        start = int(index * STING_STEP * 1000)
        note = Sine(freq, sample_rate=sample_rate, bit_depth=16).to_audio_segment(
            duration=millis - start, volume=CHIME_LEVEL_DBFS - 6
        ).fade_in(8).fade_out(millis - start - 20)
        sting = sting.overlay(note, position=start)
    return sting.set_channels(1).set_sample_width(SAMPLE_WIDTH).raw_data


def transition_seconds(kind: str) -> float:
    """How long the sound of a segment's transition lasts."""
    return {"chime": CHIME_SECONDS, "sting": STING_SECONDS}.get(kind, 0.0)


def estimate_duration(script: Script, rate_wpm: float, sounds: bool = True) -> float:
    """Seconds the bulletin will last if spoken at `rate_wpm`: for fitting it before any audio."""
    speech = script.word_count * 60.0 / rate_wpm
    pauses = sum(s.pause_after for _, s in script.sentences())
    extra = sum(transition_seconds(seg.transition) for seg in script.segments) if sounds else 0.0
    return LEAD_IN + speech + pauses + extra + TAIL


class _Audio(Protocol):
    """A clip in memory (`Clip`) or in the store (`ClipRef`)."""

    @property
    def sample_rate(self) -> int: ...

    @property
    def frames(self) -> int: ...

    def read(self) -> bytes: ...


def assemble(script: Script, clips: Sequence[_Audio], chime: bool = True,
             music: Soundtrack | None = None) -> tuple[bytes, Timeline]:
    """Join the clips with the script's pauses in memory; return the PCM and the timeline."""
    parts: list[bytes] = []
    timeline = assemble_to(script, clips, parts.append, chime, music)
    return b"".join(parts), timeline


def assemble_to(script: Script, clips: Sequence[_Audio], write: Callable[[bytes], object],
                chime: bool = True, music: Soundtrack | None = None) -> Timeline:
    """Join the clips with the script's pauses, handing the PCM to `write` piece by piece (one clip
    in memory at a time); return where everything landed."""
    pieces, _, timeline = layout(script, clips, chime, music)
    for piece in pieces:
        write(piece.pcm())
    return timeline


@dataclass(frozen=True)
class Piece:
    """One stretch of the bulletin: silence, a clip or a sound (a transition or music), perhaps
    with the bed under it."""

    frames: int
    clip: _Audio | None = None
    sound: str | None = None
    sound_pcm: bytes = b""
    bed: BedSlice | None = None

    def pcm(self) -> bytes:
        if self.clip is not None:
            pcm = self.clip.read()
        else:
            pcm = self.sound_pcm or b"\x00" * SAMPLE_WIDTH * self.frames
        return mix(pcm, self.bed) if self.bed is not None else pcm

    def identity(self) -> str:
        """What this piece sounds like, for the key of an encoded part."""
        bed = f" {self.bed.identity()}" if self.bed is not None else ""
        if self.clip is not None:
            return f"clip {getattr(self.clip, 'path', id(self.clip))!s} {self.frames}{bed}"
        return f"{self.sound or 'silence'} {self.frames}{bed}"


@dataclass(frozen=True)
class Cut:
    """A place where the bulletin may be split into separately encoded parts: in the middle of a
    pause after a sentence, so each part starts and ends in silence."""

    piece: int
    """Index of the first piece after the cut."""
    label: str
    """The sentence before it, which decides (by its hash) whether this cut is used."""


def layout(script: Script, clips: Sequence[_Audio], chime: bool = True,
           music: Soundtrack | None = None) -> tuple[list[Piece], list[Cut], Timeline]:
    """The bulletin as pieces (nothing is read yet), where it may be cut, and where everything
    lands.

    With `chime`, each segment's transition sound (chime or sting) sits in the middle of the pause
    before it, and its chapter starts with the sound. Given clips for only the first sentences,
    the pieces and cuts are those of the bulletin's beginning (what `parts` can encode while the
    rest is still being spoken); the timeline is then not meaningful.

    With `music`, its intro plays first (everything after it moves), its outro after the tail,
    and its bed under everything between, down under every clip.
    """
    if not clips:
        raise EngineError("there is no audio to assemble")
    rate = clips[0].sample_rate
    if any(clip.sample_rate != rate for clip in clips):
        raise EngineError("the engine returned clips at different sample rates")
    sounds = {"chime": make_chime(rate), "sting": make_sting(rate)} if chime else {}

    pieces: list[Piece] = []
    cuts: list[Cut] = []
    frames = 0

    def add(piece: Piece) -> None:
        nonlocal frames
        pieces.append(piece)
        frames += piece.frames

    def silence(seconds: float) -> None:
        add(Piece(round(seconds * rate)))

    tracks = music.at(rate) if music is not None else None
    spans: list[MusicSpan] = []
    if tracks is not None and tracks.intro:
        add(Piece(len(tracks.intro) // SAMPLE_WIDTH, sound=tracks.intro_name,
                  sound_pcm=tracks.intro))
        spans.append(MusicSpan("intro", 0.0, frames / rate))
    bed_start = frames
    speech: list[tuple[int, int]] = []
    silence(LEAD_IN)
    timed: list[TimedSentence] = []
    starts: list[float] = [0.0]
    previous_segment = 0
    complete = len(clips) == sum(len(segment.sentences) for segment in script.segments)
    for (segment, sentence), clip in zip(script.sentences(), clips, strict=False):
        if segment != previous_segment:
            starts.append(frames / rate)
            previous_segment = segment
        start = frames / rate
        add(Piece(clip.frames, clip=clip))
        speech.append((frames - clip.frames, frames))
        timed.append(TimedSentence(sentence.text, segment, start, frames / rate))
        following = script.segments[segment + 1] if segment + 1 < len(script.segments) else None
        sound = following.transition if following and following.transition in sounds else None
        if sentence.pause_after and sound and sentence is script.segments[segment].sentences[-1]:
            # A new segment follows: half the pause, its sound (its chapter starts here), half.
            silence(sentence.pause_after / 4)
            cuts.append(Cut(len(pieces), sentence.speech))
            silence(sentence.pause_after / 4)
            chime_start = frames / rate
            pcm = sounds[sound]
            add(Piece(len(pcm) // SAMPLE_WIDTH, sound=sound, sound_pcm=pcm))
            silence(sentence.pause_after / 2)
            starts.append(chime_start)
            previous_segment = segment + 1
        elif sentence.pause_after:
            silence(sentence.pause_after / 2)
            cuts.append(Cut(len(pieces), sentence.speech))
            silence(sentence.pause_after / 2)
    if not complete:
        _under(pieces, speech, bed_start, frames, rate, tracks, spans, final=False)
        return pieces, cuts, Timeline(rate, frames / rate, tuple(timed), ())
    silence(TAIL)
    _under(pieces, speech, bed_start, frames, rate, tracks, spans, final=True)
    if tracks is not None and tracks.outro:
        spans.append(MusicSpan("outro", frames / rate,
                               (frames + len(tracks.outro) // SAMPLE_WIDTH) / rate))
        add(Piece(len(tracks.outro) // SAMPLE_WIDTH, sound=tracks.outro_name,
                  sound_pcm=tracks.outro))
    duration = frames / rate
    ends = [*starts[1:], duration]
    chapters = tuple(
        Chapter(seg.title, start, end)
        for seg, start, end in zip(script.segments, starts, ends, strict=True)
    )
    return pieces, cuts, Timeline(rate, duration, tuple(timed), chapters,
                                  tuple(sorted(spans, key=lambda span: span.start)))


def with_pauses(timeline: Timeline, clips: Sequence[_Audio]) -> Timeline:
    """`timeline` with the pauses inside each sentence found in its clip (`clips` in speaking
    order, as laid out). Done once, on the clips the bulletin keeps: it reads every clip."""
    sentences = tuple(
        replace(sentence, pauses=tuple((round(sentence.start + start, 4),
                                        round(sentence.start + end, 4))
                                       for start, end in inner_pauses(clip.read(), clip.sample_rate)))
        for sentence, clip in zip(timeline.sentences, clips, strict=True))
    return replace(timeline, sentences=sentences)


def _under(pieces: list[Piece], speech: list[tuple[int, int]], start: int, end: int, rate: int,
           tracks: Tracks | None, spans: list[MusicSpan], final: bool) -> None:
    """Put the bed (if there is one) under the pieces from frame `start` to `end`, in place."""
    if tracks is None or tracks.bed is None:
        return
    points = bed_points(speech, start, end, rate, final)
    positions, frames = [], 0
    for piece in pieces:
        positions.append((frames, piece.frames))
        frames += piece.frames
    for index, bed in enumerate(bed_slices(points, tracks.bed, positions)):
        if bed is not None:
            pieces[index] = replace(pieces[index], bed=bed)
    spans.append(MusicSpan("bed", start / rate, end / rate))
