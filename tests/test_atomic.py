"""Output paths must be regular files (or absent)."""

import os

import pytest

from briefing.atomic import check_regular
from briefing.errors import OutputError


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
