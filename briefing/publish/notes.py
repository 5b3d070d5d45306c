"""What an episode is called in a podcast app, and the notes shown under it.

An app lists episodes by title, usually below the show's name and artwork, so the title says what
this episode is about, not which show it belongs to (Apple asks episode titles not to repeat the
show's): by default the day and the lead story, `Tue 24 Nov: Council approves a leaner budget and
2 more`, in the episode's language. The notes list every story's headline, each linked to where it
was reported, as the show page does.
"""

import datetime as dt
import re
import string
from dataclasses import dataclass
from html import escape

from babel.dates import format_date

from briefing.language import primary
from briefing.script.framing import date_locale

#: The placeholders of a show's `episode_title`.
PLACEHOLDERS = ("day", "date", "lead", "more")
DEFAULT_EPISODE_TITLE = "{day}: {lead} {more}"


@dataclass(frozen=True)
class MoreWords:
    """After the lead story in an episode's title: how many more stories there are."""

    one: str
    many: str
    """With `{n}`, a number above one."""


#: One table per language the scripts are framed in; English for the rest.
MORE_WORDS = {
    "en": MoreWords("and 1 more", "and {n} more"),
    "es": MoreWords("y 1 más", "y {n} más"),
    "fr": MoreWords("et 1 autre", "et {n} autres"),
    "it": MoreWords("e un'altra", "e altre {n}"),
    "pt": MoreWords("e mais 1", "e mais {n}"),
    "de": MoreWords("und 1 weitere", "und {n} weitere"),
}


def headlines(manifest: dict) -> list[str]:
    """What an episode covers, as a listener scans it: each story's headline (its first sentence,
    without the full stop the script gave it to be read), or, for an episode of one article, the
    titles of its sections."""
    return [_without_full_stop(str(s["sentences"][0]["text"])) if s.get("kind") == "story"
            else str(s["title"]) for s in story_segments(manifest)]


def story_segments(manifest: dict) -> list[dict]:
    """The segments `headlines` names, in the same order."""
    segments = [s for s in manifest.get("segments", []) if isinstance(s, dict)]
    stories = [s for s in segments if s.get("kind") == "story" and s.get("sentences")]
    return stories or [s for s in segments if s.get("kind") == "section"]


def _without_full_stop(text: str) -> str:
    """`Council approves a budget.` loses its full stop; `Talks resume in the U.S.` keeps it."""
    last = text.rsplit(" ", 1)[-1]
    return text[:-1] if text.endswith(".") and last.count(".") == 1 else text


def pattern_problem(pattern: str, show_title: str) -> str | None:
    """What keeps `pattern` from naming a show's episodes, or None: it must use only the known
    placeholders, tell one day's episode from the next, and leave the show's title out."""
    try:
        pieces = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        return f"is not a pattern ({exc}); write a brace itself as {{{{ or }}}}"
    # A format spec or conversion ({day:>9}, {lead!r}) is refused too: it could fail at run time.
    unknown = [field + (f":{spec}" if spec else "") + (f"!{conversion}" if conversion else "")
               for _, field, spec, conversion in pieces
               if field is not None and (field not in PLACEHOLDERS or spec or conversion)]
    if unknown:
        return (f"has an unknown placeholder {{{unknown[0]}}}; use "
                f"{', '.join('{' + p + '}' for p in PLACEHOLDERS)}")
    if "{day}" not in pattern and "{date}" not in pattern:
        return "needs {day} or {date}, so that no two episodes have the same title"
    if show_title.strip().casefold() in " ".join(text for text, *_ in pieces).casefold():
        return "repeats the show's title, which apps already show beside every episode"
    return None


def episode_title(pattern: str, date: dt.date, manifest: dict, language: str) -> str:
    """The episode's title from the show's `pattern`: `{day}` as `Tue 24 Nov` in `language`,
    `{date}` as 2026-11-24, `{lead}` the first headline and `{more}` `and 2 more` (nothing when
    the lead is the only story). Spaces left around an empty placeholder are dropped."""
    lines = headlines(manifest)
    others = max(0, len(lines) - 1)
    words = MORE_WORDS.get(primary(language), MORE_WORDS["en"])
    more = "" if not others else words.one if others == 1 else words.many.format(n=others)
    title = pattern.format(day=format_date(date, "EEE d MMM", locale=date_locale(language)),
                           date=date.isoformat(), lead=lines[0] if lines else "", more=more)
    title = re.sub(r"\s+", " ", title).strip(" :-\u2013\u2014,")
    return title[:1].upper() + title[1:]


def show_notes(manifest: dict) -> str:
    """The episode's notes as HTML: its headlines in running order, each linked to its story
    where the story has a web address."""
    items = []
    for line, story in zip(headlines(manifest), story_segments(manifest), strict=True):
        link = story.get("link")
        text = escape(line)
        if isinstance(link, str) and link.lower().startswith(("http://", "https://")):
            text = f'<a href="{escape(link)}">{text}</a>'
        items.append(f"<li>{text}</li>")
    return f"<ol>{''.join(items)}</ol>" if items else ""
