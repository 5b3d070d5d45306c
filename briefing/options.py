"""Every choice a build makes, in one frozen value: the core's equivalent of `build`'s options."""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from briefing.sources.read import DEFAULT_ITEMS


@dataclass(frozen=True)
class BuildOptions:
    """Every choice a build makes; `None` means the voice profile's value or the default."""

    voice: str | None = None
    """Profile name or path to a `.toml` profile."""
    rate: int | None = None
    """Words per minute."""
    title: str | None = None
    date: dt.date | None = None
    """The bulletin's date, spoken in the intro; today if not given."""
    encoding: str = "utf-8"
    language: str | None = None
    """Language code; None to take it from the sources or detect it."""
    read_urls: bool = True
    """Read web and e-mail addresses aloud ("example dot org"), or leave them out of the speech."""
    sentence_pause: float | None = None
    paragraph_pause: float | None = None
    segment_pause: float | None = None
    story_pause: float | None = None
    chime: bool = True
    """Generated sounds between segments: a chime between sections, a sting between stories."""
    loudness: str = "podcast"
    """A key of `loudness.PRESETS`."""
    bitrate: str = "64k"
    artist: str = "briefing"
    album: str = "News briefing"
    max_minutes: float | None = None
    """Leave out the last stories until the bulletin lasts at most this long."""
    items: int = DEFAULT_ITEMS
    """Stories taken from each feed, newest first."""
    cache: bool = True
    """Keep spoken sentences in the cache and reuse them; False speaks everything afresh."""
    cache_dir: Path | None = None
    """The cache folder; `$BRIEFING_CACHE_DIR` or the user cache folder when None."""
    jobs: int | None = None
    """Worker processes for neural engines; the CPU count when None."""
    executor: str | None = None
    """`dask://HOST:PORT` to synthesize on a Dask cluster instead of local processes."""
    transcripts: tuple[str, ...] = ("vtt",)
    """Transcript formats written beside the MP3: keys of `transcript.FORMATS`."""
    fetch_timeout: float | None = None
    """Seconds one URL source may take in all; `fetch.DEADLINE` when None."""
    fetch_max_mb: float | None = None
    """Megabytes one URL source may weigh; `fetch.MAX_MB` when None."""
    presenters: tuple[str, ...] = ()
    """Two voice profiles sharing the bulletin (the first opens and closes, stories alternate);
    empty for one voice."""
