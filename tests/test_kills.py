"""Builds killed with `kill -9` at random moments: the next build leaves nothing of theirs behind,
beside the bulletin, in the temporary folder or among the processes, and its bulletin is whole."""

import itertools
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from .conftest import DATE, ROOT, ffprobe

SET = (".mp3", ".vtt", ".json", ".chapters.json", ".html")
KILLS = 12


def processes_mentioning(text: str) -> list[str]:
    """Command lines of the running processes that contain `text` (zombies left out)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except (OSError, IndexError):
            continue
        if text in command and state not in ("Z", "X"):
            found.append(command)
    return found


def harbour(folder: Path, paragraphs: int) -> Path:
    """An article of `paragraphs` short paragraphs, every one different."""
    source = folder / "harbour.txt"
    source.write_text("Night shift at the harbour\n\n" + "\n\n".join(
        f"Crews unloaded grain and steel at berth {n}. The cranes stopped for ten minutes."
        for n in range(paragraphs)) + "\n")
    return source


def test_builds_killed_at_random_moments_leave_nothing_after_the_next_build(tmp_path, tone_voice):
    scratch, out = tmp_path / "tmp", tmp_path / "out"
    scratch.mkdir()
    source = harbour(tmp_path, 30)
    mp3 = out / "harbour.mp3"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(scratch),
           "BRIEFING_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "briefing", "-q", "build", str(source), "--voice", tone_voice,
               "--date", DATE, "-o", str(mp3)]
    titles = itertools.count(1)

    def another(*options: str) -> list[str]:
        # Each build another title: a build with nothing changed would return before any work.
        return [*command, *options, "--title", f"Harbour report {next(titles)}"]

    subprocess.run(another(), env=env, check=True, stdout=subprocess.DEVNULL)  # fills the cache
    whole = {}
    for options in ((), ("--no-cache",)):  # how long a build lasts, from the cache or not
        start = time.monotonic()
        subprocess.run(another(*options), env=env, check=True, stdout=subprocess.DEVNULL)
        whole[options] = time.monotonic() - start

    seed = random.randrange(2**32)
    rng = random.Random(seed)
    moments = []
    for kill in range(KILLS):
        # Every other build speaks afresh into its scratch folder; the others use the cache.
        options = ("--no-cache",) if kill % 2 else ()
        moment = rng.uniform(0, whole[options])
        process = subprocess.Popen(another(*options), env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(moment)
        process.kill()
        # Looked for after each kill: the next killed build may sweep it before the last one.
        left = [p.name for p in (*out.iterdir(), *scratch.iterdir())
                if p.name.startswith(("briefing-", ".harbour."))]
        moments.append((round(moment, 3), process.wait(), len(left)))
    context = f"seed {seed}, whole builds {whole} s, kills (moment, exit, litter) {moments}"
    assert any(litter for *_, litter in moments), f"no kill landed inside a build: {context}"

    subprocess.run(another(), env=env, check=True, stdout=subprocess.DEVNULL)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"harbour{s}" for s in SET), context
    assert list(scratch.iterdir()) == [], context
    assert processes_mentioning(str(tmp_path)) == [], context
    manifest = json.loads(mp3.with_suffix(".json").read_text())
    duration = float(ffprobe(mp3, "-show_entries", "format=duration")["format"]["duration"])
    assert abs(duration - manifest["duration"]) < 0.05
    chapters = ffprobe(mp3, "-show_chapters")["chapters"]
    assert [c["tags"]["title"] for c in chapters] == [s["title"] for s in manifest["segments"]]
    cues = mp3.with_suffix(".vtt").read_text().count(" --> ")
    assert cues == sum(len(s["sentences"]) for s in manifest["segments"])


def test_a_build_stopped_politely_cleans_up_at_once(tmp_path, tone_voice):
    """SIGTERM (systemd stopping a service, `timeout`) and SIGHUP (a closed terminal) ask a build
    to stop: Python's default is to die on the spot, leaving the temporary folder for the next
    build to sweep. Stopped like this, the build removes its own files, then dies of the signal as
    before (so a shell still reports 128 + signal, and systemd a stop)."""
    scratch, out = tmp_path / "tmp", tmp_path / "out"
    scratch.mkdir()
    source = harbour(tmp_path, 60)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(scratch)}
    for signal_number in (15, 1):
        process = subprocess.Popen(
            [sys.executable, "-m", "briefing", "-q", "build", str(source), "--voice", tone_voice,
             "--date", DATE, "--no-cache", "-o", str(out / "harbour.mp3")],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            # As from a terminal: under nohup (a CI runner's, say) SIGHUP would stay ignored.
            preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_DFL))
        deadline = time.monotonic() + 60
        while not any(scratch.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert process.poll() is None, "the build ended before it could be stopped"
        time.sleep(0.3)
        process.send_signal(signal_number)
        _, stderr = process.communicate(timeout=60)
        assert process.returncode == -signal_number, stderr
        assert b"Traceback" not in stderr
        assert list(scratch.iterdir()) == []
        assert not out.exists() or list(out.iterdir()) == []


def test_a_second_signal_ends_a_build_whose_clean_up_is_stuck(tmp_path):
    """The first SIGTERM unwinds, waiting for running encodes; should one never end (it hung when
    the cache was cleared under it), a second SIGTERM must still end the process."""
    script = ("import os, signal, sys, time\n"
              "from briefing.cli import _Stopped, _stop_politely\n"
              "_stop_politely()\n"
              "try:\n"
              "    os.kill(os.getpid(), signal.SIGTERM)\n"
              "    time.sleep(5)\n"
              "except _Stopped:\n"
              "    print('stuck', flush=True)\n"
              "    time.sleep(60)\n")
    process = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert process.stdout.readline() == b"stuck\n"
    process.terminate()
    assert process.wait(timeout=10) == -15
