"""Where a bulletin's files go: only over regular files, as one whole set even when two builds
write the same one at once, and never leaving temporary files behind."""

import json
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from mutagen.id3 import ID3

from briefing import pipeline
from briefing.publish import files

from ..conftest import DATE, ROOT, ffprobe, run_cli, sentence_cues

SET = (".mp3", ".vtt", ".json", ".chapters.json", ".html")


def article(folder: Path, name: str, sentences: int) -> Path:
    """A short article whose words name it, so each file of a set shows which build made it."""
    source = folder / f"{name}.txt"
    source.write_text(f"{name.title()} news\n\n" + " ".join(
        f"The {name} report line {n} was read." for n in range(sentences)) + "\n")
    return source


def assert_one_set(mp3: Path) -> str:
    """Every file beside `mp3` comes from the build that made its manifest; returns its title."""
    manifest = json.loads(mp3.with_suffix(".json").read_text())
    title = manifest["title"]
    assert str(ID3(mp3)["TIT2"]).startswith(f"{title}, ")
    duration = float(ffprobe(mp3, "-show_entries", "format=duration")["format"]["duration"])
    assert abs(duration - manifest["duration"]) < 0.05
    probed = [c["tags"]["title"] for c in ffprobe(mp3, "-show_chapters")["chapters"]]
    assert probed == [s["title"] for s in manifest["segments"]]
    sentence_cues(mp3)  # every sentence's cues rejoin into its text, and no cue is left over
    chapters = json.loads(mp3.with_suffix(".chapters.json").read_text())
    assert chapters["title"] == title
    assert [c["title"] for c in chapters["chapters"]] == probed
    assert f"<title>{title}" in mp3.with_suffix(".html").read_text()
    return title


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


# -- two builds of one bulletin at once ---------------------------------------------------------


def test_two_builds_publishing_at_once_leave_the_later_ones_whole_set(tmp_path, tone_voice,
                                                                      monkeypatch):
    """The first build is slowed down between its renames and the second publishes in the middle
    of them: without a lock the first's later renames land over the second's set."""
    out = tmp_path / "out" / "bulletin.mp3"
    first_renamed = threading.Event()
    real_replace, real_publish = os.replace, files.Staging.publish

    def replace(source, target):
        real_replace(source, target)
        if threading.current_thread().name == "first" and Path(target).parent == out.parent:
            first_renamed.set()
            time.sleep(0.2)

    def publish(self, *args, **kwargs):
        if threading.current_thread().name == "second":
            assert first_renamed.wait(60)
        real_publish(self, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(files.Staging, "publish", publish)
    failures: list[BaseException] = []

    def build(name: str, sentences: int) -> None:
        try:
            pipeline.build([article(tmp_path, name, sentences)], out,
                           pipeline.BuildOptions(voice=tone_voice, title=name.title(), chime=False))
        except BaseException as exc:  # reported below, in the test's own thread
            failures.append(exc)

    threads = [threading.Thread(target=build, args=(name, sentences), name=name)
               for name, sentences in (("first", 3), ("second", 5))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not failures, failures
    assert assert_one_set(out) == "Second"
    assert sorted(p.name for p in out.parent.iterdir()) == sorted(f"bulletin{s}" for s in SET)


def test_concurrent_builds_of_one_output_end_with_one_consistent_set(tmp_path, tone_voice):
    out = tmp_path / "out" / "bulletin.mp3"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    titles = set()
    for attempt in range(3):
        runs = [subprocess.Popen([sys.executable, "-m", "briefing", "-q", "build",
                                  str(article(tmp_path, name, sentences)), "--voice", tone_voice,
                                  "--date", DATE, "-o", str(out)], env=env)
                for name, sentences in (("alpha", 2 + attempt), ("bravo", 4 + attempt))]
        assert [run.wait(timeout=300) for run in runs] == [0, 0]
        titles.add(assert_one_set(out))
        assert sorted(p.name for p in out.parent.iterdir()) == sorted(f"bulletin{s}" for s in SET)
    assert titles <= {"Alpha news", "Bravo news"}


def test_a_transcript_no_longer_asked_for_goes_with_the_old_bulletin(tmp_path, tone_voice):
    source = article(tmp_path, "alpha", 2)
    out = tmp_path / "out" / "alpha.mp3"
    for transcripts in ("vtt,srt,txt", "vtt"):
        result = run_cli("-q", "build", source, "--voice", tone_voice, "-o", out,
                         "--transcript", transcripts)
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.parent.iterdir()) == sorted(f"alpha{s}" for s in SET)



def test_a_file_made_again_with_the_same_bytes_is_left_as_it_was(tmp_path, tone_voice):
    """Another transcript format makes the set again: the files whose bytes come out the same keep
    their inode and time (a podcast host or a sync tool sees nothing new), the new one is added."""
    source = article(tmp_path, "alpha", 2)
    out = tmp_path / "out" / "alpha.mp3"
    stamps = {}
    for transcripts in ("vtt", "vtt,srt"):
        result = run_cli("-q", "build", source, "--voice", tone_voice, "--date", DATE, "-o", out,
                         "--transcript", transcripts)
        assert result.exit_code == 0, result.output
        stamps[transcripts] = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns)
                               for p in out.parent.iterdir()}
    before, after = stamps["vtt"], stamps["vtt,srt"]
    kept = {name for name in before if after.get(name) == before[name]}
    assert {"alpha.mp3", "alpha.vtt", "alpha.chapters.json"} <= kept
    assert "alpha.json" not in kept and "alpha.srt" in after  # the manifest names the new file

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


def test_an_output_name_too_long_for_the_file_system_is_refused_before_any_work(tmp_path):
    # Path.is_dir() raises for ENAMETOOLONG (it only swallows "no such file"): a catch-all.
    out = tmp_path / ("x" * 300 + ".mp3")
    result = run_cli("build", tmp_path / "missing.txt", "-o", out)
    assert result.exit_code == 1
    assert result.output == (f"Error: {out}: cannot use it as the bulletin (File name too long); "
                             "give another output name with -o\n")
    assert list(tmp_path.iterdir()) == []


def test_a_name_whose_temporary_name_is_too_long_is_refused_before_any_work(tmp_path, tone_voice):
    """A 234-byte name fits, and so do its sidecars, but the chapters file is first written as
    `.<name>.chapters.json.<random>.part`, 259 bytes: that failed in the catch-all at the very end,
    after every sentence was spoken."""
    source = article(tmp_path, "alpha", 2)
    out = tmp_path / "out" / ("x" * 230 + ".mp3")
    cache = tmp_path / "cache"
    result = run_cli("build", source, "--voice", tone_voice, "-o", out,
                     env={"BRIEFING_CACHE_DIR": str(cache)})
    assert result.exit_code == 1
    assert result.output == (f"Error: {out.with_suffix('.chapters.json')}: the name is too long for "
                             "the bulletin's chapters file: it is written first under a temporary "
                             "name 15 bytes longer (259 bytes), and the folder takes at most 255 "
                             "bytes a name; give another output name with -o\n")
    assert not cache.exists() and not out.parent.exists()


def test_a_path_whose_temporary_path_is_too_long_is_refused_before_any_speech(tmp_path, tone_voice):
    """Every name fits, and the MP3's whole path too, but a sidecar's temporary path is over the
    4095 bytes a path may have."""
    source = article(tmp_path, "alpha", 2)
    folder = tmp_path / "out"
    while len(os.fsencode(folder)) < 3800:
        folder /= "d" * 200
    out = folder / ("x" * (4080 - len(os.fsencode(folder)) - 5) + ".mp3")
    assert len(os.fsencode(out)) == 4080
    cache = tmp_path / "cache"
    result = run_cli("build", source, "--voice", tone_voice, "-o", out,
                     env={"BRIEFING_CACHE_DIR": str(cache)})
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1, result.output
    assert result.output.endswith(": the path is too long to write: it is written first under a "
                                  "temporary name 15 bytes longer; give a shorter output path\n")
    assert not any(path.is_file() for path in cache.rglob("*"))  # nothing was spoken
    assert list(folder.iterdir()) == []


def test_a_bulletin_written_into_a_folder_it_reads_is_refused(tmp_path, tone_voice):
    # The next build of that folder read the bulletin's own player page back as a story, and the
    # bulletin grew with every rebuild.
    folder = tmp_path / "inbox"
    folder.mkdir()
    article(folder, "alpha", 2)
    out = folder / "b.mp3"
    result = run_cli("build", folder, "--voice", tone_voice, "-o", out)
    assert result.exit_code == 1
    assert result.output == (f"Error: {out}: is in the source folder {folder}, whose next build "
                             "would read the bulletin's own files as stories; give an output "
                             "outside it with -o\n")
    assert [p.name for p in folder.iterdir()] == ["alpha.txt"]
