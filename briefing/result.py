"""What a build gives back: where its files went and what was measured, heard and left out.

Apart from the pipeline so that it reads in one sitting; `briefing.pipeline` re-exports
`BuildResult`, the name the package's users know.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.audio.assembly import Chapter
from briefing.audio.loudness import Measurement
from briefing.audio.quality import Check, Report
from briefing.desk.left_out import LeftOut
from briefing.options import BuildOptions
from briefing.publish.files import sidecars
from briefing.rebuild import unchanged_manifest
from briefing.script.compose import Cut
from briefing.sources.read import Skipped

if TYPE_CHECKING:  # imported with the hearing, by builds that hear
    from briefing.hearing.listen import Verdict


@dataclass(frozen=True)
class BuildResult:
    mp3: Path
    transcript: Path
    """The first transcript asked for (WebVTT by default)."""
    manifest: Path
    chapters_json: Path
    duration: float
    measurement: Measurement
    chapters: tuple[Chapter, ...]
    words: int
    report: Report
    skipped: list[Skipped] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    """Titles of the stories left out to fit `max_minutes`."""
    spoken: int = 0
    """Sentences the engine spoke in this build (the rest came from the cache)."""
    cached: int = 0
    """Sentences found in the cache."""
    parts: int = 0
    """Parts of the MP3 (see `parts`)."""
    parts_reused: int = 0
    """Parts that came from the store, already encoded."""
    transcripts: dict[str, Path] = field(default_factory=dict)
    """Every transcript written, by format."""
    player: Path | None = None
    """The accessible HTML player."""
    unchanged: bool = False
    """Nothing to do: the bulletin there was built from the same sources and settings."""
    shortened: list[Cut] = field(default_factory=list)
    """The stories brief mode shortened to fit `max_minutes`."""
    left_out: list[LeftOut] = field(default_factory=list)
    """Stories the desk left out (duplicates of another), with why."""
    verify: "Verdict | None" = None
    """What hearing the bulletin back found (`--verify`); None when it was not heard."""


def unchanged(previous: dict | None, mp3: Path, inputs: str, options: BuildOptions,
              skipped: list[Skipped]) -> "BuildResult | None":
    """The result of the bulletin at `mp3` if nothing changed since it was built (see
    `unchanged_manifest`; `previous` is its manifest): what that says, nothing built."""
    manifest = unchanged_manifest(previous, mp3, inputs, options.transcripts)
    if manifest is None:
        return None
    loudness, files = manifest["loudness"], sidecars(mp3, options.transcripts)
    duration = float(manifest["duration"])
    report = Report(str(mp3), (Check("unchanged", True, "built from the same sources and "
                                     "settings; its files are as they were written"),), duration)
    transcripts = {kind: files[kind] for kind in options.transcripts}
    return BuildResult(mp3=mp3, transcript=transcripts[options.transcripts[0]],
                       manifest=files["manifest"], chapters_json=files["chapters"],
                       duration=duration,
                       measurement=Measurement(float(loudness["integrated_lufs"]),
                                               float(loudness["true_peak_dbtp"])),
                       chapters=tuple(Chapter(s["title"], float(s["start"]), float(s["end"]))
                                      for s in manifest["segments"]),
                       words=int(manifest["words"]), report=report, skipped=skipped,
                       dropped=[str(t) for t in manifest.get("left_out", [])],
                       transcripts=transcripts, player=files["player"], unchanged=True)
