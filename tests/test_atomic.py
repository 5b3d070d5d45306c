"""Temporary files and folders that a killed process leaves are told apart from those of a running
one by their lock, and removed; output paths must be regular files; folder locks wait."""

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from briefing.atomic import (
    Scratch,
    check_regular,
    folder_lock,
    sweep_parts,
    sweep_scratch,
    temporary_file,
    write_atomically,
)
from briefing.errors import OutputError

from .conftest import ROOT

#: Makes a temporary file beside argv[1] (or a scratch folder with argv[1] "scratch"), prints its
#: path, and waits to be killed.
HOLDER = """
import sys, time
from pathlib import Path
from briefing.atomic import Scratch, temporary_file
if sys.argv[1] == "scratch":
    print(Scratch().path, flush=True)
else:
    print(temporary_file(Path(sys.argv[1]))[0], flush=True)
time.sleep(600)
"""


def hold(argument: str, env: dict | None = None) -> tuple[subprocess.Popen, Path]:
    """A process holding a temporary file beside `argument` (or a scratch folder), and its path."""
    process = subprocess.Popen([sys.executable, "-c", HOLDER, argument], stdout=subprocess.PIPE,
                               text=True, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})
    assert process.stdout is not None
    return process, Path(process.stdout.readline().strip())


def test_a_killed_writers_part_is_swept_and_a_running_ones_is_not(tmp_path):
    target = tmp_path / "bulletin.mp3"
    killed, left = hold(str(target))
    running, busy = hold(str(target))
    try:
        killed.kill()
        killed.wait()
        assert left.name.startswith(".bulletin.mp3.") and left.name.endswith(".part")
        other = tmp_path / ".other.mp3.abcd1234.part"
        other.write_text("someone else's")
        mine = tmp_path / ".bulletin.mp3.old.txt"  # not a temporary file's name
        mine.write_text("keep")
        removed = sweep_parts(tmp_path, ["bulletin.mp3"], before=time.time() + 1)
        assert removed == [left]
        assert busy.exists() and other.exists() and mine.exists()
        assert sweep_parts(tmp_path, before=time.time() + 1) == [other]  # every name
        assert busy.exists()
    finally:
        running.kill()
        running.wait()
    assert sweep_parts(tmp_path, before=time.time() + 1) == [busy]


def test_only_parts_older_than_the_sweeping_build_are_taken(tmp_path):
    target = tmp_path / "bulletin.mp3"
    name, handle = temporary_file(target)
    os.close(handle)  # as if its process had ended
    assert sweep_parts(tmp_path, before=os.stat(name).st_mtime) == []
    assert sweep_parts(tmp_path, before=os.stat(name).st_mtime + 0.001) == [name]


def test_write_atomically_leaves_no_part_and_the_whole_file(tmp_path):
    target = tmp_path / "feed.xml"
    write_atomically(target, b"<rss>", b"</rss>", mode=0o644)
    assert target.read_bytes() == b"<rss></rss>"
    assert oct(target.stat().st_mode & 0o777) == "0o644"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]


def test_a_killed_processs_scratch_folder_is_swept_and_a_running_ones_is_not(tmp_path,
                                                                               monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    killed, left = hold("scratch", {"TMPDIR": str(tmp_path)})
    running, busy = hold("scratch", {"TMPDIR": str(tmp_path)})
    try:
        killed.kill()
        killed.wait()
        (tmp_path / "briefing-not-ours").mkdir()  # no owner file: not made by Scratch
        with Scratch() as mine:
            removed = sweep_scratch(before=time.time() + 1)
            assert removed == [left] and not left.exists()
            assert busy.is_dir() and mine.is_dir() and (tmp_path / "briefing-not-ours").is_dir()
        assert not mine.exists()
    finally:
        running.kill()
        running.wait()
    assert sweep_scratch(before=time.time() + 1) == [busy]


def test_regular_files_and_absent_paths_pass(tmp_path):
    (tmp_path / "old.mp3").write_bytes(b"")
    (tmp_path / "link.mp3").symlink_to(tmp_path / "old.mp3")
    (tmp_path / "dangling.mp3").symlink_to(tmp_path / "nowhere.mp3")
    for name in ("old.mp3", "link.mp3", "dangling.mp3", "new.mp3"):
        check_regular(tmp_path / name)


def test_pipes_devices_and_folders_are_refused(tmp_path):
    os.mkfifo(tmp_path / "pipe.mp3")
    (tmp_path / "null.mp3").symlink_to(os.devnull)
    (tmp_path / "folder.vtt").mkdir()
    with pytest.raises(OutputError, match=r"pipe\.mp3: is a named pipe \(FIFO\), not a regular"):
        check_regular(tmp_path / "pipe.mp3")
    with pytest.raises(OutputError, match=r"null\.mp3: is a character device, not a regular"):
        check_regular(tmp_path / "null.mp3")
    with pytest.raises(OutputError, match=r"folder\.vtt: is a folder, where the transcript would "
                       r"go; give another output name with -o"):
        check_regular(tmp_path / "folder.vtt", "the transcript")


def test_a_folder_lock_makes_the_second_holder_wait(tmp_path, caplog):
    order: list[str] = []
    inside = threading.Event()

    def second() -> None:
        inside.wait()
        with folder_lock(tmp_path):
            order.append("second")

    thread = threading.Thread(target=second)
    thread.start()
    with caplog.at_level("INFO", logger="briefing"), folder_lock(tmp_path):
        inside.set()
        time.sleep(0.3)
        order.append("first")
    thread.join(10)
    assert order == ["first", "second"]
    assert "another build is putting its files in place here; waiting for it" in caplog.text
