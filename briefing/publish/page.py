"""The accessible player: one self-contained HTML page beside every bulletin (`<stem>.html`).

It is made for people who listen instead of reading, many of them with a screen reader or a
keyboard only: the browser's own audio element (which assistive technology already knows), the
chapters as buttons that seek, the transcript with the sentence being spoken highlighted and every
sentence a button that seeks to it, a speed control, and keyboard shortcuts listed on the page.
Chapter changes are announced in a polite live region. The page needs nothing but the MP3 beside
it: no network, no external script or style, so it works when opened from the file system.

Every piece of text from a source is HTML-escaped here, and the script reads only numbers from
the page: nothing in an article can run in the page.
"""

import base64
import datetime as dt
import functools
import hashlib
from html import escape
from importlib import resources
from pathlib import PurePosixPath
from urllib.parse import quote

from briefing.language import primary
from briefing.publish.labels import cut_words, labels_for, page_language
from briefing.publish.notes import headlines
from briefing.publish.social import Card, ShowLinks, absolute, icon_link, open_graph
from briefing.publish.transcript import clock
from briefing.script.framing import date_locale, framing_for, spoken_date
from briefing.speech.voices import display_name

#: Playback speeds offered, slowest first (the select and the faster/slower keys step through them).
SPEEDS = (0.75, 1.0, 1.25, 1.5, 1.75, 2.0)


def _seconds(value: float) -> str:
    """A time for a data attribute: a plain number, never anything a source wrote."""
    return f"{float(value):.3f}"


def _brief_note(brief: object, lang: str) -> str:
    """Under a story brief mode shortened: how much of it was read, and a link to all of it."""
    if not (isinstance(brief, dict) and isinstance(brief.get("kept"), int)
            and isinstance(brief.get("of"), int) and brief["kept"] < brief["of"]):
        return ""
    words = cut_words(lang)
    note = escape(words.shortened.format(kept=brief["kept"], total=brief["of"]))
    link = brief.get("full_story")
    if isinstance(link, str) and link.lower().startswith(("http://", "https://")):
        note += f' <a href="{escape(link, quote=True)}">{escape(words.full.rstrip(" :"))}</a>'
    return f'<p class="brief">{note}</p>'


def outlets_of(segment: dict) -> list[tuple[str, str | None]]:
    """A manifest segment's other outlets (after the one told), (name, http(s) link or None):
    what "Also reported by" names."""
    outlets = segment.get("outlets")
    if not isinstance(outlets, list):
        return []
    found = []
    for outlet in outlets[1:]:
        if isinstance(outlet, dict) and isinstance(outlet.get("name"), str):
            link = outlet.get("link")
            web = isinstance(link, str) and link.lower().startswith(("http://", "https://"))
            found.append((outlet["name"], link if web else None))
    return found


def _also_note(segment: dict, lang: str) -> str:
    """Under a story several outlets reported: the others, each linked to its own report."""
    outlets = outlets_of(segment)
    if not outlets:
        return ""
    named = ", ".join(f'<a href="{escape(link, quote=True)}">{escape(name)}</a>' if link
                      else escape(name) for name, link in outlets)
    return f'<p class="also">{escape(cut_words(lang).also)} {named}.</p>'


def readers(manifest: dict) -> list[str]:
    """Who reads the bulletin, as listeners know them: each presenter's name ("Hannah", "Joe"),
    in the order they are heard, else the one voice's, never a profile's file name."""
    cast = manifest.get("presenters")
    voices = cast if isinstance(cast, list) and cast else [manifest.get("voice")]
    names = []
    for voice in voices:
        if isinstance(voice, dict):
            name = display_name(*(str(voice.get(key) or "") for key in ("name", "voice",
                                                                       "presenter")))
            if name and name not in names:
                names.append(name)
    return names


def joined(names: list[str], language: str) -> str:
    """`Hannah`, `Hannah and Joe`, `Ana, Luis y Marta`: with the language's "and" (that of the
    spoken intro's list of headlines)."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {framing_for(language).and_word} {names[-1]}"


def _date(manifest: dict, page_lang: str) -> tuple[str, str]:
    """(the date as text, as a `<time>` element): written as the bulletin's language writes it,
    `November 24, 2026` or `24 de noviembre de 2026`, marked with its own `lang` when that is not
    the page's (a Japanese bulletin's page has English words)."""
    raw = str(manifest.get("date", ""))
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        return raw, escape(raw)
    language = str(manifest.get("language") or "en")
    text = spoken_date(day, language, "long")
    other = primary(date_locale(language)) != primary(page_lang)
    own = f' lang="{escape(language, quote=True)}"' if other else ""
    return text, f'<time datetime="{day.isoformat()}"{own}>{escape(text)}</time>'


def _transcript_body(segment: dict, following: dict | None) -> str:
    """A segment's sentences as buttons in a paragraph; the hand-over line that ends a segment
    followed by the other presenter's stands in a paragraph of its own, as it is heard apart."""
    buttons = [f'<button type="button" class="sentence" data-start="{_seconds(s["start"])}" '
               f'data-end="{_seconds(s["end"])}">{escape(str(s["text"]))}</button>'
               for s in segment.get("sentences", [])]
    voice = segment.get("voice")
    if buttons and voice and following is not None and following.get("voice") not in (None, voice):
        before = f'<p>{" ".join(buttons[:-1])}</p>' if buttons[:-1] else ""
        return f'{before}<p class="handover">{buttons[-1]}</p>'
    return f'<p>{" ".join(buttons)}</p>'


def to_player_html(manifest: dict, mp3_name: str, show: ShowLinks | None = None) -> str:
    """The player page for a bulletin, from its manifest (chapters and timed sentences); `show`,
    for an episode of a daily show, adds links back to the show's page and feed, its icon and
    (where the show is on the web) absolute addresses for link previews."""
    language = str(manifest.get("language") or "en")
    lang = page_language(language)
    words = labels_for(lang)
    title = str(manifest.get("title", ""))
    date_text, date_html = _date(manifest, lang)
    duration = clock(float(manifest.get("duration", 0.0)))
    src = escape(quote(mp3_name), quote=True)
    segments = manifest.get("segments", [])
    total = len(segments)

    chapters, transcript = [], []
    for number, segment in enumerate(segments, start=1):
        heading = escape(str(segment.get("title", "")))
        start = _seconds(segment.get("start", 0.0))
        chapters.append(
            f'<li><button type="button" class="chapter" data-start="{start}" '
            f'data-number="{number}"><span class="title">{heading}</span><span class="time"> '
            f'{clock(float(segment.get("start", 0.0)))}</span></button></li>')
        following = segments[number] if number < total else None
        transcript.append(
            f'<section class="segment" aria-labelledby="chapter-{number}">'
            f'<h3 id="chapter-{number}" data-start="{start}">{heading}</h3>'
            f'{_transcript_body(segment, following)}{_brief_note(segment.get("brief"), lang)}'
            f'{_also_note(segment, lang)}</section>')
    speeds = "".join(
        f'<option value="{speed:g}"{" selected" if speed == 1.0 else ""}>{speed:g}&times;</option>'
        for speed in SPEEDS)
    keys = "".join(f"<dt><kbd>{escape(k)}</kbd></dt><dd>{escape(v)}</dd>"
                   for k, v in words.shortcuts)
    labels = {key: escape(value) for key, value in words.words().items()}
    return _PAGE.format(
        lang=escape(lang, quote=True), title=escape(title), date=date_html,
        page_title=escape(f"{title}, {date_text}"), voice=escape(joined(readers(manifest), lang)),
        duration=duration, src=src, chapter_list="\n".join(chapters),
        transcript_body="\n".join(transcript), speeds=speeds, key_list=keys, total=total,
        head=_head(manifest, mp3_name, f"{title}, {date_text}", show),
        show_links=_show_links(show, lang), style=_asset("player.css"),
        script=_asset("player.js"), script_hash=script_hash(), **labels,
    )


def _head(manifest: dict, mp3_name: str, title: str, show: ShowLinks | None) -> str:
    """The card for link previews, and for a show's episode its icon and its feed."""
    base = show.base_url if show else None
    page = PurePosixPath(mp3_name).with_suffix(".html").name
    card = Card(kind="article", title=title, language=str(manifest.get("language") or "en"),
                description="; ".join(headlines(manifest)) or title,
                url=absolute(base, page), image=absolute(base, show.cover if show else None),
                audio=absolute(base, mp3_name), site=show.title if show else None)
    extra = ""
    if show:
        extra = (f'\n<link rel="alternate" type="application/rss+xml" '
                 f'title="{escape(show.title, quote=True)}" href="{_quoted(show.feed)}">'
                 f"\n{icon_link(show.favicon)}").rstrip("\n")
    return open_graph(card) + extra


def _show_links(show: ShowLinks | None, lang: str) -> str:
    """Under the title of a show's episode: back to the show's page, and its feed."""
    if show is None:
        return ""
    words = labels_for(lang)
    return (f'<p class="show"><a href="{_quoted(show.page)}">'
            f'{escape(words.all_episodes.format(show=show.title))}</a> · '
            f'<a href="{_quoted(show.feed)}" type="application/rss+xml">'
            f"{escape(words.feed_link)}</a></p>")


def _quoted(name: str) -> str:
    return escape(quote(name), quote=True)


_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src * data:; \
media-src *; style-src 'unsafe-inline'; script-src '{script_hash}'">
<title>{page_title}</title>
{head}
<style>{style}</style>
</head>
<body>
<a class="skip" href="#transcript">{skip}</a>
<header>
<h1>{title}</h1>
<p class="meta">{date} · {duration} · {read} {voice}</p>
{show_links}
</header>
<main>
<section aria-labelledby="player-heading" class="player">
<h2 id="player-heading">{player}</h2>
<audio id="audio" controls preload="metadata" src="{src}">
{noaudio} <a href="{src}">{download}</a>
</audio>
<div class="controls" role="group" aria-label="{player}">
<button type="button" id="prev" aria-keyshortcuts="P">{prev}</button>
<button type="button" id="back" aria-keyshortcuts="ArrowLeft J">{back}</button>
<button type="button" id="play" aria-keyshortcuts="K Space" data-play="{play}" \
data-pause="{pause}">{play}</button>
<button type="button" id="forward" aria-keyshortcuts="ArrowRight L">{forward}</button>
<button type="button" id="next" aria-keyshortcuts="N">{next}</button>
<label class="speed">{speed} <select id="speed" aria-keyshortcuts="+ -">{speeds}</select></label>
<label class="follow"><input type="checkbox" id="follow" checked> {follow}</label>
</div>
<p id="now" class="now"><span class="label">{where}</span> <span id="now-chapter"></span></p>
<p id="announce" class="visually-hidden" role="status" aria-live="polite" \
data-chapter="{chapter}" data-of="{of}" data-total="{total}" data-speed="{speed}"></p>
</section>
<nav aria-labelledby="chapters-heading" class="chapters">
<h2 id="chapters-heading">{chapters}</h2>
<ol>
{chapter_list}
</ol>
</nav>
<section id="transcript" aria-labelledby="transcript-heading" class="transcript" tabindex="-1">
<h2 id="transcript-heading">{transcript}</h2>
{transcript_body}
</section>
<section aria-labelledby="keys-heading" class="keys">
<h2 id="keys-heading">{keys}</h2>
<dl>{key_list}</dl>
</section>
</main>
<script>{script}</script>
</body>
</html>
"""

@functools.cache
def _asset(name: str) -> str:
    """The page's style or script (kept as files, to be read and linted as what they are), read
    when the first page is made rather than at import."""
    return (resources.files("briefing.publish") / "assets" / name).read_text(encoding="utf-8")


def script_hash() -> str:
    """The page's Content-Security-Policy lets only its own script run: even if some text slipped
    through unescaped, a script in it would not."""
    return "sha256-" + base64.b64encode(hashlib.sha256(_asset("player.js").encode()).digest()).decode()
