"""Timed transcripts: cues of a sentence or part of one (see `captions`), where it is heard.

Three formats, chosen with `--transcript`: WebVTT (players and browsers), SRT (video editors and
older players), and plain text with chapter headings (to read, print or feed a screen reader).
The chapter titles come in the bulletin's language from the script; the WebVTT notes name them with
the word for "Chapter" in that language too.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from briefing.audio.assembly import Timeline
from briefing.publish.captions import plan_cues
from briefing.publish.labels import cut_words, labels_for
from briefing.script.compose import Script

#: Transcript formats and their file suffixes, in the order they are listed. (Plain text is not
#: `<name>.txt`: that is often the article itself.)
FORMATS = {"vtt": ".vtt", "srt": ".srt", "txt": ".transcript.txt"}


def timestamp(seconds: float, separator: str = ".") -> str:
    """WebVTT time `HH:MM:SS.mmm` (SRT's has a comma: `separator=","`)."""
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def clock(seconds: float) -> str:
    """A time as people read it: `M:SS`, or `H:MM:SS` from an hour."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def cut_notes(script: Script) -> dict[int, list[str]]:
    """By segment, in the bulletin's language: the note on a story brief mode shortened (how many
    sentences were kept, and its link to the full story), and the other outlets that reported
    a story told once for several ("Also reported by …", with their links)."""
    words = cut_words(script.language)
    notes: dict[int, list[str]] = {}
    for index, segment in enumerate(script.segments):
        cut = segment.cut
        if cut is not None and cut.kept < cut.total:
            notes[index] = [words.shortened.format(kept=cut.kept, total=cut.total),
                            *([f"{words.full} {cut.link}"] if cut.link else [])]
        if len(segment.outlets) > 1:
            notes.setdefault(index, []).append(also_reported(
                [(o.name, o.link) for o in segment.outlets[1:]], script.language))
    return notes


def presenters_of(script: Script, manifest: Mapping[str, Any]) -> list[str]:
    """Each segment's presenter by name ("Hannah"), from the manifest's `presenters`, when two
    share the bulletin; empty for one voice."""
    names = {p.get("name"): p.get("presenter") or p.get("name")
             for p in manifest.get("presenters") or () if isinstance(p, Mapping)}
    if len(names) < 2:
        return []
    return [str(names.get(segment.voice) or segment.voice) for segment in script.segments]


def also_reported(outlets: list[tuple[str, str | None]], language: str) -> str:
    """"Also reported by A (link), B." in `language`."""
    named = [f"{name} ({link})" if link else name for name, link in outlets]
    return f"{cut_words(language).also} {', '.join(named)}."


def to_webvtt(timeline: Timeline, language: str = "en",
              notes: Mapping[int, list[str]] | None = None, voices: Sequence[str] = ()) -> str:
    """The transcript as WebVTT cues (see `captions`), each chapter's first cue preceded by a NOTE
    naming it (`NOTE Chapter 2: …`, `NOTE Capítulo 2: …` in Spanish), and by a NOTE of its
    `notes`, if any. With `voices` (each segment's presenter), every cue is a voice span, `<v
    Hannah>`, so a player can show who speaks."""
    chapter_word = labels_for(language).chapter
    lines = ["WEBVTT", ""]
    current = -1
    for number, cue in enumerate(plan_cues(timeline.sentences, voices), start=1):
        if cue.segment != current:
            current = cue.segment
            title = timeline.chapters[current].title.replace("-->", "->")
            lines += [f"NOTE {chapter_word} {current + 1}: {title}", ""]
            if notes and current in notes:
                lines += ["NOTE " + "\n".join(notes[current]).replace("-->", "->"), ""]
        text = [_escape(line) for line in cue.lines]
        if cue.voice:
            text[0] = f"<v {_escape(cue.voice)}>{text[0]}"
        lines += [str(number), f"{timestamp(cue.start)} --> {timestamp(cue.end)}", *text, ""]
    return "\n".join(lines)


def _escape(text: str) -> str:
    """Cue text as WebVTT reads it: `&`, `<` and `>` as character references (a bare `<` opens a
    tag, and `-->` would end the cue's timing line)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_srt(timeline: Timeline) -> str:
    """The transcript as SubRip: the same cues as WebVTT (without voice spans, which SubRip does
    not have), numbered, a comma before the milliseconds (SRT has no comments, so chapters are
    not named)."""
    lines = []
    for number, cue in enumerate(plan_cues(timeline.sentences), start=1):
        lines += [str(number), f"{timestamp(cue.start, ',')} --> {timestamp(cue.end, ',')}",
                  *(line.replace("-->", "->") for line in cue.lines), ""]
    return "\n".join(lines)


def to_text(timeline: Timeline, title: str, notes: Mapping[int, list[str]] | None = None) -> str:
    """The transcript as plain text: the title, then each chapter's heading (with its time) and
    its sentences as one paragraph, then its `notes`, if any, as another."""
    lines = [title, "=" * len(title)]
    current = -1
    paragraph: list[str] = []
    notes = notes or {}
    for sentence in timeline.sentences:
        if sentence.segment != current:
            if paragraph:
                lines += ["", " ".join(paragraph)]
                lines += ["", " ".join(notes[current])] if current in notes else []
                paragraph = []
            current = sentence.segment
            chapter = timeline.chapters[current]
            heading = f"{chapter.title} ({clock(chapter.start)})"
            lines += ["", heading, "-" * len(heading)]
        paragraph.append(sentence.text)
    if paragraph:
        lines += ["", " ".join(paragraph)]
        lines += ["", " ".join(notes[current])] if current in notes else []
    return "\n".join(lines) + "\n"


def render(kind: str, timeline: Timeline, title: str, language: str = "en",
           notes: Mapping[int, list[str]] | None = None, voices: Sequence[str] = ()) -> str:
    """The transcript in format `kind` (a key of `FORMATS`), its notes in `language`; `notes`
    (see `cut_notes`) go in WebVTT and plain text (SubRip has no place for them), and so do
    `voices` (see `presenters_of`) in WebVTT."""
    if kind == "vtt":
        return to_webvtt(timeline, language, notes, voices)
    if kind == "srt":
        return to_srt(timeline)
    return to_text(timeline, title, notes)
