"""News-aware text normalization: what a newsreader says for what a newspaper prints.

Every engine gets the same spoken words, so "$318.5 million", "6:30 a.m.", "World War II" or
"12.000" (Spanish) sound right whatever the voice, and the heard rate can be counted in real words.
Rules run in a fixed order, most specific first (addresses, money, times, dates, ranges, units,
percentages, ordinals, years, plain numbers, abbreviations, acronyms, Roman numerals, symbols).
Number words come from num2words. English and Spanish have tables; other languages get the
language-neutral rules with num2words in their language where it has one.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, partial

from num2words import num2words

from briefing.language import primary


@dataclass(frozen=True)
class Language:
    code: str
    decimal: str
    """The decimal mark in print: `.` in English, `,` in Spanish."""
    thousands: str
    point: str
    """The word for the decimal mark."""
    and_: str
    percent: str
    to: str
    """Between the ends of a range."""
    dot: str
    at: str
    months: tuple[str, ...]
    units: dict[str, tuple[str, str]]
    """Unit symbol -> (singular, plural)."""
    currencies: dict[str, tuple[str, str]]
    abbreviations: dict[str, str]
    scales: dict[str, str] = field(default_factory=dict)
    """Scale words that follow an amount ("million") -> the connector before the currency."""


_EN = Language(
    code="en", decimal=".", thousands=",", point="point", and_="and", percent="percent", to="to",
    dot="dot", at="at",
    months=("January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December"),
    units={"km": ("kilometer", "kilometers"), "km/h": ("kilometer an hour", "kilometers an hour"),
           "mph": ("mile an hour", "miles an hour"), "m": ("meter", "meters"),
           "cm": ("centimeter", "centimeters"), "mm": ("millimeter", "millimeters"),
           "kg": ("kilogram", "kilograms"), "g": ("gram", "grams"), "mi": ("mile", "miles"),
           "°C": ("degree Celsius", "degrees Celsius"), "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
           "MW": ("megawatt", "megawatts"), "GW": ("gigawatt", "gigawatts"), "ha": ("hectare", "hectares")},
    currencies={"$": ("dollar", "dollars"), "€": ("euro", "euros"), "£": ("pound", "pounds"),
                "¥": ("yen", "yen")},
    abbreviations={"Dr.": "Doctor", "Mr.": "Mister", "Mrs.": "Missus", "Ms.": "Miz", "Gen.": "General",
                   "Gov.": "Governor", "Sen.": "Senator", "Rep.": "Representative", "Prof.": "Professor",
                   "Sgt.": "Sergeant", "Col.": "Colonel", "Lt.": "Lieutenant", "Capt.": "Captain",
                   "Jr.": "Junior", "Sr.": "Senior", "St.": "Saint", "Mt.": "Mount", "vs.": "versus",
                   "etc.": "et cetera", "approx.": "approximately", "No.": "number",
                   "U.S.": "U S", "U.K.": "U K", "U.N.": "U N", "E.U.": "E U"},
    scales={"million": "", "billion": "", "trillion": "", "thousand": ""},
)
_ES = Language(
    code="es", decimal=",", thousands=".", point="coma", and_="y", percent="por ciento", to="a",
    dot="punto", at="arroba",
    months=("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
            "octubre", "noviembre", "diciembre"),
    units={"km": ("kilómetro", "kilómetros"), "km/h": ("kilómetro por hora", "kilómetros por hora"),
           "m": ("metro", "metros"), "cm": ("centímetro", "centímetros"),
           "mm": ("milímetro", "milímetros"), "kg": ("kilo", "kilos"), "g": ("gramo", "gramos"),
           "°C": ("grado", "grados"), "MW": ("megavatio", "megavatios"), "ha": ("hectárea", "hectáreas")},
    currencies={"$": ("dólar", "dólares"), "€": ("euro", "euros"), "£": ("libra", "libras")},
    abbreviations={"Sr.": "señor", "Sra.": "señora", "Srta.": "señorita", "Dr.": "doctor",
                   "Dra.": "doctora", "Gral.": "general", "EE. UU.": "Estados Unidos",
                   "EE.UU.": "Estados Unidos", "etc.": "etcétera", "núm.": "número", "Av.": "avenida"},
    scales={"millones": "de", "millón": "de", "mil millones": "de", "billones": "de"},
)
LANGUAGES = {"en": _EN, "es": _ES}

#: Acronyms read letter by letter; others in capitals (NATO, UNESCO) are read as words by engines.
SPELLED = {"FBI", "CIA", "BBC", "EU", "UN", "UK", "US", "USA", "NHS", "GDP", "CEO", "IMF",
           "NGO", "AI", "TV", "DNA", "EPA", "FDA", "UAE"}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
          "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15, "XVI": 16, "XVII": 17, "XVIII": 18}


# A lone I, V or X after a capitalized word is usually not a numeral ("Then I left"), so those are
# read only after "War"; the longer numerals are unambiguous enough.
_ROMAN_AFTER_NAME = "|".join(sorted((r for r in _ROMAN if len(r) > 1), key=len, reverse=True))


def language_of(code: str) -> Language:
    return LANGUAGES.get(primary(code), _EN)


def _words(value: float | int, lang: Language, to: str = "cardinal") -> str:
    code = lang.code if lang.code in ("en", "es") else "en"
    text = num2words(value, lang=code, to=to)
    return text.replace(" and ", " ") if code == "en" and to in ("cardinal",) else text


def _number(text: str, lang: Language) -> str:
    """A printed number (with the language's separators) in words; decimals digit by digit."""
    whole, _, fraction = text.partition(lang.decimal)
    whole = whole.replace(lang.thousands, "")
    if not whole.isdigit():
        return text
    spoken = _words(int(whole), lang)
    if fraction.isdigit():
        digits = " ".join(_words(int(d), lang) for d in fraction)
        spoken = f"{spoken} {lang.point} {digits}"
    return spoken


def _num_pattern(lang: Language) -> str:
    t, d = re.escape(lang.thousands), re.escape(lang.decimal)
    return rf"\d{{1,3}}(?:{t}\d{{3}})+(?:{d}\d+)?|\d+(?:{d}\d+)?"


Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]


@lru_cache(maxsize=8)
def _rules(code: str, urls: bool) -> list[Rule]:
    lang = language_of(code)
    num = _num_pattern(lang)
    months = "|".join(lang.months)
    money_symbols = "".join(re.escape(s) for s in lang.currencies)
    scales = "|".join(sorted(lang.scales, key=len, reverse=True))
    units = "|".join(re.escape(u) for u in sorted(lang.units, key=len, reverse=True))

    def address(m: re.Match[str]) -> str:
        if not urls:
            return ""
        text = m.group(0).rstrip(".,;:")
        text = re.sub(r"^[a-z]+://", "", text).removeprefix("www.")
        host = text.split("/")[0]
        if "@" in host:
            user, _, host = host.partition("@")
            return f"{user.replace('.', f' {lang.dot} ')} {lang.at} {host.replace('.', f' {lang.dot} ')}"
        return host.replace(".", f" {lang.dot} ")

    def money(m: re.Match[str]) -> str:
        singular, plural = lang.currencies[m["cur"]]
        amount, scale = m["amount"], m["scale"]
        if scale:
            joiner = lang.scales.get(scale.lower(), "")
            return " ".join(p for p in (_number(amount, lang), scale, joiner, plural) if p)
        whole, _, cents = amount.partition(lang.decimal)
        value = int(whole.replace(lang.thousands, ""))
        spoken = f"{_words(value, lang)} {singular if value == 1 else plural}"
        if cents and int(cents):
            cent_word = "cent" if lang.code == "en" else "céntimo"
            spoken += f" {lang.and_} {_words(int(cents.ljust(2, '0')[:2]), lang)} {cent_word}s"
        return spoken

    def money_after(m: re.Match[str]) -> str:  # "3,2 millones de euros", "10 €"
        plural = lang.currencies[m["cur"]][1]
        scale = m["scale"]
        amount = _number(m["amount"], lang)
        if scale:
            return f"{amount} {scale} {lang.scales.get(scale.lower(), '')} {plural}".replace("  ", " ")
        return f"{amount} {plural}"

    def time(m: re.Match[str]) -> str:
        hour, minute = int(m["h"]), int(m["m"])
        spoken = _words(hour, lang)
        if lang.code == "en":
            if minute == 0:
                spoken += "" if m["ampm"] else " o'clock"
            elif minute < 10:
                spoken += f" oh {_words(minute, lang)}"
            else:
                spoken += f" {_words(minute, lang)}"
        elif minute:
            spoken += f" {lang.and_} {_words(minute, lang)}"
        if m["ampm"]:
            spoken += " " + " ".join(ch.upper() for ch in m["ampm"] if ch.isalpha())
        return spoken

    def date_mdy(m: re.Match[str]) -> str:  # November 24, 2026
        day = _words(int(m["d"]), lang, "ordinal")
        year = f", {_words(int(m['y']), lang, 'year')}" if m["y"] else ""
        return f"{m['month']} {day}{year}"

    def date_dmy(m: re.Match[str]) -> str:  # 24 November 2026 / 24 de noviembre de 2026
        if lang.code == "es":
            day = "primero" if m["d"] == "1" else _words(int(m["d"]), lang)
            year = f" de {_words(int(m['y']), lang)}" if m["y"] else ""
            return f"{day} de {m['month']}{year}"
        year = f", {_words(int(m['y']), lang, 'year')}" if m["y"] else ""
        return f"the {_words(int(m['d']), lang, 'ordinal')} of {m['month']}{year}"

    def range_(m: re.Match[str]) -> str:
        a, b = m["a"], m["b"]
        if lang.code == "en" and _is_year(a) and _is_year(b):
            return f"{_words(int(a), lang, 'year')} {lang.to} {_words(int(b), lang, 'year')}"
        return f"{_number(a, lang)} {lang.to} {_number(b, lang)}"

    def unit(m: re.Match[str]) -> str:
        singular, plural = lang.units[m["unit"]]
        amount = m["amount"]
        return f"{_number(amount, lang)} {singular if amount == '1' else plural}"

    def percent(m: re.Match[str]) -> str:
        return f"{_number(m['amount'], lang)} {lang.percent}"

    def ordinal(m: re.Match[str]) -> str:
        return _words(int(m["n"]), lang, "ordinal")

    def year(m: re.Match[str]) -> str:
        return _words(int(m.group(0)), lang, "year") if lang.code == "en" else _number(m.group(0), lang)

    def number(m: re.Match[str]) -> str:
        return _number(m.group(0), lang)

    def roman(m: re.Match[str]) -> str:
        value = _ROMAN[m["roman"]]
        if m["word"] in ("War", "Guerra", "Mundial"):
            return f"{m['word']} {_words(value, lang).title() if lang.code == 'en' else _words(value, lang)}"
        if lang.code == "es":
            return f"{m['word']} {_words(value, lang, 'ordinal')}"
        return f"{m['word']} the {_words(value, lang, 'ordinal').title()}"

    def acronym(m: re.Match[str]) -> str:
        return " ".join(m.group(0))

    def abbreviation(m: re.Match[str]) -> str:
        return lang.abbreviations[m.group(0)]

    # "6.30" is a time only where the decimal mark is a comma; in English it is a number.
    time_sep = "[:.]" if lang.decimal == "," else ":"
    abbreviations = "|".join(re.escape(a) for a in sorted(lang.abbreviations, key=len, reverse=True))
    ordinal_suffix = r"(?:st|nd|rd|th)" if lang.code == "en" else r"(?:\.?º|\.?ª|\.?°)"
    rules: list[Rule] = [
        (re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"), address),
        (re.compile(rf"(?P<cur>[{money_symbols}])\s?(?P<amount>{num})(?:\s(?P<scale>{scales}))?\b"), money),
        (re.compile(rf"(?P<amount>{num})\s?(?:(?P<scale>{scales})\s(?:de\s)?)?(?P<cur>[{money_symbols}])"),
         money_after),
        (re.compile(rf"\b(?P<h>[01]?\d|2[0-3]){time_sep}(?P<m>[0-5]\d)(?!\d)"
                    r"(?:\s?(?P<ampm>[ap]\.?m\.?)(?=\W|$))?"), time),
        (re.compile(r"\b(?P<h>1[0-2]|0?[1-9])\s?(?P<ampm>[ap]\.m\.|[ap]m\b)"),
         lambda m: f"{_words(int(m['h']), lang)} " + " ".join(c.upper() for c in m["ampm"] if c.isalpha())),
        (re.compile(rf"\b(?P<month>{months})\s(?P<d>[1-3]?\d)(?:st|nd|rd|th)?(?:,\s(?P<y>\d{{4}}))?\b"),
         date_mdy),
        (re.compile(rf"\b(?P<d>[1-3]?\d)\s(?:de\s)?(?P<month>{months})(?:,?\s(?:de\s)?(?P<y>\d{{4}}))?\b"),
         date_dmy),
        (re.compile(rf"(?<![\w.,])(?P<a>{num})\s?-\s?(?P<b>{num})(?![\w.,]*\d)"), range_),
        (re.compile(rf"(?P<amount>{num})\s?(?P<unit>{units})(?![\w/])"), unit),
        (re.compile(rf"(?P<amount>{num})\s?%"), percent),
        (re.compile(rf"\b(?P<n>\d+){ordinal_suffix}(?!\w)"), ordinal),
        (re.compile(r"(?<![\w.,$€£])(?:1[1-9]|20)\d\d(?![\w.,]\d|\d)"), year),
        (re.compile(num), number),
        (re.compile(rf"(?<!\w)(?:{abbreviations})(?=\s|$|[,;:])"), abbreviation),
        (re.compile(rf"\b(?P<word>[A-Z][a-z]+)\s(?P<roman>{_ROMAN_AFTER_NAME})(?=[\s,.;:!?]|$)"), roman),
        (re.compile(r"\b(?P<word>War)\s(?P<roman>I|V|X)(?=[\s,.;:!?]|$)"), roman),
        (re.compile(r"\b(?:" + "|".join(sorted(SPELLED, key=len, reverse=True)) + r")\b"), acronym),
        (re.compile(r"\s&\s"), lambda m: f" {lang.and_} "),
    ]
    return rules


def _is_year(text: str) -> bool:
    return text.isdigit() and len(text) == 4 and 1100 <= int(text) <= 2099


def _unless_empty(replace: Callable[[re.Match[str]], str], match: re.Match[str]) -> str:
    """What `replace` makes of a match; nothing for an empty match."""
    return replace(match) if match.group(0) else ""


def normalize(text: str, language: str = "en", urls: bool = True) -> str:
    """The words to speak for `text` in `language`; `urls=False` drops web and e-mail addresses."""
    for pattern, replace in _rules(language_of(language).code, urls):
        text = pattern.sub(partial(_unless_empty, replace), text)
    return re.sub(r"\s{2,}", " ", text).strip()
