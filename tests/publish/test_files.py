"""Where a bulletin's files go: only over regular files, never leaving temporary files behind."""

import os
import stat
from pathlib import Path

import pytest

from ..conftest import run_cli

SET = (".mp3", ".vtt", ".json", ".chapters.json", ".html")


def article(folder: Path, name: str, sentences: int) -> Path:
    """A short article whose words name it, so each file of a set shows which build made it."""
    source = folder / f"{name}.txt"
    source.write_text(f"{name.title()} news\n\n" + " ".join(
        f"The {name} report line {n} was read." for n in range(sentences)) + "\n")
    return source


# -- outputs that are not files ---------------------------------------------------------------


def test_a_named_pipe_as_output_is_refused_before_any_work(tmp_path):
    fifo = tmp_path / "out.mp3"
    os.mkfifo(fifo)
    # The source does not exist either: the output is checked first, before reading anything.
    result = run_cli("build", tmp_path / "missing.txt", "-o", fifo)
    assert result.exit_code == 1
    assert result.output == (f"Error: {fifo}: is a named pipe (FIFO), not a regular file, so it "
                             "cannot be the bulletin; give another output name with -o\n")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["out.mp3"]


def test_a_link_to_a_device_as_output_is_refused(tmp_path, tone_voice):
    out = tmp_path / "out"
    out.mkdir()
    link = out / "null.mp3"
    link.symlink_to(os.devnull)
    result = run_cli("build", article(tmp_path, "alpha", 2), "--voice", tone_voice, "-o", link)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {link}: is a character device, not a regular file")
    assert link.is_symlink() and stat.S_ISCHR(Path(os.devnull).stat().st_mode)
    assert [p.name for p in out.iterdir()] == ["null.mp3"]


@pytest.mark.parametrize("suffix", [".vtt", ".json", ".html"])
def test_a_pipe_or_folder_where_a_file_beside_the_mp3_goes_is_refused(tmp_path, tone_voice,
                                                                       suffix):
    source = article(tmp_path, "alpha", 2)
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / f"b{suffix}")
    result = run_cli("build", source, "--voice", tone_voice, "-o", out / "b.mp3")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {out / f'b{suffix}'}: is a named pipe (FIFO)")
    assert [p.name for p in out.iterdir()] == [f"b{suffix}"]
    (out / f"b{suffix}").unlink()
    (out / f"b{suffix}").mkdir()
    result = run_cli("build", source, "--voice", tone_voice, "-o", out / "b.mp3")
    assert result.exit_code == 1
    role = {".vtt": "WebVTT transcript", ".json": "manifest", ".html": "player page"}[suffix]
    assert result.output == (f"Error: {out / f'b{suffix}'}: is a folder, where the bulletin's "
                             f"{role} would go; give another output name with -o\n")
    assert [p.name for p in out.iterdir()] == [f"b{suffix}"]


# -- what killed builds leave ---------------------------------------------------------------------


def test_a_build_removes_what_killed_builds_left_beside_its_bulletin(tmp_path, tone_voice):
    out = tmp_path / "out"
    out.mkdir()
    left = [out / ".b.mp3.k1ll3d00.part", out / ".b.vtt.k1ll3d01.part",
            out / ".b.chapters.json.k1ll3d02.part"]
    others = [out / ".c.mp3.k1ll3d03.part", out / "notes.txt"]  # another bulletin's, the user's
    for path in (*left, *others):
        path.write_bytes(b"half")
    source = article(tmp_path, "alpha", 2)
    result = run_cli("-q", "build", source, "--voice", tone_voice, "-o", out / "b.mp3")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*(f"b{s}" for s in SET), *(p.name for p in others)])
