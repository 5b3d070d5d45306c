"""The JSON manifest: everything about a bulletin that a program might want, beside the MP3.

This module writes it and is the one place that reads it back (`load_manifest`): the quality
check, rebuilds and daily runs, the feed and the terminal player all go through it.
"""

import json
from pathlib import Path

from briefing.audio.assembly import Timeline
from briefing.audio.loudness import Measurement, Target
from briefing.script.compose import Script
from briefing.version import __version__


def to_manifest(
    script: Script,
    timeline: Timeline,
    measurement: Measurement,
    target: Target,
    voice: dict,
    files: dict[str, object],
    sources: list[str],
    extra: dict | None = None,
) -> dict:
    """Everything about the bulletin, JSON-ready; `extra` adds keys (skipped sources, fingerprint)."""
    segments = []
    for index, (segment, chapter) in enumerate(zip(script.segments, timeline.chapters, strict=True)):
        segments.append({
            "title": segment.title,
            "kind": segment.kind,
            **({"link": segment.link} if segment.link else {}),
            "start": round(chapter.start, 3),
            "end": round(chapter.end, 3),
            "sentences": [
                {"text": s.text, "spoken": spoken.speech, "start": round(s.start, 3),
                 "end": round(s.end, 3)}
                for s, spoken in zip(
                    (t for t in timeline.sentences if t.segment == index), segment.sentences, strict=True)
            ],
        })
    data = {
        "briefing": __version__,
        "title": script.title,
        "date": script.date.isoformat(),
        "language": script.language,
        "sources": sources,
        "voice": voice,
        "words": script.word_count,
        "duration": round(timeline.duration, 3),
        "speech_seconds": round(timeline.speech_seconds, 3),
        "heard_wpm": round(script.word_count / (timeline.speech_seconds / 60), 1),
        "loudness": {
            "preset": target.name,
            "target_lufs": target.integrated,
            "target_true_peak_dbtp": target.true_peak,
            "integrated_lufs": round(measurement.integrated, 2),
            "true_peak_dbtp": round(measurement.true_peak, 2),
        },
        "pauses": {"sentence": script.pauses.sentence, "paragraph": script.pauses.paragraph,
                   "segment": script.pauses.segment},
        "files": files,
        **(extra or {}),
        "segments": segments,
    }
    return data


def dump(manifest: dict) -> str:
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


def load_manifest(mp3: Path) -> dict | None:
    """The manifest beside `mp3` (`name.json`), or None when there is none or it is not ours."""
    path = mp3.with_suffix(".json")
    if not path.is_file():  # reading a named pipe would wait for ever
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "segments" in data and "briefing" in data else None
