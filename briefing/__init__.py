"""briefing: turn written news into a paced, podcast-quality audio bulletin, offline.

The package is usable without the command line: `build` runs the whole pipeline, and each stage
(sources, script, synthesis, assembly, loudness, export) is a module of its own.
"""

__version__ = "0.1.0"

from .errors import BriefingError
from .pipeline import BuildOptions, BuildResult, build
from .script import Pauses, Script, build_script
from .sources import Article, read_sources

__all__ = [
    "Article",
    "BriefingError",
    "BuildOptions",
    "BuildResult",
    "Pauses",
    "Script",
    "__version__",
    "build",
    "build_script",
    "read_sources",
]
