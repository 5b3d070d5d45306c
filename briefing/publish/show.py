"""The show page: `index.html` beside a daily show's episodes and feed, for people rather than apps.

It lists what the feed lists (the episodes on disk, each with its manifest), newest first, so it is
right after every run and after old episodes are pruned. Each episode has its date, headlines,
duration, the browser's own audio element and links to its player page, transcripts and MP3; the
show has a link to its feed. Like the player page it opens from the disk with nothing to fetch:
links are relative, the style is in the page, and there is no script at all (the
Content-Security-Policy forbids one), so keyboard and screen-reader use rest on plain links and the
audio element. Every text from a source or a config is HTML-escaped.

The page is made from the files alone, never the clock, so it is byte-for-byte the same when
nothing changed and is then left untouched.
"""

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from briefing.atomic import write_atomically
from briefing.language import primary
from briefing.publish.labels import cut_words, labels_for, page_language
from briefing.publish.notes import headlines, story_segments
from briefing.publish.page import outlets_of
from briefing.publish.podcast import FEED_NAME, Episode, Show
from briefing.publish.transcript import clock
from briefing.script.framing import spoken_date

PAGE_NAME = "index.html"


@dataclass(frozen=True)
class ShowWords:
    """The show page's own words in one language (the player's `Labels` give the rest)."""

    skip: str
    """The skip link at the top of the page, to the episodes."""
    episodes: str
    subscribe: str
    """The link to the feed."""
    duration: str
    covers: str
    """Before an episode's headlines."""
    player: str
    """The link to an episode's player page."""
    transcript: str
    empty: str
    """In place of the list while the folder has no episode."""


#: One table per language of the player's labels (`labels.LABELS`), which a test keeps in step.
WORDS = {
    "en": ShowWords(skip="Skip to the episodes", episodes="Episodes",
                    subscribe="Subscribe: the podcast feed (RSS)", duration="Duration",
                    covers="In this episode:", player="Player with chapters and transcript",
                    transcript="Transcript", empty="No episodes yet."),
    "es": ShowWords(skip="Ir a los episodios", episodes="Episodios",
                    subscribe="Suscribirse: el feed del pódcast (RSS)", duration="Duración",
                    covers="En este episodio:", player="Reproductor con capítulos y transcripción",
                    transcript="Transcripción", empty="Todavía no hay episodios."),
    "fr": ShowWords(skip="Aller aux épisodes", episodes="Épisodes",
                    subscribe="S'abonner : le flux du podcast (RSS)", duration="Durée",
                    covers="Dans cet épisode :", player="Lecteur avec chapitres et transcription",
                    transcript="Transcription", empty="Pas encore d'épisode."),
    "it": ShowWords(skip="Vai agli episodi", episodes="Episodi",
                    subscribe="Iscriviti: il feed del podcast (RSS)", duration="Durata",
                    covers="In questo episodio:", player="Lettore con capitoli e trascrizione",
                    transcript="Trascrizione", empty="Ancora nessun episodio."),
    "pt": ShowWords(skip="Ir para os episódios", episodes="Episódios",
                    subscribe="Assinar: o feed do podcast (RSS)", duration="Duração",
                    covers="Neste episódio:", player="Player com capítulos e transcrição",
                    transcript="Transcrição", empty="Ainda não há episódios."),
    "de": ShowWords(skip="Zu den Folgen springen", episodes="Folgen",
                    subscribe="Abonnieren: der Podcast-Feed (RSS)", duration="Dauer",
                    covers="In dieser Folge:", player="Player mit Kapiteln und Transkript",
                    transcript="Transkript", empty="Noch keine Folgen."),
}

#: How each transcript format is named in its link.
_FORMAT_NAMES = {"vtt": "WebVTT", "srt": "SubRip", "txt": "TXT"}


def _also(story: dict, language: str) -> str:
    """"Also reported by …" after a headline several outlets reported (names only: the player
    page links each)."""
    outlets = outlets_of(story)
    if not outlets:
        return ""
    names = ", ".join(name for name, _ in outlets)
    return f' <span class="also">({escape(cut_words(language).also)} {escape(names)})</span>'


def to_show_html(show: Show, episodes: Sequence[Episode]) -> str:
    """The page for `show` listing `episodes`, newest first."""
    lang = page_language(show.language)
    words = WORDS[primary(lang)]
    newest_first = sorted(episodes, key=lambda e: e.published, reverse=True)
    listed = "\n".join(_episode(e, lang, words) for e in newest_first)
    body = (f'<ol class="episodes">\n{listed}\n</ol>' if newest_first
            else f"<p>{escape(words.empty)}</p>")
    description = "".join(f'<p class="lead">{escape(" ".join(part.split()))}</p>'
                          for part in show.description.split("\n\n") if part.strip())
    title = escape(show.title)
    return _PAGE.format(
        lang=escape(lang), title=title, description=description, feed=_href(FEED_NAME),
        subscribe=escape(words.subscribe), skip=escape(words.skip),
        episodes_heading=escape(words.episodes), body=body, style=_style(),
    )


def _episode(episode: Episode, lang: str, words: ShowWords) -> str:
    manifest = episode.manifest
    day = episode.published.date()
    anchor = f"episode-{day.isoformat()}"
    labels = labels_for(lang)
    mp3 = _href(episode.mp3.name)
    seconds = float(manifest.get("duration", 0.0))
    language = str(manifest.get("language") or lang)
    # Headlines are in the bulletin's language, which a screen reader needs to read them.
    other = f' lang="{escape(language)}"' if language != lang else ""
    items = "".join(f"<li>{escape(line)}{_also(story, language)}</li>"
                    for line, story in zip(headlines(manifest), story_segments(manifest), strict=True))
    covers = (f'<p id="{anchor}-covers">{escape(words.covers)}</p>\n'
              f'<ul class="headlines" aria-labelledby="{anchor}-covers"{other}>{items}</ul>\n'
              if items else "")
    links = "".join(f'<li><a href="{href}">{escape(text)}</a></li>'
                    for href, text in _links(episode, words, labels.download))
    return (f'<li><article aria-labelledby="{anchor}">\n'
            f'<h3 id="{anchor}"><time datetime="{day.isoformat()}">'
            f"{escape(spoken_date(day, lang))}</time></h3>\n"
            f'<p class="meta">{escape(words.duration)} '
            f'<time datetime="{_iso_duration(seconds)}">{clock(seconds)}</time></p>\n'
            f"{covers}"
            f'<audio controls preload="none" src="{mp3}">{escape(labels.noaudio)} '
            f'<a href="{mp3}">{escape(labels.download)}</a></audio>\n'
            f'<ul class="files">{links}</ul>\n'
            "</article></li>")


def _links(episode: Episode, words: ShowWords, download: str) -> list[tuple[str, str]]:
    """(href, text) of the episode's player page, transcripts and MP3: those there beside it."""
    files = episode.manifest.get("files") or {}
    found = []
    player = _beside(episode.mp3, files.get("player"))
    if player:
        found.append((player, words.player))
    transcripts = files.get("transcripts") or {"vtt": files.get("transcript")}
    if isinstance(transcripts, dict):
        for kind, name in transcripts.items():
            href = _beside(episode.mp3, name)
            if href:
                found.append((href, f"{words.transcript} ({_FORMAT_NAMES.get(kind, kind)})"))
    found.append((_href(episode.mp3.name), download))
    return found


def _beside(mp3: Path, name: object) -> str | None:
    """The link to `name` when it is a file right beside the MP3; None for anything else (a
    manifest from elsewhere naming `../x` or an absolute path gets no link out of the folder)."""
    if not isinstance(name, str) or not name or Path(name).name != name or name in (".", ".."):
        return None
    return _href(name) if (mp3.parent / name).is_file() else None


def _href(name: str) -> str:
    """A relative link to a file in the same folder, quoted for a URL and escaped for HTML."""
    return escape(quote(name), quote=True)


def _iso_duration(seconds: float) -> str:
    """The duration as HTML's `<time datetime>` takes it: `PT4M12S`."""
    whole = max(0, int(seconds)) if math.isfinite(seconds) else 0
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"PT{hours}H{minutes}M{secs}S" if hours else f"PT{minutes}M{secs}S"


def write_show_page(path: Path, show: Show, episodes: Sequence[Episode]) -> bool:
    """Write the page to `path` when its bytes change (whole, through a temporary file); True when
    it was written."""
    data = to_show_html(show, episodes).encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    write_atomically(path, data, mode=0o644)
    return True


_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; media-src *; \
style-src 'unsafe-inline'">
<title>{title}</title>
<link rel="alternate" type="application/rss+xml" title="{title}" href="{feed}">
<style>{style}</style>
</head>
<body>
<a class="skip" href="#episodes">{skip}</a>
<header>
<h1>{title}</h1>
{description}
<p><a href="{feed}" type="application/rss+xml">{subscribe}</a></p>
</header>
<main id="episodes" aria-labelledby="episodes-heading" tabindex="-1">
<h2 id="episodes-heading">{episodes_heading}</h2>
{body}
</main>
</body>
</html>
"""


@functools.cache
def _style() -> str:
    """The page's style, kept as a file to be read and linted as CSS."""
    return (resources.files("briefing.publish") / "assets" / "show.css").read_text(encoding="utf-8")
