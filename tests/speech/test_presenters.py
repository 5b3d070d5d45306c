"""Two presenters' profiles: what they are called, and which pairs can share a bulletin."""

import pytest

from briefing.errors import VoiceError
from briefing.speech.presenters import load_cast, parse_presenters
from briefing.speech.voices import VoiceProfile, load_voice, presenter_name


@pytest.fixture
def voices_dir(tmp_path, monkeypatch):
    folder = tmp_path / "voices"
    folder.mkdir()
    (folder / "one.toml").write_text('engine = "tone"\nlanguage = "en"\nrate = 150\n'
                                     'presenter = "Adam"\n')
    (folder / "two.toml").write_text('engine = "tone"\nlanguage = "en-GB"\nrate = 170\n'
                                     'volume = 0.3\n')
    (folder / "tres.toml").write_text('engine = "tone"\nlanguage = "es"\n')
    monkeypatch.setenv("BRIEFING_VOICES_DIR", str(folder))
    return folder


def test_a_presenter_is_named_by_the_profile_else_by_the_voice():
    assert presenter_name(VoiceProfile("x", "kokoro", voice="bf_emma", presenter="Emma B")) \
        == "Emma B"
    assert presenter_name(VoiceProfile("british-female", "kokoro", voice="bf_emma")) == "Emma"
    assert presenter_name(VoiceProfile("british-male", "kokoro", voice="bm_george")) == "George"
    assert presenter_name(VoiceProfile("system", "pyttsx3", voice="en-us")) == "System"
    assert presenter_name(VoiceProfile("night-desk", "hibari", voice="heart")) == "Night Desk"


def test_the_shipped_profiles_have_presenter_names():
    assert presenter_name(load_voice("anchor")) == "Hannah"
    assert presenter_name(load_voice("british-male")) == "George"
    assert presenter_name(load_voice("joe")) == "Joe"


def test_a_presenter_name_must_be_text(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('engine = "tone"\npresenter = 3\n')
    with pytest.raises(VoiceError, match="presenter = 3 has the wrong type"):
        load_voice(str(path))


def test_both_presenters_speak_at_the_first_ones_rate_or_the_one_asked(voices_dir):
    first, second = load_cast(("one", "two"), "en")
    assert (first.name, second.name) == ("one", "two")
    assert first.rate == second.rate == 150
    assert {p.rate for p in load_cast(("one", "two"), "en", 180)} == {180}


@pytest.mark.parametrize("names", [("one",), ("one", "one"), ("one", "two", "tres")])
def test_two_different_presenters_are_needed(voices_dir, names):
    with pytest.raises(VoiceError, match="two different voice profiles"):
        load_cast(names, "en")


def test_both_presenters_must_speak_the_bulletins_language(voices_dir):
    with pytest.raises(VoiceError, match="presenter 'tres' speaks es, but the bulletin is in en"):
        load_cast(("one", "tres"), "en")
    with pytest.raises(VoiceError, match="presenter 'one' speaks en, but the bulletin is in es"):
        load_cast(("one", "tres"), "es")


def test_the_command_line_form_is_two_names_with_a_comma():
    assert parse_presenters("anchor, british-male") == ("anchor", "british-male")
    assert parse_presenters("anchor,") == ("anchor",)


def test_two_profile_files_of_one_name_are_refused(tmp_path, voices_dir):
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "one.toml").write_text('engine = "tone"\n')
    with pytest.raises(VoiceError, match="both profiles are named 'one'"):
        load_cast(("one", str(tmp_path / "other" / "one.toml")), "en")
