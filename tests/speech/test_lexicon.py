"""The pronunciation lexicon: whole words, case-aware, engine-specific entries, profile overrides."""

from dataclasses import replace

import pytest

from briefing.errors import VoiceError
from briefing.script.verbalize import normalize
from briefing.speech.lexicon import Lexicon, load_lexicon
from briefing.speech.voices import load_voice, search_dirs

from ..conftest import SEED, run_cli


def test_whole_words_and_case():
    lex = Lexicon.from_entries({"kyiv": "Keev", "AP": "A P"})
    assert lex.apply("Kyiv, kyiv and KYIV.") == "Keev, Keev and Keev."
    assert lex.apply("Kyivan Pre-kyiv kyiv-based") == "Kyivan Pre-kyiv kyiv-based"
    assert lex.apply("The AP said; a map, ap.") == "The A P said; a map, ap."


def test_shipped_lexicon_per_engine_and_profile_entries():
    system = load_lexicon(load_voice("system"), search_dirs())
    joe = load_lexicon(load_voice("joe"), search_dirs())
    assert system.apply("Kherson and the Dnieper") == "Kehr-sohn and the Nee-per"
    assert joe.apply("Kherson and the Dnieper") == "[[ kɛɹsˈɔn ]] and the Nee-per"
    own = replace(load_voice("system"), lexicon={"Dnieper": "Dnipro"})
    assert load_lexicon(own, search_dirs()).apply("the Dnieper") == "the Dnipro"


def test_script_shows_text_after_normalization_and_lexicon():
    result = run_cli("script", SEED, "--date", "2026-11-24")
    assert "suburbs of Keev during" in result.output
    assert "evacuation of seventy thousand civilians" in result.output


def test_profile_lexicon_from_a_toml_file(tmp_path):
    profile = tmp_path / "mine.toml"
    profile.write_text('engine = "pyttsx3"\nrate = 150\n[lexicon]\nKremlin = "Krem-lin"\n')
    result = run_cli("script", SEED, "--voice", str(profile))
    assert result.exit_code == 0, result.output
    assert "Krem-lin" in result.output and "Kremlin" not in result.output.split("==", 2)[-1]


def test_acronyms_table_in_the_users_lexicon(tmp_path):
    (tmp_path / "lexicon.toml").write_text('[acronyms]\nWFP = "word"\nnasa = "letters"\n'
                                           '[words]\nWFP = "World Food Programme"\n')
    lexicon = load_lexicon(load_voice("system"), [tmp_path, *search_dirs()])
    assert lexicon.acronyms["WFP"] == "word" and lexicon.acronyms["NASA"] == "letters"
    assert lexicon.apply(normalize("NASA and the WFP.", "en", acronyms=lexicon.acronyms)) == \
        "N A S A and the World Food Programme."


def test_a_respelled_acronym_stays_whole_for_its_respelling():
    lexicon = Lexicon.from_entries({"AP": "Associated Press"})
    assert lexicon.acronyms == {"AP": "word"}
    assert lexicon.apply(normalize("The AP said.", "en", acronyms=lexicon.acronyms)) == \
        "The Associated Press said."


def test_a_bad_acronym_reading_names_the_fix(tmp_path):
    (tmp_path / "lexicon.toml").write_text('[acronyms]\nWFP = "spelled"\n')
    with pytest.raises(VoiceError, match=r'WFP = \'spelled\': write .* "word" .* or "letters"'):
        load_lexicon(load_voice("system"), [tmp_path])


def test_an_acronyms_table_in_the_users_lexicon_changes_how_the_script_reads(tmp_path):
    (tmp_path / "lexicon.toml").write_text('[acronyms]\nWFP = "word"\nNATO = "letters"\n')
    article = tmp_path / "aid.txt"
    article.write_text("Aid\n\nThe WFP and NATO met the IMF in Geneva.\n")
    plain = run_cli("script", article, "--lang", "en")
    assert "The W F P and NATO met the I M F in Geneva." in plain.output
    told = run_cli("script", article, "--lang", "en", env={"BRIEFING_VOICES_DIR": str(tmp_path)})
    assert "The WFP and N A T O met the I M F in Geneva." in told.output


@pytest.mark.parametrize(("content", "message"), [
    ("[words]\nkyiv = nan", '[words] kyiv = nan: write the respelling as text in quotes, e.g. kyiv = "..."'),
    ("[words]\nkyiv = 5", '[words] kyiv = 5: write the respelling as text in quotes, e.g. kyiv = "..."'),
    ("words = nan", '[words] must be a table of word = "respelling" entries, not nan'),
    ("engine = 5", "engine must be an [engine] table, not engine = 5; see voices/lexicon.toml"),
    ("[engine]\npiper = 5", '[engine.piper] must be a table of word = "respelling" entries, not 5'),
    ("[engine.piper]\nkherson = nan", "[engine.piper] kherson = nan: write the respelling as text"),
    ("acronyms = 5", "acronyms must be an [acronyms] table, not acronyms = 5"),
    ('[acronyms]\nWFP = ["word"]', "[acronyms] WFP = ['word']: write an acronym in letters"),
    ('[words]\n"" = "x"', '[words] "" = "x": the word and its respelling must not be empty'),
])
def test_a_bad_lexicon_entry_is_named_with_its_fix(tmp_path, content, message):
    """Every table is checked, whichever engine speaks (here the system voice, not Piper)."""
    (tmp_path / "lexicon.toml").write_text(content + "\n")
    result = run_cli("script", SEED, "--voice", "system", env={"BRIEFING_VOICES_DIR": str(tmp_path)})
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {tmp_path / 'lexicon.toml'}: {message}")
    assert result.output.count("\n") == 1
