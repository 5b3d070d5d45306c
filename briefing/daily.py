"""The daily run: a show's config in, today's episode and the podcast feed out, unattended.

Made for cron and systemd timers: a lock keeps two runs from writing one folder at once; the news
desk (`briefing.desk`) chooses the stories, so an episode tells only what no earlier one told,
nothing too old, each event once and the biggest first, and a morning with nothing new makes no
episode. An episode once published stays as it is: a rerun from the same inputs (its published
identity, see `publish.identity`) rewrites nothing, and one from other inputs is refused before
any work unless told to replace it, which gives it a new GUID. Episodes beyond `keep` are removed
from disk and feed, and the feed is rewritten only when its bytes change. The show page
(`index.html`) lists the same episodes as the feed and is rewritten on the same terms. Temporary
files that a killed run left in the folder are removed by the next one.
"""

import contextlib
import dataclasses
import datetime as dt
import logging
import time
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from briefing.atomic import check_regular, sweep_parts, write_atomically
from briefing.audio.music import music_identity
from briefing.audio.quality import Report, check_bulletin
from briefing.desk.choose import choose
from briefing.desk.history import HISTORY_NAME, History, episode_files
from briefing.desk.left_out import LeftOut
from briefing.errors import BusyError, ConfigError, PublishedError
from briefing.pipeline import BuildOptions, Prepared, build, prepare, read
from briefing.progress import Progress
from briefing.publish.cover import place_cover
from briefing.publish.files import check_outputs, sidecars
from briefing.publish.identity import (
    asdict_settings,
    changed_parts,
    first_guid,
    published_inputs,
    replaced_guid,
    revision,
)
from briefing.publish.manifest import load_manifest
from briefing.publish.podcast import FEED_NAME, Episode, Show, podcast_guid, render_feed
from briefing.publish.show import PAGE_NAME, write_player_pages, write_show_page
from briefing.show_config import DailyConfig, load_config
from briefing.sources.read import Reading, Skipped

LOCK_NAME = ".briefing-daily.lock"
log = logging.getLogger(__name__)
#: Options that are not part of an episode's published identity: how the sources are read (the
#: stories read are), how the work is done, the voices and music (identified by their files), and
#: whether a run may publish a sentence heard wrong (`verify_strict` decides whether, not what).
_NOT_PUBLISHED = ("encoding", "items", "merge_duplicates", "fetch_timeout", "fetch_max_mb",
                  "max_pages", "max_mb", "cache", "cache_dir", "jobs", "executor", "voice",
                  "presenters", "intro_music", "outro_music", "bed", "music_seconds", "cover",
                  "verify_strict")


@dataclass(frozen=True)
class DailyResult:
    episode: Path
    """Where the day's episode is (or would be)."""
    built: bool
    """False when the episode was already there, made from the same inputs (or none was made)."""
    report: Report | None
    """The episode's quality check; None when no episode was made or checked."""
    skipped: list[Skipped]
    dropped: list[str]
    """Stories left out to fit `max_minutes`."""
    removed: list[str]
    """Episodes (dates) removed to keep `keep`."""
    feed: Path
    feed_written: bool
    page: Path
    """The show page, `<output>/index.html`."""
    page_written: bool
    stories: list[str] = field(default_factory=list)
    """The headlines the episode tells (or would tell), in order."""
    left_out: list[LeftOut] = field(default_factory=list)
    """What the desk left out, and why."""
    nothing_new: str | None = None
    """Set when there was nothing new to tell, so no episode was made: says since when."""
    notes: list[str] = field(default_factory=list)
    """Repairs made to the show's history, one line each."""
    replaced: bool = False
    """True when a published episode of other inputs was replaced by a new one (`replace`)."""
    guid: str | None = None
    """The episode's GUID in the feed; None when no episode was made."""


def forget_told(config_path: Path) -> int:
    """Empty the show's history under the daily lock (see `History.forget`): how many stories
    it forgot."""
    config = load_config(config_path)
    if not config.output.is_dir():
        return 0
    with _locked(config.output), History(config.output, load_manifest) as history:
        return history.forget()


def run_daily(config_path: Path, date: dt.date | None = None,
              progress: Progress | None = None, dry_run: bool = False,
              replace: bool = False) -> DailyResult:
    """Make the episode for `date` (today) and the feed; see the module's docstring. With
    `dry_run`, only choose the stories: no audio, no feed, nothing written but a repair of the
    show's history. With `replace`, an episode already published from other inputs is made again
    as a new episode (a new GUID) instead of refused with `PublishedError`."""
    config = load_config(config_path)
    date = date or dt.date.today()
    output = config.output
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"{output}: cannot create the output folder ({exc.strerror}); give "
                          f"another `output` in {config_path}") from None
    started = time.time()
    with _locked(output):
        try:
            return _run_locked(config, date, progress, dry_run, replace)
        finally:
            # Under the lock, so no other daily run is writing here; a build of another kind
            # that writes here holds its own temporary files locked, and they are left alone.
            sweep_parts(output, before=started)


@contextlib.contextmanager
def _locked(output: Path) -> Iterator[None]:
    """The show's folder, for this run alone: another run stops at once with `BusyError`."""
    lock = FileLock(output / LOCK_NAME, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise BusyError(f"{output}: another `briefing daily` run is writing here; "
                        "not starting a second one") from None
    try:
        yield
    finally:
        lock.release()


def _run_locked(config: DailyConfig, date: dt.date, progress: Progress | None,
                dry_run: bool, replace: bool) -> DailyResult:
    output = config.output
    options = BuildOptions(
        voice=config.voice, title=config.title, date=date, language=config.language,
        loudness=config.loudness, bitrate=config.bitrate, artist=config.author, album=config.title,
        max_minutes=config.max_minutes, fit=config.fit, items=config.items,
        fetch_timeout=config.fetch_timeout, fetch_max_mb=config.fetch_max_mb,
        max_pages=config.max_pages, max_mb=config.max_mb,
        intro_music=config.intro_music, outro_music=config.outro_music, bed=config.bed,
        presenters=config.presenters,
        verify=config.verify or config.verify_strict, verify_strict=config.verify_strict,
        merge_duplicates=False,  # the desk has merged them
    )
    mp3 = output / f"{date.isoformat()}.mp3"
    fix = "move it away, or give the show another `output` folder in its config"
    check_outputs(mp3, options.transcripts, fix)
    check_regular(output / FEED_NAME, "the podcast feed", fix)
    check_regular(output / PAGE_NAME, "the show page", fix)
    check_regular(output / HISTORY_NAME, "the show's history", fix)
    newer = [day for day, _ in episode_files(output) if day > date]
    if len(newer) >= config.keep:
        raise ConfigError(f"{date.isoformat()}: the show keeps {config.keep} episode"
                          f"{'' if config.keep == 1 else 's'} and has {len(newer)} newer, so this "
                          "one would be removed as soon as it was made; raise `keep` or pick a "
                          "later date")
    reading = read(list(config.sources), options)
    at = _published(config, date)
    feed, page = output / FEED_NAME, output / PAGE_NAME
    with History(output, load_manifest, write=not dry_run) as history:
        selection = choose(reading.articles, config.rules, config.language, history, date, at)
        chosen = [a.title for a in selection.articles]
        if dry_run or not selection.articles:
            last = history.last_before(date)
            nothing = None if selection.articles else \
                f"No new stories since {last.isoformat()}" if last else "No new stories"
            return DailyResult(mp3, False, None, reading.skipped, [], [], feed, False, page, False,
                               chosen, selection.left_out, nothing, history.notes)
        prepared = prepare(list(config.sources), options,
                           reading=Reading(selection.articles, reading.skipped))
        inputs = published_inputs(selection.articles, prepared.cast or (prepared.profile,),
                                  music_identity(options.music),
                                  asdict_settings(options, _NOT_PUBLISHED))
        existing = load_manifest(mp3) if mp3.is_file() else None
        url = _base_url(config) + mp3.name
        identity = _identity(existing, mp3, prepared, options, inputs, replace, url)
        if identity is None:
            assert existing is not None
            report = check_bulletin(mp3, existing)
            built, dropped, replaced = False, [a.title for a in prepared.dropped], False
            guid = str(existing.get("guid") or first_guid(url))
            if history.differs(date, existing) or selection.seen:
                with history.transaction():
                    history.record(date, existing, selection.seen)
        else:
            # The history changes with the episode or not at all: a failed or killed build
            # leaves it as it was (and an episode renamed into place just before a kill is
            # recorded from its manifest by the next run).
            # The cover goes into the MP3 too (APIC): placed before the episode is made. Like the
            # identity, the fingerprint kept leaves it out: a new cover does not make a new episode.
            cover = place_cover(output, config.image, config.title).path
            with history.transaction():
                result = build(list(config.sources), mp3, dataclasses.replace(options, cover=cover),
                               progress, prepared=prepared,
                               extra={**identity, "fingerprint": prepared.fingerprint(options)})
                told = load_manifest(mp3) or {}
                if history.differs(date, told) or selection.seen:
                    history.record(date, told, selection.seen)
            report, built, dropped = result.report, True, result.dropped
            guid = identity["guid"]
            replaced = existing is not None and guid != existing.get("guid", first_guid(url))
        notes = history.notes
    removed = _prune(output, config.keep)
    show, listed = _show(config, output)
    feed, written = _write_feed(show, listed, output)
    page_written = write_show_page(page, show, listed)
    write_player_pages(show, listed)  # each episode's page links back to the show
    return DailyResult(mp3, built, report, prepared.skipped, dropped, removed, feed, written,
                       page, page_written, [a.title for a in prepared.articles
                                            if a.title not in dropped], selection.left_out,
                       notes=notes, replaced=replaced, guid=guid)


def _identity(existing: dict | None, mp3: Path, prepared: Prepared, options: BuildOptions,
              inputs: dict[str, str], replace: bool, url: str) -> dict | None:
    """What the manifest of the episode to build says of its identity (`publish.identity`), or
    None when the episode there is the same and whole, and nothing is to be built.

    Older manifests, without `published_inputs`, are the same when their fingerprint matches
    (taken with the version that wrote them), and keep the GUID feeds gave them."""
    if existing is None:
        return {"published_inputs": inputs, "guid": first_guid(url)}
    stored = existing.get("published_inputs")
    changed = changed_parts(stored, inputs) if stored is not None else \
        [] if existing.get("fingerprint") == prepared.fingerprint(
            options, str(existing.get("briefing"))) else ["stories or settings"]
    if not changed:
        if all(path.is_file() for path in sidecars(mp3, options.transcripts).values()):
            return None
        # A file beside it went missing: the same episode is made again, under its own GUID.
        kept = {key: existing[key] for key in ("guid", "revision") if key in existing}
        return {"published_inputs": inputs, "guid": first_guid(url), **kept}
    if not replace:
        made = "by an earlier briefing, " if stored is None else ""
        raise PublishedError(
            f"{mp3}: already published, made {made}from other {_listed(changed)}; it is left as "
            "it is, since podcast apps keep the copy they downloaded. To publish a new episode "
            "in its place, run again with --replace")
    previous = str(existing.get("guid") or first_guid(url))
    return {"published_inputs": inputs, "guid": replaced_guid(url, inputs, previous),
            "revision": revision(inputs)}


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _base_url(config: DailyConfig) -> str:
    """Where the show's folder is published: `base_url`, else the folder's own `file:` URI."""
    return config.base_url or config.output.resolve().as_uri() + "/"


def _prune(output: Path, keep: int) -> list[str]:
    removed = []
    all_episodes = episode_files(output)
    for day, mp3 in all_episodes[: max(0, len(all_episodes) - keep)]:
        for path in (*sidecars(mp3).values(), mp3):
            path.unlink(missing_ok=True)
        removed.append(day.isoformat())
    return removed


def _published(config: DailyConfig, day: dt.date) -> dt.datetime:
    """When the episode of `day` is published: `publish_time` in the show's `timezone`. The
    desk ages stories against it, and the feed dates the episode by it."""
    return dt.datetime.combine(day, dt.time.fromisoformat(config.publish_time),
                               tzinfo=zoneinfo.ZoneInfo(config.timezone))


def _show(config: DailyConfig, output: Path) -> tuple[Show, list[Episode]]:
    """The show and the episodes on disk with their manifests, for the feed and the page; the
    show's cover is put in place here."""
    listed = []
    for day, mp3 in episode_files(output):
        manifest = load_manifest(mp3)
        if manifest is None:
            continue
        listed.append(Episode(mp3, manifest, _published(config, day)))
    base_url = _base_url(config)
    if not config.base_url:
        log.warning("%s: no base_url in the show's config, so the feed's links point into this "
                    "folder and work only on this disk; set base_url to where the folder is "
                    "published", config.output / FEED_NAME)
    guid = config.podcast_guid or (podcast_guid(f"{base_url}{FEED_NAME}") if config.base_url else None)
    show = Show(
        title=config.title, author=config.author,
        description=config.description or f"{config.title}: a daily news bulletin, read aloud.",
        base_url=base_url, link=config.link or base_url,
        # Without a configured language, the newest episode's (detected) one.
        language=config.language or (listed[-1].manifest.get("language", "en") if listed else "en"),
        category=config.category, email=config.email,
        artwork=place_cover(output, config.image, config.title), copyright=config.copyright,
        explicit=config.explicit, locked=config.locked, guid=guid, episode_title=config.episode_title,
    )
    return show, listed


def _write_feed(show: Show, listed: list[Episode], output: Path) -> tuple[Path, bool]:
    xml = render_feed(show, listed)
    feed = output / FEED_NAME
    if feed.exists() and feed.read_bytes() == xml:
        return feed, False
    write_atomically(feed, xml, mode=0o644)
    return feed, True
