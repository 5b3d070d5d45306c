"""Encoding to MP3 at the loudness target, as measured on the MP3 itself.

A 64 kbit/s MP3 comes out a little quieter and with a higher true peak than the PCM it was made
from, so the target is checked on each encoded file: the gain and the limiter's ceiling are
corrected and the file re-encoded until it fits (usually one correction).
"""

import logging
import re
import shlex
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

from .errors import AudioError, QualityError
from .ffmpeg import find_tool
from .levels import DECODE_ARGS, LevelMeter, Levels
from .loudness import EBUR128, Measurement, Target, level_filter, limiter, measure, parse_summary

log = logging.getLogger(__name__)

#: MP3 sample rate: the podcast norm, whatever the engine's own rate.
OUTPUT_RATE = 44100
#: Aim this close to the integrated target before accepting an encode (the preset allows 1 LU).
AIM_LU = 0.5
#: A 64 kbit/s MP3 measures about this much quieter than its PCM: the first pass allows for it.
MP3_LOSS_DB = 0.4
#: First limiter ceiling below the true-peak target, in dB, for the peaks encoding adds.
PEAK_HEADROOM = 1.0
#: Kept between the true-peak target and the MP3's measured peak when the ceiling is corrected.
PEAK_MARGIN = 0.15
MAX_PASSES = 6


@dataclass(frozen=True)
class Encoded:
    """An encode's measurement, and the speech levels heard while the MP3 was written."""

    measurement: Measurement
    levels: Levels


@dataclass(frozen=True)
class EncodeSettings:
    bitrate: str = "64k"
    """libmp3lame constant bitrate, e.g. 64k; speech needs no more in mono."""
    quality: int = 7
    """libmp3lame's algorithm quality, 0 (best, slowest) to 9: 7 encodes speech at 64 kbit/s in
    half the time of the default 3, which was the slowest step of a long build."""


def encode_at_target(
    wav_path: str,
    mp3_path: str,
    target: Target,
    settings: EncodeSettings,
    progress: Callable[[str, int, int], None] | None = None,
) -> Encoded:
    """Encode `wav_path` to `mp3_path` so the MP3 meets `target`; return its measurement and the
    speech levels heard in it.

    The gain is first settled on the PCM alone (`_settle_gain`: a pass of gain, limiter and meter
    costs a fifth of an encode), so the first encode usually meets the target; what is left (the
    encoder's own shift, peaks the limiter missed) is corrected from the MP3's measurement. Every
    step depends only on the audio, so the same audio always gives the same MP3.
    """
    ceiling = target.true_peak - PEAK_HEADROOM
    gain = _settle_gain(wav_path, target.integrated + MP3_LOSS_DB, ceiling)
    # Loudness gained per dB of gain: 1 without limiting, less as the limiter takes more peaks.
    # Learned from two passes at the same ceiling (a new ceiling changes the limiter's bite).
    slope, previous = 1.0, None
    # The pass closest to the target loudness among those that meet the preset's tolerance.
    best: tuple[float, float, float, Measurement] | None = None
    for attempt in range(1, MAX_PASSES + 1):
        encoded = _encode_pass(wav_path, mp3_path, gain, ceiling, settings)
        result = encoded.measurement
        log.debug("pass %d: gain %.2f dB, ceiling %.2f dBTP -> %.2f LUFS, %.2f dBTP",
                  attempt, gain, ceiling, result.integrated, result.true_peak)
        if progress:
            progress("normalize", attempt, MAX_PASSES)
        miss = abs(result.integrated - target.integrated)
        peak_ok = result.true_peak <= target.true_peak
        if miss <= AIM_LU and peak_ok:
            return encoded
        if result.meets(target) and (best is None or miss < best[0]):
            best = (miss, gain, ceiling, result)
        slope = _slope(previous, gain, result.integrated, slope)
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
            encoded = _encode_pass(wav_path, mp3_path, gain, ceiling, settings)
            result = encoded.measurement
        if result.meets(target):
            return encoded
    raise QualityError(
        f"could not bring the audio to {target.integrated:.0f} LUFS / {target.true_peak:.0f} dBTP "
        f"(reached {result.integrated:.1f} LUFS, {result.true_peak:.1f} dBTP)"
    )


#: Settling the gain on the PCM stops this close to its aim, or after this many passes.
SETTLE_LU, SETTLE_PASSES = 0.15, 3
#: What the limiter takes is learned on this many seconds from the start: it depends on the
#: voice, not the length (the same to 0.1 LU on 5 minutes as on 52 of espeak-ng), and each pass
#: over 52 minutes cost 1.9 s.
SETTLE_SECONDS = 300.0


def _slope(previous: tuple[float, float] | None, gain: float, level: float, fallback: float) -> float:
    """Loudness gained per dB of gain, from the previous (gain, level) and this one: 1 without
    limiting, less as the limiter takes more peaks; `fallback` without two distinct points."""
    if previous is None or abs(gain - previous[0]) <= 0.05:
        return fallback
    return min(1.0, max(0.2, (level - previous[1]) / (gain - previous[0])))


def _settle_gain(wav_path: str, aim: float, ceiling: float) -> float:
    """The gain that brings the PCM, through the limiter at `ceiling`, to `aim` LUFS.

    A limiter takes loudness with the peaks it cuts (about 1 LU for espeak-ng's peaky speech), so
    the gain is found by measuring: the linear guess, then secant steps, on the first
    `SETTLE_SECONDS` (aiming where the whole would land: the start's own level may differ).
    """
    raw = measure(wav_path, true_peak=False).integrated
    start = measure(wav_path, true_peak=False, seconds=SETTLE_SECONDS).integrated
    gain = aim - raw
    aim += start - raw
    previous: tuple[float, float] | None = None
    for _ in range(SETTLE_PASSES):
        level = measure(wav_path, true_peak=False, through=limiter(gain, ceiling),
                        seconds=SETTLE_SECONDS).integrated
        if abs(level - aim) <= SETTLE_LU:
            break
        slope = _slope(previous, gain, level, 1.0)
        previous = (gain, level)
        gain += (aim - level) / slope
    return gain


def _encode_pass(wav_path: str, mp3_path: str, gain: float, ceiling: float,
                 settings: EncodeSettings) -> "Encoded":
    """Encode once with this gain and limiter ceiling, and measure the MP3 while it is made.

    ffmpeg's tee muxer writes the file (seekable, so it gets its Xing/LAME header) and streams the
    same MP3 frames to a second ffmpeg that measures them and decodes them for the quality
    check's speech levels: the two run side by side, where measuring and checking the finished
    file afterwards added most of an encode's time.
    """
    encoder = [
        find_tool("ffmpeg"), "-hide_banner", "-nostats", "-v", "error", "-y", "-i", wav_path,
        "-af", level_filter(gain, ceiling, OUTPUT_RATE), "-ac", "1",
        "-c:a", "libmp3lame", "-b:a", settings.bitrate,
        "-compression_level", str(settings.quality), "-map", "0:a", "-map_metadata", "-1",
        "-f", "tee", f"[f=mp3:write_xing=1:id3v2_version=0]{_tee_escape(mp3_path)}|"
                     "[f=mp3:id3v2_version=0]pipe:1",
    ]
    meter = [find_tool("ffmpeg"), "-hide_banner", "-nostats", "-xerror", "-f", "mp3", "-i", "pipe:0",
             "-map", "0:a:0", "-af", EBUR128, "-f", "null", "-", *DECODE_ARGS, "pipe:1"]
    log.debug("%s | %s", shlex.join(encoder), shlex.join(meter))
    levels = LevelMeter()
    with tempfile.TemporaryFile() as encoder_errors, tempfile.TemporaryFile() as meter_errors:
        encoding = subprocess.Popen(encoder, stdout=subprocess.PIPE, stderr=encoder_errors)
        metering = subprocess.Popen(meter, stdin=encoding.stdout, stdout=subprocess.PIPE,
                                    stderr=meter_errors)
        assert encoding.stdout is not None and metering.stdout is not None
        encoding.stdout.close()  # the meter holds the pipe now
        levels.drain(metering.stdout)
        metering.stdout.close()
        metered = metering.wait()
        encoded = encoding.wait()
        encoder_errors.seek(0)
        complaint = encoder_errors.read().decode("utf-8", "replace").strip()
        meter_errors.seek(0)
        report = meter_errors.read().decode("utf-8", "replace")
    if encoded != 0:
        last = complaint.splitlines()[-1] if complaint else f"exit code {encoded}"
        raise AudioError(f"ffmpeg failed while encoding the MP3: {last}", encoder, complaint)
    if metered != 0:
        raise AudioError("ffmpeg failed while measuring the MP3", meter, report)
    decoder = [line for line in report.splitlines() if _DECODER_COMPLAINT.match(line)]
    return Encoded(parse_summary(report, mp3_path), levels.result(decoder[0] if decoder else None))


#: A line of the MP3 decoder's own complaints in ffmpeg's log.
_DECODER_COMPLAINT = re.compile(r"\[mp3\w* @ 0x[0-9a-f]+\]")


def _tee_escape(path: str) -> str:
    """A path as the tee muxer's list needs it: its special characters escaped."""
    return "".join(f"\\{ch}" if ch in "[]|:\\" else ch for ch in path)
