"""Phonemes for names: the alphabets each engine reads, the possessive ending, and a lexicon entry
drafted from espeak-ng reading a name in its own language.

English voices say foreign names by English spelling rules: Türkiye comes out "Tua-kiai", Fidan
"Fiddan". espeak-ng reading the name in its own language says it right (`-v tr Türkiye` is
tˈørkijɛ), but in sounds no English voice has. So the draft maps them to their nearest English
sounds (ø → ɜː, a plain e → eɪ, a trilled r → ɹ), in espeak-ng's IPA, which Piper and Kokoro read
between `[[ ]]`; then to misaki's alphabet, which hibari reads in `[Name](/.../)` (its G2P is
misaki's, and its voice was trained on misaki's symbols: eɪ is A, oʊ is O, dʒ is ʤ); and to a
respelling for engines that take no phonemes (espeak-ng through pyttsx3). A draft is a start
for a person, who listens to it: a drafted Meloni was heard "Maloney", worse than no entry.
"""

import itertools
import logging
import os
import re
import shlex
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from briefing.errors import EngineError, VoiceError

log = logging.getLogger(__name__)

#: The symbols of espeak-ng's IPA that both Piper (en_US joe) and Kokoro-82M know: what a `[[ ]]`
#: entry may hold, with spaces between words.
IPA = frozenset("abcdefhijklmnopqrstuvwxyzæçðøŋœɐɑɒɔɕɖəɚɛɜɟɡɣɤɥɨɪɯɰɲɳɴɸɹɻɽɾʁʂʃʈʊʋʌʎʒʔʝʰʲˈˌː̃βθχᵻ ")
#: The symbols of hibari's vocabulary (misaki's alphabet, punctuation left out): what a misaki entry
#: may hold.
MISAKI = frozenset("AIOQSTWYabcdefhijklmnopqrstuvwxyzæçðøŋœɐɑɒɔɕɖəɚɛɜɟɡɣɤɥɨɪɯɰɲɳɴɸɹɻɽɾʁʂʃʈʊʋʌʎʒʔʝ"
                   "ʣʤʥʦʧʨʰʲˈˌː̃βθχᵊᵝᵻꭧ ")

#: Sounds after which a possessive 's is "iz" (espeak-ng's and misaki's affricates end in these).
_SIBILANTS = frozenset("szʃʒʧʤʦʣʨʥɕʑ")
#: Voiceless sounds after which it is "s"; after any other, "z".
_VOICELESS = frozenset("ptkfθ")
_MARKS = "ˈˌː "


def possessive(phonemes: str, misaki: bool = False) -> str:
    """The ending a possessive 's adds after `phonemes`: "ɪz" after a sibilant (misaki writes
    "ᵻz"), "s" after p, t, k, f or θ, and "z" after anything else, as English says it."""
    last = phonemes.rstrip(_MARKS)[-1:]
    if last in _SIBILANTS:
        return "ᵻz" if misaki else "ɪz"
    return "s" if last in _VOICELESS else "z"


# -- espeak-ng in the name's own language ------------------------------------------------------

#: espeak-ng marks a stretch it read in another language's rules with "(en)" ... "(uk)".
_SWITCH = re.compile(r"\(([a-z-]+)\)")


@lru_cache(maxsize=1)
def _espeak() -> str:
    program = shutil.which("espeak-ng")
    if program is None:
        raise EngineError("drafting needs espeak-ng; install it with: sudo apt-get install espeak-ng "
                          "(Debian/Ubuntu)")
    return program


def _run_espeak(*args: str) -> str:
    # No sound server to look for: espeak-ng opens an audio output even to print (see `soundless`).
    from briefing.speech.engines.soundless import NO_SERVER

    command = [_espeak(), *args]
    log.debug("%s", shlex.join(command))
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30,
                              env={**os.environ, "PULSE_SERVER": NO_SERVER})
    except (OSError, subprocess.SubprocessError) as exc:
        raise EngineError(f"espeak-ng could not run ({exc})") from None
    return done.stdout


@lru_cache(maxsize=1)
def espeak_languages() -> frozenset[str]:
    """The language codes espeak-ng has a voice for (`tr`, `pt-br`, `en-gb-x-rp` …), lower case."""
    listing = _run_espeak("--voices").splitlines()[1:]
    return frozenset(line.split()[1].lower() for line in listing if len(line.split()) > 1)


def espeak_ipa(text: str, language: str) -> tuple[str, bool]:
    """How espeak-ng says `text` in `language`, in its IPA, and whether it switched to another
    language's rules for some of it (its `uk` and `ru` voices read Latin letters as English)."""
    code = language.replace("_", "-").lower()
    known = espeak_languages()
    if code not in known and not any(other.startswith(f"{code}-") for other in known):
        raise VoiceError(f"espeak-ng has no voice for {language!r}; give the name's language as "
                         "espeak-ng names it (tr, es, pt-br; espeak-ng --voices lists them)")
    said = " ".join(_run_espeak("-q", "--ipa", "-v", code, text).split())
    switched = bool(_SWITCH.search(said))
    # Tone numbers (Vietnamese, Chinese) and the language flags are not sounds.
    return re.sub(r"[0-9]", "", _SWITCH.sub("", said)).strip(), switched


# -- from the name's own sounds to English ones ------------------------------------------------

#: A foreign sound and its nearest English one, longest first; what is not here is kept.
_TO_ENGLISH = {
    # long vowels, then the diphthongs the languages write with two vowels
    "aː": "ɑː", "eː": "eɪ", "ɛː": "ɛ", "iː": "iː", "oː": "oʊ", "ɔː": "ɔː", "uː": "uː", "yː": "uː",
    "øː": "ɜː", "ɑː": "ɑː", "ɜː": "ɜː", "æː": "æ",
    "eɪ": "eɪ", "oʊ": "oʊ", "aɪ": "aɪ", "aʊ": "aʊ", "ɔɪ": "ɔɪ", "əʊ": "oʊ",
    "ai": "aɪ", "aj": "aɪ", "au": "aʊ", "ei": "eɪ", "ej": "eɪ", "oi": "ɔɪ", "oj": "ɔɪ",
    "tɕ": "tʃ", "dʑ": "dʒ", "ʈʂ": "tʃ", "ɖʐ": "dʒ", "ph": "p", "th": "t", "kh": "k",  # aspirated
    # plain vowels, said as English says them in a name; the consonants Spanish softens (β, ð, ɣ)
    # are said as English says them
    "a": "ɑː", "e": "eɪ", "i": "iː", "o": "oʊ", "u": "uː", "y": "uː", "ø": "ɜː", "œ": "ɜː",
    "ɐ": "ə", "ɨ": "ɪ", "ɯ": "uː", "ɤ": "ʌ", "ɒ": "ɑː", "ʉ": "uː", "ɵ": "ə", "ɘ": "ə", "ɞ": "ɜː",
    "ε": "ɛ", "ᵻ": "ɪ", "ʏ": "ʊ",
    # consonants
    "r": "ɹ", "ɾ": "ɹ", "ʁ": "ɹ", "ʀ": "ɹ", "ɻ": "ɹ", "ɽ": "ɹ", "x": "h", "χ": "h", "ħ": "h",
    "ç": "h", "ɣ": "ɡ", "β": "b", "ð": "d", "ɸ": "f", "ʝ": "j", "ɲ": "nj", "ʎ": "lj", "c": "k", "ɟ": "ɡ",
    "ɕ": "ʃ", "ʑ": "ʒ", "ʂ": "ʃ", "ʐ": "ʒ", "ɭ": "l", "ɫ": "l", "ɬ": "l", "ɳ": "n", "ɴ": "n",
    "ʈ": "t", "ɖ": "d", "ʋ": "v", "ɥ": "w", "ɰ": "w", "g": "ɡ", "q": "k",
    # not sounds of their own in English
    "ʔ": "", "ʰ": "", "ʲ": "", "ˑ": "", "-": "", "‿": "",
}
_ENGLISH_KEYS = sorted(_TO_ENGLISH, key=len, reverse=True)
_VOWEL_START = "aeiouyæøœɐɑɒɔəɛɜɪʊʌɨɯɤʉɵɘɞε"


def _unstressed_e(text: str, index: int) -> str:
    """A plain e is English eɪ where it is stressed (espeak-ng marks stress just before the vowel)
    or ends the word, and ɛ elsewhere: Meloni drafted as mAlˈOni was heard "Maloney"."""
    stressed = index > 0 and text[index - 1] in "ˈˌ"
    final = index + 1 == len(text) or text[index + 1] == " "
    return "eɪ" if stressed or final else "ɛ"


def to_english(ipa: str) -> str:
    """A name's sounds in its own language (espeak-ng's IPA) as the nearest English ones, in
    espeak-ng's English IPA, which Piper and Kokoro read: tˈørkijɛ → tˈɜːkiːjɛ."""
    # A nasal vowel is said as the vowel and an n (ɔ̃ → ɔn), unless a nasal follows already; other
    # marks above or below a sound (a syllabic n, an unreleased t) are left out.
    text = re.sub(r"(.)\u0303(?![nmŋ])", r"\1n", unicodedata.normalize("NFD", ipa))
    text = "".join(ch for ch in text if not unicodedata.combining(ch) or ch == "\u0327")  # ç's cedilla
    text = unicodedata.normalize("NFC", text)
    out, index = [], 0
    while index < len(text):
        for key in _ENGLISH_KEYS:
            if text.startswith(key, index):
                out.append(_unstressed_e(text, index) if key == "e" else _TO_ENGLISH[key])
                index += len(key)
                break
        else:
            out.append(text[index])
            index += 1
    english = "".join(out)
    # English IPA has no r after ɜː (espeak-ng's American "bird" is bˈɜːd), a final ɪ is the i of
    # "happy", and a consonant said long or written twice (Italian tt, Estonian ll) is one.
    english = english.replace("ɜːɹ", "ɜː")
    english = re.sub(r"(?<![aeɔ])ɪ(?= |$)", "i", english)
    english = re.sub(rf"(?<=[^{_VOWEL_START}ː])ː", "", english)
    english = re.sub(rf"([^{_VOWEL_START}ːˈˌ ])\1", r"\1", english)
    english = english.replace("ljlj", "lj").replace("njnj", "nj")
    english = re.sub(r"ːː+", "ː", english)
    return "".join(ch for ch in english if ch in IPA).strip()


#: espeak-ng's English IPA to misaki's, as misaki's own espeak fallback maps it (hexgrad/misaki,
#: `misaki/espeak.py`, American English), longest first.
_TO_MISAKI = [("ɜːɹ", "ɜɹ"), ("aɪ", "I"), ("aʊ", "W"), ("dʒ", "ʤ"), ("eɪ", "A"), ("tʃ", "ʧ"),
              ("ɔɪ", "Y"), ("oʊ", "O"), ("ɜː", "ɜɹ"), ("ɪə", "iə"), ("ɚ", "əɹ"), ("e", "A"),
              ("r", "ɹ"), ("x", "k"), ("ç", "k"), ("ɐ", "ə"), ("ɬ", "l"), ("ʔ", "t"), ("ʲ", ""),
              ("\u0303", ""), ("ː", ""), ("o", "ɔ")]


def to_misaki(ipa: str) -> str:
    """espeak-ng's English IPA in misaki's alphabet, for hibari: tˈɜːkiːjeɪ → tˈɜɹkijA."""
    out = ipa
    for old, new in _TO_MISAKI:
        out = out.replace(old, new)
    return "".join(ch for ch in out if ch in MISAKI).strip()


# -- a respelling, for engines that take no phonemes -------------------------------------------

#: English vowels and how a respelling writes them, longest first.
_VOWELS = {"iː": "ee", "i": "ee", "ɪ": "i", "eɪ": "ay", "e": "ay", "ɛ": "eh", "æ": "a", "ɑː": "ah",
           "ɑ": "ah", "ɒ": "o", "ɔː": "aw", "ɔ": "o", "oʊ": "oh", "o": "oh", "ʊ": "oo", "uː": "oo",
           "u": "oo", "ʌ": "u", "ɜː": "ur", "ɜ": "ur", "ə": "uh", "aɪ": "eye", "aʊ": "ow",
           "ɔɪ": "oy", "ɪə": "eer", "eə": "air", "ʊə": "oor", "ɚ": "er", "ᵻ": "i"}
_CONSONANTS = {"tʃ": "ch", "dʒ": "j", "θ": "th", "ð": "th", "ʃ": "sh", "ʒ": "zh", "ŋ": "ng",
               "ɡ": "g", "ɹ": "r", "j": "y", "x": "kh"}
_SOUNDS = sorted([*_VOWELS, *_CONSONANTS], key=len, reverse=True)


def _sounds(word: str) -> list[str]:
    found, index = [], 0
    while index < len(word):
        sound = next((s for s in _SOUNDS if word.startswith(s, index)), word[index])
        found.append(sound)
        index += len(sound)
    return found


def _respell_word(ipa: str) -> str:
    sounds = [s for s in _sounds(ipa.replace("ˈ", "").replace("ˌ", "")) if s != "ː"]
    nuclei = [i for i, s in enumerate(sounds) if s in _VOWELS]
    if not nuclei:
        return "".join(_CONSONANTS.get(s, s) for s in sounds)
    # Consonants between two vowels: one starts the next syllable, and so does a stop or f before
    # r, l, w or y ("Mah-kron"); of others, the first ends this syllable.
    cuts = [0]
    for before, after in itertools.pairwise(nuclei):
        between = after - before - 1
        onset = min(between, 1)
        if between >= 2 and sounds[after - 1] in "ɹlwj" and sounds[after - 2] in "pbtdkɡfvθ":
            onset = 2
        cuts.append(after - onset)
    cuts.append(len(sounds))
    syllables = []
    for start, end in itertools.pairwise(cuts):
        part = sounds[start:end]
        spelled = []
        for position, sound in enumerate(part):
            if sound == "aɪ" and position > 0:
                spelled.append("y" if position == len(part) - 1 else "igh")
            elif sound == "ɛ" and position < len(part) - 1:
                spelled.append("e")
            elif sound == "ə" and position < len(part) - 1:
                spelled.append("u")
            else:
                spelled.append(_VOWELS.get(sound) or _CONSONANTS.get(sound, sound))
        syllables.append("".join(spelled))
    return "-".join(syllables)


def respelling(ipa: str) -> str:
    """English IPA as a respelling any English voice reads: tˈɜːkiːjeɪ → "Tur-kee-yay"."""
    words = [_respell_word(word) for word in ipa.split()]
    return " ".join(word[:1].upper() + word[1:] for word in words if word)


# -- the draft ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Draft:
    """A lexicon entry for a name, drafted from espeak-ng in the name's own language."""

    name: str
    """As printed in the news: the entry's key."""
    language: str
    """The language espeak-ng read it in."""
    source: str
    """espeak-ng's IPA in that language."""
    ipa: str
    """Nearest English sounds, for Piper and Kokoro."""
    misaki: str
    """The same in misaki's alphabet, for hibari."""
    words: str
    """A respelling, for the other engines."""
    switched: bool
    """espeak-ng read some of it by another language's rules (a Latin spelling in a `uk` voice)."""

    def as_toml(self) -> str:
        """The entry as it goes into a `lexicon.toml` (or the shipped `names.toml`)."""
        lines = [f"# {self.name}: espeak-ng ({self.language}) says {self.source}. A draft: listen to "
                 "it (briefing say) before you keep it."]
        if self.switched:
            lines.append(f"# espeak-ng read this spelling with another language's rules, not "
                         f"{self.language}'s: draft it from the name as {self.language} writes it "
                         "(--spelled).")
        lines += [f"[names.en.{_toml_string(self.name)}]", f"ipa = {_toml_string(self.ipa)}",
                  f"misaki = {_toml_string(self.misaki)}", f"words = {_toml_string(self.words)}",
                  "heard = []  # other spellings of the name a listener may write"]
        return "\n".join(lines) + "\n"


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def draft(name: str, language: str, spelled: str | None = None) -> Draft:
    """A draft entry for `name`, read by espeak-ng in `language` (as `spelled` there, if the
    language writes it otherwise: Сибіга for Sybiha)."""
    if not name.strip() or any(unicodedata.category(ch) == "Cc" for ch in name):
        raise VoiceError(f"{name!r} is not a name to draft; give it as the news prints it")
    source, switched = espeak_ipa(spelled or name, language)
    english = to_english(source)
    return Draft(name=name.strip(), language=language, source=source, ipa=english,
                 misaki=to_misaki(english), words=respelling(english), switched=switched)


def draft_entry(name: str, lang: str) -> str:
    """The TOML snippet of a drafted entry for `name` in language `lang` (see `draft`)."""
    return draft(name, lang).as_toml()
