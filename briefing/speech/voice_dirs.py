"""Where voice profiles, lexicons and voice files are looked for.

Apart from `voices` so that the engines, which look up their voice files here, need not import
the profile reader, which imports the engines (a circle of imports).
"""

import os
from pathlib import Path

from platformdirs import user_config_dir

__all__ = ["is_a", "search_dirs", "shipped_dir"]


def is_a(path: Path, kind: str) -> bool:
    """Whether `path` is a file (`kind` "file") or a folder ("dir"); False, not an error, for a
    name the system refuses (too long), since a voice name or folder is looked up as a file name."""
    try:
        return path.is_file() if kind == "file" else path.is_dir()
    except OSError:
        return False


def search_dirs() -> list[Path]:
    """Folders searched for profiles, first match wins."""
    dirs = []
    if os.environ.get("BRIEFING_VOICES_DIR"):
        dirs.append(Path(os.environ["BRIEFING_VOICES_DIR"]))
    dirs.append(Path(user_config_dir("briefing")) / "voices")
    return [*dirs, shipped_dir()]


def shipped_dir() -> Path:
    """The profiles and lexicon that come with briefing (the last folder searched)."""
    package = Path(__file__).resolve().parent.parent
    # An installed wheel carries the profiles inside the package; a source checkout beside it.
    return package / "voices" if (package / "voices").is_dir() else package.parent / "voices"
