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


# -- names: a table per language, a format per engine, possessives, the user's entries first ----

NAMES = """
[names.en."Türkiye"]
ipa = "tˈɜːkiːjeɪ"
misaki = "tˈɜɹkijA"
words = "Tur-kee-yay"
heard = ["Turkiye"]

[names.en.Sybiha]
ipa = "sɪbˈiːhə"
misaki = "sɪbˈihə"
skip = ["piper"]

[names.es."Kyiv"]
ipa = "kˈiβ"
"""


def _profile(engine: str, language: str = "en"):
    from briefing.speech.voices import VoiceProfile

    return VoiceProfile(name=f"test-{engine}", engine=engine, language=language)


@pytest.fixture
def names_folder(tmp_path):
    (tmp_path / "names.toml").write_text(NAMES, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("engine", "said"), [
    ("hibari", "[Türkiye](/tˈɜɹkijA/)"),
    ("kokoro", "[[ tˈɜːkiːjeɪ ]]"),
    ("piper", "[[ tˈɜːkiːjeɪ ]]"),
    ("pyttsx3", "Tur-kee-yay"),
])
def test_a_name_is_given_to_each_engine_in_the_form_it_reads(names_folder, engine, said):
    lexicon = load_lexicon(_profile(engine), [names_folder])
    assert lexicon.apply("Talks in Türkiye.") == f"Talks in {said}."
    assert lexicon.apply("Talks in Turkiye.") == f"Talks in {said}.", "the spelling without accents"


def test_an_engine_a_name_skips_reads_it_as_written(names_folder):
    assert load_lexicon(_profile("piper"), [names_folder]).apply("Sybiha said") == "Sybiha said"
    assert load_lexicon(_profile("kokoro"), [names_folder]).apply("Sybiha said") == \
        "[[ sɪbˈiːhə ]] said"


def test_names_are_for_the_voices_of_their_language(names_folder):
    assert load_lexicon(_profile("kokoro", "en-GB"), [names_folder]).apply("Kyiv") == "Kyiv"
    assert load_lexicon(_profile("kokoro", "es"), [names_folder]).apply("Kyiv y Türkiye") == \
        "[[ kˈiβ ]] y Türkiye"


@pytest.mark.parametrize(("engine", "name", "said"), [
    ("kokoro", "Türkiye's", "[[ tˈɜːkiːjeɪz ]]"),            # after a vowel: z
    ("hibari", "Türkiye's", "[Türkiye's](/tˈɜɹkijAz/)"),
    ("pyttsx3", "Türkiye’s", "Tur-kee-yay’s"),               # a respelling keeps the 's as written
    ("kokoro", "Sybiha's", "[[ sɪbˈiːhəz ]]"),
])
def test_a_possessive_is_said_inside_the_phonemes(names_folder, engine, name, said):
    lexicon = load_lexicon(_profile(engine), [names_folder])
    assert lexicon.apply(f"{name} ports") == f"{said} ports"


@pytest.mark.parametrize(("entry", "expected"), [
    ("[[ kˈiːv ]]", "[[ kˈiːvz ]]"), ("[[ ɡˈɑːzə ]]", "[[ ɡˈɑːzəz ]]"),
    ("[[ mˈɛɹts ]]", "[[ mˈɛɹtsɪz ]]"), ("[[ bˈæʃ ]]", "[[ bˈæʃɪz ]]"), ("[[ hˈeɪdʒ ]]", "[[ hˈeɪdʒɪz ]]"),
    ("[[ stˈʌb ]]", "[[ stˈʌbz ]]"), ("[[ tˈʌsk ]]", "[[ tˈʌsks ]]"), ("[[ mˈæp ]]", "[[ mˈæps ]]"),
    ("[[ ɹˈʌtiːf ]]", "[[ ɹˈʌtiːfs ]]"), ("[[ smˈɪθ ]]", "[[ smˈɪθs ]]"),
    ("[X](/mˈɛɹʦ/)", "[X's](/mˈɛɹʦᵻz/)"), ("[X](/bˈæʧ/)", "[X's](/bˈæʧᵻz/)"),
    ("[X](/kˈit/)", "[X's](/kˈits/)"),
])
def test_the_possessive_ending_follows_the_last_sound(entry, expected):
    """English says 's as "iz" after a sibilant, "s" after p, t, k, f or th, and "z" otherwise."""
    assert Lexicon.from_entries({"X": entry}).apply("X's") == expected


def test_only_a_possessive_of_the_entry_itself_is_said_inside_it():
    lexicon = Lexicon.from_entries({"Kyiv": "[[ kˈiːv ]]"})
    assert lexicon.apply("Kyivan's, Kyiv'd, Kyiv's") == "Kyivan's, [[ kˈiːv ]]'d, [[ kˈiːvz ]]"


def test_the_users_lexicon_wins_over_the_shipped_names(names_folder, tmp_path_factory):
    user = tmp_path_factory.mktemp("user")
    (user / "lexicon.toml").write_text('[words]\n"türkiye" = "Turkey"\n', encoding="utf-8")
    for engine in ("hibari", "kokoro", "pyttsx3"):
        lexicon = load_lexicon(_profile(engine), [user, names_folder])
        assert lexicon.apply("Türkiye and TÜRKIYE") == "Turkey and Turkey"
    (user / "lexicon.toml").write_text('[names.en."Türkiye"]\nmisaki = "tˈɜɹki"\n', encoding="utf-8")
    assert load_lexicon(_profile("hibari"), [user, names_folder]).apply("Türkiye") == \
        "[Türkiye](/tˈɜɹki/)"
    assert load_lexicon(_profile("kokoro"), [user, names_folder]).apply("Türkiye") == \
        "[[ tˈɜːkiːjeɪ ]]", "a name the user gave only to hibari keeps the shipped entry elsewhere"
    own = replace(_profile("kokoro"), lexicon={"Türkiye": "[[ tˈɜːki ]]"})
    assert load_lexicon(own, [user, names_folder]).apply("Türkiye's") == "[[ tˈɜːkiz ]]"


def test_the_shipped_names_give_way_to_a_users_names_file(names_folder, tmp_path_factory):
    user = tmp_path_factory.mktemp("user")
    (user / "names.toml").write_text('[names.en.Sybiha]\nmisaki = "sɪbˈihɑ"\n', encoding="utf-8")
    assert load_lexicon(_profile("hibari"), [user, names_folder]).apply("Sybiha") == \
        "[Sybiha](/sɪbˈihɑ/)"


def test_phonemes_in_brackets_reach_hibari_as_a_misaki_link(tmp_path):
    """hibari has no [[ ]]: an entry written so for it, or in a hibari profile's own lexicon, is
    turned into misaki's link, which its G2P reads."""
    (tmp_path / "lexicon.toml").write_text('[engine.hibari]\nKherson = "[[ kɛɹsˈɔn ]]"\n'
                                           '[engine.kokoro]\nKherson = "[[ kɛɹsˈɔn ]]"\n')
    assert load_lexicon(_profile("hibari"), [tmp_path]).apply("Kherson") == "[Kherson](/kɛɹsˈɔn/)"
    own = replace(_profile("hibari"), lexicon={"Odesa": "[[ oʊdˈɛsə ]]"})
    assert load_lexicon(own, []).apply("Odesa") == "[Odesa](/Odˈɛsə/)"


@pytest.mark.parametrize(("content", "message"), [
    ('[names.en.X]\nipa = "x!"', '[names.en."X"] ipa = \'x!\': \'!\' is not a sound Piper and Kokoro know'),
    ('[names.en.X]\nmisaki = "tʃ;"', '[names.en."X"] misaki = \'tʃ;\': \';\' is not a sound hibari knows'),
    ('[names.en.X]\nipa = 5', '[names.en."X"] ipa must be text in quotes'),
    ('[names.en.X]\nheard = "X"', '[names.en."X"] heard must be a list of spellings in quotes'),
    ('[names.en.X]\nskip = ["espeak"]', '[names.en."X"] skip names \'espeak\', not an engine'),
    ('[names.en.X]\nsay = "x"',
     '[names.en."X"] unknown key \'say\' (known: ipa, misaki, words, heard, skip)'),
    ('[names.en.X]\nwords = ""', '[names.en."X"] words = "": the word and its respelling must not be empty'),
    ('[names.EN.X]\nwords = "x"', "[names.EN]: name the language by its code in lower case"),
    ('[names.en]\nX = "x"', '[names.en."X"] must be a table of ipa, misaki, words, heard and skip'),
    ('names = 5', "names must be an [names] table, not names = 5"),
])
def test_a_bad_names_entry_is_named_with_its_fix(tmp_path, content, message):
    (tmp_path / "names.toml").write_text(content + "\n", encoding="utf-8")
    result = run_cli("script", SEED, "--voice", "system", env={"BRIEFING_VOICES_DIR": str(tmp_path)})
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {tmp_path / 'names.toml'}: {message}"), result.output
    assert result.output.count("\n") == 1


def test_a_names_file_is_not_a_voice(names_folder, monkeypatch):
    monkeypatch.setenv("BRIEFING_VOICES_DIR", str(names_folder))
    with pytest.raises(VoiceError, match=r"unknown voice 'names'; available: .*anchor"):
        load_voice("names")
    from briefing.speech.voices import scan_profiles

    assert "names" not in {profile.name for profile in scan_profiles()}
