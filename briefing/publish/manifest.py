"""The JSON manifest: everything about a bulletin that a program might want, beside the MP3.

This module writes it and is the one place that reads it back (`load_manifest`): the quality
check, rebuilds and daily runs, the feed and the terminal player all go through it.
"""

import json
import logging
import math
from collections.abc import Sequence
from pathlib import Path

from briefing.audio.assembly import Timeline
from briefing.audio.loudness import Measurement, Target
from briefing.errors import ManifestError
from briefing.script.compose import Cut, Script
from briefing.sources.fetch import is_url
from briefing.speech.voices import VoiceProfile, presenter_name
from briefing.version import __version__

log = logging.getLogger(__name__)


def to_manifest(
    script: Script,
    timeline: Timeline,
    measurement: Measurement,
    target: Target,
    voice: dict,
    files: dict[str, object],
    sources: list[str],
    extra: dict | None = None,
    heard: Sequence[dict] = (),
) -> dict:
    """Everything about the bulletin, JSON-ready; `extra` adds keys (skipped sources, fingerprint);
    `heard` adds keys to each sentence, in speaking order (what a recognizer heard, `--verify`)."""
    segments = []
    heard_keys = iter(heard)
    for index, (segment, chapter) in enumerate(zip(script.segments, timeline.chapters, strict=True)):
        segments.append({
            "title": segment.title,
            "kind": segment.kind,
            **({"link": segment.link} if segment.link else {}),
            **({"image": segment.image} if segment.image else {}),
            **({"brief": brief_entry(segment.cut)} if segment.cut else {}),
            **({"voice": segment.voice} if segment.voice else {}),
            **({"outlets": [{"name": o.name, **({"link": o.link} if o.link else {})}
                            for o in segment.outlets]} if segment.outlets else {}),
            "start": round(chapter.start, 3),
            "end": round(chapter.end, 3),
            "sentences": [
                {"text": s.text, "spoken": spoken.speech, "start": round(s.start, 3),
                 "end": round(s.end, 3),
                 **({"pauses": [[round(a, 3), round(b, 3)] for a, b in s.pauses]}
                    if s.pauses else {}), **next(heard_keys, {})}
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


def voice_entry(profile: VoiceProfile, engine_version: str, speed: float) -> dict:
    """The manifest's `voice`: the profile that spoke (the first presenter's, with two), the
    engine and its version, its rate and speed factor, and the name a listener knows it by."""
    return {"name": profile.name, "engine": profile.engine, "engine_version": engine_version,
            "voice": profile.voice, "language": profile.language, "rate": profile.rate,
            "speed": speed, "presenter": presenter_name(profile)}


def source_label(source: str | Path) -> str:
    """A source as the manifest and the tags name it: a web address as given, a local file or
    folder by its name alone (its folders would tell where the bulletin was made, which a
    published episode has no business saying)."""
    text = str(source)
    if text == "-" or is_url(text):
        return text
    return Path(text).name or text


def brief_entry(cut: Cut) -> dict:
    """What brief mode kept of a story: sentences of its body kept, of how many, and where the
    full story is."""
    return {"kept": cut.kept, "of": cut.total, **({"full_story": cut.link} if cut.link else {})}


def dump(manifest: dict) -> str:
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


def read_manifest(mp3: Path) -> dict | None:
    """The manifest beside `mp3` (`name.json`): None when there is none, or when the file is some
    other program's JSON (no `briefing` key). A file that is there but cannot be used (unreadable,
    not JSON, or without the fields the check, the feed and the player read) raises
    `ManifestError`, so that `check` fails on a damaged bulletin instead of passing it unchecked."""
    path = mp3.with_suffix(".json")
    if not path.is_file():  # reading a named pipe would wait for ever
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ManifestError(f"{path}: cannot read the manifest ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ManifestError(_damaged(path, "it is not UTF-8 text")) from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ManifestError(_damaged(path, f"not valid JSON: {exc}")) from None
    if not (isinstance(data, dict) and "briefing" in data):
        return None
    problem = _shape_problem(data)
    if problem:
        raise ManifestError(_damaged(path, problem))
    return data


def load_manifest(mp3: Path) -> dict | None:
    """The manifest beside `mp3`, or None when there is none, it is not ours or it is damaged:
    for rebuilds, daily runs and the player, which do without one."""
    try:
        return read_manifest(mp3)
    except ManifestError as exc:
        log.debug("%s", exc)
        return None


def _damaged(path: Path, reason: str) -> str:
    return (f"{path}: the manifest is damaged ({reason}); build the bulletin again, or move the "
            "file away to check the MP3 alone")


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _shape_problem(data: dict) -> str | None:
    """What the manifest lacks that a reader needs, or None."""
    for key, ok in (("title", isinstance(data.get("title"), str)),
                    ("date", isinstance(data.get("date"), str)),
                    ("duration", _number(data.get("duration"))),
                    ("words", isinstance(data.get("words"), int)),
                    ("segments", isinstance(data.get("segments"), list) and bool(data["segments"]))):
        if not ok:
            return f"{key!r} is missing or wrong"
    for key in ("loudness", "files"):
        if not isinstance(data.get(key, {}), dict):
            return f"{key!r} is not an object"
    if not _number(data.get("speech_seconds", 0)):
        return "'speech_seconds' is not a number"
    for number, segment in enumerate(data["segments"], 1):
        if not (isinstance(segment, dict) and isinstance(segment.get("title"), str)
                and isinstance(segment.get("kind"), str) and _number(segment.get("start"))
                and _number(segment.get("end")) and isinstance(segment.get("sentences"), list)):
            return f"segment {number} lacks its title, kind, start, end or sentences"
        for sentence in segment["sentences"]:
            if not (isinstance(sentence, dict) and isinstance(sentence.get("text"), str)
                    and _number(sentence.get("start")) and _number(sentence.get("end"))):
                return f"a sentence of segment {number} lacks its text, start or end"
            if not isinstance(sentence.get("heard", ""), str):
                return f"what was heard of a sentence of segment {number} is not text"
    if not isinstance(data.get("verify", {}), dict):
        return "'verify' is not an object"
    return None
