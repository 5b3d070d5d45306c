"""espeak-ng, under the system voice and Kokoro's phonemes, leaves nothing in the home or the
temporary folder: it looked for a PulseAudio server, and libpulse left its runtime folder in both."""

import os
import subprocess
import sys

import pytest

from briefing.speech.engines.soundless import NO_SERVER, no_sound_server

from ..conftest import DATE, ROOT

#: Kokoro's engine started and heard in a process of its own, as `briefing voices` does.
KOKORO = ("from briefing.speech.engines import why_unusable\n"
          "from briefing.speech.voices import load_voice\n"
          "assert why_unusable(load_voice('british-male')) is None\n")


@pytest.mark.parametrize("engine", ["system", "kokoro"])
def test_espeak_ng_leaves_nothing_in_the_home_or_temporary_folder(tmp_path, engine):
    home, scratch = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    scratch.mkdir()
    story = tmp_path / "harbour.txt"
    story.write_text("Harbour reopens\n\nThe harbour reopened on Monday after a week of storms.\n")
    # No desktop session: libpulse keeps its runtime folder under $TMPDIR, linked from ~/.config.
    env = {name: value for name, value in os.environ.items()
           if not name.startswith("XDG_") and name != "PULSE_SERVER"}
    env |= {"HOME": str(home), "TMPDIR": str(scratch), "PYTHONPATH": str(ROOT),
            "BRIEFING_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-c", KOKORO] if engine == "kokoro" else [
        sys.executable, "-m", "briefing", "-q", "build", str(story), "--voice", "system", "--date",
        DATE, "-o", str(tmp_path / "out" / "harbour.mp3")]
    done = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert sorted(home.rglob("*")) == sorted(scratch.rglob("*")) == []


def test_the_users_sound_server_is_theirs_again_after(monkeypatch):
    monkeypatch.setenv("PULSE_SERVER", "tcp:speakers.local")
    with no_sound_server():
        assert os.environ["PULSE_SERVER"] == NO_SERVER
    assert os.environ["PULSE_SERVER"] == "tcp:speakers.local"
    monkeypatch.delenv("PULSE_SERVER")
    with no_sound_server():
        assert os.environ["PULSE_SERVER"] == NO_SERVER
    assert "PULSE_SERVER" not in os.environ
