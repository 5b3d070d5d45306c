"""Encoding to MP3 at the loudness target, as measured on the MP3 itself.

A 64 kbit/s MP3 comes out a little quieter and with a higher true peak than the PCM it was made
from, so the target is checked on each encoded file: the gain and the limiter's ceiling are
corrected and the file re-encoded until it fits (usually one correction).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from .errors import QualityError
from .ffmpeg import run
from .loudness import Measurement, Target, level_filter, measure

log = logging.getLogger(__name__)

#: MP3 sample rate: the podcast norm, whatever the engine's own rate.
OUTPUT_RATE = 44100
#: Aim this close to the integrated target before accepting an encode.
AIM_LU = 0.3
#: First limiter ceiling below the true-peak target, in dB, for the peaks encoding adds.
PEAK_HEADROOM = 1.0
#: Kept between the true-peak target and the MP3's measured peak when the ceiling is corrected.
PEAK_MARGIN = 0.15
MAX_PASSES = 6


@dataclass(frozen=True)
class EncodeSettings:
    bitrate: str = "64k"
    """libmp3lame constant bitrate, e.g. 64k; speech needs no more in mono."""


def encode_at_target(
    wav_path: str,
    mp3_path: str,
    source_rate: int,
    target: Target,
    settings: EncodeSettings,
    progress: Callable[[str, int, int], None] | None = None,
) -> Measurement:
    """Encode `wav_path` to `mp3_path` so the MP3 meets `target`; return its measurement."""
    raw = measure(wav_path)
    gain = target.integrated - raw.integrated
    ceiling = target.true_peak - PEAK_HEADROOM
    result = raw
    # Loudness gained per dB of gain: 1 without limiting, less as the limiter takes more peaks.
    # Learned from two passes at the same ceiling (a new ceiling changes the limiter's bite).
    slope, previous = 1.0, None
    # The pass closest to the target loudness among those that meet the preset's tolerance.
    best: tuple[float, float, float, Measurement] | None = None
    for attempt in range(1, MAX_PASSES + 1):
        result = _encode_pass(wav_path, mp3_path, gain, ceiling, source_rate, settings)
        log.debug("pass %d: gain %.2f dB, ceiling %.2f dBTP -> %.2f LUFS, %.2f dBTP",
                  attempt, gain, ceiling, result.integrated, result.true_peak)
        if progress:
            progress("normalize", attempt, MAX_PASSES)
        miss = abs(result.integrated - target.integrated)
        peak_ok = result.true_peak <= target.true_peak
        if miss <= AIM_LU and peak_ok:
            return result
        if result.meets(target) and (best is None or miss < best[0]):
            best = (miss, gain, ceiling, result)
        if previous is not None and abs(gain - previous[0]) > 0.05:
            slope = min(1.0, max(0.2, (result.integrated - previous[1]) / (gain - previous[0])))
        previous = (gain, result.integrated)
        gain += (target.integrated - result.integrated) / slope
        if not peak_ok:
            # The encoder overshoots the limiter by about the same amount each time: move the
            # ceiling down by what it overshot, and expect the lower ceiling to cost loudness.
            overshoot = result.true_peak - ceiling
            lower = target.true_peak - overshoot - PEAK_MARGIN
            gain += (ceiling - lower) * 0.5
            ceiling, previous = lower, None
    if best is not None:
        _, gain, ceiling, expected = best
        if result != expected:
            result = _encode_pass(wav_path, mp3_path, gain, ceiling, source_rate, settings)
        if result.meets(target):
            return result
    raise QualityError(
        f"could not bring the audio to {target.integrated:.0f} LUFS / {target.true_peak:.0f} dBTP "
        f"(reached {result.integrated:.1f} LUFS, {result.true_peak:.1f} dBTP)"
    )


def _encode_pass(wav_path: str, mp3_path: str, gain: float, ceiling: float, source_rate: int,
                 settings: EncodeSettings) -> Measurement:
    """Encode once with this gain and limiter ceiling; measure the MP3."""
    run(
        "ffmpeg",
        ["-hide_banner", "-nostats", "-y", "-i", wav_path,
         "-af", level_filter(gain, ceiling, source_rate, OUTPUT_RATE), "-ac", "1",
         "-c:a", "libmp3lame", "-b:a", settings.bitrate, "-map_metadata", "-1",
         "-id3v2_version", "0", "-write_xing", "1", "-f", "mp3", mp3_path],
        "encoding the MP3",
    )
    return measure(mp3_path)
