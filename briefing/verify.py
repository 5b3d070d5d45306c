"""Checks on a finished MP3 before it is put in place: it decodes, its length fits the words, and
its chapters are all there. Loudness is checked where it is measured, in `encode`."""

from .assembly import Timeline
from .errors import QualityError
from .ffmpeg import probe

#: The MP3 may differ from the assembled timeline by encoder padding, not more.
DURATION_SLACK = 0.25
#: Heard speaking rates outside this range mean missing or runaway audio.
MIN_WPM, MAX_WPM = 60, 400


def verify_mp3(path: str, timeline: Timeline, words: int) -> float:
    """Return the MP3's duration, or raise `QualityError` saying what is wrong with it."""
    info = probe(path, "format=duration:chapter=start_time")
    try:
        duration = float(info["format"]["duration"])
    except (KeyError, ValueError):
        raise QualityError(f"{path}: the encoded file does not decode") from None
    chapters = len(info.get("chapters", []))
    if abs(duration - timeline.duration) > DURATION_SLACK:
        raise QualityError(
            f"{path}: lasts {duration:.2f} s but the assembled audio lasts {timeline.duration:.2f} s"
        )
    wpm = words / (timeline.speech_seconds / 60) if timeline.speech_seconds else 0
    if not MIN_WPM <= wpm <= MAX_WPM:
        raise QualityError(f"{path}: {words} words in {timeline.speech_seconds:.1f} s of speech "
                           f"({wpm:.0f} words a minute) means audio is missing or runaway")
    if chapters != len(timeline.chapters):
        raise QualityError(f"{path}: has {chapters} chapters, expected {len(timeline.chapters)}")
    return duration
