"""Drafting a name's entry: espeak-ng in the name's own language, its sounds mapped to English IPA
(Piper, Kokoro), to misaki's alphabet (hibari) and to a respelling; `briefing lexicon draft`."""

import tomllib

import pytest

from briefing.errors import VoiceError
from briefing.speech.lexicon import load_lexicon
from briefing.speech.phonemes import (
    IPA,
    MISAKI,
    draft,
    draft_entry,
    espeak_ipa,
    possessive,
    respelling,
    to_english,
    to_misaki,
)
from briefing.speech.voices import VoiceProfile

from ..conftest import run_cli


@pytest.mark.parametrize(("own", "english"), [
    ("tˈørkijɛ", "tˈɜːkiːjɛ"),          # Turkish ø: English "ur"; i long
    ("makʁˈɔ̃", "mɑːkɹˈɔn"),            # a French nasal vowel: the vowel and an n; ʁ: ɹ
    ("melˈonɪ", "mɛlˈoʊni"),           # an unstressed e is ɛ, not eɪ; a final i is "happy"'s
    ("pˈeðɾo", "pˈeɪdɹoʊ"),            # a stressed e is eɪ; Spanish ð is said d
    ("ɛrdoːˈan", "ɛɹdoʊˈɑːn"),         # long o: oʊ
    ("matːarˈɛlla", "mɑːtɑːɹˈɛlɑː"),   # a long or doubled consonant is one
    ("tˈaʎʎinn", "tˈɑːljiːn"),
    ("ɕˈi tɕinphˈiŋ", "ʃˈiː tʃiːnpˈiːŋ"),  # Chinese: no aspiration mark, palatals as English ones
    ("mˈileɪ", "mˈiːleɪ"),             # a diphthong stays one
    ("ʔˈadis", "ˈɑːdiːs"),             # no glottal stop
])
def test_a_names_own_sounds_become_the_nearest_english_ones(own, english):
    assert to_english(own) == english
    assert set(english) <= IPA


@pytest.mark.parametrize(("english", "misaki"), [
    ("tˈɜːkiːjeɪ", "tˈɜɹkijA"), ("dʒˈɔɪ tʃˈaɪ", "ʤˈY ʧˈI"), ("ɡˈoʊ hˈaʊ", "ɡˈO hˈW"),
    ("bˈɜːd", "bˈɜɹd"), ("mɑːkɹˈɔn", "mɑkɹˈɔn"),
])
def test_english_ipa_in_misakis_alphabet(english, misaki):
    """As misaki's own espeak fallback maps it (American English)."""
    assert to_misaki(english) == misaki
    assert set(misaki) <= MISAKI


@pytest.mark.parametrize(("english", "spelled"), [
    ("tˈɜːkiːjeɪ", "Tur-kee-yay"), ("mɑːkɹˈɔn", "Mah-kron"), ("fiːdˈɑːn", "Fee-dahn"),
    ("ʃˈiː tʃiːnpˈiːŋ", "Shee Cheen-peeng"), ("mˈɛɹts", "Merts"),
])
def test_a_respelling_from_english_ipa(english, spelled):
    assert respelling(english) == spelled


@pytest.mark.parametrize(("phonemes", "ending"), [
    ("kˈiːv", "z"), ("ɡˈɑːzə", "z"), ("mˈɛɹts", "ɪz"), ("hˈeɪdʒ", "ɪz"), ("tˈʌsk", "s"),
    ("smˈɪθ", "s"), ("ɹˈʌtiːf", "s"), ("mˈæp", "s"), ("stˈʌb", "z"),
])
def test_the_possessive_ending(phonemes, ending):
    assert possessive(phonemes) == ending
    assert possessive(to_misaki(phonemes), misaki=True) == ending.replace("ɪ", "ᵻ")


def test_espeak_ng_reads_a_name_in_its_own_language():
    assert espeak_ipa("Türkiye", "tr") == ("tˈørkijɛ", False)
    assert espeak_ipa("Orbán", "hu") == ("ˈorbaːn", False)
    assert espeak_ipa("Сибіга", "uk") == ("sibˈiha", False)
    said, switched = espeak_ipa("Sybiha", "uk")  # its uk voice reads Latin letters as English
    assert switched and "(" not in said


def test_an_unknown_language_is_one_clear_error():
    with pytest.raises(VoiceError, match=r"^espeak-ng has no voice for 'yo'; give the name's language"):
        espeak_ipa("Okafor", "yo")


def test_a_drafted_entry_is_a_lexicon_entry_every_engine_reads(tmp_path):
    entry = draft_entry("Türkiye", "tr")
    assert tomllib.loads(entry)["names"]["en"]["Türkiye"] == {
        "ipa": "tˈɜːkiːjɛ", "misaki": "tˈɜɹkijɛ", "words": "Tur-kee-yeh", "heard": []}
    (tmp_path / "lexicon.toml").write_text(entry, encoding="utf-8")
    said = {engine: load_lexicon(VoiceProfile(name="x", engine=engine), [tmp_path]).apply("Türkiye")
            for engine in ("hibari", "kokoro", "piper", "pyttsx3")}
    assert said == {"hibari": "[Türkiye](/tˈɜɹkijɛ/)", "kokoro": "[[ tˈɜːkiːjɛ ]]",
                    "piper": "[[ tˈɜːkiːjɛ ]]", "pyttsx3": "Tur-kee-yeh"}


def test_a_draft_from_the_name_as_its_language_writes_it():
    assert draft("Sybiha", "uk").switched
    spelled = draft("Sybiha", "uk", spelled="Сибіга")
    assert not spelled.switched and spelled.ipa == "siːbˈiːhɑː"
    assert "--spelled" in draft("Sybiha", "uk").as_toml()


def test_the_draft_command_prints_the_entry():
    result = run_cli("lexicon", "draft", "Türkiye", "--from", "tr")
    assert result.exit_code == 0, result.output
    assert result.stdout == draft_entry("Türkiye", "tr")
    assert result.stdout.startswith("# Türkiye: espeak-ng (tr) says tˈørkijɛ. A draft: listen")
    assert result.stderr == ""


def test_the_draft_command_says_when_espeak_ng_switched_language():
    result = run_cli("lexicon", "draft", "Sybiha", "--from", "uk")
    assert result.exit_code == 0
    assert result.stderr == ("Note: espeak-ng read 'Sybiha' with another language's rules, not uk's; "
                             "give --spelled with the name as uk writes it.\n")
    assert run_cli("lexicon", "draft", "Sybiha", "--from", "uk", "--spelled", "Сибіга").stderr == ""


def test_the_draft_command_refuses_an_unknown_language_in_one_line():
    result = run_cli("lexicon", "draft", "Okafor", "--from", "yo")
    assert result.exit_code == 1
    assert result.output == ("Error: espeak-ng has no voice for 'yo'; give the name's language as "
                             "espeak-ng names it (tr, es, pt-br; espeak-ng --voices lists them)\n")
