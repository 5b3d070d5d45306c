"""A daily show's config: its TOML file read and checked, every mistake named with its key.

Paths in the file are relative to its folder. The news desk's keys (`only_new`, `max_age_hours`,
`merge_duplicates`, `order`, `include`, `exclude`, `max_stories`) become the desk's `Rules`.
"""

import datetime as dt
import os
import tomllib
import unicodedata
import uuid
import zoneinfo
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

from briefing.audio.loudness import PRESETS
from briefing.audio.mp3 import BITRATES
from briefing.audio.music import GENERATED
from briefing.desk.age import MAX_AGE_HOURS
from briefing.desk.choose import Rules
from briefing.desk.order import ORDERS
from briefing.errors import ConfigError, SourceError
from briefing.language import check_language_code
from briefing.publish.categories import DEFAULT_CATEGORY, parse_category
from briefing.publish.cover import is_web_address, read_image, web_image_problem
from briefing.publish.notes import DEFAULT_EPISODE_TITLE, pattern_problem
from briefing.script.brief import FIT_MODES
from briefing.script.title import title_problem
from briefing.sources.fetch import is_url
from briefing.sources.read import DEFAULT_ITEMS, MAX_ITEMS


@dataclass(frozen=True)
class DailyConfig:
    """A show, as its TOML file describes it; paths are relative to the file's folder."""

    title: str
    """The show's name: the bulletin's title and the feed's."""
    output: Path
    """The folder for episodes and feed.xml."""
    sources: tuple[str, ...]
    """Files, folders, feed or page URLs, read in this order."""
    author: str = ""
    """Who publishes it: the ID3 artist and the feed's iTunes author; the title when not given."""
    voice: str | None = None
    keep: int = 7
    """How many episodes stay on disk and in the feed."""
    description: str = ""
    language: str | None = None
    """The sources' language; detected when not given."""
    base_url: str | None = None
    """Where `output` is published (e.g. https://example.org/valley/); the folder's file:// URL
    when not given, which local players understand but a podcast directory does not."""
    link: str | None = None
    """The show's web page; `base_url` when not given."""
    email: str | None = None
    """The owner's address: Apple writes there to confirm a show is theirs; also the owner of
    `podcast:locked`."""
    image: str | None = None
    """The show's cover: a square RGB JPEG or PNG of 1400 to 3000 pixels (relative to the config's
    folder) or an http(s) address; drawn from the title when not given."""
    category: str = DEFAULT_CATEGORY
    """One of Apple's podcast categories, `Main/Sub` or `Main`, in Apple's spelling."""
    copyright: str | None = None
    """The feed's copyright line; the author when not given."""
    explicit: bool = False
    locked: bool = True
    """Ask other platforms not to import the feed without the owner's consent (`podcast:locked`)."""
    podcast_guid: str | None = None
    """The show's `podcast:guid`: derived from the feed's address when not given; give the old one
    when the feed moves."""
    episode_title: str = DEFAULT_EPISODE_TITLE
    """Each episode's title: `{day}` (Tue 24 Nov), `{date}` (2026-11-24), `{lead}` (the first
    headline) and `{more}` (and 2 more), in the episode's language."""
    max_minutes: float | None = None
    fit: str = "shorten"
    """How `max_minutes` is met: `shorten` every story first, or `drop` whole stories."""
    items: int = DEFAULT_ITEMS
    """Stories taken from each feed source."""
    loudness: str = "podcast"
    bitrate: str = "64k"
    publish_time: str = "06:00"
    """The time of day (HH:MM, in `timezone`) each episode is dated in the feed."""
    timezone: str = "UTC"
    fetch_timeout: float | None = None
    """Seconds each URL source may take in all (the build's default when not given)."""
    fetch_max_mb: float | None = None
    """Megabytes each URL source may weigh (the build's default when not given)."""
    max_pages: int | None = None
    """A PDF source with more pages is skipped (the build's default when not given)."""
    max_mb: float | None = None
    """Megabytes each file source may weigh (the build's default when not given)."""
    intro_music: str | None = None
    """Music before the intro: a file (relative to the config's folder) or `jingle`."""
    outro_music: str | None = None
    """Music after the outro: a file or `jingle`."""
    bed: str | None = None
    """Music under the bulletin: a file or `pad`."""
    presenters: tuple[str, ...] = ()
    """Two voice profiles sharing each episode, `presenters = ["anchor", "british-male"]`."""
    only_new: bool = True
    """Leave out every story an earlier episode told (the show's history remembers them)."""
    max_age_hours: float = MAX_AGE_HOURS
    """Leave out a dated story older than this at the episode's publish time."""
    merge_duplicates: bool = True
    """Tell once an event several sources report, naming the other outlets."""
    order: str = "biggest"
    """`biggest`: the story most outlets carry first, then the newest; `sources`: as read."""
    include: tuple[str, ...] = ()
    """Words or phrases: only stories that mention one of them are told."""
    exclude: tuple[str, ...] = ()
    """Words or phrases: stories that mention any of them are left out."""
    max_stories: int | None = None
    """The most stories an episode tells, the biggest first."""
    verify: bool = False
    """Hear each episode back before it is published (`build --verify`); needs the `verify`
    extra."""
    verify_strict: bool = False
    """Publish nothing when a sentence is still heard wrong after being spoken again: the run
    fails with the quality exit code (4). Implies `verify`."""

    @property
    def rules(self) -> Rules:
        return Rules(only_new=self.only_new, max_age_hours=self.max_age_hours,
                     merge_duplicates=self.merge_duplicates, order=self.order,
                     include=self.include, exclude=self.exclude, max_stories=self.max_stories)


_REQUIRED = ("title", "output", "sources")
#: Keys whose value is text: a number or a table there is named, not found later by the feed.
_TEXT = ("title", "author", "output", "voice", "description", "language", "base_url", "link", "email",
         "image", "category", "loudness", "bitrate", "publish_time", "timezone", "fit",
         "intro_music", "outro_music", "bed", "copyright", "podcast_guid", "episode_title")
#: Keys that are web addresses in the feed: http(s) only, never javascript: or data: links.
_URLS = ("base_url", "link")
#: The longest episode, as `--max-minutes` allows.
MAX_MINUTES = (0.5, 600)
#: What a [[sources]] table names, one of: a file or folder, a web address, or an OPML subscription
#: list (a file or a web address) whose feeds are read in turn.
_SOURCE_KEYS = {"path", "url", "opml"}


def load_config(path: Path) -> DailyConfig:
    """Read and check a show's config; every problem is a `ConfigError` naming the key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))  # a BOM, as Notepad writes
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such config file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read it ({exc.strerror})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    return config_from_data(data, path)


def config_from_data(data: dict, path: Path) -> DailyConfig:
    """Check a show's config as TOML gives it (`path` names it in messages, and relative paths
    are relative to its folder)."""
    data = dict(data)
    known = {f.name for f in fields(DailyConfig)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"{path}: unknown key {unknown[0]!r} (known: {', '.join(sorted(known))})")
    missing = [key for key in _REQUIRED if key not in data]
    if missing:
        raise ConfigError(f"{path}: missing {missing[0]!r}; see the example in the README")
    _check_values(path, data)
    base = path.parent
    sources = []
    raw_sources = data.pop("sources")
    if not isinstance(raw_sources, list) or not raw_sources:
        raise ConfigError(f"{path}: 'sources' must be one or more [[sources]] tables")
    for number, source in enumerate(raw_sources, 1):
        if not isinstance(source, dict) or set(source) - _SOURCE_KEYS or len(source) != 1 or \
                not all(isinstance(value, str) and value.strip() for value in source.values()):
            raise ConfigError(f"{path}: [[sources]] number {number} needs exactly one of path = "
                              "\"...\", url = \"...\" or opml = \"...\", in quotes")
        [(key, value)] = source.items()
        if key == "url" or (key == "opml" and is_url(value)):
            sources.append(value)
        else:  # an OPML file is read as one by its content, as any path is
            sources.append(os.path.normpath(base / value))
    values = dict(data)
    values["output"] = Path(os.path.normpath(base / str(data["output"])))
    values["sources"] = tuple(sources)
    for number, source in enumerate(sources, 1):
        if not is_url(source) and Path(source).resolve() == values["output"].resolve():
            raise ConfigError(f"{path}: [[sources]] number {number} is the output folder, where the "
                              "show's own episode pages and feed would be read as stories; give the "
                              "show an output folder of its own")
    if "language" in data:
        try:
            check_language_code(data["language"])
        except SourceError:
            raise ConfigError(f"{path}: 'language' is not a language code ({data['language']!r}); "
                              "use one such as en, es or pt-BR") from None
    for key in ("title", "author", "copyright"):
        if key in data and not data[key].strip():
            raise ConfigError(f"{path}: {key!r} must be a non-empty string")
    problem = title_problem(data["title"])
    if problem:
        raise ConfigError(f"{path}: 'title' {problem}")
    values["author"] = data.get("author", data["title"])
    values["keep"] = _int(data.get("keep", 7), path, "keep", 1)
    # As many as `--items` takes: a feed of thousands would hold the daily lock for hours.
    values["items"] = _int(data.get("items", DEFAULT_ITEMS), path, "items", 1, MAX_ITEMS)
    if "max_pages" in data:
        values["max_pages"] = _int(data["max_pages"], path, "max_pages", 1)
    low, high = MAX_MINUTES
    minutes = data.get("max_minutes", low)
    # Written as "not inside" so that nan, which compares false with everything, is refused too.
    if isinstance(minutes, bool) or not isinstance(minutes, int | float) or not low <= minutes <= high:
        raise ConfigError(f"{path}: 'max_minutes' must be a number of minutes from {low} to {high}")
    for key in ("fetch_timeout", "fetch_max_mb", "max_mb"):
        value = data.get(key)
        if value is not None and not (isinstance(value, int | float) and not isinstance(value, bool)
                                      and 0 < value < float("inf")):
            raise ConfigError(f"{path}: {key!r} must be a number above 0")
    if values.get("fit", "shorten") not in FIT_MODES:
        raise ConfigError(f"{path}: 'fit' must be one of {', '.join(FIT_MODES)}")
    if values.get("loudness", "podcast") not in PRESETS:
        raise ConfigError(f"{path}: 'loudness' must be one of {', '.join(PRESETS)}")
    if values.get("bitrate", "64k") not in BITRATES:
        raise ConfigError(f"{path}: 'bitrate' must be one of {', '.join(BITRATES)}")
    try:
        dt.time.fromisoformat(values.get("publish_time", "06:00"))
        zoneinfo.ZoneInfo(values.get("timezone", "UTC"))
    except (ValueError, zoneinfo.ZoneInfoNotFoundError) as exc:
        raise ConfigError(f"{path}: bad publish_time or timezone ({exc})") from None
    for key in ("intro_music", "outro_music", "bed"):
        if key in data and data[key] not in GENERATED:
            if not data[key].strip():
                raise ConfigError(f"{path}: {key!r} must be an audio file's path or one of "
                                  f"{', '.join(GENERATED)}")
            values[key] = os.path.normpath(base / data[key])
    base_url = values.get("base_url")
    if base_url and not base_url.endswith("/"):
        values["base_url"] = base_url + "/"
    if "presenters" in data:
        values["presenters"] = _presenters(data["presenters"], path)
    _desk_values(path, data, values)
    _feed_values(path, data, values)
    return DailyConfig(**values)


def _feed_values(path: Path, data: dict, values: dict) -> None:
    """Check the podcast feed's keys (and the other yes-or-no keys) into `values`: a local image
    is read and checked now, so a bad one stops the run before anything is written."""
    for key in ("explicit", "locked", "verify", "verify_strict"):
        if key in data and not isinstance(data[key], bool):
            raise ConfigError(f"{path}: {key!r} must be true or false")
    image = data.get("image")
    if image is not None and is_web_address(image):
        problem = None if _is_web_address(image) else \
            f"must be a JPEG or PNG file, or an http:// or https:// address with a host, not {image!r}"
        problem = problem or web_image_problem(image)
        if problem:
            raise ConfigError(f"{path}: 'image' {problem}")
    elif image is not None:
        values["image"] = os.path.normpath(path.parent / image)
        try:
            read_image(Path(values["image"]), image)
        except ConfigError as exc:
            raise ConfigError(f"{path}: {exc}") from None
    try:
        values["category"] = "/".join(filter(None, parse_category(data.get("category",
                                                                            DEFAULT_CATEGORY))))
    except ValueError as exc:
        raise ConfigError(f"{path}: 'category' must be one of Apple's podcast categories, as "
                          f"Main/Sub or Main (see the README); {exc}") from None
    if "podcast_guid" in data:
        try:
            values["podcast_guid"] = str(uuid.UUID(data["podcast_guid"]))
        except ValueError:
            raise ConfigError(f"{path}: 'podcast_guid' must be a UUID such as "
                              "9b024349-ccf0-5f69-a609-6b82873eab3c: the one the feed had before "
                              "it moved") from None
    problem = pattern_problem(data.get("episode_title", DEFAULT_EPISODE_TITLE), data["title"])
    if problem:
        raise ConfigError(f"{path}: 'episode_title' {problem}")


def _desk_values(path: Path, data: dict, values: dict) -> None:
    """Check the news desk's keys into `values`."""
    for key in ("only_new", "merge_duplicates"):
        if key in data and not isinstance(data[key], bool):
            raise ConfigError(f"{path}: {key!r} must be true or false")
    hours = data.get("max_age_hours", MAX_AGE_HOURS)
    if isinstance(hours, bool) or not isinstance(hours, int | float) or not 0 < hours < float("inf"):
        raise ConfigError(f"{path}: 'max_age_hours' must be a number of hours above 0")
    values["max_age_hours"] = float(hours)
    if data.get("order", "biggest") not in ORDERS:
        raise ConfigError(f"{path}: 'order' must be one of {', '.join(ORDERS)}")
    for key in ("include", "exclude"):
        if key not in data:
            continue
        value = data[key]
        if not (isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)):
            raise ConfigError(f"{path}: {key!r} must be a list of words or phrases, e.g. "
                              f'{key} = ["council", "flood warning"]')
        values[key] = tuple(v.strip() for v in value)
    if "max_stories" in data:
        values["max_stories"] = _int(data["max_stories"], path, "max_stories", 1)


def _presenters(value: object, path: Path) -> tuple[str, ...]:
    """Two different profile names, as `--presenters` takes them."""
    if not (isinstance(value, list) and len(value) == 2 and value[0] != value[1]
            and all(isinstance(name, str) and name.strip() for name in value)):
        raise ConfigError(f"{path}: 'presenters' must name two different voice profiles, e.g. "
                          'presenters = ["anchor", "british-male"]')
    return tuple(name.strip() for name in value)


def _check_values(path: Path, data: dict) -> None:
    """Text where text belongs, without control characters (the feed's XML cannot carry them; a
    description may have line breaks and tabs), and web addresses that are http(s)."""
    for key in _TEXT:
        if key not in data:
            continue
        value = data[key]
        if not isinstance(value, str):
            raise ConfigError(f"{path}: {key!r} must be text in quotes, not {value!r}")
        allowed = "\n\t" if key == "description" else ""
        if any(unicodedata.category(char) == "Cc" and char not in allowed for char in value):
            raise ConfigError(f"{path}: {key!r} contains a control character; remove it")
    for key in _URLS:
        if key in data and not _is_web_address(data[key]):
            raise ConfigError(f"{path}: {key!r} must be an http:// or https:// address with a host, "
                              f"not {data[key]!r}")


def _is_web_address(value: str) -> bool:
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _int(value: object, path: Path, key: str, minimum: int,
         maximum: int | None = None) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum \
            or (maximum is not None and value > maximum):
        most = f" and at most {maximum}" if maximum is not None else ""
        raise ConfigError(f"{path}: {key!r} must be a whole number of at least {minimum}{most}")
    return value
