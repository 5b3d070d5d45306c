"""Words as a listener tells them apart: both sides of a comparison brought to one spelling.

A recognizer writes what it hears in its own spelling: digits for numbers ("70,000", "6.30am"),
American or British spelling, one of several words that sound the same, "step-by-step" for "step
by step". None of that is a mistake a listener would hear, so both the script's spoken form and
the recognizer's text go through briefing's own normalization (numbers to words, in the language),
then lose case, accents, punctuation and hyphens, and each word is brought to a key shared by the
spellings and homophones that sound alike (`key`). Number words are known (`is_number`): a
number heard wrong is always worth flagging, however short the sentence.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass

from num2words import num2words

from briefing.script.verbalize import normalize

#: Japanese and Chinese are written without spaces: compared character by character.
_CJK = re.compile("[\u3005\u3007\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
                  "\uf900-\ufaff\uff66-\uff9f]")
_TOKEN = re.compile(r"[\w']+")
#: The voice's lexicon in the spoken form: a hibari phoneme link keeps its word, an espeak
#: phoneme block has none (the printed text, compared too, has it).
_LINK, _PHONEMES = re.compile(r"\[([^\]]+)\]\(/[^)]*/\)"), re.compile(r"\[\[.*?\]\]")
#: Whisper writes "6.30am" for "6:30 a.m.": put it in the article's notation before normalizing.
_CLOCK = re.compile(r"\b(\d{1,2})[.:](\d\d) ?([ap])\.?m\b\.?", re.I)

#: Spellings of one word that a listener cannot tell apart (British and American, old and new
#: transliterations), besides the suffix rules in `_english`.
SAME_WORD = {"programme": "program", "kiev": "kyiv", "grey": "gray", "mum": "mom",
             "aluminium": "aluminum", "tyre": "tire", "kerb": "curb", "cheque": "check",
             "plough": "plow", "storey": "story", "judgement": "judgment", "ageing": "aging",
             "whisky": "whiskey", "okay": "ok"}
#: Words that sound alike, per language: every word of a group is keyed as its first.
HOMOPHONES = {
    "en": ("there their theyre", "to too two", "for four fore", "right write rite", "no know",
           "one won", "new knew", "here hear", "whose whos", "your youre", "weather whether",
           "by buy bye", "eight ate", "see sea", "peace piece", "week weak", "road rode rowed",
           "through threw", "would wood", "allowed aloud", "principal principle",
           "council counsel", "site sight cite", "break brake", "meet meat", "male mail",
           "pair pear", "plain plane", "rain reign rein", "soul sole", "steel steal",
           "tail tale", "waste waist", "wait weight", "way weigh", "which witch", "fair fare",
           "flower flour", "whole hole", "our hour", "made maid", "past passed", "band banned",
           "led lead", "missed mist", "guest guessed", "son sun", "poll pole", "board bored",
           "course coarse", "serial cereal", "bear bare", "die dye", "night knight",
           "not knot", "some sum", "its it's", "cent sent scent", "role roll", "heard herd",
           "seen scene", "war wore", "hire higher", "idle idol", "air heir", "aid aide"),
    "es": ("hay ahi ay", "vaya valla baya", "hecho echo", "tuvo tubo", "haya halla",
           "bello vello", "cazar casar", "ciento siento", "cien sien", "votar botar",
           "grabar gravar", "revelar rebelar", "a ha ah", "e he eh", "o oh", "hola ola",
           "hora ora", "hasta asta", "honda onda", "hierba hierva", "vienes bienes"),
    "fr": ("a as", "et est es", "son sont", "ces ses cest sest sait sais", "mais mes met mets",
           "on ont", "ce se", "cent sans sang", "vers vert verre", "mer mere maire", "leur leurs",
           "peu peut peux", "ni ny", "quand quant quen", "si sy", "tout tous", "dans den",
           "foi fois foie", "voix voie vois voit", "pain pin", "temps tant tend",
           "compte conte comte", "cours court cour", "fin faim", "nez ne", "haut eau au aux"),
    "it": ("a ha", "o ho", "ai hai", "anno hanno"),
    "pt": ("a ha", "mas mais", "sessao secao cessao", "concerto conserto", "cem sem",
           "censo senso", "cela sela", "acento assento", "cacar cassar", "conselho concelho"),
    "de": ("das dass", "seit seid", "wieder wider", "malen mahlen", "meer mehr",
           "lehren leeren", "wahr war", "viel fiel", "isst ist", "mann man", "lid lied",
           "hallo halo", "stadt statt"),
}
#: Words num2words writes inside numbers that are not numbers themselves (articles, "and",
#: the decimal mark): heard wrong, they are ordinary words.
NOT_NUMBERS = frozenset({"and", "a", "y", "e", "et", "und", "de", "un", "una", "uno", "um", "uma",
                         "une", "ein", "eine", "einer", "el", "la", "le", "l", "il", "o", "point",
                         "coma", "virgula", "virgule", "virgola", "komma", "con", "mit", "second"})
#: English contractions, written out: Whisper writes "it's" for "it is" as often as not.
_CONTRACTIONS = ((re.compile(r"n't\b"), " not"), (re.compile(r"'re\b"), " are"),
                 (re.compile(r"'ll\b"), " will"), (re.compile(r"'ve\b"), " have"),
                 (re.compile(r"'m\b"), " am"), (re.compile(r"\bwo not\b"), "will not"),
                 (re.compile(r"\bca not\b"), "can not"),
                 (re.compile(r"\b(it|that|there|here|he|she|what|who|where)'s\b", re.I),
                  r"\1 is"))
#: British spellings, as endings, to American ones.
_ENGLISH_ENDINGS = ((re.compile(r"our(s|ed|ing|ite|ites)?$"), r"or\1"),
                    (re.compile(r"is(e|es|ed|ing|ation|ations)$"), r"iz\1"),
                    (re.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),
                    (re.compile(r"([^aeiou])tre(s)?$"), r"\1ter\2"),
                    (re.compile(r"ence$"), "ense"), (re.compile(r"ogue(s)?$"), r"og\1"),
                    (re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"))
#: English ordinals to the cardinals a recognizer may write instead ("November 24").
_ORDINALS = {"first": "one", "third": "three", "fifth": "five", "eighth": "eight",
             "ninth": "nine", "twelfth": "twelve"}
#: Feminine and shortened numbers that are not the masculine's ending changed.
_MASCULINE = {"una": "uno", "un": "uno", "veintiun": "veintiuno", "veintiuna": "veintiuno",
              "uma": "um", "duas": "dois"}
#: French endings that are not heard: donné, donner, donnez and données sound the same.
_FRENCH_SILENT = re.compile(r"(?<=\w\w\w)(?:ees|ee|es|er|ez|e|ent|s|x|t)$")


@dataclass(frozen=True)
class Token:
    key: str
    """What is compared: folded, and keyed with its homophones and spellings."""
    raw: str
    """Lower case and folded only: what number words are recognized by."""
    printed: str
    """As written, with its case: whether it is a name."""


def fold(text: str) -> str:
    """Without accents, in lower case, with one kind of apostrophe."""
    text = unicodedata.normalize("NFKD", _apostrophes(text))
    return "".join(char for char in text if not unicodedata.combining(char)).lower()


def _apostrophes(text: str) -> str:
    """Typographic apostrophes (U+2019, U+02BC) as the ASCII one."""
    return text.replace("\u2019", "'").replace("\u02bc", "'")


def spoken_words(text: str, language: str) -> str:
    """The words a voice says for `text`: a recognizer's digits and symbols read as briefing
    reads them, and the lexicon's phoneme markup taken out (a link keeps its word)."""
    text = _PHONEMES.sub(" ", _LINK.sub(r"\1", text))
    text = _CLOCK.sub(lambda m: f"{m[1]}:{m[2]} {m[3].lower()}.m.", text)
    try:
        return normalize(text, language)
    except Exception:  # odd text from a recognizer is compared as it is
        return text


def tokens(text: str, language: str) -> list[Token]:
    """The words of `text` (already spoken words), each with its key."""
    primary = language.split("-")[0].lower()
    text = _CJK.sub(lambda m: f" {m[0]} ", _apostrophes(text.replace("-", " ")))
    if primary == "en":
        text = fold_contractions(text)
    found = []
    for word in _TOKEN.findall(text):
        word = word.strip("'_")
        if word:
            raw = fold(word)
            found.append(Token(key(raw, primary), raw, word))
    return found


def fold_contractions(text: str) -> str:
    for pattern, full in _CONTRACTIONS:
        text = pattern.sub(full, text)
    return text


def key(word: str, language: str) -> str:
    """The key of a folded word: the same for spellings and homophones that sound alike."""
    spelled = _spelling(word, language)
    return _homophones(language).get(spelled, spelled)


def _spelling(word: str, language: str) -> str:
    """One spelling for the spellings of a word that sound the same."""
    word = word.replace("'", "")
    if language == "en":
        return _english(word)
    if language == "fr" and len(word) > 3:
        return _FRENCH_SILENT.sub("", word)
    if language in ("es", "pt", "it"):
        return _masculine(word, language)
    return word


def _masculine(word: str, language: str) -> str:
    """A number's masculine form for its feminine one (quinientas, duas, prima): a recognizer
    agrees a number with its noun, and so will the script once it knows the noun's gender."""
    masculine = _MASCULINE.get(word) or (word[:-2] + "os" if word.endswith("as") else
                                        word[:-1] + "o" if word.endswith("a") else word)
    return masculine if masculine in number_words(language) or word in _MASCULINE else word


def _english(word: str) -> str:
    word = SAME_WORD.get(word, word)
    if word in _ORDINALS:
        return _ORDINALS[word]
    if word.endswith("ieth"):
        return word[:-4] + "y"
    if word.endswith("th") and word[:-2] in number_words("en"):
        return word[:-2]
    for pattern, american in _ENGLISH_ENDINGS:
        if len(word) > 5 and pattern.search(word):
            return pattern.sub(american, word)
    return word


@functools.cache
def _homophones(language: str) -> dict[str, str]:
    table = {}
    for group in HOMOPHONES.get(language, ()):
        first, *others = [_spelling(fold(word), language) for word in group.split()]
        table.update({other: first for other in others})
    return table


@functools.cache
def number_words(language: str) -> frozenset[str]:
    """The words of numbers in `language` (folded): every cardinal and ordinal up to a hundred,
    the hundreds, and the words for thousand, million and billion."""
    primary = language.split("-")[0].lower()
    lang = "pt_BR" if language.lower() == "pt-br" else primary
    words: set[str] = set()
    for number in (*range(101), *range(200, 1000, 100), 1000, 10**6, 10**9):
        for kind in ("cardinal", "ordinal"):
            try:
                spelled = num2words(number, lang=lang, to=kind)
            except (NotImplementedError, OverflowError, TypeError, ValueError, KeyError):
                continue
            spelled = _CJK.sub(lambda m: f" {m[0]} ", spelled.replace("-", " "))
            words.update(fold(word) for word in _TOKEN.findall(spelled))
    return frozenset(words - NOT_NUMBERS)


def is_number(token: Token, language: str) -> bool:
    return token.raw.isdigit() or token.raw in number_words(language)
