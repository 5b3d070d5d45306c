"""Two presenters made to sound like one programme: one sample rate, and the same loudness.

Engines speak at different levels and rates (Kokoro at 24 kHz, espeak-ng at 22.05 kHz, and each
voice louder or softer than another). Each presenter's loudness is measured (BS.1770, ffmpeg's
`ebur128`) over all of their clips; the louder one is turned down to the softer one, by a
linear gain, before the bulletin's common gain and limiter, so a listener never reaches for the
volume when the voice changes. The limiter then takes more from the voice with sharper peaks
(Piper's more than hibari's, over a decibel), so both are measured again through it at the
bulletin's gain, and the less limited one turned down further. Clips at a lower rate are
resampled (ffmpeg's SoX resampler, deterministic) to the highest rate of the two, since assembly
joins PCM of one rate. Adjusted clips are kept in the clip store like spoken ones, so a rebuild
reuses them and their encoded parts.
"""

import contextlib
import math
import wave
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from briefing.audio.encode import GAIN_WORDS, PEAK_HEADROOM, starting_gain
from briefing.audio.loudness import Target, limiter, measure
from briefing.ffmpeg import run
from briefing.progress import Progress
from briefing.script.compose import Script
from briefing.speech.cache import ClipRef, ClipStore, digest
from briefing.speech.engines.base import SAMPLE_WIDTH, Clip
from briefing.speech.presenters import CastSpeech, speak_cast
from briefing.speech.speaker import Speaker
from briefing.speech.voices import VoiceProfile, presenter_name

#: Bumped when the way clips are adjusted changes, so older adjusted clips are not reused.
MATCH_VERSION = 1
#: Presenters further apart than this in LU through the limiter are matched again, at most
#: LIMITED_PASSES times.
LIMITED_SPREAD, LIMITED_PASSES = 0.3, 2
#: The resampler: SoX's, at its very high quality setting.
RESAMPLER = "resampler=soxr:precision=28"


@dataclass(frozen=True)
class Matched:
    clips: list[ClipRef]
    """The clips in speaking order, at one rate and with each presenter's gain applied."""
    loudness: tuple[float, ...]
    """Each presenter's integrated loudness as spoken, LUFS."""
    gains: tuple[float, ...]
    """The gain applied to each presenter's clips, dB (0 for the softer one)."""
    sample_rate: int


def voice_loudness(clips: Sequence[ClipRef], store: ClipStore, workdir: str,
                   through: str | None = None) -> float:
    """The integrated loudness of `clips` played one after another (they are all at one rate),
    after the ffmpeg filter chain `through` if given; remembered in the store."""
    key = digest("voice loudness", MATCH_VERSION, [clip.path.name for clip in clips], through)
    known = store.load_value(key)
    if known and isinstance(known.get("lufs"), float):
        return float(known["lufs"])
    path = str(Path(workdir) / f"voice-{key[:12]}.wav")
    with contextlib.closing(wave.open(path, "wb")) as wav:
        wav.setnchannels(1)
        wav.setsampwidth(SAMPLE_WIDTH)
        wav.setframerate(clips[0].sample_rate)
        for clip in clips:
            wav.writeframesraw(clip.read())
    lufs = measure(path, true_peak=False, through=through).integrated
    Path(path).unlink(missing_ok=True)
    store.save_value(key, {"lufs": lufs})
    return lufs


def resample(pcm: bytes, rate: int, to: int, workdir: str, name: str) -> bytes:
    """16-bit mono PCM at `rate` resampled to `to`, as ffmpeg does it. The resampler works on
    doubles: given 16-bit samples, SoX's resampler dithers its output with a random seed, and the
    same clip would come out different every time."""
    source, target = Path(workdir) / f"{name}.in.raw", Path(workdir) / f"{name}.out.raw"
    source.write_bytes(pcm)
    run("ffmpeg", ["-hide_banner", "-nostats", "-y", "-f", "s16le", "-ar", str(rate), "-ac", "1",
                   "-i", str(source), "-af", f"aformat=sample_fmts=dbl,aresample={to}:{RESAMPLER}",
                   "-f", "s16le",
                   "-ac", "1", str(target)], "resampling a presenter's speech")
    data = target.read_bytes()
    source.unlink(missing_ok=True)
    target.unlink(missing_ok=True)
    return data


def with_gain(pcm: bytes, gain_db: float) -> bytes:
    """16-bit PCM scaled by `gain_db` (at most 0 here, so nothing clips), rounded to the nearest
    sample value."""
    if gain_db == 0:
        return pcm
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64) * 10 ** (gain_db / 20)
    return np.clip(np.rint(samples), -32768, 32767).astype("<i2").tobytes()


def adjusted(clip: ClipRef, gain_db: float, rate: int, store: ClipStore, workdir: str) -> ClipRef:
    """`clip` at `rate` and `gain_db`, from the store or made and stored now; made again from
    `clip` (itself spoken again if need be) should its file go before it is read."""
    if gain_db == 0 and clip.sample_rate == rate:
        return clip
    key = digest("presenter clip", MATCH_VERSION, clip.path.name, f"{gain_db:.2f}", rate,
                 RESAMPLER)

    def make() -> Clip:
        pcm = clip.read()
        if clip.sample_rate != rate:
            pcm = resample(pcm, clip.sample_rate, rate, workdir, key[:16])
        return Clip(with_gain(pcm, gain_db), rate)

    return replace(store.get(key) or store.put(key, make()), remake=make)


def own_clips(clips: Sequence[ClipRef], voices: Sequence[int]) -> list[list[ClipRef]]:
    """Each presenter's clips, in order."""
    return [[clip for clip, who in zip(clips, voices, strict=True) if who == voice]
            for voice in range(max(voices) + 1)]


def match_voices(speech: CastSpeech, store: ClipStore, workdir: str, jobs: int = 1,
                 extra: Sequence[float] = ()) -> Matched:
    """The presenters' clips at one rate and one loudness (see the module's docstring); `extra`
    turns each presenter down further, in dB (see `Presenters.speak`)."""
    loudness = tuple(voice_loudness(clips, store, workdir) if clips else -math.inf
                     for clips in own_clips(speech.clips, speech.voices))
    softest = min(value for value in loudness if value > -math.inf)
    more = list(extra) or [0.0] * len(loudness)
    gains = tuple(round(softest - value + more[who], 2) if value > -math.inf else 0.0
                  for who, value in enumerate(loudness))
    rate = max(clip.sample_rate for clip in speech.clips)
    with ThreadPoolExecutor(max(1, jobs)) as pool:
        clips = list(pool.map(lambda pair: adjusted(pair[0], gains[pair[1]], rate, store, workdir),
                              zip(speech.clips, speech.voices, strict=True)))
    return Matched(clips, loudness, gains, rate)


def cast_gain(matched: Matched, words: Sequence[int], target: Target, store: ClipStore,
              workdir: str) -> float:
    """The bulletin's starting gain, settled on a spread of both presenters' matched clips (every
    clip of a short bulletin; else about `GAIN_WORDS` words, taken evenly through it)."""
    total = sum(words)
    if total <= 2 * GAIN_WORDS:
        chosen = matched.clips
    else:
        wanted = max(1, round(len(matched.clips) * GAIN_WORDS / total))
        chosen = matched.clips[:: max(1, len(matched.clips) // wanted)]
    return starting_gain(chosen, target, store, workdir)


class Presenters:
    """The speech of two presenters for `build`: each speaks their part at the same rate, then
    their clips are brought to one sample rate and one loudness; false for one voice."""

    def __init__(self, profiles: Sequence[VoiceProfile], speakers: list[Speaker], rate: int,
                 target: Target, workdir: str, jobs: int, progress: Progress | None) -> None:
        self.profiles, self.speakers, self.rate = profiles, speakers, rate
        self.target, self.workdir, self.jobs, self.progress = target, workdir, jobs, progress
        self.spoken = 0
        """Sentences the engines spoke (the rest came from the cache)."""
        self.factors: tuple[float, ...] = ()
        self.gains: tuple[float, ...] = ()
        self.loudness: tuple[float, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.profiles)

    def speak(self, script: Script) -> tuple[list[ClipRef], float, float]:
        """The clips in speaking order, the first presenter's speed factor, the starting gain."""
        speech = speak_cast(script, self.speakers, self.rate, self.progress)
        store = self.speakers[0].store
        words = [sentence.words for _, sentence in script.sentences()]
        matched = match_voices(speech, store, self.workdir, self.jobs)
        gain = cast_gain(matched, words, self.target, store, self.workdir)
        # The limiter takes more from a voice with sharper peaks: measured through it at the
        # bulletin's gain, the less limited voice is turned down to the other.
        ceiling = self.target.true_peak - PEAK_HEADROOM
        extra = [0.0] * len(self.speakers)
        for _ in range(LIMITED_PASSES):
            heard = [voice_loudness(clips, store, self.workdir, limiter(gain, ceiling))
                     for clips in own_clips(matched.clips, speech.voices)]
            if max(heard) - min(heard) <= LIMITED_SPREAD:
                break
            extra = [more + min(heard) - level for more, level in zip(extra, heard, strict=True)]
            matched = match_voices(speech, store, self.workdir, self.jobs, extra)
            gain = cast_gain(matched, words, self.target, store, self.workdir)
        self.spoken, self.factors = speech.spoken, speech.factors
        self.gains, self.loudness = matched.gains, matched.loudness
        return matched.clips, speech.factors[0], gain

    def manifest(self) -> list[dict]:
        """Each presenter for the manifest: who, which voice, its speed and loudness match."""
        return [{"name": p.name, "presenter": presenter_name(p), "engine": p.engine,
                 "engine_version": s.version, "voice": p.voice, "language": p.language,
                 "rate": p.rate, "speed": factor, "loudness_lufs": round(lufs, 2),
                 "gain_db": gain}
                for p, s, factor, lufs, gain in zip(self.profiles, self.speakers, self.factors,
                                                    self.loudness, self.gains, strict=True)]
