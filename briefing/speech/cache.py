"""A content-addressed store of spoken sentences, so a rebuild speaks only what changed.

A clip's key is a digest of everything that changes its sound: the engine and model version, the
profile's voice, pitch and volume, the speed factor, and the text as spoken. Each entry is one
file: a header with the sample rate, the length and a SHA-256 of the samples, then the samples.
Entries are written to a temporary file and renamed into place, so a crash leaves either the whole
entry or none; a corrupted or truncated one fails its checksum, is removed and spoken again.

The same store, in a temporary folder, holds the clips of a build run with `--no-cache`: clips
live on disk, not in memory, whatever the bulletin's length. So a clip may be gone by the time the
bulletin is put together (`briefing cache clear` in another terminal, a sweep of the temporary
folder, another build trimming the cache): a clip kept by a build knows how to be made again.
"""

import contextlib
import errno
import hashlib
import json
import logging
import math
import os
import struct
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from briefing.atomic import PART_SUFFIX, sweep_parts, write_atomically
from briefing.errors import OutputError
from briefing.speech.engines.base import SAMPLE_WIDTH, Clip

log = logging.getLogger(__name__)

#: Where the cache lives when neither `--cache-dir` nor this variable says otherwise.
ENV_DIR, ENV_LIMIT = "BRIEFING_CACHE_DIR", "BRIEFING_CACHE_MAX_MB"
#: Default size limit: about 40 hours of 24 kHz speech.
DEFAULT_LIMIT_MB = 2048
#: The limit of a scratch store: never reached, so it is never trimmed.
UNLIMITED = 2**62

_MAGIC = b"BRC1"
_HEADER = struct.Struct("<4sIQ32s")  # magic, sample rate, payload bytes, sha256 of the payload
_SUFFIX = ".clip"
#: Encoded parts of bulletins (see `parts`): magic, length of the JSON metadata, length of the MP3,
#: SHA-256 of both; then the metadata, then the MP3 frames.
_PART_MAGIC = b"BRP1"
_PART_SUFFIX = ".part.mp3"
#: The longest path the store writes under its folder: a part's temporary file (a key is 64 hex).
_DEEPEST = f"/parts/00/.{'0' * 64}{_PART_SUFFIX}.{'0' * 8}{PART_SUFFIX}"


def default_dir() -> Path:
    """`$BRIEFING_CACHE_DIR`, else the user cache folder (`~/.cache/briefing` on Linux)."""
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR]).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefing", appauthor=False))


def open_store(cache: bool = True, cache_dir: Path | None = None,
               scratch: Path | None = None, write: bool = True) -> "ClipStore":
    """The store a build speaks through: the cache (`cache_dir`, else `default_dir()`), or, with
    `cache` False, a store in the `scratch` folder that is never trimmed (it lives only as long as
    one build or batch: clips stay on disk rather than in memory either way). With `write`, a
    cache folder that cannot be created or written is an `OutputError` now, before any sentence is
    spoken, rather than an OSError at the first clip stored."""
    if cache:
        store = ClipStore(cache_dir or default_dir())
        if write:
            store.check_writable()
        return store
    if scratch is None:
        raise ValueError("a build without the cache needs a scratch folder for its clips")
    return ClipStore(scratch, limit=UNLIMITED)


def default_limit() -> int:
    """The size limit in bytes: `$BRIEFING_CACHE_MAX_MB` megabytes, else 2048."""
    try:
        megabytes = float(os.environ.get(ENV_LIMIT, DEFAULT_LIMIT_MB))
    except ValueError:
        megabytes = DEFAULT_LIMIT_MB
    if not math.isfinite(megabytes):  # nan and inf read as numbers, and make no limit
        megabytes = DEFAULT_LIMIT_MB
    return int(max(megabytes, 1) * 1024 * 1024)


def digest(*parts: object) -> str:
    """A stable hex digest of JSON-able parts."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in blocks."""
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


@dataclass(frozen=True)
class ClipRef:
    """A clip kept in a store: its length is known without reading it."""

    path: Path
    frames: int
    sample_rate: int
    remake: Callable[[], Clip] | None = field(default=None, compare=False, repr=False)
    """How to make the clip again should its file be gone, or cut short, when it is read."""

    @property
    def duration(self) -> float:
        return self.frames / self.sample_rate

    def read(self) -> bytes:
        """The samples (the entry was checked when it was stored or found). A clip whose file has
        gone since is made again with `remake`, to the length the bulletin was laid out with: an
        engine with noise in it (Piper) may come out a few samples longer or shorter, so the end
        is cut or padded with silence."""
        wanted = self.frames * SAMPLE_WIDTH
        try:
            with self.path.open("rb") as stream:
                stream.seek(_HEADER.size)
                samples = stream.read(wanted)
        except FileNotFoundError:
            if self.remake is None:
                raise
            samples = b""
        if len(samples) == wanted or self.remake is None:
            return samples
        log.debug("%s was removed during the build; made again", self.path.name)
        return self.remake().samples[:wanted].ljust(wanted, b"\x00")


@dataclass(frozen=True)
class StoredPart:
    """An encoded part of a bulletin: what was measured of it, and its MP3 frames."""

    meta: dict
    mp3: bytes


@dataclass(frozen=True)
class CacheInfo:
    path: Path
    entries: int
    bytes: int
    limit: int


class ClipStore:
    """Clips on disk by key. `get` checks an entry's checksum; `put` is atomic."""

    def __init__(self, root: Path, limit: int | None = None) -> None:
        self.root = root
        self.limit = default_limit() if limit is None else limit
        self.hits = self.misses = 0

    def check_writable(self) -> None:
        """Fail now if the folder cannot be made or written, or if its path leaves no room for
        the paths of the entries under it (the first sentence stored would fail on it)."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            if not os.access(self.root, os.W_OK | os.X_OK):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
            longest = os.pathconf(self.root, "PC_PATH_MAX") - 1  # less the closing NUL
            needed = len(os.fsencode(self.root)) + len(_DEEPEST)
            if needed > longest:
                raise OSError(errno.ENAMETOOLONG, f"its path is too long: the files kept in it "
                              f"have paths of up to {needed} bytes, and a path may have {longest}")
        except OSError as exc:
            raise OutputError(f"{self.root}: cannot keep the cache of spoken sentences here "
                              f"({exc.strerror or exc}); choose another folder with --cache-dir or "
                              f"${ENV_DIR}, or build with --no-cache") from None

    def _path(self, key: str) -> Path:
        return self.root / "clips" / key[:2] / f"{key}{_SUFFIX}"

    def get(self, key: str) -> ClipRef | None:
        """The stored clip, or None if there is none or it is damaged (then it is removed)."""
        path = self._path(key)
        try:
            with path.open("rb") as stream:
                header = stream.read(_HEADER.size)
                payload = stream.read()
        except OSError:
            self.misses += 1
            return None
        if len(header) == _HEADER.size:
            magic, rate, size, checksum = _HEADER.unpack(header)
            if magic == _MAGIC and size == len(payload) and hashlib.sha256(payload).digest() == checksum:
                with contextlib.suppress(OSError):
                    os.utime(path)  # recently used: kept longest when the store is trimmed
                self.hits += 1
                return ClipRef(path, size // SAMPLE_WIDTH, rate)
        path.unlink(missing_ok=True)
        self.misses += 1
        return None

    def put(self, key: str, clip: Clip) -> ClipRef:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        header = _HEADER.pack(_MAGIC, clip.sample_rate, len(clip.samples),
                              hashlib.sha256(clip.samples).digest())
        write_atomically(path, header, clip.samples)
        return ClipRef(path, clip.frames, clip.sample_rate)

    def _part_path(self, key: str) -> Path:
        return self.root / "parts" / key[:2] / f"{key}{_PART_SUFFIX}"

    def get_part(self, key: str) -> "StoredPart | None":
        """An encoded part with its metadata, or None (a damaged entry is removed)."""
        path = self._part_path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if len(data) >= _HEADER.size:
            magic, meta_size, size, checksum = _HEADER.unpack(data[:_HEADER.size])
            body = data[_HEADER.size:]
            if magic == _PART_MAGIC and meta_size + size == len(body) \
                    and hashlib.sha256(body).digest() == checksum:
                with contextlib.suppress(OSError):
                    os.utime(path)
                with contextlib.suppress(ValueError):
                    return StoredPart(json.loads(body[:meta_size]), body[meta_size:])
        path.unlink(missing_ok=True)
        return None

    def put_part(self, key: str, meta: dict, mp3: bytes) -> "StoredPart":
        path = self._part_path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        blob = json.dumps(meta, separators=(",", ":")).encode("utf-8")
        header = _HEADER.pack(_PART_MAGIC, len(blob), len(mp3), hashlib.sha256(blob + mp3).digest())
        write_atomically(path, header, blob, mp3)
        return StoredPart(meta, mp3)

    def _entries(self) -> Iterator[Path]:
        with contextlib.suppress(OSError):  # a folder that cannot be listed holds nothing usable
            yield from (self.root / "clips").glob(f"*/*{_SUFFIX}")
            yield from (self.root / "parts").glob(f"*/*{_PART_SUFFIX}")

    def info(self) -> CacheInfo:
        sizes = [p.stat().st_size for p in self._entries()]
        return CacheInfo(self.root, len(sizes), sum(sizes), self.limit)

    def trim(self) -> int:
        """Remove the least recently used entries until the store fits its limit, and what killed
        builds left half-written; return how many entries were removed."""
        for folder in ("clips", "parts"):
            for sub in (self.root / folder).glob("*/"):
                # A minute old and unlocked: the build writing it has gone.
                sweep_parts(sub, before=time.time() - 60)
        entries = []
        for path in self._entries():
            with contextlib.suppress(OSError):
                stat = path.stat()
                entries.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _, size, _ in entries)
        removed = 0
        for _, size, path in sorted(entries):
            if total <= self.limit:
                break
            path.unlink(missing_ok=True)
            total -= size
            removed += 1
        return removed

    def clear(self) -> int:
        """Remove every entry (and stray temporary files); return how many entries there were."""
        count = 0
        for path in self._entries():
            path.unlink(missing_ok=True)
            count += 1
        for folder in ("clips", "parts"):
            for stray in (self.root / folder).glob("*/.*.part"):
                stray.unlink(missing_ok=True)
        for path in (self.root / "calibration").glob("*.json"):
            path.unlink(missing_ok=True)
        return count

    def load_value(self, key: str) -> dict | None:
        """A small JSON record (a voice's calibrated speed), or None."""
        try:
            data = json.loads((self.root / "calibration" / f"{key}.json").read_text())
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def save_value(self, key: str, value: dict) -> None:
        folder = self.root / "calibration"
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / f"{key}.json", json.dumps(value).encode("utf-8"))
