"""briefing: turn written news into a paced, podcast-quality audio bulletin, offline.

The package is usable without the command line: `build` runs the whole pipeline, and each stage
has a folder of its own, in the order the data flows: `sources`, `script`, `speech`, `audio`,
`publish`, `hearing` for hearing a bulletin back before it airs, and `listen` for playing it.
"""

from briefing.errors import BriefingError
from briefing.pipeline import BuildOptions, BuildResult, build
from briefing.script.compose import Pauses, Script, build_script
from briefing.sources.article import Article
from briefing.sources.read import read_sources
from briefing.version import __version__

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
