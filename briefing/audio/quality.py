"""The quality gate: checks on a finished bulletin MP3, against its manifest when there is one.

Run by `briefing check`, and on every build before the files are put in place, so a bulletin that
a listener would find broken (undecodable, cut short, a silent story, the wrong loudness, chapters
that do not match) is never published, and cron sees a non-zero exit.
"""

import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from briefing import ffmpeg
from briefing.audio.levels import CHECK_RATE, DECODE_ARGS, FRAME, LevelMeter, Levels
from briefing.audio.loudness import PRESETS, TOLERANCE_LU, Measurement, Target, measure
from briefing.errors import AudioError, QualityError
from briefing.ffmpeg import probe
from briefing.sources.textclean import quoted

#: The MP3 may differ from the manifest's length by encoder padding, not more.
DURATION_SLACK = 0.25
#: Heard speaking rates outside this range mean missing or runaway audio.
MIN_WPM, MAX_WPM = 60, 400
#: Chapter starts may differ from the manifest by rounding, not more.
CHAPTER_SLACK = 0.05
#: A 20 ms frame is speech when its RMS is within this many dB of the target loudness
#: (-46 dBFS for a -16 LUFS podcast): far below any word, far above MP3 silence.
ACTIVE_BELOW_TARGET = 30.0
#: The end of a sentence where speech must be heard, at least this long in seconds.
MIN_TAIL = 0.25
#: A sentence is silent when fewer of its frames than this are speech, has a hole when it is
#: quiet longer than MAX_GAP seconds at a stretch (speech pauses at commas are far shorter), and
#: is cut short when the last fifth of it has no speech.
MIN_ACTIVE, MAX_GAP, TAIL_PART = 0.2, 1.0, 0.2
#: Under a music bed, speech is what is at least this many dB above the bed's level under speech
#: (the manifest says how far under the speech it was mixed), so the bed is never taken for it.
ABOVE_BED = 10.0


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool | None
    """True passed, False failed, None not checked (there is nothing to check it against)."""
    detail: str


@dataclass(frozen=True)
class Report:
    path: str
    checks: tuple[Check, ...]
    duration: float | None = None
    """The MP3's length in seconds, when it decodes."""

    @property
    def ok(self) -> bool:
        return all(check.ok is not False for check in self.checks)

    @property
    def failures(self) -> list[Check]:
        return [check for check in self.checks if check.ok is False]

    def to_dict(self) -> dict:
        return {"path": self.path, "ok": self.ok, "duration": self.duration,
                "checks": [asdict(c) for c in self.checks]}


def check_bulletin(
    mp3: Path,
    manifest: dict | None = None,
    target: Target | None = None,
    measurement: Measurement | None = None,
    levels: Levels | None = None,
) -> Report:
    """Every check on `mp3`. The target comes from the manifest's preset unless given. A
    measurement and levels already taken of this very audio (by the encoder's meter, which
    decodes the same bytes as they are written) are used instead of decoding the file again."""
    path = str(mp3)
    if target is None:
        preset = (manifest or {}).get("loudness", {}).get("preset", "podcast")
        target = PRESETS.get(preset, PRESETS["podcast"])
    heard = levels or _frame_levels(path)
    checks = [Check("decodes", heard.error is None, f"does not decode cleanly: {heard.error}"
                    if heard.error else f"decodes cleanly ({heard.seconds:.1f} s)")]
    if heard.error is not None:
        return Report(path, tuple(checks))
    info = probe(path, "format=duration:chapter=start_time:chapter_tags=title")
    duration = float(info.get("format", {}).get("duration", 0.0))
    checks.append(_duration(duration, manifest))
    checks.append(_loudness(path, target, measurement))
    checks.append(_segments(heard.frames, manifest, _speech_floor(manifest, target)))
    checks.append(_chapters(info.get("chapters", []), manifest))
    return Report(path, tuple(checks), duration)


def not_audio(mp3: Path) -> str | None:
    """Why `mp3` is no bulletin to check at all (empty, not a media file, or media without a
    sound in it), or None: such a file is a mistake in what was asked, not a bulletin that
    failed its checks."""
    if mp3.stat().st_size == 0:
        return f"{mp3}: is empty, not audio; give an MP3 bulletin"
    try:
        streams = probe(str(mp3), "stream=codec_type").get("streams", [])
    except AudioError as exc:
        said = exc.stderr.strip().splitlines()[-1] if exc.stderr.strip() else "unreadable"
        return (f"{mp3}: is not audio ffprobe can read ({said.removeprefix(f'{mp3}: ')}); "
                "give an MP3 bulletin")
    if not any(stream.get("codec_type") == "audio" for stream in streams):
        return f"{mp3}: has no audio in it; give an MP3 bulletin"
    return None


def require(report: Report, name: str | Path | None = None) -> None:
    """Raise `QualityError` naming the first failure, for the build's final gate; `name` is the
    file as the user knows it (the report's may be a temporary file)."""
    if not report.ok:
        first = report.failures[0]
        raise QualityError(f"{name or report.path}: failed the {first.name} check: {first.detail}; "
                           "nothing was written")


def _frame_levels(path: str) -> Levels:
    """The levels of the whole file, decoded as a stream so memory does not grow with its length."""
    meter = LevelMeter()
    with ffmpeg.start("ffmpeg", ["-v", "error", "-i", path, *DECODE_ARGS, "-"],
                      stdout=subprocess.PIPE) as decoding:
        meter.drain(decoding.stdout)
        decoding.stdout.close()
        code = decoding.wait()
        complaint = decoding.report().strip()
    if code != 0 or complaint:
        return meter.result(complaint.splitlines()[0] if complaint else f"ffmpeg exit code {code}")
    return meter.result()


def _duration(duration: float, manifest: dict | None) -> Check:
    if manifest is None:
        return Check("duration", None, f"{duration:.1f} s; no manifest to compare with")
    expected, words = float(manifest["duration"]), int(manifest["words"])
    speech = float(manifest.get("speech_seconds") or 0.0)
    if abs(duration - expected) > DURATION_SLACK:
        cut = "cut short" if duration < expected else "longer than it should be"
        return Check("duration", False, f"lasts {duration:.2f} s but the manifest says "
                     f"{expected:.2f} s: {cut}")
    wpm = words / (speech / 60) if speech else 0.0
    if not MIN_WPM <= wpm <= MAX_WPM:
        return Check("duration", False, f"{words} words in {speech:.1f} s of speech ({wpm:.0f} "
                     "words a minute) means audio is missing or runaway")
    return Check("duration", True, f"{duration:.1f} s for {words} words ({wpm:.0f} words a minute)")


def _loudness(path: str, target: Target, measurement: Measurement | None) -> Check:
    try:
        m = measurement or measure(path)
    except AudioError as exc:
        return Check("loudness", False, str(exc))
    summary = (f"{m.integrated:.1f} LUFS, {m.true_peak:.1f} dBTP (target {target.name}: "
               f"{target.integrated:.0f} ± {TOLERANCE_LU:.0f} LUFS, at most {target.true_peak:.0f} dBTP)")
    return Check("loudness", m.meets(target), summary)


def _speech_floor(manifest: dict | None, target: Target) -> float:
    """The level (dBFS) above which a 20 ms frame counts as speech: far below any word, and with
    a bed under the bulletin, above the bed."""
    floor = target.integrated - ACTIVE_BELOW_TARGET
    music = (manifest or {}).get("music")
    beds = [entry for entry in music if isinstance(entry, dict) and entry.get("kind") == "bed"] \
        if isinstance(music, list) else []
    for bed in beds:
        under = bed.get("under_speech_db")
        if isinstance(under, int | float) and not isinstance(under, bool):
            floor = max(floor, target.integrated - float(under) + ABOVE_BED)
    return floor


def _segments(levels: np.ndarray, manifest: dict | None, active_dbfs: float) -> Check:
    if manifest is None:
        return Check("segments", None, "no manifest: sentence positions unknown")
    per_second = CHECK_RATE / FRAME
    problems = []
    count = 0
    for segment in manifest["segments"]:
        for sentence in segment["sentences"]:
            count += 1
            start, end = (int(sentence[key] * per_second) for key in ("start", "end"))
            level = levels[start:end]
            if level.size == 0:
                problems.append(f"{quoted(sentence['text'], 50)} at {sentence['start']:.1f} s is missing")
                continue
            active = level > active_dbfs
            tail = active[-max(1, int(active.size * TAIL_PART), int(MIN_TAIL * per_second)):]
            where = f"{quoted(sentence['text'], 50)} at {sentence['start']:.1f} s"
            gap = _longest_run(~active) / per_second
            if active.mean() < MIN_ACTIVE:
                problems.append(f"{where} is silent")
            elif not tail.any():
                problems.append(f"{where} is cut short")
            elif gap > MAX_GAP:
                problems.append(f"{where} has {gap:.1f} s of silence inside it")
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        return Check("segments", False, problems[0] + more)
    return Check("segments", True, f"speech in all {count} sentences")


def _longest_run(flags: np.ndarray) -> int:
    """The length of the longest run of True in a boolean array."""
    if not flags.any():
        return 0
    padded = np.concatenate(([0], flags.astype(np.int8), [0]))
    edges = np.flatnonzero(np.diff(padded))
    return int((edges[1::2] - edges[::2]).max())


def _chapters(found: list[dict], manifest: dict | None) -> Check:
    if manifest is None:
        return Check("chapters", None, f"{len(found)} chapters; no manifest to compare with")
    expected = [(s["title"], float(s["start"])) for s in manifest["segments"]]
    actual = [(c.get("tags", {}).get("title", ""), float(c["start_time"])) for c in found]
    if len(actual) != len(expected):
        return Check("chapters", False, f"{len(actual)} chapters, the manifest has {len(expected)}")
    for number, ((title, start), (want_title, want_start)) in enumerate(zip(actual, expected,
                                                                            strict=True), 1):
        if title != want_title or abs(start - want_start) > CHAPTER_SLACK:
            return Check("chapters", False, f"chapter {number} is {title!r} at {start:.2f} s, the "
                         f"manifest has {want_title!r} at {want_start:.2f} s")
    return Check("chapters", True, f"{len(actual)} chapters match the manifest")
