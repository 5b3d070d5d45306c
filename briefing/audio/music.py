"""Music: a jingle or a file before the intro and after the outro, and a bed looped under the
bulletin, down under the speech and up in its long pauses.

Every sound is decoded once with ffmpeg to the bulletin's own PCM (mono, the engine's rate) and
mixed in numpy before encoding. The bed's level is decided from the timeline, not by a compressor
listening to the speech: it is down by `UNDER_SPEECH_DB` from before a sentence's first sample
to after its last (a sidechain compressor lets the first syllable through, then pumps in the short
pauses) and rises only in the pauses long enough to be heard as a break. Levels are set against
the speech's own loudness before the bulletin's gain, so the gain and limiter that bring the whole
to its loudness target keep them.

A piece's bed samples follow from the bed's samples, the loop's phase under the piece and its gain
curve; all three are in the piece's identity, so an encoded part comes from the store only with the
very bed it was encoded with. (An edit moves the bed under everything after it, so those parts are
encoded again.)
"""

import bisect
import hashlib
import stat
import subprocess
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from briefing import ffmpeg
from briefing.audio.loudness import ABSOLUTE_GATE, parse_summary
from briefing.errors import AudioError, MusicError

#: Names of generated sounds, usable instead of a file: a short jingle, and a soft looped chord.
GENERATED = ("jingle", "pad")
#: Intro and outro music is cut to this many seconds unless asked otherwise.
DEFAULT_SECONDS = 20.0
#: Intro and outro music: faded in and out over these many seconds (at most a third of it each),
#: and this many LU under the speech's loudness.
FADE_IN, FADE_OUT, MUSIC_UNDER_SPEECH = 0.5, 2.5, 2.0
#: The bed, in LU under the speech's loudness: while someone speaks, and in the long pauses.
UNDER_SPEECH_DB, IN_PAUSES_DB = 24.0, 12.0
#: A pause at least this long (seconds) lets the bed rise: segment and story breaks, not sentences.
LONG_PAUSE = 1.0
#: The bed is down this long (seconds) before and after speech, and takes RAMP to rise or fall.
MARGIN, RAMP = 0.1, 0.35
#: The most of a bed file that is decoded and looped, and the crossfade that joins its loop.
BED_MAX_SECONDS, LOOP_FADE = 300.0, 0.5
#: The generated pad's loop, in seconds: each of its tones fits it a whole number of times.
PAD_SECONDS = 8.0


@dataclass(frozen=True)
class MusicChoice:
    """The music a bulletin asked for: file paths or names in `GENERATED`, or None."""

    intro: str | None = None
    outro: str | None = None
    bed: str | None = None
    seconds: float = DEFAULT_SECONDS
    """The most intro and outro music played, each."""

    def chosen(self) -> list[tuple[str, str]]:
        """(what it is, the file or name) for each sound asked for."""
        return [(what, source) for what, source in
                (("intro music", self.intro), ("outro music", self.outro), ("bed", self.bed))
                if source]


#: The sample rate music is checked at, before the speech's own rate is known.
CHECK_RATE = 24_000


def check_music(choice: MusicChoice) -> None:
    """Fail now, before any speech, with one `MusicError` line, if a music file is missing,
    unreadable, has no audio ffmpeg can find, lasts less than half a second or is silent."""
    for what, source in choice.chosen():
        if source in GENERATED:
            continue
        path, fix = Path(source), _fix(what)
        _digest(source, what)
        try:
            streams = ffmpeg.probe(_input(path), "stream=codec_type").get("streams", [])
        except AudioError as exc:
            said = exc.stderr.strip().splitlines()[-1] if exc.stderr.strip() else "unreadable"
            raise MusicError(f"{source}: not audio ffmpeg can read for the {what} ({said}); "
                             f"{fix}") from None
        if not any(stream.get("codec_type") == "audio" for stream in streams):
            raise MusicError(f"{source}: has no audio in it for the {what}; {fix}")
        # Decoded and measured now, as the bulletin will use it: music that is silent, too short
        # or breaks off undecodable fails here, not after every sentence has been spoken.
        seconds = BED_MAX_SECONDS if what == "bed" else choice.seconds
        _loudness(_source(source, what, CHECK_RATE, seconds), CHECK_RATE, source, what)


def music_seconds(choice: MusicChoice) -> float:
    """Seconds the intro and outro music add to the bulletin, as they will play (cut to
    `choice.seconds`); the bed lies under the speech and adds none. Brief mode fits the speech in
    what they leave of `--max-minutes`, before any of it is spoken."""
    total = 0.0
    for what, source in (("intro music", choice.intro), ("outro music", choice.outro)):
        if source:
            if source not in GENERATED:
                _digest(source, what)  # a missing file or a folder said as `check_music` says it
            total += _source(source, what, CHECK_RATE, choice.seconds).size / CHECK_RATE
    return total


def music_identity(choice: MusicChoice) -> dict | None:
    """What the music sounds like, for fingerprints: each file's SHA-256 (a file replaced under the
    same name is new music), the generated names, the length; None without music."""
    if not choice.chosen():
        return None
    found: dict[str, object] = {"seconds": choice.seconds}
    for what, source in choice.chosen():
        if source in GENERATED:
            found[what] = source
            continue
        found[what] = _digest(source, what)
    return found


def _fix(what: str) -> str:
    return f"give an audio file ffmpeg can read, or `{'pad' if what == 'bed' else 'jingle'}` " \
           "for a generated one"


def _digest(source: str, what: str) -> str:
    """The SHA-256 of a music file, or a `MusicError` saying why it cannot be read."""
    try:
        kind = Path(source).stat().st_mode
        if stat.S_ISDIR(kind):
            raise MusicError(f"{source}: is a folder, not a file for the {what}; {_fix(what)}")
        if not stat.S_ISREG(kind):  # a pipe or a device would be read for ever
            raise MusicError(f"{source}: is not a regular file, for the {what}; {_fix(what)}")
        with Path(source).open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except FileNotFoundError:
        raise MusicError(f"{source}: no such file for the {what}; {_fix(what)}") from None
    except OSError as exc:
        raise MusicError(f"{source}: cannot read the {what} ({exc.strerror}); {_fix(what)}") from None


def _input(path: Path) -> str:
    """A path as ffmpeg's input, never taken for an option or a protocol (`-x`, `a:b`)."""
    return f"file:{path.resolve()}"


@dataclass(frozen=True)
class MusicSpan:
    """Where a sound plays in the bulletin: `intro`, `outro` or `bed`, in seconds."""

    kind: str
    start: float
    end: float


@dataclass(frozen=True, eq=False)
class Bed:
    """The bed's loop, scaled so that gain 1 is its level in the long pauses (in 16-bit units)."""

    loop: np.ndarray
    digest: str


@dataclass(frozen=True)
class BedSlice:
    """The bed under one piece: where it starts and its gain curve (frame, gain) from 0 to the
    piece's length, interpolated linearly between the points."""

    bed: Bed
    start: int
    frames: int
    points: tuple[tuple[int, float], ...]

    def samples(self) -> np.ndarray:
        index = (self.start + np.arange(self.frames)) % self.bed.loop.size
        xs, gains = zip(*self.points, strict=True)
        return self.bed.loop[index] * np.interp(np.arange(self.frames), xs, gains)

    def identity(self) -> str:
        return f"bed {self.bed.digest} {self.start % self.bed.loop.size} {self.points}"


def mix(pcm: bytes, bed: BedSlice) -> bytes:
    """16-bit PCM with the bed added under it (clipped, never wrapped)."""
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64) + bed.samples()
    return np.clip(np.round(samples), -32768, 32767).astype("<i2").tobytes()


@dataclass(frozen=True)
class Tracks:
    """The music at one sample rate, levelled: intro and outro as 16-bit PCM with their names
    (which carry their digest), and the bed."""

    intro: bytes = b""
    intro_name: str = ""
    outro: bytes = b""
    outro_name: str = ""
    bed: Bed | None = None


class Soundtrack:
    """The music a bulletin asked for, levelled against its speech (`speech_lufs`: the speech's
    loudness as the engine made it, before the bulletin's gain); decoded once per sample rate,
    when a layout first needs it."""

    def __init__(self, choice: MusicChoice, speech_lufs: float) -> None:
        self.choice, self.speech_lufs = choice, round(speech_lufs, 2)
        self._lock = threading.Lock()
        self._tracks: dict[int, Tracks] = {}

    def at(self, rate: int) -> Tracks:
        with self._lock:
            if rate not in self._tracks:
                self._tracks[rate] = self._load(rate)
            return self._tracks[rate]

    def _load(self, rate: int) -> Tracks:
        choice = self.choice
        intro = self._music(choice.intro, "intro", rate) if choice.intro else (b"", "")
        outro = self._music(choice.outro, "outro", rate) if choice.outro else (b"", "")
        return Tracks(*intro, *outro, self._bed(choice.bed, rate) if choice.bed else None)

    def _music(self, source: str, what: str, rate: int) -> tuple[bytes, str]:
        """Intro or outro music as 16-bit PCM, faded and levelled, and its piece's name."""
        samples = _faded(_source(source, f"{what} music", rate, self.choice.seconds), rate)
        level = _loudness(samples, rate, source, f"{what} music")
        scale = 10 ** ((self.speech_lufs - MUSIC_UNDER_SPEECH - level) / 20) * 32767
        pcm = np.clip(np.round(samples * scale), -32768, 32767).astype("<i2").tobytes()
        return pcm, f"{what}-music {hashlib.sha256(pcm).hexdigest()[:20]}"

    def _bed(self, source: str, rate: int) -> Bed:
        samples = _source(source, "bed", rate, BED_MAX_SECONDS)
        level = _loudness(samples, rate, source, "bed")
        loop = samples if source in GENERATED else _loopable(samples, rate)
        scale = 10 ** ((self.speech_lufs - IN_PAUSES_DB - level) / 20) * 32767
        loop = (loop * scale).astype(np.float32)
        return Bed(loop, hashlib.sha256(loop.tobytes()).hexdigest()[:20])


def _source(source: str, what: str, rate: int, seconds: float) -> np.ndarray:
    """A sound as float samples at `rate`, at most `seconds` long: generated or decoded."""
    if source == "jingle":
        return jingle(rate)[: round(seconds * rate)]
    if source == "pad":
        return pad(rate)
    args = ["-hide_banner", "-nostats", "-v", "error", "-i", _input(Path(source)),
            "-map", "0:a:0", "-t", f"{seconds:.3f}", "-ac", "1", "-ar", str(rate),
            "-f", "f32le", "pipe:1"]
    with ffmpeg.start("ffmpeg", args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE) as running:
        data = running.stdout.read()
        code = running.wait()
        said = running.report().strip()
    if code != 0:
        last = said.splitlines()[-1] if said else f"exit code {code}"
        raise MusicError(f"{source}: ffmpeg could not decode the {what} ({last})")
    samples = np.frombuffer(data[: len(data) // 4 * 4], dtype="<f4").astype(np.float64)
    if samples.size < rate // 2:
        raise MusicError(f"{source}: the {what} lasts less than half a second; give a longer one")
    return samples


def _loudness(samples: np.ndarray, rate: int, source: str, what: str) -> float:
    """The sound's integrated loudness (BS.1770, ffmpeg's ebur128), LUFS: measured on the float
    samples as decoded, so music above full scale (a float WAV) is measured, not clipped."""
    args = ["-hide_banner", "-nostats", "-f", "f32le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0",
            "-af", "ebur128=peak=sample", "-f", "null", "-"]
    stderr = ffmpeg.run("ffmpeg", args, f"measuring the {what}", samples.astype("<f4").tobytes())
    try:
        level = parse_summary(stderr, source, loud=True).integrated
    except AudioError:
        level = ABSOLUTE_GATE
    if level <= ABSOLUTE_GATE + 0.5:  # ebur128 says -70 for digital silence
        raise MusicError(f"{source}: the {what} is silent; give one that can be heard")
    return level


def _faded(samples: np.ndarray, rate: int) -> np.ndarray:
    """Faded in and out (a quarter sine each way), so the music neither clicks in nor stops."""
    out = samples.copy()
    for length, ramp in ((FADE_IN, slice(None)), (FADE_OUT, slice(None, None, -1))):
        frames = min(round(length * rate), out.size // 3)
        shape = np.sin(np.linspace(0, np.pi / 2, frames)) ** 2
        view = out[ramp]
        view[:frames] *= shape
    return out


def _loopable(samples: np.ndarray, rate: int) -> np.ndarray:
    """The sound as a loop without a click: its end crossfaded into its beginning."""
    fade = min(round(LOOP_FADE * rate), samples.size // 4)
    if fade == 0:
        return samples
    ramp = np.linspace(0.0, 1.0, fade)
    loop = samples[: samples.size - fade].copy()
    loop[:fade] = loop[:fade] * ramp + samples[samples.size - fade:] * (1 - ramp)
    return loop


def jingle(rate: int) -> np.ndarray:
    """A short bright jingle, generated: a rising arpeggio (C5, E5, G5, C6) of bell-like notes
    and the chord they make, ringing out."""
    out = np.zeros(round(4.0 * rate))
    notes = [(0.0, 523.25), (0.2, 659.25), (0.4, 783.99), (0.6, 1046.5),
             (1.0, 523.25), (1.0, 659.25), (1.0, 783.99)]
    for start, freq in notes:
        first = round(start * rate)
        t = np.arange(out.size - first) / rate
        tone = np.sin(2 * np.pi * freq * t) + 0.25 * np.sin(4 * np.pi * freq * t)
        out[first:] += tone * np.exp(-t * 2.0) * np.minimum(1.0, t / 0.005)
    return out / np.abs(out).max() * 0.5


def pad(rate: int) -> np.ndarray:
    """A soft chord (A3, C4, E4, G4) that swells slowly, generated as a seamless loop: every tone
    and the swell fit the loop a whole number of times."""
    t = np.arange(round(PAD_SECONDS * rate)) / rate
    out = np.zeros(t.size)
    for number, freq in enumerate((220.0, 261.625, 329.625, 392.0)):
        exact = round(freq * PAD_SECONDS) / PAD_SECONDS
        out += np.sin(2 * np.pi * exact * t) / (number + 1)
    out *= 0.8 + 0.2 * np.sin(2 * np.pi * t / PAD_SECONDS)
    return out / np.abs(out).max() * 0.5


def bed_points(speech: Sequence[tuple[int, int]], start: int, end: int, rate: int,
               final: bool) -> list[tuple[int, float]]:
    """The bed's gain curve from `start` to `end` (frames): in from nothing before the first
    speech, down under every stretch of `speech` (start, end), up in each pause of at least
    LONG_PAUSE, and out by `end` (held down instead when the layout is not `final`)."""
    duck = 10 ** (-(UNDER_SPEECH_DB - IN_PAUSES_DB) / 20)
    margin, ramp, long_pause = round(MARGIN * rate), round(RAMP * rate), round(LONG_PAUSE * rate)
    points = [(start, 0.0)]
    if not speech:
        return [*points, (end, 0.0)] if end > start else points
    points.append((max(start, speech[0][0] - margin), duck))
    for (first, last), following in zip(speech, [*speech[1:], None], strict=True):
        points += [(first, duck), (last, duck)]
        if following is not None and following[0] - last >= long_pause:
            points += [(last + margin, duck), (last + margin + ramp, 1.0),
                       (following[0] - margin - ramp, 1.0), (following[0] - margin, duck)]
    last = speech[-1][1]
    points += [(min(end, last + margin), duck), (end, 0.0 if final else duck)]
    kept: list[tuple[int, float]] = []
    for frame, gain in points:  # strictly increasing frames, as interpolation needs
        if not kept or frame > kept[-1][0]:
            kept.append((frame, gain))
    return kept


def bed_slices(points: list[tuple[int, float]], bed: Bed, spans: Sequence[tuple[int, int]]
               ) -> Iterator[BedSlice | None]:
    """The bed under each (start, frames) span, by the gain curve `points`; None outside it."""
    xs = [frame for frame, _ in points]
    gains = [gain for _, gain in points]

    def at(frame: int) -> float:
        return round(float(np.interp(frame, xs, gains)), 6)

    for start, frames in spans:
        end = start + frames
        if frames == 0 or end <= xs[0] or start >= xs[-1]:
            yield None
            continue
        inner = range(bisect.bisect_right(xs, start), bisect.bisect_left(xs, end))
        curve = ((0, at(start)), *((xs[i] - start, round(gains[i], 6)) for i in inner),
                 (frames, at(end)))
        yield BedSlice(bed, start, frames, curve)


def music_manifest(spans: Sequence[MusicSpan], choice: MusicChoice) -> list[dict]:
    """The manifest's `music`: where each sound plays (in the MP3's time) and what it is; the
    bed's entry says how far under the speech it is, which the quality gate allows for."""
    sources = {"intro": choice.intro, "outro": choice.outro, "bed": choice.bed}
    entries = []
    for span in spans:
        source = sources.get(span.kind) or ""
        entry: dict[str, object] = {
            "kind": span.kind, "source": source if source in GENERATED else Path(source).name,
            "start": round(span.start, 3), "end": round(span.end, 3)}
        if span.kind == "bed":
            entry |= {"under_speech_db": UNDER_SPEECH_DB, "in_pauses_db": IN_PAUSES_DB}
        entries.append(entry)
    return entries
