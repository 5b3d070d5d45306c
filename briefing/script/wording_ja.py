"""Japanese as a newsreader says it: "1,200億円" is "せんにひゃくおくえん", "3万5千人"
"さんまんごせんにん", "2025年" "にせんにじゅうごねん", "11月24日" "じゅういちがつにじゅうよっか",
"約20分" "やくにじゅっぷん", "3.5%" "さんてんごパーセント"; then every word in kana.

A number is read with the counter after it, because the counter changes both ("1人" is "ひとり",
"3千" "さんぜん", "6分" "ろっぷん"); num2words gives the number's reading, sound changes included.
The readings are written in katakana, so the reading of the kanji around them (below) takes them
as they are.

espeak-ng reads kana but no kanji (each is "Chinese letter", in English), so the last step gives
every word its pronunciation: Janome's morphological analysis with its IPADIC dictionary, which
knows a word's sound in its context ("市は" is "シワ", "東京" "トーキョー"). A word the dictionary
does not know is left as printed.
"""

import re
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar

from num2words import num2words

from briefing.errors import ToolMissingError
from briefing.script.rules import number_pattern
from briefing.script.wording import LONGEST_NUMBER, Currency, Rule, Wording

if TYPE_CHECKING:  # imported when first needed: its dictionary takes a while to open
    from janome.tokenizer import Tokenizer

#: Scale characters after a number ("3万5千"), and what each multiplies by.
SCALES = {"百": 10**2, "千": 10**3, "万": 10**4, "億": 10**8, "兆": 10**12}
#: Currency signs, said after the amount.
CURRENCIES = {"$": "ドル", "€": "ユーロ", "£": "ポンド", "¥": "えん", "￥": "えん"}
#: Decimal digits, read one by one after the point.
DIGITS = ("ゼロ", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう")
MONTHS = ("いちがつ", "にがつ", "さんがつ", "しがつ", "ごがつ", "ろくがつ", "しちがつ", "はちがつ",
          "くがつ", "じゅうがつ", "じゅういちがつ", "じゅうにがつ")
#: The days of the month (and counts of days) read in the old way; the others are "…にち".
DAYS = {1: "ついたち", 2: "ふつか", 3: "みっか", 4: "よっか", 5: "いつか", 6: "むいか", 7: "なのか",
        8: "ようか", 9: "ここのか", 10: "とおか", 14: "じゅうよっか", 20: "はつか", 24: "にじゅうよっか"}
#: Endings said otherwise before 時 ("よじ", "しちじ", "くじ").
HOURS = {"よん": "よ", "なな": "しち", "きゅう": "く"}
#: Endings that double the consonant after them before a k or p ("いっぷん", "ろっかげつ").
SOKUON = {"いち": "いっ", "ろく": "ろっ", "はち": "はっ", "じゅう": "じゅっ", "ひゃく": "ひゃっ"}
#: Counters whose reading depends on the number, and where a particle does not follow.
COUNTERS = r"(?P<c>年|か月|ヶ月|ヵ月|カ月|月|日|時|分|人|円|[%％])"
#: Parts of speech that start a new spoken word (the others, particles and endings, join the one
#: before), so espeak-ng hears phrases, not one run of kana per sentence.
_STARTS = ("名詞", "動詞", "形容詞", "副詞", "連体詞", "接続詞", "感動詞", "接頭詞")


@lru_cache(maxsize=4096)
def reading(value: int) -> str:
    """A whole number in hiragana, as num2words reads it ("さんびゃく")."""
    return str(num2words(value, lang="ja", reading=True))


def katakana(text: str) -> str:
    return "".join(chr(ord(ch) + 0x60) if "ぁ" <= ch <= "ゖ" else ch for ch in text)


def _sokuon(said: str) -> str | None:
    """`said` with its last sound doubled before a k or p, or None where it does not double."""
    return next((said[: -len(end)] + short for end, short in SOKUON.items() if said.endswith(end)), None)


def value_of(text: str) -> Decimal:
    """The value of "1,200億", "3万5千", "3千万" or "3.5": each number times the scale after it."""
    total, group = Decimal(0), Decimal(0)
    for amount, scale in re.findall(r"([\d.,]*)([百千万億兆]?)", text):
        if not (amount or scale):
            continue
        number = Decimal(amount.replace(",", "")) if amount else Decimal(scale in "百千")
        if scale in ("百", "千"):
            group += number * SCALES[scale]
        elif scale:
            total, group = total + (group + number) * SCALES[scale], Decimal(0)
        else:
            group += number
    return total + group


@lru_cache(maxsize=1)
def _tokenizer() -> "Tokenizer":
    try:
        from janome.tokenizer import Tokenizer
    except ImportError:  # an extra: its dictionary is large, and only Japanese needs it
        raise ToolMissingError("reading Japanese needs Janome; install it with: "
                               "pip install 'briefing[ja]'") from None
    return Tokenizer()


def pronounce(text: str) -> str:
    """`text` as it sounds, in katakana: each word's pronunciation from the dictionary (a word it
    does not know as printed), a space before each word that starts a phrase."""
    said: list[str] = []
    for token in _tokenizer().tokenize(text):
        if isinstance(token, str):  # only with wakati=True, which is not asked for (typed 0.5.1)
            said.append(token)
            continue
        kind = token.part_of_speech.split(",")
        sound = token.phonetic if token.phonetic not in ("", "*") else token.surface
        if said and kind[0] in _STARTS and kind[1] not in ("接尾", "非自立") and not said[-1].endswith(" "):
            said.append(" ")
        said.append(sound)
    return "".join(said)


class Japanese(Wording):
    code = "ja"
    spelling = "ja"
    decimal, thousands, point = ".", ",，", "てん"
    and_, percent, to, dot, at = "と", "パーセント", "から", "ドット", "アット"
    months = ("(?!)",)  # dates are numbers with 年, 月 and 日, read below
    ordinal_suffix = r"(?!)"
    units: ClassVar = {"km": ("キロメートル", "キロメートル"), "kg": ("キログラム", "キログラム")}
    currencies: ClassVar = {sign: Currency(name, name, "セント", "セント")
                            for sign, name in CURRENCIES.items()}
    abbreviations: ClassVar = {}

    def say(self, value: int, to: str = "cardinal") -> str:
        return self.digits(str(value)) if value >= 10**LONGEST_NUMBER else reading(value)

    def digits(self, text: str) -> str:
        return "".join(DIGITS[int(d)] for d in text)

    def number(self, text: str) -> str:
        """A number with any scale characters after it ("3万5千"), in hiragana."""
        plain = text.replace(",", "").replace("，", "")
        if re.fullmatch(r"\d+", plain) and len(plain) > LONGEST_NUMBER:
            return self.digits(plain)
        value = value_of(text.replace("，", ","))
        whole = int(value)
        if value == whole or whole >= 10**LONGEST_NUMBER:
            return self.say(whole)
        fraction = format(value - whole, "f").partition(".")[2].rstrip("0")
        return f"{self.say(whole)}{self.point}{self.digits(fraction)}"

    def counted(self, text: str, counter: str, after_month: bool = False) -> str:
        """The number `text` with its `counter` (see `COUNTERS`), as the two are said together."""
        said = self.number(text)
        value = value_of(text.replace("，", ","))
        if counter in "%％":
            return said + self.percent
        if counter == "月" and 1 <= value <= 12 and value == int(value):
            return MONTHS[int(value) - 1]
        if counter == "日" and value == int(value) and int(value) in DAYS:
            return "いちにち" if value == 1 and not after_month else DAYS[int(value)]
        if counter == "人" and value in (1, 2):
            return ("ひとり", "ふたり")[int(value) - 1]
        four = said[:-1] if said.endswith("よん") else said
        if counter in ("年", "人", "円"):
            return four + {"年": "ねん", "人": "にん", "円": "えん"}[counter]
        if counter == "時":
            end = next((e for e in HOURS if said.endswith(e)), "")
            return said[: len(said) - len(end)] + HOURS.get(end, "") + "じ"
        doubled = _sokuon(said)
        if counter == "分":
            return (doubled or said) + ("ぷん" if doubled or said.endswith(("さん", "よん")) else "ふん")
        if counter in ("日", "月"):
            return said + {"日": "にち", "月": "がつ"}[counter]
        return (doubled or said) + "かげつ"

    def time(self, hour: int, minute: int, ampm: str) -> str:
        said = self.counted(str(hour), "時")
        return said + self.counted(str(minute), "分") if minute else said

    def early_rules(self) -> list[Rule]:
        num = number_pattern(self)
        compound = rf"{num}(?:[百千万億兆](?:{num})?)*"
        signs = "|".join(re.escape(sign) for sign in CURRENCIES)

        def date(m: re.Match[str]) -> str:
            return katakana(self.counted(m["mo"], "月") + self.counted(m["d"], "日", after_month=True))

        def counted(m: re.Match[str]) -> str:
            return katakana(self.counted(m["n"], m["c"]))

        return [
            (re.compile(r"(?<!\d)(?P<mo>1[0-2]|0?[1-9])月(?P<d>[1-3]?\d)日"), date),
            (re.compile(r"(?<!\d)(?P<h>[01]?\d|2[0-3])[:：](?P<m>[0-5]\d)(?!\d)"),
             lambda m: katakana(self.time(int(m["h"]), int(m["m"]), ""))),
            (re.compile(rf"(?P<cur>{signs})\s?(?P<n>{compound})"),
             lambda m: katakana(self.number(m["n"]) + CURRENCIES[m["cur"]])),
            (re.compile(rf"(?P<n>{compound}){COUNTERS}"), counted),
            (re.compile(compound), lambda m: katakana(self.number(m.group(0)))),
        ]

    def finish(self, text: str) -> str:
        return pronounce(text)
