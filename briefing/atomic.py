"""Writing a file whole or not at all: a temporary file beside it, renamed into place.

A reader (a podcast app fetching the feed, another build reading the cache) sees the old file or
the new one, never half of one, and a crash leaves at most a hidden `.part` file that is removed.
"""

import os
import tempfile
from pathlib import Path


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
