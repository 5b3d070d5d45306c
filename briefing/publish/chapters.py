"""Chapters as JSON in the Podcasting 2.0 format, for `podcast:chapters` in the feed.

Podcast apps that read the feed's chapters file show titles and links without downloading the
MP3; the format is https://github.com/Podcastindex-org/podcast-namespace/blob/main/chapters/jsonChapters.md
(version 1.2.0: `startTime` in seconds, `title`, optional `endTime`, `url`, `img`, `toc`): a
story's chapter links to its page and shows its own picture, if it has one.
"""

import json

from briefing.audio.assembly import Chapter
from briefing.script.compose import Script

VERSION = "1.2.0"


def to_chapters_json(script: Script, chapters: tuple[Chapter, ...], author: str | None = None) -> str:
    """The chapters of a bulletin: one per segment (per story in a several-story bulletin)."""
    items = []
    for segment, chapter in zip(script.segments, chapters, strict=True):
        item: dict[str, object] = {
            "startTime": round(chapter.start, 3),
            "endTime": round(chapter.end, 3),
            "title": chapter.title,
        }
        if segment.link:
            item["url"] = segment.link
        if segment.image:
            item["img"] = segment.image
        items.append(item)
    data: dict[str, object] = {"version": VERSION, "title": script.title}
    if author:
        data["author"] = author
    data["chapters"] = items
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
