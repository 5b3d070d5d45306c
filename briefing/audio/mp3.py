"""One part of a bulletin through ffmpeg to MP3, measured while it is written; and MP3 frames.

`encode` decides what to encode at which gain; this module runs the encoder and its meter for one
part and walks the frames it wrote (parts are joined frame to frame, so their count places every
part on the joined timeline).
"""

import contextlib
import re
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from briefing import ffmpeg
from briefing.atomic import Scratch
from briefing.audio.levels import CHECK_RATE, LevelMeter
from briefing.audio.loudness import level_filter
from briefing.audio.parts import Part
from briefing.errors import AudioError, BriefingError

#: MP3 sample rate: the podcast norm, whatever the engine's own rate.
OUTPUT_RATE = 44100


#: The constant bitrates offered for a bulletin (mono speech): `--bitrate` and a daily show's `bitrate`.
BITRATES = ("32k", "48k", "64k", "96k", "128k", "160k", "192k")


@dataclass(frozen=True)
class EncodeSettings:
    bitrate: str = "64k"
    """libmp3lame constant bitrate, e.g. 64k; speech needs no more in mono."""
    quality: int = 7
    """libmp3lame's algorithm quality, 0 (best, slowest) to 9: 7 encodes speech at 64 kbit/s in
    half the time of the default 3, which was the slowest step of a long build."""


def encode_part(part: Part, gain: float, ceiling: float, settings: EncodeSettings
                 ) -> tuple[dict, bytes]:
    """Encode one part and measure it while it is written; return its metadata and MP3 frames.

    ffmpeg's tee muxer writes the MP3 (no Xing or ID3 header: parts are joined frame to frame)
    and streams the same frames to a second ffmpeg that logs BS.1770 block loudness every 100 ms
    and the true peak, and decodes them to 8 kHz for the speech levels.
    """
    with Scratch("briefing-part-") as folder:
        mp3_file = str(Path(folder) / "part.mp3")
        muxer = "f=mp3:write_xing=0:id3v2_version=0"
        encoder = [
            "-hide_banner", "-nostats", "-v", "error", "-f", "s16le",
            "-ar", str(part.sample_rate), "-ac", "1", "-i", "pipe:0",
            "-af", level_filter(gain, ceiling, OUTPUT_RATE), "-ac", "1",
            "-c:a", "libmp3lame", "-b:a", settings.bitrate,
            "-compression_level", str(settings.quality), "-map", "0:a", "-map_metadata", "-1",
            "-f", "tee", f"[{muxer}]{_tee_escape(mp3_file)}|[{muxer}]pipe:1",
        ]
        meter = ["-hide_banner", "-nostats", "-f", "mp3", "-i", "pipe:0",
                 "-filter_complex", _METER_GRAPH, "-map", "[levels]", "-ac", "1", "-f", "s16le",
                 "pipe:1"]
        levels = LevelMeter()
        with ffmpeg.start("ffmpeg", encoder, stdin=subprocess.PIPE, stdout=subprocess.PIPE) \
                as encoding, ffmpeg.start("ffmpeg", meter, stdin=encoding.stdout,
                          stdout=subprocess.PIPE) as metering:
            encoding.stdout.close()  # the meter holds the pipe now
            unread: list[OSError | BriefingError] = []
            feeder = threading.Thread(target=_feed, args=(encoding.stdin, part, unread), daemon=True)
            feeder.start()
            levels.drain(metering.stdout)
            metering.stdout.close()
            feeder.join()
            metered, encoded = metering.wait(), encoding.wait()
            complaint = encoding.report().strip()
            report = metering.report()
        if unread:
            problem = unread[0]
            if isinstance(problem, BriefingError):  # a clip spoken again (see ClipRef) failed
                raise problem
            where = f"{problem.filename}: " if problem.filename else ""
            raise AudioError(f"a spoken clip could not be read while encoding ({where}"
                             f"{problem.strerror or problem}); was the cache cleared during the "
                             "build? Build again")
        if encoded != 0:
            last = complaint.splitlines()[-1] if complaint else f"exit code {encoded}"
            raise AudioError(f"ffmpeg failed while encoding the MP3: {last}", encoding.command,
                             complaint)
        if metered != 0:
            raise AudioError("ffmpeg failed while measuring the MP3", metering.command, report)
        mp3 = Path(mp3_file).read_bytes()
    peak = _TRUE_PEAK.search(report)
    if peak is None:
        raise AudioError("could not read ffmpeg's loudness summary for an encoded part", stderr=report)
    decoder = [line for line in report.splitlines() if _DECODER_COMPLAINT.match(line)]
    heard = levels.result(decoder[0] if decoder else None)
    meta = {
        "frames": count_frames(mp3),
        "blocks": [float(value) for value in _BLOCK.findall(report)],
        "true_peak": float(peak[1]),
        "levels": [round(float(level), 1) for level in heard.frames],
        "error": heard.error,
    }
    return meta, mp3


def _feed(stream: IO[bytes], part: Part, unread: list[OSError | BriefingError]) -> None:
    """Write the part's PCM into the encoder, a piece at a time (run in a thread). The encoder's
    input is closed however this ends: a clip that cannot be read, or whose removed file could not
    be spoken again (put in `unread`), would otherwise leave the encoder, and the build, waiting
    for the rest for ever."""
    try:
        with contextlib.suppress(BrokenPipeError):
            for pcm in part.pcm():
                stream.write(pcm)
    except (OSError, BriefingError) as exc:
        unread.append(exc)
    finally:
        with contextlib.suppress(BrokenPipeError):
            stream.close()


#: The meter's filters over the decoded MP3: BS.1770 block loudness (ebur128's log), the true peak
#: (the largest sample after 4x oversampling, as BS.1770 defines it), and the 8 kHz stream the
#: speech levels are taken from. ebur128's own true peak oversamples to 192 kHz with a 32-tap
#: resampler and was a third of the meter's CPU; 4x with 16 taps reads the same peaks within
#: 0.001 dB on hibari, Piper and espeak-ng bulletins (8 taps under-read hibari's by 0.13 dB).
_METER_GRAPH = (
    "[0:a:0]asplit=3[loudness][peak][speech];"
    "[loudness]ebur128=framelog=info,anullsink;"
    f"[peak]aresample={4 * OUTPUT_RATE}:filter_size=16,"
    "astats=measure_perchannel=none:measure_overall=Peak_level,anullsink;"
    f"[speech]aresample={CHECK_RATE}[levels]"
)
#: In the meter's log: a block's momentary loudness (400 ms, every 100 ms); the oversampled peak.
_BLOCK = re.compile(r"\bM:\s*(-?[\d.]+|-inf)")
_TRUE_PEAK = re.compile(r"Peak level dB:\s*(-?[\d.]+|-inf)")
#: A line of the MP3 decoder's own complaints in ffmpeg's log.
_DECODER_COMPLAINT = re.compile(r"\[mp3\w* @ 0x[0-9a-f]+\]")
#: MPEG-1 Layer III bitrates (kbit/s) by header index, and sample rates by index.
_BITRATES = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
_RATES = (44100, 48000, 32000)


def count_frames(mp3: bytes) -> int:
    """The number of MPEG-1 Layer III frames in `mp3`, walking their headers."""
    count, position = 0, 0
    while position + 4 <= len(mp3):
        header = int.from_bytes(mp3[position:position + 4], "big")
        if header >> 21 != 0x7FF or (header >> 17) & 0xF != 0b1101:
            raise AudioError(f"the encoder wrote something other than MP3 frames at byte {position}")
        bitrate = _BITRATES[(header >> 12) & 0xF] * 1000
        rate = _RATES[(header >> 10) & 0x3]
        position += 144 * bitrate // rate + ((header >> 9) & 1)
        count += 1
    return count


def _tee_escape(path: str) -> str:
    """A path as the tee muxer's list needs it: its special characters escaped."""
    return "".join(f"\\{ch}" if ch in "[]|:\\" else ch for ch in path)
