"""Loudness: BS.1770 measurement with ffmpeg's `ebur128`, and the filter that reaches a target.

The level is set by a linear gain and a true-peak limiter, never by ffmpeg's `loudnorm` (slow, and
it silently switches to dynamic mode). Targets are met as measured on the final MP3:
encoding moves both the loudness and the true peak a little, so `encode` corrects and re-checks.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from briefing.errors import AudioError
from briefing.ffmpeg import run

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
    r".*?(?:True|Sample) peak:\s+Peak:\s+(?P<tp>-?[\d.]+|-inf) dBFS",
    re.S,
)


def measure(path: str, true_peak: bool = True, through: str | None = None) -> Measurement:
    """Measure a file's integrated loudness and true peak by decoding all of it, after the filter
    chain `through` if given. Without `true_peak` (three times faster) the peak is the sample peak."""
    meter = f"ebur128=peak={'true' if true_peak else 'sample'}:framelog=verbose"
    stderr = run(
        "ffmpeg",
        ["-hide_banner", "-nostats", "-i", path, "-map", "0:a:0",
         "-af", f"{through},{meter}" if through else meter, "-f", "null", "-"],
        "measuring loudness",
    )
    return parse_summary(stderr, path)


#: BS.1770's absolute gate, and its relative gate below the mean of the blocks above it.
ABSOLUTE_GATE, RELATIVE_GATE = -70.0, 10.0


def gated_loudness(blocks: Sequence[float]) -> float | None:
    """Integrated loudness (BS.1770) from the loudness of every 400 ms block (overlapping by
    300 ms, as ebur128 logs them): the two-stage gated mean of their powers; None if all are
    below the absolute gate."""
    values = np.asarray(blocks, dtype=np.float64)
    values = values[values > ABSOLUTE_GATE]
    if values.size == 0:
        return None
    powers = 10 ** ((values + 0.691) / 10)
    relative = -0.691 + 10 * np.log10(powers.mean()) - RELATIVE_GATE
    return float(-0.691 + 10 * np.log10(powers[values > relative].mean()))


def parse_summary(stderr: str, path: str, loud: bool = False) -> Measurement:
    """The measurement in the summary ffmpeg's ebur128 filter prints at the end of its stderr.

    A bulletin or its speech at 0 LUFS or more is taken for a failed measurement (nothing briefing
    makes comes near it). Music is read with `loud`: a float file may lie above full scale and
    measure above 0 LUFS, and it is levelled to the speech whatever it measures."""
    match = _SUMMARY.search(stderr[stderr.rfind("Summary:"):])
    if not match:
        raise AudioError(f"could not read ffmpeg's loudness summary for {path}", stderr=stderr)
    integrated, peak = (float(match[key]) for key in ("i", "tp"))
    if integrated == float("-inf") or (integrated >= 0.0 and not loud):
        raise AudioError(f"{path} is silent: its loudness cannot be measured")
    return Measurement(integrated=integrated, true_peak=peak)


def level_filter(gain_db: float, ceiling_dbtp: float, out_rate: int) -> str:
    """An ffmpeg filter chain: linear gain, resampling to the output rate, then a peak limiter at
    `ceiling_dbtp`.

    The limiter works at the output rate (about twice the engines' own), which catches most peaks
    between the engine's samples; what it misses, and what the MP3 encoder adds, is measured on
    the MP3 and the ceiling lowered to match (see `encode`). Running it at four times the rate
    instead cost a quarter more encoding time for nothing the MP3 check did not already catch.
    `level=false` stops alimiter from re-normalizing its output; `latency=true` removes its
    look-ahead delay so the timeline stays exact.
    """
    return f"volume={gain_db:.3f}dB,aresample={out_rate},{limiter(None, ceiling_dbtp)}"


def limiter(gain_db: float | None, ceiling_dbtp: float) -> str:
    """The peak limiter at `ceiling_dbtp`, after a gain if one is given."""
    limit = max(0.0625, 10 ** (ceiling_dbtp / 20))
    chain = f"alimiter=limit={limit:.5f}:level=false:latency=true:attack=5:release=50"
    return f"volume={gain_db:.3f}dB,{chain}" if gain_db is not None else chain
