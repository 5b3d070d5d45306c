"""Hearing back what a build made (before it is encoded) and what a bulletin file holds.

`hear_build` is the build's `--verify`: it hears the laid-out bulletin (the clips, pauses and
sounds a listener will hear, at 16 kHz), speaks a flagged sentence again more slowly through the
build's own speaker (so the clip is cached like any other), and gives back the clips to lay out
again. `hear_file` is `check --listen`: the MP3 decoded, the manifest's sentence times, and
nothing spoken again.
"""

import math
import subprocess
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from briefing.audio.assembly import Piece, TimedSentence
from briefing.errors import AudioError, QualityError
from briefing.ffmpeg import start
from briefing.hearing.recognizer import RATE, require
from briefing.progress import Progress
from briefing.script.compose import Script
from briefing.sources.textclean import quoted
from briefing.speech.cache import ClipRef
from briefing.speech.speaker import Speaker
from briefing.speech.synthesis import quantize

if TYPE_CHECKING:  # the hearing itself is imported when a bulletin is heard: builds without
    # `--verify` do not pay for it (scipy.signal alone takes a good part of a second)
    from briefing.hearing.listen import Verdict

#: A sentence heard wrong is spoken again at this share of the bulletin's speed factor.
SLOWER = 0.85
#: Seconds of the bulletin resampled at a time.
BLOCK_SECONDS = 30
#: Bytes of a 16-bit sample.
SAMPLE_BYTES = 2


@dataclass(frozen=True)
class Heard:
    clips: list[ClipRef]
    """The bulletin's clips, with those spoken again in place."""
    verdict: "Verdict"

    @property
    def changed(self) -> bool:
        return any(s.respoken for s in self.verdict.sentences)


def to_rate(pcm: bytes, rate: int) -> np.ndarray:
    """16-bit mono PCM at `rate` as float32 at the recognizer's rate."""
    return np.concatenate([np.zeros(0, np.float32), *_resampled([pcm], rate)])


def _resampled(pieces: Iterable[bytes], rate: int) -> Iterator[np.ndarray]:
    """16-bit mono PCM at `rate`, given in pieces, as float32 at the recognizer's rate, in blocks
    of about `BLOCK_SECONDS`: memory holds the result, never the whole bulletin at its own rate
    as well. A block is a whole number of the resampler's steps, so no sample is lost or added
    between blocks and the times stay those of the layout."""
    from scipy.signal import resample_poly

    common = math.gcd(rate, RATE)
    up, down = RATE // common, rate // common
    step = SAMPLE_BYTES * down * max(1, BLOCK_SECONDS * rate // down)

    def converted(block: bytes) -> np.ndarray:
        samples = np.frombuffer(block, dtype="<i2").astype(np.float32) / 32768.0
        return samples if up == down else resample_poly(samples, up, down).astype(np.float32)

    buffer = bytearray()
    for pcm in pieces:
        buffer += pcm
        while len(buffer) >= step:
            yield converted(bytes(buffer[:step]))
            del buffer[:step]
    if buffer:
        yield converted(bytes(buffer))


def hear_build(script: Script, clips: Sequence[ClipRef], pieces: Sequence[Piece],
               timed: Sequence[TimedSentence], speaker: Speaker | None, factor: float, threads: int,
               strict: bool = False, progress: Progress | None = None) -> Heard:
    """Hear the laid-out bulletin (`pieces`, where `timed` says each sentence is) and speak again
    what was heard wrong, at `SLOWER` times `factor` through `speaker` (None: two presenters,
    whose clips are matched in loudness and rate, are not spoken again). With `strict`, a
    sentence left heard wrong is a `QualityError`: nothing is published."""
    from briefing.hearing.listen import LEFT, Said, listen
    from briefing.hearing.recognizer import Recognizer

    sentences = [sentence for _, sentence in script.sentences()]
    said = [Said(s.text, s.speech, t.start, t.end) for s, t in zip(sentences, timed, strict=True)]
    audio = np.concatenate([np.zeros(0, np.float32),
                            *_resampled((piece.pcm() for piece in pieces), clips[0].sample_rate)])
    again: dict[int, ClipRef] = {}

    def respeak(index: int) -> np.ndarray:
        assert speaker is not None
        [clip] = speaker.speak([sentences[index]], quantize(factor * SLOWER))
        again[index] = clip
        return to_rate(clip.read(), clip.sample_rate)

    verdict = listen(Recognizer(threads), audio, said, script.language,
                     respeak if speaker is not None else None, progress)
    if strict and verdict.left:
        first = next(s for s, h in zip(said, verdict.sentences, strict=True) if h.outcome == LEFT)
        raise QualityError(f"{verdict.summary()}; not published (verify_strict): "
                           f"{quoted(first.text)} was heard wrong even spoken again")
    kept = [again[index] if heard.respoken else clip
            for index, (clip, heard) in enumerate(zip(clips, verdict.sentences, strict=True))]
    return Heard(kept, verdict)


def hear_file(mp3: Path, manifest: dict, threads: int, progress: Progress | None = None
              ) -> "Verdict":
    """Hear the bulletin `mp3` against its `manifest`'s sentences; nothing is spoken again."""
    from briefing.hearing.listen import Said, listen
    from briefing.hearing.recognizer import Recognizer

    require()
    said = [Said(s["text"], str(s.get("spoken") or s["text"]), float(s["start"]), float(s["end"]))
            for segment in manifest["segments"] for s in segment["sentences"]]
    return listen(Recognizer(threads), decode(mp3), said, str(manifest.get("language") or "en"),
                  None, progress)


def decode(mp3: Path) -> np.ndarray:
    """The first audio stream of `mp3`, mono float32 at the recognizer's rate, as ffmpeg decodes
    it."""
    with start("ffmpeg", ["-nostdin", "-v", "error", "-i", str(mp3), "-map", "0:a:0", "-ac", "1",
                          "-ar", str(RATE), "-f", "f32le", "-"],
               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE) as running:
        data = running.stdout.read()
        code = running.wait()
        stderr = running.report().strip()
    if code != 0:
        raise AudioError(f"ffmpeg could not decode {mp3} to hear it: {stderr}", running.command,
                         stderr)
    return np.frombuffer(data, dtype="<f4")
