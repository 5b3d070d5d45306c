"""The shipped voice profiles, each building the seed with its real engine."""

import json
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.errors import VoiceError
from briefing.speech.voices import VoiceProfile, list_profiles, load_voice, voice_for_language

from ..conftest import DATE, ROOT, SEED, assert_cues_at_onsets, ebur128, ffprobe, run_cli


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


@pytest.mark.parametrize("language", ["zh", "zh-CN", "zh-Hans", "zh-TW"])
def test_chinese_is_read_by_espeak_ngs_mandarin(language):
    """espeak-ng names Mandarin `cmn`, not `zh`; of its two Mandarin voices the one that reads
    Latin as pinyin is the one that reads every character right (see `SYSTEM_NAMES`)."""
    profile = voice_for_language(language)
    assert (profile.engine, profile.voice, profile.language) == ("pyttsx3", "sit/cmn-latn-pinyin", "zh")


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


@pytest.mark.parametrize(("line", "message"), [
    ("pitch = 1000", "pitch = 1000 is out of range: give a whole number from 0 to 99"),
    ("volume = 5.0", "volume = 5.0 is out of range: give a number from 0.0 to 1.0"),
    ("volume = nan", "volume = nan is out of range: give a number from 0.0 to 1.0"),
    ("rate = 1000", "rate = 1000 is out of range: give words per minute from 40 to 400"),
    ("rate = 150.5", "rate = 150.5 has the wrong type: write a whole number"),
    ("pauses = 5", "pauses must be a [pauses] table of seconds"),
    ("[pauses]\nsentence = -1", "[pauses] sentence = -1: give a number of seconds from 0 to 10"),
    ("[pauses]\nparagraph = nan", "[pauses] paragraph = nan: give a number of seconds from 0 to 10"),
    ("[pauses]\nsegment = inf", "[pauses] segment = inf: give a number of seconds from 0 to 10"),
    ('[pauses]\nstory = "2"', '[pauses] story = "2": give a number of seconds from 0 to 10'),
    ("[pauses]\nbreath = 1", "unknown key 'breath' in [pauses] (known: sentence, paragraph, segment, story)"),
    ("[lexicon]\nkyiv = nan",
     '[lexicon] kyiv = nan: write the respelling as text in quotes, e.g. kyiv = "..."'),
    ("[lexicon]\nkyiv = 5", '[lexicon] kyiv = 5: write the respelling as text in quotes'),
    ('[lexicon]\nkyiv = " "', '[lexicon] kyiv = " ": the word and its respelling must not be empty'),
    ('engine = "espeak"', 'engine = "espeak" is not an engine; write one of hibari, kokoro, piper, '
                          'pyttsx3, tone'),
    ('language = ""', "language = '' is not a language code; use one such as en, es or pt-BR"),
    ('language = "english"', "language = 'english' is not a language code"),
    ('description = "\\u001b[2J"', 'description = "\\u001b[2J" contains a control character; remove it'),
    ('[lexicon]\nkyiv = "Keev\\u0000"',
     '[lexicon] kyiv = "Keev\\u0000": control characters cannot be spoken'),
])
def test_a_bad_profile_value_is_refused_when_the_profile_is_read(tmp_path, line, message):
    """Before any source is read or any audio made: one line naming the file, the key and what to
    give, never an engine error after the whole build, nor an "unexpected failure"."""
    profile = tmp_path / "mine.toml"
    profile.write_text(line + "\n" if line.startswith("engine") else f'engine = "tone"\n{line}\n')
    result = run_cli("build", SEED, "--voice", profile, "-o", tmp_path / "out" / "b.mp3")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {profile}: {message}")
    assert result.output.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_a_broken_profile_is_listed_with_its_reason_and_the_others_still_are(tmp_path, monkeypatch):
    (tmp_path / "loud.toml").write_text('engine = "pyttsx3"\nvolume = 5.0\n')
    (tmp_path / "garbled.toml").write_text('engine = "pyttsx3\n')
    (tmp_path / "fine.toml").write_text('engine = "tone"\ndescription = "a test voice"\n')
    monkeypatch.setenv("BRIEFING_VOICES_DIR", str(tmp_path))
    result = run_cli("voices", "--json")
    assert result.exit_code == 0, result.output
    profiles = {p["name"]: p for p in json.loads(result.output)["profiles"]}
    assert profiles["loud"] == {
        "name": "loud", "engine": None, "language": None, "rate": None, "usable": False,
        "problem": f"{tmp_path / 'loud.toml'}: volume = 5.0 is out of range: give a number from "
                   "0.0 to 1.0 (loudness is normalized later either way)",
        "description": ""}
    assert profiles["garbled"]["problem"].startswith(f"{tmp_path / 'garbled.toml'}: not a valid TOML")
    assert profiles["fine"]["usable"] is True
    assert profiles["system"]["usable"] is True  # the shipped ones are still there
    lines = run_cli("voices").output.splitlines()
    assert any(line.split()[:3] == ["loud", "not", "usable:"] and "volume = 5.0" in line
               for line in lines)
    assert any(line.split()[:2] == ["fine", "tone"] and line.endswith("usable") for line in lines)


def test_automatic_choice_passes_over_a_broken_profile(tmp_path, monkeypatch, caplog):
    """A broken file of the default voice's name, or of a language's only profile, is passed over
    with a warning, as if it were not there; naming it with --voice still gives its problem."""
    (tmp_path / "anchor.toml").write_text('engine = "hibari"\npitch = 1000\n')
    (tmp_path / "deutsch.toml").write_text('engine = "pyttsx3"\nlanguage = "de"\nvolume = 5.0\n')
    monkeypatch.setenv("BRIEFING_VOICES_DIR", str(tmp_path))
    english = voice_for_language("en")
    assert (english.name, english.path) == ("anchor", load_voice("espanol").path.parent / "anchor.toml")
    assert voice_for_language("de").name == "system-de"
    assert f"voice profile {tmp_path / 'anchor.toml'} skipped: " in caplog.text
    assert f"voice profile {tmp_path / 'deutsch.toml'} skipped: " in caplog.text
    assert {p.name for p in list_profiles(warn=False)} >= {"anchor", "system", "espanol"}
    result = run_cli("script", SEED, "--voice", "anchor")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {tmp_path / 'anchor.toml'}: pitch = 1000 is out of range")


def test_a_name_too_long_for_the_file_system_is_a_voice_not_found(tmp_path, monkeypatch):
    """A voice name, a profile's voice or model, or a voices folder is looked up as a file name;
    one the system refuses as too long is not found, never an "unexpected failure"."""
    long = "a" * 300
    result = run_cli("script", SEED, "--voice", long)
    assert result.exit_code == 1 and result.output.startswith(f"Error: unknown voice '{long}'; available: ")
    result = run_cli("script", SEED, "--voice", f"{long}.toml")
    assert result.output == f"Error: {long}.toml: no such voice profile file\n"
    (tmp_path / "kokoro-long.toml").write_text(f'engine = "kokoro"\nvoice = "{long}"\n')
    (tmp_path / "piper-long.toml").write_text(f'engine = "piper"\nmodel = "{long}.onnx"\n')
    monkeypatch.setenv("BRIEFING_VOICES_DIR", str(tmp_path))
    listed = run_cli("voices", "--json")
    assert listed.exit_code == 0, listed.output
    problems = {p["name"]: p["problem"] for p in json.loads(listed.output)["profiles"]}
    assert problems["kokoro-long"].startswith(f"voice 'kokoro-long': no Kokoro voice '{long}'")
    assert problems["piper-long"] == f"voice 'piper-long': no Piper model at {tmp_path / long}.onnx"
    monkeypatch.setenv("BRIEFING_VOICES_DIR", "a" * 5000)
    assert run_cli("script", SEED).exit_code == 0


_SCALARS = st.one_of(st.booleans(), st.integers(), st.floats(), st.text(max_size=8), st.datetimes())
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=6)


@st.composite
def _profiles(draw: st.DrawFn) -> dict:
    """A profile's keys, present or not, with any TOML value (nan and infinity included), and
    [pauses] and [lexicon] tables of any values."""
    data = {}
    for key in ("engine", "voice", "model", "language", "rate", "pitch", "volume", "description",
                "lexicon", "pauses", "presenter"):
        if draw(st.booleans()):
            data[key] = draw(_VALUES)
    if draw(st.booleans()):
        data["engine"] = "tone"
    if draw(st.booleans()):
        data["pauses"] = draw(st.dictionaries(st.sampled_from(["sentence", "paragraph", "segment",
                                                               "story"]), _VALUES, max_size=4))
    if draw(st.booleans()):
        data["lexicon"] = draw(st.dictionaries(st.text(max_size=4), _VALUES, max_size=3))
    return data


@settings(max_examples=300, deadline=None)
@given(_profiles())
def test_any_profile_is_refused_with_a_message_or_usable_as_it_is(data):
    try:
        profile = VoiceProfile.from_dict("fuzzed", data)
    except VoiceError as exc:
        assert str(exc).startswith("fuzzed: ")
        return
    assert 40 <= profile.rate <= 400
    assert profile.pitch is None or 0 <= profile.pitch <= 99
    assert profile.volume is None or 0 <= profile.volume <= 1
    assert all(0 <= seconds <= 10 for seconds in vars(profile.pauses).values())
    assert all(isinstance(spoken, str) and spoken.strip() for spoken in profile.lexicon.values())


def test_listing_the_voices_leaves_nothing_in_the_temporary_folder(tmp_path):
    # onnxruntime (loaded to tell whether the neural voices work) wrote a telemetry session file,
    # `$TMPDIR/.ses`, on every run, unless told not to.
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {key: value for key, value in os.environ.items() if key != "ORT_DISABLE_TELEMETRY"}
    subprocess.run([sys.executable, "-m", "briefing", "voices"], cwd=ROOT, check=True,
                   env={**env, "TMPDIR": str(scratch), "PYTHONPATH": str(ROOT)},
                   stdout=subprocess.DEVNULL, timeout=120)
    assert list(scratch.iterdir()) == []


def test_every_shipped_profile_is_handed_over_to_by_a_name():
    """A co-presenter says "Back to you, Emma.", never "Back to you, System."."""
    from briefing.speech.voices import list_profiles, presenter_name

    for profile in list_profiles():
        name = presenter_name(profile)
        # Its own presenter's name, or the name in its engine's voice id (Kokoro's bf_emma).
        assert profile.presenter or "_" in profile.voice, profile.name
        assert name.isalpha() and name[0].isupper() and name.lower() != "system", (profile.name, name)
