"""Whole archives: one bulletin per source file, skipping those already up to date.

All the builds of a batch share one `Speaker` per voice, so worker processes (or the Dask
cluster's workers) load their models once for the whole archive, and the cache serves every story.
A file whose script, voice and settings have not changed since its MP3 was made (the manifest's
fingerprint) is not built again. What under the folder cannot be read as a file (a link that loops
or leads nowhere, a pipe with an article's name) is a skipped story of its own, never passed over.
"""

import contextlib
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from briefing.atomic import Scratch
from briefing.errors import BriefingError, OutputError, SourceError
from briefing.pipeline import BuildOptions, build, prepare
from briefing.progress import Progress
from briefing.publish.files import check_outputs
from briefing.rebuild import up_to_date
from briefing.sources.read import SUFFIXES, cannot_open
from briefing.speech.cache import open_store
from briefing.speech.speaker import Speaker, default_jobs
from briefing.speech.voices import VoiceProfile


@dataclass(frozen=True)
class Outcome:
    source: Path
    mp3: Path
    state: str
    """`built`, `up to date`, `skipped` (unreadable source) or `failed`."""
    detail: str = ""


def archive_files(folder: Path) -> list[tuple[Path, str | None]]:
    """Every supported file under `folder`, in path order, hidden files and folders left out, each
    with None, or why it cannot be read: a symbolic link that loops or leads nowhere (whatever its
    name, as a link's name need not be its target's), or an entry with a supported name that is
    not a regular file. Links to folders are not followed."""
    try:
        is_folder = folder.is_dir()
    except OSError as exc:  # a path too long, say
        raise SourceError(cannot_open(folder, exc)) from None
    if not is_folder:
        raise SourceError(f"{folder}: not a folder")
    found: list[tuple[Path, str | None]] = []
    for path in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        supported = path.suffix.lower() in SUFFIXES
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            if supported or path.is_symlink():
                found.append((path, cannot_open(path, exc)))
            continue
        if supported and not stat.S_ISDIR(mode):
            found.append((path, None if stat.S_ISREG(mode) else
                          f"{path}: not a regular file (a device, pipe or socket)"))
    if not found:
        raise SourceError(f"{folder}: no readable articles in this folder or below "
                          f"(looked for {', '.join(SUFFIXES)})")
    return found


def run_batch(folder: Path, out: Path, options: BuildOptions, force: bool = False,
              progress: Progress | None = None) -> Iterator[Outcome]:
    """Build `out/<path under folder>.mp3` for each file; yield what happened to each, in order."""
    files = archive_files(folder)
    try:
        out.stat()
    except FileNotFoundError:
        pass  # the first build makes it
    except OSError as exc:  # a path too long, say: every build would fail on it
        raise OutputError(f"{out}: cannot put the bulletins there ({exc.strerror}); give another "
                          "folder with --out") from None
    with contextlib.ExitStack() as stack:
        scratch = None if options.cache else Path(stack.enter_context(
            Scratch("briefing-batch-")))
        store = open_store(options.cache, options.cache_dir, scratch)
        speakers: dict[str, Speaker] = {}

        def speaker_for(profile: VoiceProfile) -> Speaker:
            key = repr(profile)
            if key not in speakers:
                speakers[key] = stack.enter_context(
                    Speaker(profile, store, options.jobs or default_jobs(), options.executor))
            return speakers[key]

        for source, problem in files:
            mp3 = (out / source.relative_to(folder)).with_suffix(".mp3")
            if problem is not None:
                yield Outcome(source, mp3, "skipped", problem)
                continue
            yield _one(source, mp3, options, force, progress, speaker_for)


def _one(source: Path, mp3: Path, options: BuildOptions, force: bool, progress: Progress | None,
         speaker_for: Callable[[VoiceProfile], Speaker]) -> Outcome:
    try:
        check_outputs(mp3, options.transcripts, "give a shorter --out folder, or rename the source")
        prepared = prepare([source], options)
    except SourceError as exc:
        return Outcome(source, mp3, "skipped", str(exc))
    except BriefingError as exc:
        return Outcome(source, mp3, "failed", str(exc))
    if not force and up_to_date(mp3, prepared, options) is not None:
        return Outcome(source, mp3, "up to date")
    try:
        result = build([source], mp3, options, progress, prepared=prepared,
                       speaker_for=speaker_for)
    except BriefingError as exc:
        return Outcome(source, mp3, "failed", str(exc))
    return Outcome(source, mp3, "built", f"{result.duration:.1f} s, {result.spoken} sentences spoken")
