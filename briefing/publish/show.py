"""The show page: `index.html` beside a daily show's episodes and feed, for people rather than apps.

It lists what the feed lists (the episodes on disk, each with its manifest), newest first, so it is
right after every run and after old episodes are pruned. Each episode has its date, headlines,
duration, the browser's own audio element and links to its player page, transcripts and MP3; the
show has its cover, a link to its feed and, once it is on the web, the feed's address to copy and
links that subscribe in the common podcast apps. Like the player page it opens from the disk: links
are relative, the style is in the page, and there is no script at all (the
Content-Security-Policy forbids one), so keyboard and screen-reader use rest on plain links, a
read-only field and the audio element. Every text from a source or a config is HTML-escaped.

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
from briefing.publish.page import outlets_of, to_player_html
from briefing.publish.podcast import FEED_NAME, Episode, Show
from briefing.publish.social import (
    Card,
    ShowLinks,
    absolute,
    icon_link,
    is_web,
    link_to,
    open_graph,
    subscribe_links,
)
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
    """The heading over the feed's link, address and apps."""
    feed: str
    """The link to the feed."""
    address: str
    """The label of the feed's address, to copy."""
    apps: str
    """Before the links that subscribe in an app."""
    cover: str
    """The cover's text alternative; `{title}` is the show's."""
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
                    subscribe="Subscribe", feed="The podcast feed (RSS)",
                    address="The feed's address, to paste into any podcast app:",
                    apps="Or open it in one of these apps:", cover="Cover art of {title}",
                    duration="Duration",
                    covers="In this episode:", player="Player with chapters and transcript",
                    transcript="Transcript", empty="No episodes yet."),
    "es": ShowWords(skip="Ir a los episodios", episodes="Episodios",
                    subscribe="Suscribirse", feed="El feed del pódcast (RSS)",
                    address="La dirección del feed, para pegarla en cualquier aplicación de pódcast:",
                    apps="O ábralo en una de estas aplicaciones:", cover="Portada de {title}",
                    duration="Duración",
                    covers="En este episodio:", player="Reproductor con capítulos y transcripción",
                    transcript="Transcripción", empty="Todavía no hay episodios."),
    "fr": ShowWords(skip="Aller aux épisodes", episodes="Épisodes",
                    subscribe="S'abonner", feed="Le flux du podcast (RSS)",
                    address="L'adresse du flux, à coller dans une application de podcast :",
                    apps="Ou ouvrez-le dans l'une de ces applications :",
                    cover="Couverture de {title}", duration="Durée",
                    covers="Dans cet épisode :", player="Lecteur avec chapitres et transcription",
                    transcript="Transcription", empty="Pas encore d'épisode."),
    "it": ShowWords(skip="Vai agli episodi", episodes="Episodi",
                    subscribe="Iscriviti", feed="Il feed del podcast (RSS)",
                    address="L'indirizzo del feed, da incollare in qualsiasi app di podcast:",
                    apps="Oppure aprilo in una di queste app:", cover="Copertina di {title}",
                    duration="Durata",
                    covers="In questo episodio:", player="Lettore con capitoli e trascrizione",
                    transcript="Trascrizione", empty="Ancora nessun episodio."),
    "pt": ShowWords(skip="Ir para os episódios", episodes="Episódios",
                    subscribe="Assinar", feed="O feed do podcast (RSS)",
                    address="O endereço do feed, para colar em qualquer aplicativo de podcast:",
                    apps="Ou abra-o em um destes aplicativos:", cover="Capa de {title}",
                    duration="Duração",
                    covers="Neste episódio:", player="Player com capítulos e transcrição",
                    transcript="Transcrição", empty="Ainda não há episódios."),
    "de": ShowWords(skip="Zu den Folgen springen", episodes="Folgen",
                    subscribe="Abonnieren", feed="Der Podcast-Feed (RSS)",
                    address="Die Adresse des Feeds, zum Einfügen in jede Podcast-App:",
                    apps="Oder in einer dieser Apps öffnen:", cover="Cover von {title}",
                    duration="Dauer",
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


def to_show_html(show: Show, episodes: Sequence[Episode], cover: str | None = None,
                 favicon: str | None = None) -> str:
    """The page for `show` listing `episodes`, newest first; `cover` and `favicon` are image files
    in the folder (or http(s) URLs), shown when given (the cover defaults to the show's `image`
    when that is a web address)."""
    cover = _cover(show, cover)
    lang = page_language(show.language)
    words = WORDS[primary(lang)]
    newest_first = sorted(episodes, key=lambda e: e.published, reverse=True)
    listed = "\n".join(_episode(e, lang, words) for e in newest_first)
    body = (f'<ol class="episodes">\n{listed}\n</ol>' if newest_first
            else f"<p>{escape(words.empty)}</p>")
    paragraphs = [" ".join(part.split()) for part in show.description.split("\n\n") if part.strip()]
    description = "".join(f'<p class="lead">{escape(part)}</p>' for part in paragraphs)
    base = show.base_url if is_web(show.base_url) else None
    card = Card(kind="website", title=show.title, description=" ".join(paragraphs) or show.title,
                language=show.language, url=base, image=absolute(base, cover))
    source = link_to(cover)
    image = (f'<img class="cover" src="{escape(source, quote=True)}" width="160" height="160" '
             f'alt="{escape(words.cover.format(title=show.title), quote=True)}">\n'
             if source else "")
    title = escape(show.title)
    return _PAGE.format(
        lang=escape(lang), title=title, description=description, feed=_href(FEED_NAME),
        head="\n".join(filter(None, (open_graph(card), icon_link(favicon)))), cover=image,
        subscribe=_subscribe(show, words), subscribe_heading=escape(words.subscribe),
        skip=escape(words.skip),
        episodes_heading=escape(words.episodes), body=body, style=_style(),
    )


def _subscribe(show: Show, words: ShowWords) -> str:
    """The feed's link and, for a feed on the web, its address in a read-only field (to copy,
    with no script) and the links that subscribe in the common apps."""
    parts = [f'<p><a href="{_href(FEED_NAME)}" type="application/rss+xml">'
             f"{escape(words.feed)}</a></p>"]
    url = absolute(show.base_url, FEED_NAME)
    if url:
        parts.append(f'<p class="address"><label for="feed-url">{escape(words.address)}</label>'
                     f'<input id="feed-url" type="url" readonly value="{escape(url, quote=True)}" '
                     'spellcheck="false"></p>')
        apps = "".join(f'<li><a href="{escape(link, quote=True)}">{escape(app)}</a></li>'
                       for app, link in subscribe_links(url, show.title))
        parts.append(f'<p id="apps">{escape(words.apps)}</p>\n'
                     f'<ul class="apps" aria-labelledby="apps">{apps}</ul>')
    return "\n".join(parts)


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


def _beside(mp3: Path, name: object, existing: bool = True) -> str | None:
    """The link to `name` when it is a file right beside the MP3 (or, unless `existing`, may be
    one); None for anything else (a manifest from elsewhere naming `../x` or an absolute path gets
    no link, nor a page written, out of the folder)."""
    if not isinstance(name, str) or not name or Path(name).name != name or name in (".", ".."):
        return None
    return _href(name) if not existing or (mp3.parent / name).is_file() else None


def _href(name: str) -> str:
    """A relative link to a file in the same folder, quoted for a URL and escaped for HTML."""
    return escape(quote(name), quote=True)


def _iso_duration(seconds: float) -> str:
    """The duration as HTML's `<time datetime>` takes it: `PT4M12S`."""
    whole = max(0, int(seconds)) if math.isfinite(seconds) else 0
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"PT{hours}H{minutes}M{secs}S" if hours else f"PT{minutes}M{secs}S"


def write_show_page(path: Path, show: Show, episodes: Sequence[Episode],
                    cover: str | None = None, favicon: str | None = None) -> bool:
    """Write the page to `path` when its bytes change (whole, through a temporary file); True when
    it was written."""
    return _write_if_changed(path, to_show_html(show, episodes, cover, _favicon(show, favicon)))


def write_player_pages(show: Show, episodes: Sequence[Episode], cover: str | None = None,
                       favicon: str | None = None) -> list[Path]:
    """Give each episode's player page the show's links (its page, its feed, its icon and card),
    writing only the pages whose bytes change: the build wrote them as for a bulletin alone, and
    a rerun that changed nothing leaves every page as it was. The pages written, in order."""
    links = ShowLinks(title=show.title, page=PAGE_NAME, feed=FEED_NAME,
                      base_url=show.base_url, cover=_cover(show, cover), favicon=_favicon(show, favicon))
    written = []
    for episode in episodes:
        name = (episode.manifest.get("files") or {}).get("player")
        if not isinstance(name, str) or _beside(episode.mp3, name, existing=False) is None:
            continue
        page = episode.mp3.parent / name
        if _write_if_changed(page, to_player_html(episode.manifest, episode.mp3.name, links)):
            written.append(page)
    return written


def _cover(show: Show, cover: str | None) -> str | None:
    """The cover the pages show: the one given, else the show's artwork (its file in the folder,
    or its web address)."""
    return cover or (show.artwork.href if show.artwork else None)


def _favicon(show: Show, favicon: str | None) -> str | None:
    """The icon the pages name: the one given, else the one drawn from the show's cover."""
    return favicon or ("favicon.png" if show.artwork and "favicon.png" in show.artwork.icons else None)


def _write_if_changed(path: Path, html: str) -> bool:
    data = html.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    write_atomically(path, data, mode=0o644)
    return True


_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src * data:; \
media-src *; style-src 'unsafe-inline'">
<title>{title}</title>
<link rel="alternate" type="application/rss+xml" title="{title}" href="{feed}">
{head}
<style>{style}</style>
</head>
<body>
<a class="skip" href="#episodes">{skip}</a>
<header>
<div class="masthead">
{cover}<div>
<h1>{title}</h1>
{description}
</div>
</div>
<section class="subscribe" aria-labelledby="subscribe-heading">
<h2 id="subscribe-heading">{subscribe_heading}</h2>
{subscribe}
</section>
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
