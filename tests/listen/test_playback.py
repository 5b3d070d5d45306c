"""`briefing play` and `briefing say`, run as a user runs them: in a pseudo-terminal, keys sent as
keystrokes, the printed lines read back. `--device null` keeps time without a sound card."""

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

from briefing.listen.playback import Listing, Mark, Player, load_listing
from briefing.listen.sound import NullSound
from tests.conftest import DATE, ROOT, run_cli

ARTICLE = """Harbour night

The port stayed open all night. Crews unloaded grain and steel.

The morning shift arrived at six. The cranes stopped for ten minutes.

Officials said the new schedule will stay. Traffic on the coast road was light.
"""


@pytest.fixture(scope="module")
def bulletin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("listen")
    source = folder / "harbour.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    out = folder / "harbour.mp3"
    result = run_cli("-q", "build", source, "--voice", "system", "--date", DATE, "-o", out)
    assert result.exit_code == 0, result.output
    return out


def _spawn(*args: str, cwd: Path | None = None) -> pexpect.spawn:
    env = dict(os.environ, PYTHONUNBUFFERED="1", COLUMNS="200")
    return pexpect.spawn(sys.executable, ["-m", "briefing", *args], cwd=str(cwd or ROOT), env=env,
                         encoding="utf-8", timeout=30, dimensions=(40, 200))


def test_play_prints_chapters_and_sentences_and_obeys_keys(bulletin: Path):
    manifest = json.loads(bulletin.with_suffix(".json").read_text())
    segments = manifest["segments"]
    total = len(segments)
    child = _spawn("play", str(bulletin), "--device", "null")
    child.expect_exact(f"{manifest['title']}: ")
    child.expect_exact("Keys: space")
    child.expect_exact(f"Chapter 1 of {total}: {segments[0]['title']}")
    child.expect_exact(segments[0]["sentences"][0]["text"])
    child.send("n")
    child.expect_exact(f"Chapter 2 of {total}: {segments[1]['title']}")
    child.expect_exact(segments[1]["sentences"][0]["text"])
    child.send("n")
    child.expect_exact(f"Chapter 3 of {total}: {segments[2]['title']}")
    child.send("p")  # at a chapter's start: back to the chapter before
    child.expect_exact(f"Chapter 2 of {total}: {segments[1]['title']}")
    child.send("+")
    child.expect_exact("Speed 1.25x.")
    child.send("-")
    child.expect_exact("Speed 1x.")
    child.send(" ")
    child.expect(r"Paused at (\d+):(\d\d)\.")
    paused = int(child.match[1]) * 60 + int(child.match[2])
    assert segments[1]["start"] - 1 <= paused <= segments[1]["start"] + 3
    child.send(" ")
    child.expect_exact("Playing from")
    child.send("\x1b[C")  # the right arrow: 10 seconds on
    child.expect(r"At (\d+):(\d\d)\.")
    assert int(child.match[1]) * 60 + int(child.match[2]) >= paused + 9
    child.send("q")
    child.expect(r"Stopped at \d+:\d\d\.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_play_reaches_the_end_on_its_own():
    # The player's clock, run fast: every chapter and sentence is said once, in order, then the end.
    times = iter(t * 0.25 for t in range(1000))
    listing = Listing("t", 5.0, (Mark("One", 0.0), Mark("Two", 2.5)), ())
    player = Player(listing, NullSound(), now=lambda: next(times))
    player.play()
    said = []
    while not player.finished:
        said += player.lines()
    said += player.lines()
    assert said == ["Chapter 1 of 2: One", "Chapter 2 of 2: Two", "End of the bulletin."]


def test_play_without_a_sound_device_is_one_line_error(bulletin: Path):
    # SDL with a driver that does not exist: as on a machine with no sound card.
    env = dict(os.environ, SDL_AUDIODRIVER="no-such-driver")
    result = run_cli("play", bulletin, env=env)
    assert result.exit_code == 1
    assert result.output.count("Error:") == 1
    assert "cannot play on the sound device" in result.output
    assert "--device null" in result.output


@pytest.mark.parametrize("name", ["gone.mp3", "a" * 300 + ".mp3"])
def test_play_of_a_missing_file_is_one_line_error(tmp_path: Path, name: str):
    """A name too long for the file system is a missing file too, not an "unexpected failure"."""
    result = run_cli("play", tmp_path / name, "--device", "null")
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == f"Error: {tmp_path / name}: no such file"


def test_play_of_a_named_pipe_or_folder_says_what_it_is(tmp_path: Path):
    # It said "no such file" of a path that is there.
    os.mkfifo(tmp_path / "pipe.mp3")
    (tmp_path / "folder.mp3").mkdir()
    for name in ("pipe.mp3", "folder.mp3"):
        result = run_cli("play", tmp_path / name, "--device", "null")
        assert result.exit_code == 1
        assert result.output.strip().splitlines()[-1] == (
            f"Error: {tmp_path / name}: not a regular file (a folder, a named pipe or a device); "
            "give an MP3 file")


def test_say_speaks_sentence_by_sentence_and_stops_cleanly_on_ctrl_c(tmp_path: Path):
    source = tmp_path / "harbour.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    child = _spawn("say", str(source), "--device", "null", "--date", DATE, cwd=tmp_path)
    child.logfile_read = heard = io.StringIO()
    child.expect_exact("The port stayed open all night.")
    child.expect_exact("Crews unloaded grain and steel.")
    child.sendintr()
    child.expect_exact("Stopped.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    lines = heard.getvalue().replace("\r\n", "\n").splitlines()
    # The intro, then the article's sentences one per line, in order, then the stop: no traceback.
    assert lines[0] == "Harbour night."
    assert lines.index("The port stayed open all night.") < lines.index("Crews unloaded grain and steel.")
    assert lines[-1] == "Stopped."
    assert "Traceback" not in heard.getvalue()
    assert "Officials said the new schedule will stay." not in lines  # it did stop
    # Nothing written: no MP3, no transcript, nothing beside the source.
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def _ignore_sigint() -> None:
    """As a shell does for a command it starts in the background, or as nohup does: CPython then
    installs no Ctrl-C handler of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def test_say_stops_on_sigint_even_when_started_with_sigint_ignored(tmp_path: Path):
    """`say` promises that Ctrl-C stops it; it must keep that promise whatever it inherited."""
    source = tmp_path / "long.txt"
    source.write_text("Harbour night\n\n" + " ".join(f"Ship number {n} came in." for n in range(60))
                      + "\n", encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, "-m", "briefing", "say", str(source), "--device", "null", "--date", DATE],
        cwd=tmp_path, env=dict(os.environ, PYTHONUNBUFFERED="1"), text=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, preexec_fn=_ignore_sigint)
    try:
        assert child.stdout is not None
        heard = []
        for line in child.stdout:
            heard.append(line.rstrip("\n"))
            if line.startswith("Ship number 1 came in."):
                break
        child.send_signal(signal.SIGINT)
        sent = time.monotonic()
        rest, _ = child.communicate(timeout=15)
        took = time.monotonic() - sent
    finally:
        child.kill()
        child.wait()
    assert child.returncode == 130, rest
    assert took < 5
    assert rest.splitlines()[-1] == "Stopped.", rest
    assert "Traceback" not in rest
    assert "Ship number 59 came in." not in rest  # it did stop
    assert sorted(p.name for p in tmp_path.iterdir()) == ["long.txt"]


def test_play_stops_on_ctrl_c_even_when_started_with_sigint_ignored(bulletin: Path):
    env = dict(os.environ, PYTHONUNBUFFERED="1", COLUMNS="200")
    child = pexpect.spawn(sys.executable, ["-m", "briefing", "play", str(bulletin), "--device", "null"],
                          cwd=str(ROOT), env=env, encoding="utf-8", timeout=15, dimensions=(40, 200),
                          preexec_fn=_ignore_sigint)
    child.expect_exact("Keys: space")
    child.expect_exact("Chapter 1 of")
    child.sendintr()
    child.expect(r"Stopped at \d+:\d\d\.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_an_mp3_without_its_manifest_plays_by_its_chapter_tags(bulletin: Path, tmp_path: Path):
    manifest = json.loads(bulletin.with_suffix(".json").read_text())
    alone = tmp_path / "alone.mp3"
    alone.write_bytes(bulletin.read_bytes())
    listing = load_listing(alone)
    assert [mark.title for mark in listing.chapters] == [s["title"] for s in manifest["segments"]]
    assert [mark.start for mark in listing.chapters] == [s["start"] for s in manifest["segments"]]
    assert abs(listing.duration - manifest["duration"]) < 0.1
    assert listing.sentences == ()  # the sentences are only in the manifest
