"""Putting a finished bulletin's files in place: all of them, or none.

Every file is written under a hidden temporary name beside its destination and renamed into place
only after the MP3 has passed the quality gate: a failed or interrupted build leaves nothing
behind and never replaces a good earlier bulletin with a bad one. The renames of one bulletin are
made under its folder's lock, so two builds of the same file at once end with one whole set, the
later one's, never a mix of both; the manifest comes last, so a manifest names a set that is all
there (a build killed between two renames leaves a manifest that is not up to date, and the next
build makes the set again); a file whose very bytes are already in place is left as it was,
time and all. Temporary files are locked by their build: what a killed build left
is removed by the next one (`atomic.sweep_parts`). The checks that can fail before any audio work
(something other than a file where an output should go, an unwritable place, an output that is
one of the sources) run first.
"""

import errno
import filecmp
import os
import time
from collections.abc import Sequence
from pathlib import Path

from briefing.atomic import (
    OUTPUT_FIX,
    TEMPORARY_EXTRA,
    check_regular,
    check_temporary_name,
    folder_lock,
    sweep_parts,
    sweep_scratch,
    temporary_file,
)
from briefing.audio.assembly import Timeline
from briefing.errors import OutputError
from briefing.publish.chapters import to_chapters_json
from briefing.publish.manifest import dump
from briefing.publish.page import to_player_html
from briefing.publish.transcript import FORMATS, cut_notes, presenters_of, render
from briefing.script.compose import Script
from briefing.sources.fetch import is_url


def sidecars(mp3: Path, transcripts: Sequence[str] = tuple(FORMATS)) -> dict[str, Path]:
    """The files that go beside an MP3, by role: the transcripts in the given formats (by
    default every format, as when removing a bulletin), the manifest, chapters and player."""
    files = {kind: mp3.with_suffix(FORMATS[kind]) for kind in transcripts}
    return files | {"manifest": mp3.with_suffix(".json"),
                    "chapters": mp3.with_suffix(".chapters.json"),
                    "player": mp3.with_suffix(".html")}


class Staging:
    """One bulletin's files, from the checks before any work to the renames at the end.

    A context manager: whatever temporary file it handed out and did not rename is removed on the
    way out, success or failure.
    """

    def __init__(self, mp3: Path, transcripts: Sequence[str],
                 sources: Sequence[str | Path] = ()) -> None:
        self.started = time.time()
        check_outputs(mp3, transcripts)
        self.mp3 = mp3
        self.transcripts = tuple(transcripts)
        self.final = sidecars(mp3, self.transcripts)
        """Where each file beside the MP3 goes, by role (a transcript format, `manifest`,
        `chapters`, `player`)."""
        _check_writable([mp3, *self.final.values()])
        _check_not_sources([mp3, *self.final.values()], sources)
        self._temps: dict[Path, int] = {}
        """Temporary files handed out, and the descriptor that holds each one's lock."""

    def temporary(self, path: Path) -> Path:
        """A new empty hidden file beside `path`, with the permissions any new file gets."""
        name, handle = temporary_file(path)
        self._temps[name] = handle
        # mkstemp makes files private (0600); the finished files get the permissions of any new file.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(name, 0o666 & ~umask)
        return name

    def names(self) -> dict[str, object]:
        """The files as the manifest lists them (names only: they sit beside the MP3)."""
        transcripts = {kind: self.final[kind].name for kind in self.transcripts}
        return {"mp3": self.mp3.name, "transcript": next(iter(transcripts.values())),
                "transcripts": transcripts, "chapters": self.final["chapters"].name,
                "player": self.final["player"].name}

    def publish(self, audio: Path, manifest: dict, script: Script, timeline: Timeline,
                artist: str) -> None:
        """Write the transcripts, manifest, chapters and player page beside the checked and tagged
        MP3 at `audio` (a temporary file of this staging), then rename everything into place."""
        written = {role: self.temporary(path) for role, path in self.final.items()}
        for kind in self.transcripts:
            text = render(kind, timeline, manifest["title"], script.language, cut_notes(script),
                          presenters_of(script, manifest))
            written[kind].write_text(text, encoding="utf-8")
        written["manifest"].write_text(dump(manifest), encoding="utf-8")
        written["chapters"].write_text(to_chapters_json(script, timeline.chapters, artist),
                                       encoding="utf-8")
        written["player"].write_text(to_player_html(manifest, self.mp3.name), encoding="utf-8")
        with folder_lock(self.mp3.parent):
            # Files of an earlier build that this one does not make (a transcript format no
            # longer asked for) would not match the new MP3.
            for stale in set(sidecars(self.mp3).values()) - set(self.final.values()):
                if stale.is_file():
                    stale.unlink()
            for role, tmp in written.items():
                if role != "manifest":
                    _replace(tmp, self.final[role])
            _replace(audio, self.mp3)
            _replace(written["manifest"], self.final["manifest"])

    def __enter__(self) -> "Staging":
        return self

    def __exit__(self, *exc: object) -> None:
        for tmp, handle in self._temps.items():
            tmp.unlink(missing_ok=True)
            os.close(handle)
        self._temps.clear()
        # What builds killed before this one started left behind.
        names = [self.mp3.name, *(path.name for path in sidecars(self.mp3).values())]
        sweep_parts(self.mp3.parent, names, before=self.started)
        sweep_scratch(before=self.started)


def _replace(tmp: Path, final: Path) -> None:
    """Rename `tmp` into place, unless `final` already holds the same bytes: then it is left as
    it was (its time too), so that a rebuild that makes a file again unchanged does not make a
    podcast host or a sync tool see a new one. (`tmp` goes on the way out of the staging.)"""
    if not (final.is_file() and filecmp.cmp(tmp, final, shallow=False)):
        os.replace(tmp, final)


def check_outputs(mp3: Path, transcripts: Sequence[str], fix: str = OUTPUT_FIX) -> None:
    """Fail if something other than a regular file is where the MP3 or a file beside it would go
    (a folder, a named pipe, a device such as /dev/null): checked before any work, it changes
    nothing on disk. `fix` says what to do instead."""
    try:
        folder = mp3.is_dir()
    except OSError:  # a name too long, say: `check_regular` names it
        folder = False
    if folder:
        raise OutputError(f"{mp3}: is a folder; give a file name such as {mp3 / 'bulletin.mp3'}")
    check_regular(mp3, "the bulletin", fix)
    check_temporary_name(mp3, "the bulletin", fix)
    for role, path in sidecars(mp3, transcripts).items():
        check_regular(path, f"the bulletin's {_ROLES[role]}", fix)
        check_temporary_name(path, f"the bulletin's {_ROLES[role]}", fix)


_ROLES = {"vtt": "WebVTT transcript", "srt": "SubRip transcript", "txt": "text transcript",
          "manifest": "manifest", "chapters": "chapters file", "player": "player page"}


def _check_writable(paths: list[Path]) -> None:
    """Fail before any audio work if an output cannot be written: the folder of the first is made,
    and each one's temporary file made and removed (a path that fits while its temporary name,
    longer, is over the length a whole path may have would fail only after all the work)."""
    path = paths[0]
    existing = next(p for p in (path.parent, *path.parent.parents) if p.exists())
    if not existing.is_dir():
        raise OutputError(f"{path}: cannot write there ({existing} is a file, not a folder)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for path in paths:
            probe, handle = temporary_file(path)
            probe.unlink()
            os.close(handle)
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise OutputError(f"{path}: the path is too long to write: it is written first under a "
                              f"temporary name {TEMPORARY_EXTRA} bytes longer; give a shorter "
                              "output path") from None
        raise OutputError(f"{path}: cannot write there ({exc.strerror or exc})") from None


def _check_not_sources(outputs: list[Path], sources: Sequence[str | Path]) -> None:
    """Fail before any work if a file the build writes is one of its sources (an HTML page built
    beside itself would be replaced by its own player), or lands in a folder it reads."""
    named = [Path(s) for s in sources if str(s) != "-" and not is_url(str(s))]
    inputs = {path.resolve() for path in named}
    folders = {path.resolve(): path for path in named if path.is_dir()}
    for path in outputs:
        if path.resolve() in inputs:
            raise OutputError(f"{path}: is one of the sources, and the bulletin would overwrite it; "
                              "give another output name with -o")
        # A folder is read without its sub-folders: only files right inside it are read back.
        folder = folders.get(path.resolve().parent)
        if folder is not None:
            raise OutputError(f"{path}: is in the source folder {folder}, whose next build would "
                              "read the bulletin's own files as stories; give an output outside it "
                              "with -o")
