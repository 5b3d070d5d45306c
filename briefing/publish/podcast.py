"""The podcast feed: RSS 2.0 with Apple's iTunes tags, Podcasting 2.0's and Podlove's chapters.

The feed is what podcast apps and directories read, so it carries what Apple requires and
recommends (artwork, category, explicit, each episode's duration, link and notes) and what the
Podcasting 2.0 namespace adds (the show's permanent `podcast:guid`, `podcast:locked`, chapters and
transcripts). Chapters are also written inline as Podlove Simple Chapters, the only chapters
gPodder and AntennaPod read from a feed.

It is written with lxml rather than a feed library, because none writes `itunes:explicit` as
Apple now spells it (true/false) or the channel's `podcast:guid` and `podcast:locked`. It is made
from the episodes on disk (each MP3 with its manifest), never from memory, so it always lists
exactly what is there, and it is byte-for-byte the same when nothing changed: its dates come from
the episodes, not the clock.
"""

import datetime as dt
import email.utils
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from briefing.publish.categories import DEFAULT_CATEGORY, parse_category
from briefing.publish.cover import Artwork
from briefing.publish.notes import DEFAULT_EPISODE_TITLE, episode_title, headlines, show_notes

FEED_NAME = "feed.xml"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PSC_NS = "http://podlove.org/simple-chapters"
_NSMAP = {"itunes": ITUNES_NS, "podcast": PODCAST_NS, "atom": "http://www.w3.org/2005/Atom",
          "content": "http://purl.org/rss/1.0/modules/content/", "psc": PSC_NS}
#: The namespace of `podcast:guid`'s UUIDv5, as the Podcasting 2.0 namespace defines it.
GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
#: Media types of the transcript formats, as the Podcasting 2.0 namespace lists them.
TRANSCRIPT_TYPES = {"vtt": "text/vtt", "srt": "application/x-subrip", "txt": "text/plain"}
#: Characters XML 1.0 cannot carry, which a source's text might still hold.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Show:
    """The podcast as a whole: what the channel says about itself."""

    title: str
    author: str
    description: str
    base_url: str
    """Where the output folder is published, ending in `/`: enclosure and link URLs start here."""
    link: str
    language: str = "en"
    category: str = DEFAULT_CATEGORY
    """One of Apple's categories, `Main/Sub` or `Main` (see `categories`)."""
    email: str | None = None
    """The owner's address: Apple's `itunes:owner` and the `podcast:locked` owner."""
    artwork: Artwork | None = None
    copyright: str | None = None
    """The `<copyright>` line; the author when not given."""
    explicit: bool = False
    locked: bool = True
    """`podcast:locked`: other platforms may not import the feed without the owner's consent."""
    guid: str | None = None
    """`podcast:guid`, the show's identity wherever its feed moves; none for a feed on a disk."""
    episode_title: str = DEFAULT_EPISODE_TITLE
    """The pattern of each episode's title (see `notes.episode_title`)."""

    @property
    def feed_url(self) -> str:
        return f"{self.base_url}{FEED_NAME}"


@dataclass(frozen=True)
class Episode:
    mp3: Path
    manifest: dict
    published: dt.datetime
    """When the episode counts as published (its date at the show's publishing time)."""

    @property
    def date(self) -> str:
        return str(self.manifest["date"])


def podcast_guid(feed_url: str) -> str:
    """The show's `podcast:guid` as the namespace derives it: a UUIDv5 of the feed's address
    without its scheme and trailing slashes (`podnews.net/rss`)."""
    address = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://", "", feed_url).rstrip("/")
    return str(uuid.uuid5(GUID_NAMESPACE, address))


def item_guid(show: Show, episode: Episode) -> str:
    """The episode's `<guid>`, by which apps know an episode they have seen: the one it was first
    published with, kept in its manifest (see `publish.identity`); for older manifests, a UUIDv5
    of its MP3's address."""
    guid = episode.manifest.get("guid")
    return str(guid) if guid else str(uuid.uuid5(uuid.NAMESPACE_URL, f"{show.base_url}{episode.mp3.name}"))


def render_feed(show: Show, episodes: list[Episode]) -> bytes:
    """The feed XML for `episodes` (newest first in the feed)."""
    rss = etree.Element("rss", version="2.0", nsmap=_NSMAP)
    channel = _add(rss, "channel")
    for tag, value in (("title", show.title), ("link", show.link),
                       ("description", show.description), ("language", show.language),
                       ("copyright", show.copyright or show.author), ("generator", "briefing")):
        _add(channel, tag, value)
    ordered = sorted(episodes, key=lambda e: e.published, reverse=True)
    if ordered:
        _add(channel, "lastBuildDate", _rfc822(ordered[0].published))
        _add(channel, "pubDate", _rfc822(ordered[0].published))
    _add(channel, "atom:link", href=show.feed_url, rel="self", type="application/rss+xml")
    cover = show.artwork.url(show.base_url) if show.artwork else None
    if cover:
        image = _add(channel, "image")
        for tag, value in (("url", cover), ("title", show.title), ("link", show.link)):
            _add(image, tag, value)
    _add(channel, "itunes:author", show.author)
    if show.email:
        owner = _add(channel, "itunes:owner")
        _add(owner, "itunes:name", show.author)
        _add(owner, "itunes:email", show.email)
    if cover:
        _add(channel, "itunes:image", href=cover)
    main, sub = parse_category(show.category)
    category = _add(channel, "itunes:category", text=main)
    if sub:
        _add(category, "itunes:category", text=sub)
    _add(channel, "itunes:explicit", _true(show.explicit))
    _add(channel, "itunes:type", "episodic")
    if show.guid:
        _add(channel, "podcast:guid", show.guid)
    _add(channel, "podcast:locked", "yes" if show.locked else "no",
         **({"owner": show.email} if show.email else {}))
    for episode in ordered:
        _add_item(channel, show, episode, cover)
    return etree.tostring(rss, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _add_item(channel: etree._Element, show: Show, episode: Episode, cover: str | None) -> None:
    m = episode.manifest
    files = m.get("files") or {}
    base = show.base_url
    language = m.get("language", show.language)
    item = _add(channel, "item")
    _add(item, "title", episode_title(show.episode_title, dt.date.fromisoformat(episode.date), m,
                                      language))
    # The player page, with chapters and the transcript to follow; older manifests name none.
    _add(item, "link", f"{base}{files.get('player') or episode.mp3.name}")
    _add(item, "description", " ".join(_sentence(line) for line in headlines(m)))
    notes = show_notes(m)
    if notes:
        etree.SubElement(item, _name("content:encoded")).text = etree.CDATA(_clean(notes))
    _add(item, "guid", item_guid(show, episode), isPermaLink="false")
    _add(item, "pubDate", _rfc822(episode.published))
    # A replaced episode's audio gets a URL of its own: apps ignore new audio at a URL they know.
    version = f"?v={m['revision']}" if m.get("revision") else ""
    _add(item, "enclosure", url=f"{base}{episode.mp3.name}{version}",
         length=str(episode.mp3.stat().st_size), type="audio/mpeg")
    _add(item, "itunes:author", show.author)
    _add(item, "itunes:duration", str(round(float(m["duration"]))))
    if cover:
        _add(item, "itunes:image", href=cover)
    _add(item, "itunes:explicit", _true(show.explicit))
    if files.get("chapters"):
        _add(item, "podcast:chapters", url=f"{base}{files['chapters']}",
             type="application/json+chapters")
    # Every transcript the build wrote (older manifests name only their WebVTT one).
    for kind, name in (files.get("transcripts") or {"vtt": files.get("transcript")}).items():
        if name and kind in TRANSCRIPT_TYPES:
            _add(item, "podcast:transcript", url=f"{base}{name}", type=TRANSCRIPT_TYPES[kind],
                 language=language)
    chapters = _add(item, "psc:chapters", version="1.2")
    for segment in m["segments"]:
        link = segment.get("link")
        web = isinstance(link, str) and link.lower().startswith(("http://", "https://"))
        _add(chapters, "psc:chapter", start=npt(float(segment["start"])), title=segment["title"],
             **({"href": link} if web else {}))


def npt(seconds: float) -> str:
    """A chapter's start as Podlove writes Normal Play Time: `00:01:02.500`."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _sentence(headline: str) -> str:
    return headline if headline.endswith((".", "…", "?", "!")) else f"{headline}."


def _true(value: bool) -> str:
    return "true" if value else "false"


def _rfc822(moment: dt.datetime) -> str:
    return email.utils.format_datetime(moment)


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _name(tag: str) -> str:
    prefix, _, local = tag.rpartition(":")
    return f"{{{_NSMAP[prefix]}}}{local}" if prefix else local


def _add(parent: etree._Element, tag: str, value: str | None = None, **attributes: str
         ) -> etree._Element:
    """A child `tag` (`prefix:name` for a namespace) with its text and attributes, in order."""
    element = etree.SubElement(parent, _name(tag))
    for key, attribute in attributes.items():
        element.set(key, _clean(attribute))
    if value is not None:
        element.text = _clean(value)
    return element
