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
    for attempt in range(1, MAX_PASSES + 1):
        chain = level_filter(gain, ceiling, source_rate, OUTPUT_RATE)
        run(
            "ffmpeg",
            ["-hide_banner", "-nostats", "-y", "-i", wav_path, "-af", chain, "-ac", "1",
             "-c:a", "libmp3lame", "-b:a", settings.bitrate, "-map_metadata", "-1",
             "-id3v2_version", "0", "-write_xing", "1", "-f", "mp3", mp3_path],
            "encoding the MP3",
        )
        result = measure(mp3_path)
        log.debug("pass %d: gain %.2f dB, ceiling %.2f dBTP -> %.2f LUFS, %.2f dBTP",
                  attempt, gain, ceiling, result.integrated, result.true_peak)
        if progress:
            progress("normalize", attempt, MAX_PASSES)
        loud_ok = abs(result.integrated - target.integrated) <= AIM_LU
        peak_ok = result.true_peak <= target.true_peak
        if loud_ok and peak_ok:
            return result
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
    if result.meets(target):
        return result
    raise QualityError(
        f"could not bring the audio to {target.integrated:.0f} LUFS / {target.true_peak:.0f} dBTP "
        f"(reached {result.integrated:.1f} LUFS, {result.true_peak:.1f} dBTP)"
    )
