"""Writing a file whole or not at all: a temporary file beside it, renamed into place.

A reader (a podcast app fetching the feed, another build reading the cache) sees the old file or
the new one, never half of one, and a crash leaves at most a hidden `.part` file that is removed.
"""

import os
import stat
import tempfile
from pathlib import Path

from briefing.errors import OutputError


def write_atomically(path: Path, *chunks: bytes, mode: int | None = None) -> None:
    """Write `chunks` to `path` in one rename; `mode` sets the permissions (mkstemp's 0600 if None)."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
        if mode is not None:
            os.chmod(name, mode)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
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


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"
