"""What a show's pages say to the rest of the web: Open Graph tags (the card a link gets when it
is shared in a chat or a social network) and links that open the feed in the common podcast apps.

Both need absolute addresses: a relative link shared elsewhere, or handed to an app, leads
nowhere, and a `file://` one names a folder on the machine that made the page. So the tags name the
page, its cover and its audio, and the subscribe links appear, only where the show is published
over http(s) (its `base_url`); the rest of each page works without them.
"""

from dataclasses import dataclass
from html import escape
from pathlib import PurePosixPath
from urllib.parse import quote, urljoin, urlsplit

from babel import Locale, UnknownLocaleError
from babel.core import get_global


@dataclass(frozen=True)
class ShowLinks:
    """What an episode's player page knows of the daily show it belongs to."""

    title: str
    """The show's title: the links back name it."""
    page: str
    """The show page, relative to the episode (it sits beside it)."""
    feed: str
    """The feed, relative to the episode."""
    base_url: str | None = None
    """Where the folder is published, ending in `/`: only an http(s) one gives absolute addresses."""
    cover: str | None = None
    """The show's cover: a file name in the folder or an http(s) URL."""
    favicon: str | None = None
    """The icon browsers show in the tab: a file name in the folder or an http(s) URL."""


def is_web(url: str | None) -> bool:
    """An http(s) address with a host: the only kind an app or a link preview can fetch."""
    if not url:
        return False
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def absolute(base_url: str | None, name: str | None) -> str | None:
    """`name` (a file in the published folder, or already an http(s) URL) as an http(s) address;
    None when it has none (no name, or a folder that is not on the web)."""
    if not name:
        return None
    if is_web(name):
        return name
    if not is_web(base_url) or not _plain(name):
        return None
    return urljoin(str(base_url), quote(name))


def _plain(name: str) -> bool:
    """A file right beside the page: no folder and no scheme (`javascript:`) in it, and not `.`
    or `..`."""
    return PurePosixPath(name).name == name and name not in (".", "..") \
        and not urlsplit(name).scheme


def link_to(target: str | None) -> str | None:
    """A link to a file beside the page or to an http(s) URL, quoted for a URL; None for anything
    else (a path out of the folder, a `javascript:` or `file:` address)."""
    if not target:
        return None
    if is_web(target):
        return target
    return quote(target) if _plain(target) else None


#: Characters a feed URL keeps as they are inside a query value: it stays readable, and a `?`,
#: `&` or `#` of its own cannot end the value early.
_QUERY_SAFE = ":/"


def subscribe_links(feed_url: str, title: str) -> list[tuple[str, str]]:
    """(app, link) for the apps that subscribe from a link, for a feed on the web; none for a feed
    that is not (an app on a phone cannot read a file on the machine that made the page). Apple
    Podcasts and Overcast open by their own URL schemes, the others through their web sites."""
    if not is_web(feed_url):
        return []
    bare = feed_url.split("://", 1)[1]
    value = quote(feed_url, safe=_QUERY_SAFE)
    return [
        ("Apple Podcasts", f"podcast://{bare}"),
        ("Overcast", f"overcast://x-callback-url/add?url={value}"),
        ("Pocket Casts", f"https://pcasts.in/feed/{feed_url}"),
        ("AntennaPod", f"https://antennapod.org/deeplink/subscribe?url={value}"
                       f"&title={quote(title, safe='')}"),
        ("Podcast Addict", f"https://podcastaddict.com/feed/{quote(feed_url, safe='')}"),
        ("gPodder", f"https://gpodder.net/subscribe?url={value}"),
    ]


def og_locale(language: str) -> str:
    """Open Graph's `language_TERRITORY` for a language tag: `en` is `en_US`, `pt-BR` is
    `pt_BR`, `zh` is `zh_CN` (the territory CLDR thinks likeliest when the tag names none)."""
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return "en_US"
    if not locale.territory:
        likely = get_global("likely_subtags").get(locale.language)
        if likely:
            locale = Locale.parse(likely)
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


@dataclass(frozen=True)
class Card:
    """A page's Open Graph card; the addresses are absolute, or None to leave the tag out."""

    kind: str
    """`website` for the show, `article` for an episode."""
    title: str
    description: str
    language: str
    url: str | None = None
    image: str | None = None
    audio: str | None = None
    site: str | None = None
    """The show an episode belongs to."""


def open_graph(card: Card) -> str:
    """The card as `<meta property="og:…">` tags, every value escaped."""
    tags = [("og:type", card.kind), ("og:title", card.title), ("og:site_name", card.site),
            ("og:description", card.description), ("og:locale", og_locale(card.language)),
            ("og:url", card.url), ("og:image", card.image), ("og:audio", card.audio),
            ("og:audio:type", "audio/mpeg" if card.audio else None)]
    return "\n".join(f'<meta property="{name}" content="{escape(" ".join(value.split()))}">'
                     for name, value in tags if value)


#: Media types of the icons a show may have, by suffix.
_ICON_TYPES = {".png": "image/png", ".ico": "image/x-icon", ".svg": "image/svg+xml",
               ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def icon_link(favicon: str | None) -> str:
    """The `<link rel="icon">` for a favicon beside the page or at an http(s) URL; nothing for
    anything else."""
    target = link_to(favicon)
    if target is None:
        return ""
    kind = _ICON_TYPES.get(PurePosixPath(urlsplit(target).path).suffix.lower())
    typed = f' type="{kind}"' if kind else ""
    return f'<link rel="icon" href="{escape(target, quote=True)}"{typed}>'
