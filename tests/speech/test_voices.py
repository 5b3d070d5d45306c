"""The shipped voice profiles, each building the seed with its real engine."""

import json

import pytest

from briefing.speech.voices import list_profiles, load_voice, voice_for_language

from ..conftest import DATE, SEED, assert_cues_at_onsets, ebur128, ffprobe, run_cli


def test_shipped_profiles_load():
    names = {p.name: p.engine for p in list_profiles()}
    expected = {"anchor": "hibari", "joe": "piper", "system": "pyttsx3", "espanol": "pyttsx3"}
    assert expected.items() <= names.items()
    assert load_voice("espanol").language == "es"


@pytest.mark.parametrize("voice", ["joe", "system"])
def test_other_voices_pass_the_core_checks_on_the_seed(tmp_path, voice):
    """The default voice (anchor) gets every check in test_build; these get the same ones here."""
    out = tmp_path / f"{voice}.mp3"
    result = run_cli("-q", "build", SEED, "--voice", voice, "--date", DATE, "-o", out)
    assert result.exit_code == 0, result.output
    manifest = json.loads(out.with_suffix(".json").read_text())
    assert 100 <= manifest["duration"] <= 200
    # Calibrated: the heard rate (words over speech time, pauses excluded) is the profile's 160 +-5 %.
    assert abs(manifest["heard_wpm"] / 160 - 1) <= 0.05, manifest["heard_wpm"]
    measured = ebur128(out)
    assert abs(measured.integrated - -16) <= 1 and measured.true_peak <= -1
    chapters = ffprobe(out, "-show_chapters")["chapters"]
    assert [c["tags"]["title"] for c in chapters][::5] == ["Introduction", "Closing"]
    assert len(chapters) == 6
    assert manifest["voice"]["engine"] == load_voice(voice).engine
    assert_cues_at_onsets(out)


def test_without_a_voice_each_language_gets_a_neural_profile_first():
    """A neural profile before an espeak-ng one (Spanish has both), then by name; English keeps
    the default; a language without a profile gets a system voice."""
    chosen = {code: voice_for_language(code) for code in ("en", "es", "fr", "it", "pt", "de")}
    assert {code: p.name for code, p in chosen.items()} == {
        "en": "anchor", "es": "spanish-female", "fr": "french-female", "it": "italian-female",
        "pt": "brazilian-female", "de": "system-de"}
    assert chosen["es"].engine == "kokoro"
    assert (chosen["de"].engine, chosen["de"].language) == ("pyttsx3", "de")


def test_default_voice_heard_rate_is_calibrated(seed_build):
    manifest = json.loads(seed_build.manifest.read_text())
    assert abs(manifest["heard_wpm"] / 160 - 1) <= 0.05, manifest["heard_wpm"]


def test_voices_command_lists_profiles_and_system_voices():
    result = run_cli("voices")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    for name, engine in [("anchor", "hibari"), ("joe", "piper"), ("system", "pyttsx3"),
                         ("spanish-female", "kokoro"), ("italian-female", "kokoro")]:
        assert any(line.split()[:2] == [name, engine] and line.endswith("usable") for line in lines)
    assert any(line.split()[:1] == ["gmw/en"] for line in lines)


def test_voices_reports_why_a_profile_is_unusable(tmp_path, monkeypatch):
    (tmp_path / "broken.toml").write_text('engine = "piper"\nmodel = "missing.onnx"\n')
    monkeypatch.setenv("BRIEFING_VOICES_DIR", str(tmp_path))
    data = json.loads(run_cli("voices", "--json").output)
    broken = next(p for p in data["profiles"] if p["name"] == "broken")
    assert broken["usable"] is False
    assert broken["problem"] == f"voice 'broken': no Piper model at {tmp_path / 'missing.onnx'}"


def test_preview_writes_a_short_sample(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("-q", "voices", "--preview", "anchor")
    assert result.exit_code == 0, result.output
    assert result.output == "output/preview-anchor.mp3\n"
    manifest = json.loads((tmp_path / "output" / "preview-anchor.json").read_text())
    assert 5 <= manifest["duration"] <= 30
    spoken = " ".join(s["spoken"] for seg in manifest["segments"] for s in seg["sentences"])
    assert "two point five percent" in spoken and "six P M" in spoken
