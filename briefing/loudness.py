"""Loudness: BS.1770 measurement with ffmpeg's `ebur128`, and the filter that reaches a target.

The level is set by a linear gain and a true-peak limiter, never by ffmpeg's `loudnorm` (slow, and
it silently switches to dynamic mode). The limiter runs at four times the sample rate, so it catches
the peaks between samples that true-peak meters see. Targets are met as measured on the final MP3:
encoding moves both the loudness and the true peak a little, so `encode` corrects and re-checks.
"""

import re
from dataclasses import dataclass

from .errors import AudioError
from .ffmpeg import run

#: Integrated loudness must land within this many LU of the target.
TOLERANCE_LU = 1.0


@dataclass(frozen=True)
class Target:
    """A loudness standard."""

    name: str
    integrated: float
    """Integrated loudness in LUFS."""
    true_peak: float
    """Highest true peak allowed, in dBTP."""


PRESETS = {
    "podcast": Target("podcast", -16.0, -1.0),
    "alexa": Target("alexa", -14.0, -2.0),
    "ebu": Target("ebu", -23.0, -1.0),
}


@dataclass(frozen=True)
class Measurement:
    integrated: float
    """Integrated loudness, LUFS (BS.1770 gated)."""
    true_peak: float
    """True peak, dBTP."""

    def meets(self, target: Target) -> bool:
        return (abs(self.integrated - target.integrated) <= TOLERANCE_LU
                and self.true_peak <= target.true_peak)


_SUMMARY = re.compile(
    r"Integrated loudness:\s+I:\s+(?P<i>-?[\d.]+|-inf) LUFS"
    r".*?True peak:\s+Peak:\s+(?P<tp>-?[\d.]+|-inf) dBFS",
    re.S,
)


def measure(path: str) -> Measurement:
    """Measure a file's integrated loudness and true peak by decoding all of it."""
    stderr = run(
        "ffmpeg",
        ["-hide_banner", "-nostats", "-i", path, "-map", "0:a:0",
         "-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-"],
        "measuring loudness",
    )
    match = _SUMMARY.search(stderr[stderr.rfind("Summary:"):])
    if not match:
        raise AudioError(f"could not read ffmpeg's loudness summary for {path}", stderr=stderr)
    integrated, peak = (float(match[key]) for key in ("i", "tp"))
    if integrated == float("-inf") or integrated >= 0.0:
        raise AudioError(f"{path} is silent: its loudness cannot be measured")
    return Measurement(integrated=integrated, true_peak=peak)


def level_filter(gain_db: float, ceiling_dbtp: float, sample_rate: int, out_rate: int) -> str:
    """An ffmpeg filter chain: linear gain, then a 4x-oversampled peak limiter at `ceiling_dbtp`.

    `level=false` stops alimiter from re-normalizing its output; `latency=true` removes its
    look-ahead delay so the timeline stays exact.
    """
    limit = max(0.0625, 10 ** (ceiling_dbtp / 20))
    return (
        f"volume={gain_db:.3f}dB,aresample={sample_rate * 4},"
        f"alimiter=limit={limit:.5f}:level=false:latency=true:attack=5:release=50,"
        f"aresample={out_rate}"
    )
