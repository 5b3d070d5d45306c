"""Domain errors: one base class, one subclass per kind of failure.

Every message names the input at fault and, where there is one, the fix. Only the CLI prints them
(as one `Error: ...` line, exit 1); library users catch `BriefingError`.
"""


class BriefingError(Exception):
    """A problem the user can act on; the message is a complete one-line explanation."""


class SourceError(BriefingError):
    """A source could not be read as an article (missing, empty, binary, wrong encoding,
    unreachable, not a feed, no article text on the page)."""


class VoiceError(BriefingError):
    """A voice profile is unknown or malformed."""


class EngineError(BriefingError):
    """The speech engine is missing or produced unusable audio."""


class ModelError(EngineError):
    """A speech model that ships inside packages is missing or damaged; the message names the
    package to reinstall."""


class ToolMissingError(BriefingError):
    """An external program (ffmpeg, ffprobe) is not installed."""


class AudioError(BriefingError):
    """An ffmpeg command failed; carries the command and ffmpeg's own words for debugging."""

    def __init__(self, message: str, command: list[str] | None = None, stderr: str = "") -> None:
        super().__init__(message)
        self.command = command or []
        self.stderr = stderr


class OutputError(BriefingError):
    """The output path cannot be written."""


class QualityError(BriefingError):
    """The finished audio failed a check (duration, loudness, decoding); nothing was written."""


class TooLongError(BriefingError):
    """Even the first story alone is longer than `--max-minutes`."""


class ConfigError(BriefingError):
    """A daily show's config file is missing, malformed or has a wrong value."""


class PublishedError(BriefingError):
    """A run would change an episode already published; it is left as it is unless the run was
    told to replace it."""


class BusyError(BriefingError):
    """Another daily run holds the output folder's lock."""


class PlaybackError(BriefingError):
    """A bulletin cannot be played: no sound device, or a file without what playing needs."""


class ClusterError(BriefingError):
    """The Dask cluster named with `--executor` cannot be used: Dask is not installed, or its
    scheduler cannot be reached."""


class ManifestError(BriefingError):
    """The manifest beside a bulletin is there but cannot be used: unreadable, not JSON, or
    without what readers of it need."""


class MusicError(BriefingError):
    """A music file (intro, outro or bed) is missing, unreadable, silent or not audio ffmpeg can
    read."""
