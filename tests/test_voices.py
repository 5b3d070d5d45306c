"""The shipped voice profiles, each building the seed with its real engine."""

import json

import pytest

from briefing.voices import list_profiles, load_voice

from .conftest import DATE, SEED, ebur128, ffprobe, run_cli


def test_shipped_profiles_load():
    names = {p.name: p.engine for p in list_profiles()}
    expected = {"anchor": "hibari", "joe": "piper", "system": "pyttsx3", "espanol": "pyttsx3"}
    assert expected.items() <= names.items()
    assert load_voice("espanol").language == "es"


@pytest.mark.parametrize("voice", ["anchor", "joe"])
def test_neural_voices_build_the_seed_at_rate_and_loudness(tmp_path, voice):
    out = tmp_path / f"{voice}.mp3"
    result = run_cli("-q", "build", SEED, "--voice", voice, "--date", DATE, "-o", out)
    assert result.exit_code == 0, result.output
    manifest = json.loads(out.with_suffix(".json").read_text())
    assert 100 <= manifest["duration"] <= 200
    # Calibrated: the heard rate (words over speech time, pauses excluded) is the profile's 160 +-5 %.
    assert abs(manifest["heard_wpm"] / 160 - 1) <= 0.05, manifest["heard_wpm"]
    measured = ebur128(out)
    assert abs(measured.integrated - -16) <= 1 and measured.true_peak <= -1
    assert len(ffprobe(out, "-show_chapters")["chapters"]) == 6
    assert manifest["voice"]["engine"] == load_voice(voice).engine


def test_system_voice_heard_rate_is_calibrated(seed_build):
    manifest = json.loads(seed_build.manifest.read_text())
    assert abs(manifest["heard_wpm"] / 160 - 1) <= 0.05, manifest["heard_wpm"]
