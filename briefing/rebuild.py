"""What a build can skip: a bulletin already made from the same inputs, the workers a rebuild
does not need, and language detection already done for the same text.

A build reads its sources first (cheap), then takes a digest of everything it starts from. When
the bulletin at the output was made from the same digest and its files are as they were written,
there is nothing to do, and that is known before any script, engine, model or ffmpeg starts.
"""

import contextlib
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.language import SAMPLE_CHARS, detect_language, detector_version
from briefing.publish.files import sidecars
from briefing.publish.manifest import load_manifest
from briefing.sources.read import Reading
from briefing.speech.cache import digest, file_digest, open_store
from briefing.speech.voices import VoiceProfile, default_language, voice_files
from briefing.version import __version__

if TYPE_CHECKING:  # types only: the pipeline imports this module
    from briefing.options import BuildOptions
    from briefing.pipeline import Prepared

#: Build options that change how a build works, not what it makes.
WORK_OPTIONS = ("jobs", "executor", "cache", "cache_dir", "fetch_timeout", "fetch_max_mb")


def input_fingerprint(sources: Sequence[str | Path], reading: Reading, settings: dict,
                      voice: str | None, cast: Sequence[str] = (), extra: dict | None = None
                      ) -> str:
    """A digest of everything a build starts from: what the sources gave, the build options
    (`settings`, every option by name; `voice` the one chosen, `cast` the two presenters), the
    date, and every voice profile and lexicon file it could use (a voice chosen by language
    depends on the profiles there are). `extra` adds what else the files depend on (the music's
    files). Taken right after reading; the script's own fingerprint still guards daily and batch
    runs, which build the script anyway."""
    chosen = {key: value for key, value in settings.items() if key not in WORK_OPTIONS}
    chosen["date"] = settings.get("date") or dt.date.today()
    if settings.get("cover"):  # the cover's bytes, not its name, are what the MP3 holds
        chosen["cover"] = file_digest(Path(settings["cover"]))
    return digest({"briefing": __version__, "sources": [str(s) for s in sources],
                   "articles": [asdict(a) for a in reading.articles],
                   "skipped": [asdict(s) for s in reading.skipped], "options": chosen,
                   "voices": voice_files(voice, *cast), "default": default_language(),
                   **(extra or {})})


def previous_manifest(mp3: Path) -> dict | None:
    """The manifest of the bulletin already at `mp3`, if there is one (see `load_manifest`)."""
    return load_manifest(mp3) if mp3.is_file() else None


def unchanged_manifest(manifest: dict | None, mp3: Path, inputs: str,
                       transcripts: Sequence[str]) -> dict | None:
    """`manifest`, that of the bulletin at `mp3`, if it was built from these very `inputs` (see
    `input_fingerprint`) and it and all its files are there as they were written; else None."""
    if manifest is None or manifest.get("inputs") != inputs \
            or not all(path.is_file() for path in sidecars(mp3, transcripts).values()):
        return None
    loudness = manifest.get("loudness", {})
    if not all(isinstance(loudness.get(key), int | float)
               for key in ("integrated_lufs", "true_peak_dbtp")):
        return None
    try:
        same = manifest.get("mp3_sha256") == file_digest(mp3)  # replaced or damaged since?
    except OSError:
        return None
    return manifest if same else None


def rebuild_of(manifest: dict | None, profile: VoiceProfile) -> bool:
    """Whether the bulletin whose `manifest` this is was built in this voice (its sentences are
    probably in the cache, so the few that changed are spoken without starting workers)."""
    voice = manifest.get("voice") if manifest else None
    return isinstance(voice, dict) and voice.get("name") == profile.name \
        and voice.get("rate") == profile.rate


def remembered_detection(cache: bool, cache_dir: Path | None) -> Callable[[str], str | None]:
    """Language detection that keeps its answer in the cache for the text it read: loading the
    detector's model is half a second, the larger part of a rebuild after an edit."""
    if not cache:
        return detect_language
    store = open_store(True, cache_dir, write=False)

    def detect(text: str) -> str | None:
        key = digest("language", detector_version(), text[:SAMPLE_CHARS])
        known = store.load_value(key)
        if known is not None and (known.get("language") is None
                                  or isinstance(known.get("language"), str)):
            return known.get("language")
        found = detect_language(text)
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            store.save_value(key, {"language": found})
        return found

    return detect


def up_to_date(mp3: Path, prepared: "Prepared", options: "BuildOptions") -> dict | None:
    """The manifest of the bulletin at `mp3` if it was made from this very script, voice and
    settings (its fingerprint matches) and all its files are there; else None."""
    existing = load_manifest(mp3) if mp3.is_file() else None
    if existing is None or existing.get("fingerprint") != prepared.fingerprint(options):
        return None
    wanted = sidecars(mp3, options.transcripts).values()
    return existing if all(path.is_file() for path in wanted) else None
