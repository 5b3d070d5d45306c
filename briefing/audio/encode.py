"""Encoding to MP3 at the loudness target, part by part, as measured on the MP3 itself.

The bulletin is encoded in parts (see `parts`) that are joined frame to frame: parts run side by
side, and a part already encoded with the same audio, gain and settings comes from the store. Each
part is measured while it is written (a second ffmpeg decodes the same frames: BS.1770 block
loudness, true peak, and the speech levels the quality check uses), and the whole bulletin's
integrated loudness is gated from all the parts' blocks, exactly as a meter would over the file.

The first gain is settled on a sample of the bulletin's own clips through the limiter (cheap, and
the same for the same clips); a 64 kbit/s MP3 comes out a little quieter and with a higher true
peak than its PCM, so if the joined measurement misses, the gain and the limiter's ceiling are
corrected and the parts encoded again. Every step depends only on the audio, so the same audio
always gives the same MP3, whether built cold, from the store, in parallel or on a cluster.
"""

import contextlib
import logging
import threading
import wave
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from briefing.audio.assembly import layout
from briefing.audio.levels import CHECK_RATE, FRAME, Levels
from briefing.audio.loudness import Measurement, Target, gated_loudness, limiter, measure
from briefing.audio.mp3 import OUTPUT_RATE, EncodeSettings, encode_part
from briefing.audio.music import MusicChoice, Soundtrack
from briefing.audio.parts import FRAME_SAMPLES, Part, part_key, plan_parts
from briefing.errors import AudioError, QualityError
from briefing.progress import Progress
from briefing.script.compose import Script
from briefing.speech.cache import ClipRef, ClipStore, digest
from briefing.speech.engines.base import SAMPLE_WIDTH
from briefing.speech.speaker import Speaker
from briefing.speech.synthesis import calibration_sample

log = logging.getLogger(__name__)

#: Aim this close to the integrated target before accepting an encode (the preset allows 1 LU).
AIM_LU = 0.5
#: A 64 kbit/s MP3 measures about this much quieter than its PCM: the first pass allows for it.
MP3_LOSS_DB = 0.4
#: First limiter ceiling below the true-peak target, in dB, for the peaks encoding adds.
PEAK_HEADROOM = 1.5
#: Kept between the true-peak target and the MP3's measured peak when the ceiling is corrected.
PEAK_MARGIN = 0.15
MAX_PASSES = 6
#: Words of the bulletin (a spread chosen by hash, as for the pace) the first gain is settled on:
#: about two minutes, spoken before the rest so the first parts can be encoded while it is spoken.
GAIN_WORDS = 320


@dataclass(frozen=True)
class Encoded:
    """The joined MP3's measurement, the speech levels heard in it, and its parts' MP3 frames."""

    measurement: Measurement
    levels: Levels
    frames: list[int]
    reused: int
    """Parts that came from the store."""


def starting_gain(chosen: Sequence[ClipRef], target: Target, store: ClipStore, workdir: str) -> float:
    """The gain settled on a sample of the bulletin's clips (through the limiter, aiming at the
    target plus what the MP3 loses); remembered in the store for that sample."""
    ceiling = target.true_peak - PEAK_HEADROOM
    key = digest("gain", [clip.path.name for clip in chosen], target.integrated, ceiling,
                 MP3_LOSS_DB)
    known = store.load_value(key)
    if known and isinstance(known.get("gain"), float):
        return known["gain"]
    path = str(Path(workdir) / "gain-sample.wav")
    with contextlib.closing(wave.open(path, "wb")) as wav:
        wav.setnchannels(1)
        wav.setsampwidth(SAMPLE_WIDTH)
        wav.setframerate(chosen[0].sample_rate)
        gap = b"\x00" * SAMPLE_WIDTH * (chosen[0].sample_rate // 4)
        for clip in chosen:
            wav.writeframesraw(clip.read() + gap)
    gain = round(_settle_gain(path, target.integrated + MP3_LOSS_DB, ceiling), 2)
    Path(path).unlink(missing_ok=True)
    store.save_value(key, {"gain": gain})
    return gain


def soundtrack(choice: MusicChoice, target: Target, gain: float) -> Soundtrack | None:
    """The music asked for, levelled against the speech as the starting `gain` hears it (the gain
    brings the speech to the target plus what the MP3 loses), or None without music."""
    if not choice.chosen():
        return None
    return Soundtrack(choice, target.integrated + MP3_LOSS_DB - gain)


def bulletin_gain(script: Script, speaker: Speaker, factor: float, target: Target,
                  workdir: str) -> float:
    """The first gain, settled on a spread of the script's own sentences (spoken first, at the
    bulletin's speed: they are its clips)."""
    everything = [sentence for _, sentence in script.sentences()]
    short = script.word_count <= 2 * GAIN_WORDS
    sample = speaker.speak(everything if short else calibration_sample(script, GAIN_WORDS), factor)
    return starting_gain(sample, target, speaker.store, workdir)


def encode_parts(
    parts: list[Part],
    mp3_path: str,
    target: Target,
    settings: EncodeSettings,
    store: ClipStore,
    gain: float,
    jobs: int = 1,
    progress: Progress | None = None,
    fresh: set[str] | None = None,
) -> Encoded:
    """Encode `parts` at `gain` (corrected until the joined MP3 meets `target`) and join them
    into `mp3_path`; return the joined file's measurement, levels and part frame counts. `fresh`
    holds the keys of parts this build already encoded (not counted as reused)."""
    ceiling = target.true_peak - PEAK_HEADROOM
    # Loudness gained per dB of gain: 1 without limiting, less as the limiter takes more peaks.
    # Learned from two passes at the same ceiling (a new ceiling changes the limiter's bite).
    slope, previous = 1.0, None
    # The pass closest to the target loudness among those that meet the preset's tolerance.
    best: tuple[float, float, float] | None = None
    chosen: tuple[float, float] | None = None
    for attempt in range(1, MAX_PASSES + 1):
        metas = _encode_all(parts, gain, ceiling, settings, store, jobs, progress)
        result = _joined(metas)
        log.debug("pass %d: gain %.2f dB, ceiling %.2f dBTP -> %.2f LUFS, %.2f dBTP (%d parts)",
                  attempt, gain, ceiling, result.integrated, result.true_peak, len(parts))
        miss = abs(result.integrated - target.integrated)
        peak_ok = result.true_peak <= target.true_peak
        if miss <= AIM_LU and peak_ok:
            chosen = (gain, ceiling)
            break
        if result.meets(target) and (best is None or miss < best[0]):
            best = (miss, gain, ceiling)
        slope = _slope(previous, gain, result.integrated, slope)
        previous = (gain, result.integrated)
        gain = round(gain + (target.integrated - result.integrated) / slope, 2)
        if not peak_ok:
            # The encoder overshoots the limiter by about the same amount each time: move the
            # ceiling down by what it overshot, and expect the lower ceiling to cost loudness.
            overshoot = result.true_peak - ceiling
            lower = target.true_peak - overshoot - PEAK_MARGIN
            gain = round(gain + (ceiling - lower) * 0.5, 2)
            ceiling, previous = lower, None
    if chosen is None:
        if best is None:
            raise QualityError(
                f"could not bring the audio to {target.integrated:.0f} LUFS / "
                f"{target.true_peak:.0f} dBTP (reached {result.integrated:.1f} LUFS, "
                f"{result.true_peak:.1f} dBTP)")
        chosen = best[1:]
        metas = _encode_all(parts, *chosen, settings, store, jobs, progress)  # from the store
        result = _joined(metas)
    with open(mp3_path, "wb") as out:
        for key, _ in metas:
            stored = store.get_part(key)
            if stored is None:
                raise AudioError("an encoded part vanished from the store while it was joined")
            out.write(stored.mp3)
    frames = [meta["frames"] for _, meta in metas]
    return Encoded(result, _joined_levels(metas), frames,
                   sum(meta.get("reused", False) and key not in (fresh or ()) for key, meta in metas))


def _encode_all(parts: list[Part], gain: float, ceiling: float, settings: EncodeSettings,
                store: ClipStore, jobs: int, progress: Progress | None) -> list[tuple[str, dict]]:
    """Every part's store key and metadata, encoding those the store does not have, `jobs` at a
    time (each encode is two ffmpeg processes side by side)."""
    keys = [_key(part, gain, ceiling, settings) for part in parts]
    metas: list[dict | None] = []
    for key in keys:
        stored = store.get_part(key)
        metas.append(stored.meta | {"reused": True} if stored else None)
    todo = [index for index, meta in enumerate(metas) if meta is None]
    done = len(parts) - len(todo)
    if progress:
        progress("encode", done, len(parts))
    lock = threading.Lock()

    def one(index: int) -> None:
        nonlocal done
        meta, mp3 = encode_part(parts[index], gain, ceiling, settings)
        store.put_part(keys[index], meta, mp3)
        metas[index] = meta
        with lock:
            done += 1
            if progress:
                progress("encode", done, len(parts))

    if todo:
        pool = ThreadPoolExecutor(max_workers=max(1, jobs))
        futures = [pool.submit(one, index) for index in todo]
        try:
            for future in futures:
                future.result()
        finally:
            _finish(pool, futures, cancel=True)
    done_metas = [meta for meta in metas if meta is not None]
    if len(done_metas) != len(parts):  # a failed encode raised above: this cannot happen
        raise AudioError(f"{len(parts) - len(done_metas)} parts of the bulletin were not encoded")
    return list(zip(keys, done_metas, strict=True))


#: Changes when the meter measures differently, so parts measured the old way are not mixed in.
METER_VERSION = 2


def _key(part: Part, gain: float, ceiling: float, settings: EncodeSettings) -> str:
    return part_key(part, gain, ceiling,
                    asdict(settings) | {"rate": OUTPUT_RATE, "meter": METER_VERSION})


class Prefetch:
    """Encodes the bulletin's first parts while the rest is still being spoken.

    Given to `Speaker.speak` as its `ready` callback: once the clips at the start are known, the
    parts they complete are encoded in the background at the starting gain and put in the store,
    where `encode_parts` then finds them. (Usually that gain is the final one; when it is not, or
    the script changes, the work is only wasted, never wrong: parts are found by their content.)
    A failure here is left for `encode_parts` to meet and report.

    It encodes `jobs` parts at a time, and nothing with `--jobs 1`: one job means one core, so
    the parts are encoded after the speech rather than beside it. (Two at a time made espeak-ng's
    52 minutes 1.7 s faster, but every part encoding holds two ffmpeg processes of 55 MB: peak
    memory rose by a third.)
    """

    #: Lay the beginning out again only when this many more clips are known.
    STEP = 8

    def __init__(self, script: Script, chime: bool, gain: float, target: Target,
                 settings: EncodeSettings, store: ClipStore, jobs: int,
                 music: Soundtrack | None = None) -> None:
        self.script, self.chime, self.gain, self.settings, self.store = script, chime, gain, settings, store
        self.music = music
        self.ceiling = target.true_peak - PEAK_HEADROOM
        self.pool = ThreadPoolExecutor(max_workers=max(1, jobs))
        self.futures: list[Future] = []
        self.known = self.submitted = 0
        self.encoded: set[str] = set()
        """Keys of the parts encoded here."""
        self.enabled = jobs > 1

    def __call__(self, refs: list) -> None:
        if not self.enabled:
            return
        known = next((index for index, ref in enumerate(refs) if ref is None), len(refs))
        if known < self.known + self.STEP:
            return
        self.known = known
        pieces, cuts, _ = layout(self.script, refs[:known], self.chime, self.music)
        parts = plan_parts(pieces, cuts, refs[0].sample_rate)[:-1]  # the last may still grow
        for part in parts[self.submitted:]:
            self.futures.append(self.pool.submit(self._encode, part))
        self.submitted = max(self.submitted, len(parts))

    def _encode(self, part: Part) -> None:
        key = _key(part, self.gain, self.ceiling, self.settings)
        if self.store.get_part(key) is None:
            with contextlib.suppress(Exception):
                self.store.put_part(key, *encode_part(part, self.gain, self.ceiling, self.settings))
                self.encoded.add(key)

    def __enter__(self) -> "Prefetch":
        return self

    def __exit__(self, *exc: object) -> None:
        _finish(self.pool, self.futures, cancel=exc[0] is not None)


def _finish(pool: ThreadPoolExecutor, futures: list[Future], cancel: bool) -> None:
    """Wait for `futures`, dropping those not started when `cancel`, then stop `pool`.
    Interrupted while waiting (Ctrl-C, SIGTERM), it still waits for the running ones and drops
    the rest: they read clips from the build's temporary folder, removed once this returns. It
    waits on the futures, not the threads: a `Thread.join` that was interrupted wrongly counts
    the thread as ended (Python 3.11), so a second join returns at once."""
    try:
        if cancel:
            for future in futures:
                future.cancel()
        wait(futures)
    except BaseException:
        for future in futures:
            future.cancel()
        wait(futures)
        raise
    finally:
        pool.shutdown(wait=False)


def _joined(metas: list[tuple[str, dict]]) -> Measurement:
    """The joined MP3's integrated loudness, gated over all the parts' blocks, and true peak."""
    blocks = [block for _, meta in metas for block in meta["blocks"]]
    integrated = gated_loudness(blocks)
    if integrated is None:
        raise AudioError("the bulletin is silent: its loudness cannot be measured")
    return Measurement(integrated=integrated, true_peak=max(meta["true_peak"] for _, meta in metas))


def _joined_levels(metas: list[tuple[str, dict]]) -> Levels:
    """The parts' speech levels placed where each part begins in the joined MP3."""
    per_second = CHECK_RATE / FRAME
    total_samples = sum(meta["frames"] for _, meta in metas) * FRAME_SAMPLES
    frames = np.full(round(total_samples / OUTPUT_RATE * per_second), -120.0, dtype=np.float32)
    position, errors = 0, []
    for _, meta in metas:
        start = round(position / OUTPUT_RATE * per_second)
        levels = np.asarray(meta["levels"], dtype=np.float32)[: max(0, frames.size - start)]
        frames[start:start + levels.size] = levels
        position += meta["frames"] * FRAME_SAMPLES
        if meta.get("error"):
            errors.append(meta["error"])
    return Levels(frames, total_samples / OUTPUT_RATE, errors[0] if errors else None)


#: Settling the gain on the PCM stops this close to its aim, or after this many passes.
SETTLE_LU, SETTLE_PASSES = 0.15, 3


def _slope(previous: tuple[float, float] | None, gain: float, level: float, fallback: float) -> float:
    """Loudness gained per dB of gain, from the previous (gain, level) and this one: 1 without
    limiting, less as the limiter takes more peaks; `fallback` without two distinct points."""
    if previous is None or abs(gain - previous[0]) <= 0.05:
        return fallback
    return min(1.0, max(0.2, (level - previous[1]) / (gain - previous[0])))


def _settle_gain(wav_path: str, aim: float, ceiling: float) -> float:
    """The gain that brings the PCM, through the limiter at `ceiling`, to `aim` LUFS.

    A limiter takes loudness with the peaks it cuts (about 1 LU for espeak-ng's peaky speech), so
    the gain is found by measuring: the linear guess, then secant steps.
    """
    gain = aim - measure(wav_path, true_peak=False).integrated
    previous: tuple[float, float] | None = None
    for _ in range(SETTLE_PASSES):
        level = measure(wav_path, true_peak=False, through=limiter(gain, ceiling)).integrated
        if abs(level - aim) <= SETTLE_LU:
            break
        slope = _slope(previous, gain, level, 1.0)
        previous = (gain, level)
        gain += (aim - level) / slope
    return gain
