"""The daily run: a show's config in, today's episode and the podcast feed out, unattended.

Made for cron and systemd timers: a lock keeps two runs from writing one folder at once; the news
desk (`briefing.desk`) chooses the stories, so an episode tells only what no earlier one told,
nothing too old, each event once and the biggest first, and a morning with nothing new makes no
episode; a run whose script is unchanged (same stories, same voice, same date) rewrites nothing;
episodes beyond `keep` are removed from disk and feed, and the feed is rewritten only when its
bytes change. The show page (`index.html`) lists the same episodes as the feed and is rewritten on
the same terms. Temporary files that a killed run left in the folder are removed by the next one.
"""

import contextlib
import datetime as dt
import time
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from briefing.atomic import check_regular, sweep_parts, write_atomically
from briefing.audio.quality import Report, check_bulletin
from briefing.desk.choose import choose
from briefing.desk.history import HISTORY_NAME, History, episode_files
from briefing.desk.left_out import LeftOut
from briefing.errors import BusyError, ConfigError
from briefing.pipeline import BuildOptions, build, prepare, read, up_to_date
from briefing.progress import Progress
from briefing.publish.files import check_outputs, sidecars
from briefing.publish.manifest import load_manifest
from briefing.publish.podcast import FEED_NAME, Episode, Show, render_feed
from briefing.publish.show import PAGE_NAME, write_player_pages, write_show_page
from briefing.show_config import DailyConfig, load_config
from briefing.sources.read import Reading, Skipped

LOCK_NAME = ".briefing-daily.lock"


@dataclass(frozen=True)
class DailyResult:
    episode: Path
    """Where the day's episode is (or would be)."""
    built: bool
    """False when the episode was already there, made from the same script (or none was made)."""
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


def forget_told(config_path: Path) -> int:
    """Empty the show's history under the daily lock (see `History.forget`): how many stories
    it forgot."""
    config = load_config(config_path)
    if not config.output.is_dir():
        return 0
    with _locked(config.output), History(config.output, load_manifest) as history:
        return history.forget()


def run_daily(config_path: Path, date: dt.date | None = None,
              progress: Progress | None = None, dry_run: bool = False) -> DailyResult:
    """Make the episode for `date` (today) and the feed; see the module's docstring. With
    `dry_run`, only choose the stories: no audio, no feed, nothing written but a repair of the
    show's history."""
    config = load_config(config_path)
    date = date or dt.date.today()
    output = config.output
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"{output}: cannot create the output folder ({exc.strerror})") from None
    started = time.time()
    with _locked(output):
        try:
            return _run_locked(config, date, progress, dry_run)
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
                dry_run: bool) -> DailyResult:
    output = config.output
    options = BuildOptions(
        voice=config.voice, title=config.title, date=date, language=config.language,
        loudness=config.loudness, bitrate=config.bitrate, artist=config.author, album=config.title,
        max_minutes=config.max_minutes, fit=config.fit, items=config.items,
        fetch_timeout=config.fetch_timeout, fetch_max_mb=config.fetch_max_mb,
        max_pages=config.max_pages, max_mb=config.max_mb,
        intro_music=config.intro_music, outro_music=config.outro_music, bed=config.bed,
        presenters=config.presenters,
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
        existing = up_to_date(mp3, prepared, options)
        if existing is not None:
            report = check_bulletin(mp3, existing)
            built, dropped = False, [a.title for a in prepared.dropped]
            if history.differs(date, existing) or selection.seen:
                with history.transaction():
                    history.record(date, existing, selection.seen)
        else:
            # The history changes with the episode or not at all: a failed or killed build
            # leaves it as it was (and an episode renamed into place just before a kill is
            # recorded from its manifest by the next run).
            with history.transaction():
                result = build(list(config.sources), mp3, options, progress, prepared=prepared)
                history.record(date, load_manifest(mp3) or {}, selection.seen)
            report, built, dropped = result.report, True, result.dropped
        notes = history.notes
    removed = _prune(output, config.keep)
    show, listed = _show(config, output)
    feed, written = _write_feed(show, listed, output)
    page_written = write_show_page(page, show, listed)
    write_player_pages(show, listed)  # each episode's page links back to the show
    return DailyResult(mp3, built, report, prepared.skipped, dropped, removed, feed, written,
                       page, page_written, [a.title for a in prepared.articles
                                            if a.title not in dropped], selection.left_out,
                       notes=notes)


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
    """The show and the episodes on disk with their manifests, for the feed and the page."""
    listed = []
    for day, mp3 in episode_files(output):
        manifest = load_manifest(mp3)
        if manifest is None:
            continue
        listed.append(Episode(mp3, manifest, _published(config, day)))
    base_url = config.base_url or output.resolve().as_uri() + "/"
    show = Show(
        title=config.title, author=config.author,
        description=config.description or f"{config.title}: a daily news bulletin, read aloud.",
        base_url=base_url, link=config.link or base_url,
        # Without a configured language, the newest episode's (detected) one.
        language=config.language or (listed[-1].manifest.get("language", "en") if listed else "en"),
        category=config.category, email=config.email, image=config.image,
    )
    return show, listed


def _write_feed(show: Show, listed: list[Episode], output: Path) -> tuple[Path, bool]:
    xml = render_feed(show, listed)
    feed = output / FEED_NAME
    if feed.exists() and feed.read_bytes() == xml:
        return feed, False
    write_atomically(feed, xml, mode=0o644)
    return feed, True
