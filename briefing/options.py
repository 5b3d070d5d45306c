"""Every choice a build makes, in one frozen value: the core's equivalent of `build`'s options."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.audio.music import DEFAULT_SECONDS, MusicChoice
from briefing.sources.fetch import is_url
from briefing.sources.read import DEFAULT_ITEMS

DEFAULT_OUTPUT_DIR = Path("output")


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
    """Shorten the stories (or leave out the last ones, see `fit`) until the bulletin lasts at
    most this long."""
    fit: str = "shorten"
    """How `max_minutes` is met: `shorten` every story first (brief mode), or only `drop` the
    last stories."""
    items: int = DEFAULT_ITEMS
    """Stories taken from each feed, newest first."""
    merge_duplicates: bool = True
    """Tell once the same event reported by several sources (see `desk.duplicates`)."""
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
    max_pages: int | None = None
    """A PDF with more pages is skipped; `fetch.MAX_PAGES` when None."""
    max_mb: float | None = None
    """A file or standard input of more megabytes is skipped; `fetch.MAX_MB` when None."""
    intro_music: str | None = None
    """An audio file (or `jingle`) played before the intro, faded, at most `music_seconds`."""
    outro_music: str | None = None
    """An audio file (or `jingle`) played after the outro, faded, at most `music_seconds`."""
    bed: str | None = None
    """An audio file (or `pad`) looped under the bulletin, down under the speech."""
    music_seconds: float = DEFAULT_SECONDS

    @property
    def music(self) -> MusicChoice:
        return MusicChoice(self.intro_music, self.outro_music, self.bed, self.music_seconds)
    presenters: tuple[str, ...] = ()
    """Two voice profiles sharing the bulletin (the first opens and closes, stories alternate);
    empty for one voice."""
    cover: Path | None = None
    """A JPEG or PNG embedded in the MP3 as its front cover (ID3 APIC); checked by whoever chose
    it (a show's cover, see `publish.cover`). Its bytes, not its name, are part of the
    fingerprint."""
    verify: bool = False
    """Hear the bulletin back before it is written (`hearing`): a sentence heard wrong is heard
    again alone, then spoken again more slowly, unless it is a name (reported with a drafted
    lexicon entry). Needs the `verify` extra."""
    verify_strict: bool = False
    """With `verify`, a sentence still heard wrong stops the build (a `QualityError`, exit 4)
    instead of being written: for a daily show that would rather miss a day than air it."""


def default_output(sources: Sequence[str | Path]) -> Path:
    """`output/<stem of the first source>.mp3` (`output/bulletin.mp3` for stdin or a URL)."""
    first = str(sources[0])
    if first == "-" or is_url(first):
        return DEFAULT_OUTPUT_DIR / "bulletin.mp3"
    path = Path(first)
    stem = path.resolve().name if path.is_dir() else path.stem
    return DEFAULT_OUTPUT_DIR / f"{stem or 'bulletin'}.mp3"
