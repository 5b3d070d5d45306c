"""The podcast feed: RSS 2.0 with iTunes tags (feedgen) and Podcasting 2.0 chapters and transcripts.

The feed is made from the episodes on disk (each MP3 with its manifest), never from memory, so it
always lists exactly what is there, and it is byte-for-byte the same when nothing changed: its
dates come from the episodes, not the clock.
"""

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from briefing.script.framing import spoken_date
from briefing.version import __version__

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
FEED_NAME = "feed.xml"


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
    category: str = "News"
    email: str | None = None
    image: str | None = None


@dataclass(frozen=True)
class Episode:
    mp3: Path
    manifest: dict
    published: dt.datetime
    """When the episode counts as published (its date at the show's publishing time)."""

    @property
    def date(self) -> str:
        return str(self.manifest["date"])


class _PodcastNamespace(BaseExtension):
    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS}


class _PodcastEntry(BaseEntryExtension):
    """`<podcast:chapters>` and `<podcast:transcript>` for one item."""

    def __init__(self) -> None:
        self.links: list[tuple[str, str, str]] = []
        self.language = "en"
        """The transcript's language."""

    def add(self, tag: str, url: str, media_type: str) -> None:
        self.links.append((tag, url, media_type))

    def extend_rss(self, entry: etree._Element) -> etree._Element:
        for tag, url, media_type in self.links:
            element = etree.SubElement(entry, f"{{{PODCAST_NS}}}{tag}")
            element.set("url", url)
            element.set("type", media_type)
            if tag == "transcript":
                element.set("language", self.language)
        return entry


#: Media types of the transcript formats, as the Podcasting 2.0 namespace lists them.
TRANSCRIPT_TYPES = {"vtt": "text/vtt", "srt": "application/x-subrip", "txt": "text/plain"}


def render_feed(show: Show, episodes: list[Episode]) -> bytes:
    """The feed XML for `episodes` (newest first in the feed)."""
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("podcast20", _PodcastNamespace, _PodcastEntry)
    fg.title(show.title)
    # feedgen takes the channel's <link> from the last link given: the self link goes first.
    fg.link(href=f"{show.base_url}{FEED_NAME}", rel="self")
    fg.link(href=show.link, rel="alternate")
    fg.description(show.description)
    fg.language(show.language)
    fg.generator("briefing", __version__, "https://pypi.org/project/briefing/")
    fg.podcast.itunes_author(show.author)
    fg.podcast.itunes_summary(show.description)
    fg.podcast.itunes_category(show.category)
    fg.podcast.itunes_explicit("no")
    fg.podcast.itunes_type("episodic")
    if show.email:
        fg.podcast.itunes_owner(name=show.author, email=show.email)
    if show.image:
        fg.podcast.itunes_image(show.image)
        fg.image(url=show.image, title=show.title, link=show.link)
    ordered = sorted(episodes, key=lambda e: e.published)
    if ordered:
        fg.lastBuildDate(ordered[-1].published)
        fg.pubDate(ordered[-1].published)
    for episode in ordered:  # feedgen puts each new entry first: the newest ends on top
        _add_entry(fg, show, episode)
    return fg.rss_str(pretty=True)


def _headlines(manifest: dict) -> list[str]:
    """What the episode covers: each story's headline (its first sentence), or each section's title."""
    lines = []
    for segment in manifest["segments"]:
        if segment["kind"] == "story":
            lines.append(segment["sentences"][0]["text"])
        elif segment["kind"] == "section":
            title = segment["title"]
            lines.append(title if title.endswith((".", "…", "?", "!")) else f"{title}.")
    return lines


def _add_entry(fg: FeedGenerator, show: Show, episode: Episode) -> None:
    m = episode.manifest
    files = m.get("files", {})
    base = show.base_url
    entry = fg.add_entry()
    # The GUID the episode was first published with (see `publish.identity`); older manifests have none.
    guid = m.get("guid") or str(uuid.uuid5(uuid.NAMESPACE_URL, f"{base}{episode.mp3.name}"))
    entry.guid(str(guid), permalink=False)
    language = m.get("language", show.language)
    entry.title(f"{show.title}, {spoken_date(dt.date.fromisoformat(episode.date), language)}")
    entry.description(" ".join(_headlines(m)))
    entry.link(href=f"{base}{episode.mp3.name}")
    entry.published(episode.published)
    # A replaced episode's audio gets a URL of its own: apps ignore new audio at a URL they know.
    version = f"?v={m['revision']}" if m.get("revision") else ""
    entry.enclosure(f"{base}{episode.mp3.name}{version}", str(episode.mp3.stat().st_size),
                    "audio/mpeg")
    entry.podcast.itunes_duration(round(float(m["duration"])))
    entry.podcast.itunes_author(show.author)
    extension = entry.podcast20
    extension.language = language
    if files.get("chapters"):
        extension.add("chapters", f"{base}{files['chapters']}", "application/json+chapters")
    # Every transcript the build wrote (older manifests name only their WebVTT one).
    for kind, name in (files.get("transcripts") or {"vtt": files.get("transcript")}).items():
        if name and kind in TRANSCRIPT_TYPES:
            extension.add("transcript", f"{base}{name}", TRANSCRIPT_TYPES[kind])
