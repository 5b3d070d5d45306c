"""Writing files whole or not at all, and clearing up after processes that were killed.

A file is written under a hidden temporary name beside it (`.<name>.<random>.part`) and renamed
into place, so a reader (a podcast app fetching the feed, another build reading the cache) sees
the old file or the new one, never half of one.

A process can be killed at any moment (`kill -9`, the out-of-memory killer, a power cut), and
then nothing of its own runs to remove what it was writing. So every temporary file and folder
made here is locked (`flock`) by the process that made it for as long as it is in use: the kernel
drops the lock when the process ends, however it ends. A later build removes what it finds
unlocked and older than itself (`sweep_parts`, `sweep_scratch`) and can never take a file that
another running build is still writing.
"""

import contextlib
import errno
import fcntl
import logging
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from briefing.errors import OutputError

log = logging.getLogger(__name__)

PART_SUFFIX = ".part"
SCRATCH_PREFIX = "briefing-"
#: The file inside a scratch folder that its process keeps locked.
_OWNER = ".owner"
#: A temporary file's name: mkstemp's eight random characters between the name and the suffix.
_PART = re.compile(rf"\.(?P<name>.+)\.[a-z0-9_]{{8}}{re.escape(PART_SUFFIX)}")
#: Bytes a temporary name adds to its file's: the dot before it, and the dot, eight characters
#: and suffix after it.
TEMPORARY_EXTRA = 2 + 8 + len(PART_SUFFIX)
#: The longest name most file systems take, where the folder cannot be asked.
NAME_MAX = 255


def temporary_file(path: Path) -> tuple[Path, int]:
    """A new empty hidden file beside `path`, private (0600), locked by this process. Returns it
    and the open descriptor that holds the lock: close that once the file is renamed or removed."""
    while True:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                        suffix=PART_SUFFIX)
        fcntl.flock(handle, fcntl.LOCK_EX)
        if os.fstat(handle).st_nlink:
            return Path(name), handle
        # A sweep took it in the instant before the lock (only possible for a file that looked
        # older than the sweeping build): make another.
        os.close(handle)


def write_atomically(path: Path, *chunks: bytes, mode: int | None = None) -> None:
    """Write `chunks` to `path` in one rename; `mode` sets the permissions (mkstemp's 0600 if None)."""
    name, handle = temporary_file(path)
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
            stream.flush()
            if mode is not None:
                os.chmod(name, mode)
            os.replace(name, path)
    except BaseException:
        name.unlink(missing_ok=True)
        raise


#: What to do about an output path that cannot be used, for the command line's -o.
OUTPUT_FIX = "give another output name with -o"


def check_regular(path: Path, role: str = "the output", fix: str = OUTPUT_FIX) -> None:
    """Fail unless `path` is a regular file (or a link to one) or does not exist: renaming a file
    onto a FIFO, a device or a socket would replace it (as root, `/dev/null` itself), and reading
    one back could block for ever. `fix` ends the message: what the user can do."""
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return  # absent (a link to nothing too: the new file takes its place), or no folder yet
    except OSError as exc:
        raise OutputError(f"{path}: cannot use it as {role} ({exc.strerror or exc}); {fix}") from None
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise OutputError(f"{path}: is a folder, where {role} would go; {fix}")
    raise OutputError(f"{path}: is {_kind(mode)}, not a regular file, so it cannot be {role}; "
                      f"{fix}")


def check_temporary_name(path: Path, role: str = "the output", fix: str = OUTPUT_FIX) -> None:
    """Fail if `path` fits its folder but the temporary name it is first written under does not:
    that would fail only at the very end, after all the work, on a name the user never gave."""
    longest = _name_max(path.parent)
    size = len(os.fsencode(path.name)) + TEMPORARY_EXTRA
    if size > longest:
        raise OutputError(f"{path}: the name is too long for {role}: it is written first under a "
                          f"temporary name {TEMPORARY_EXTRA} bytes longer ({size} bytes), and the "
                          f"folder takes at most {longest} bytes a name; {fix}")


def _name_max(folder: Path) -> int:
    """The longest name `folder` (or, before it is made, the nearest folder above it) takes."""
    for each in (folder, *folder.parents):
        try:
            return os.pathconf(each, "PC_NAME_MAX")
        except (OSError, ValueError):
            continue
    return NAME_MAX


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"


def sweep_parts(folder: Path, names: Iterable[str] | None = None,
                before: float | None = None) -> list[Path]:
    """Remove the temporary files in `folder` whose process has gone (nobody holds their lock):
    those of the files `names` only, or every one when None. With `before` (a time, such as the
    sweeping build's start) only files last changed earlier are taken. Returns what was removed;
    never raises, as it runs on the way out of failed builds too."""
    wanted = None if names is None else set(names)
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        match = _PART.fullmatch(entry.name)
        if match is None or (wanted is not None and match["name"] not in wanted):
            continue
        path = Path(entry.path)
        with _abandoned(path, before) as gone, contextlib.suppress(OSError):
            if gone:
                path.unlink(missing_ok=True)
                removed.append(path)
    if removed:
        log.debug("removed %d temporary files left by killed builds in %s", len(removed), folder)
    return removed


class Scratch:
    """A new folder in the system's temporary folder (`$TMPDIR`) that this process keeps locked
    until `close` removes it, so that `sweep_scratch` removes it if the process is killed. As a
    context manager it gives the folder's path and removes it on the way out."""

    def __init__(self, prefix: str = SCRATCH_PREFIX) -> None:
        self.path = Path(tempfile.mkdtemp(prefix=prefix))
        try:
            self._handle = os.open(self.path / _OWNER, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            fcntl.flock(self._handle, fcntl.LOCK_EX)
        except BaseException:
            shutil.rmtree(self.path, ignore_errors=True)
            raise

    def close(self) -> None:
        if self._handle >= 0:
            shutil.rmtree(self.path, ignore_errors=True)
            os.close(self._handle)
            self._handle = -1

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, *exc: object) -> None:
        self.close()


def sweep_scratch(before: float | None = None) -> list[Path]:
    """Remove this user's scratch folders (see `Scratch`) whose process has gone; with
    `before`, only those made earlier. Returns what was removed."""
    removed = []
    try:
        entries = list(os.scandir(tempfile.gettempdir()))
    except OSError:
        return []
    for entry in entries:
        if not entry.name.startswith(SCRATCH_PREFIX):
            continue
        with contextlib.suppress(OSError):
            if not entry.is_dir(follow_symlinks=False) or \
                    entry.stat(follow_symlinks=False).st_uid != os.getuid():
                continue
        folder = Path(entry.path)
        with _abandoned(folder / _OWNER, before) as gone:
            if gone:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    if removed:
        log.debug("removed %d temporary folders left by killed builds", len(removed))
    return removed


@contextlib.contextmanager
def _abandoned(path: Path, before: float | None) -> Iterator[bool]:
    """Whether `path` is a regular file of this user's, older than `before`, that no process holds
    locked; while the answer is True this process holds the lock, so nobody else takes it too."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        yield False  # gone already, not ours, or not a file
        return
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or \
                (before is not None and info.st_mtime >= before):
            yield False
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False  # its process still runs (or locks do not work here)
            return
        yield True
    finally:
        os.close(handle)


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold `folder`'s exclusive lock, waiting for it if another process has it. The lock is on
    the folder itself, so it leaves no lock file behind; the kernel drops it when its process
    ends, however it ends. Where folders cannot be locked (some network file systems) this goes
    on without."""
    try:
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        log.debug("%s: cannot lock this folder (%s); going on without", folder, exc)
        yield
        return
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EWOULDBLOCK):
                log.debug("%s: cannot lock this folder (%s); going on without", folder, exc)
            else:
                log.info("%s: another build is putting its files in place here; waiting for it",
                         folder)
                fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)
