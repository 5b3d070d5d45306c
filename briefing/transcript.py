"""Timed transcripts: one cue per sentence, at the sentence's place in the assembled audio."""

from .assembly import Timeline


def timestamp(seconds: float) -> str:
    """WebVTT time: `HH:MM:SS.mmm`."""
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def to_webvtt(timeline: Timeline) -> str:
    """The transcript as WebVTT, each chapter's first cue preceded by a NOTE naming it."""
    lines = ["WEBVTT", ""]
    current = -1
    for number, sentence in enumerate(timeline.sentences, start=1):
        if sentence.segment != current:
            current = sentence.segment
            title = timeline.chapters[current].title.replace("-->", "->")
            lines += [f"NOTE Chapter {current + 1}: {title}", ""]
        text = sentence.text.replace("-->", "->")
        lines += [str(number), f"{timestamp(sentence.start)} --> {timestamp(sentence.end)}", text, ""]
    return "\n".join(lines)
