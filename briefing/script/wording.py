"""How one language says what print abbreviates: the base that each language's table extends.

A `Wording` holds a language's notation (decimal mark, thousands separators, month names, units,
currencies, abbreviations) and the few readings that differ in grammar between languages (a time,
a date, an amount of money, a king's numeral). The shared rules in `rules` find the printed forms;
a `Wording` says them. Number words come from num2words in the language's own spelling.
"""

import re
from collections.abc import Callable, Mapping
from datetime import date
from functools import lru_cache
from typing import ClassVar, NamedTuple

from num2words import num2words

Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]
"""A printed form and what to say for it."""


class Currency(NamedTuple):
    one: str
    many: str
    cent: str
    cents: str


#: Longer numbers are identifiers, not amounts: read digit by digit (num2words also stops
#: somewhere above, differently in each language).
LONGEST_NUMBER = 15


@lru_cache(maxsize=4096)
def _spelled(value: int, spelling: str, to: str) -> str:
    """num2words, remembered: a bulletin says the same small numbers many times."""
    return str(num2words(value, lang=spelling, to=to))


def is_year(text: str) -> bool:
    return text.isdigit() and len(text) == 4 and 1100 <= int(text) <= 2099


def ends_sentence(text: str, end: int) -> bool:
    """Nothing but closing quotes, brackets and spaces follows `end`: a mark there ends the text."""
    return not text[end:].strip(" \t\"'\u2019”»)]")


def letters(text: str) -> str:
    """Letters read one by one, in capitals: "p.m." -> "P M"."""
    return " ".join(ch.upper() for ch in text if ch.isalpha())


class Wording:
    """The defaults are those of continental Europe (decimal comma, thousands dot); each language
    sets its own tables and overrides the readings its grammar changes."""

    code: ClassVar[str]
    spelling: ClassVar[str]
    """num2words' name for the language (`pt_BR` for Brazilian Portuguese)."""
    decimal: ClassVar[str] = ","
    thousands: ClassVar[str] = "."
    """Every character that may group thousands in print (French: spaces, no-break or not)."""
    point: ClassVar[str]
    """The word for the decimal mark."""
    and_: ClassVar[str]
    percent: ClassVar[str]
    to: ClassVar[str]
    """Between the ends of a range."""
    dot: ClassVar[str]
    at: ClassVar[str]
    months: ClassVar[tuple[str, ...]]
    month_case: ClassVar[bool] = False
    """Month names also match with a capital (they are printed in lower case)."""
    day_suffix: ClassVar[str] = ""
    """A pattern for what may follow the day before a month ("1er décembre", "1º de dezembro")."""
    month_first: ClassVar[bool] = False
    """Dates may be printed month first ("November 24, 2026")."""
    ordinal_suffix: ClassVar[str]
    """A pattern for the marks that make a number an ordinal ("3rd", "1er", "2ª")."""
    units: ClassVar[Mapping[str, tuple[str, str]]]
    """Unit symbol -> (singular, plural)."""
    currencies: ClassVar[Mapping[str, Currency]]
    scales: ClassVar[Mapping[str, str]] = {}
    """Scale words that follow an amount ("millions") -> the word before the currency ("de")."""
    abbreviations: ClassVar[Mapping[str, str]]
    acronym_words: ClassVar[frozenset[str]] = frozenset()
    """Capitals read as words in this language (NATO, OTAN); others are spelled letter by letter."""
    fraction_as_number: ClassVar[bool] = True
    """Up to three decimals are read as one number ("virgule vingt-cinq"), not digit by digit."""
    singular_below_two: ClassVar[bool] = False
    """A unit takes the singular below two ("1,5 kilomètre"), not only after one."""
    before_noun: ClassVar[Mapping[str, str]] = {}
    """The number one as said before a unit or currency ("eins" -> "ein", "uno" -> "un")."""
    cents_after_amount: ClassVar[bool] = True
    """An amount before a currency symbol ("4,50 €") is read in currency and cents."""
    cents_alone: ClassVar[bool] = True
    """Cents with no whole unit ("0,50 €") are read as cents alone."""
    cents_with_and: ClassVar[bool] = True
    """Cents follow the unit after "and" ("quatro reais e cinquenta centavos"), else bare
    ("quatre euros cinquante")."""
    cents_and: ClassVar[str] = ""
    """The word before the cents, where it is not `and_` ("cuatro euros con cincuenta céntimos")."""
    minus: ClassVar[str] = "minus"
    plus: ClassVar[str] = "plus"
    """The words for a printed sign before a number ("-5 °C", "+3 %"): engines drop a bare "-"."""
    date_order: ClassVar[str] = "dmy"
    """How "3/4/2025" is read: day first ("dmy") or, in the United States, month first ("mdy")."""
    magnitudes: ClassVar[Mapping[int, tuple[str, str]]] = {}
    """A power of ten -> the scale word for one and for more ("£40m", "2,5 M€"): 6 -> million."""
    feminine_nouns: ClassVar[frozenset[str]] = frozenset()
    """Nouns, in lower case, that a number before them agrees with in the feminine."""
    feminine_endings: ClassVar[tuple[str, ...]] = ()
    """Endings of feminine nouns ("-ción", "-dade"); `masculine_nouns` are the exceptions."""
    masculine_nouns: ClassVar[frozenset[str]] = frozenset()
    not_counted: ClassVar[frozenset[str]] = frozenset()
    """Words after a number that it does not count ("de", "que"): it keeps its own form."""
    plural_endings: ClassVar[tuple[str, ...]] = ("s",)
    """How a noun counted by more than one ends; another word after "21" is not its noun."""
    counts_nouns: ClassVar[bool] = False
    """A number agrees with the word after it when that word, in lower case, is not in
    `not_counted` and (after any number but one) ends like a plural."""
    female_names: ClassVar[frozenset[str]] = frozenset({
        "Isabel", "Isabella", "Elizabeth", "Elisabeth", "Élisabeth", "Elisabetta", "Victoria",
        "Vittoria", "Vitória", "María", "Maria", "Catalina", "Caterina", "Catarina", "Juana",
        "Joana", "Giovanna", "Ana", "Anna", "Cristina", "Margarita", "Margherita", "Margarida",
        "Margrethe", "Beatriz", "Beatrice", "Beatrix", "Leonor", "Carlota", "Carlotta"})
    """Queens' names, whose regnal ordinal is feminine where the language shows it ("Isabel
    segunda")."""

    # Numbers

    def tidy(self, words: str, to: str) -> str:
        """num2words' output as a newsreader says it (a language fixes its quirks here)."""
        return words

    def say(self, value: int, to: str = "cardinal") -> str:
        """num2words' words without its commas ("three thousand, two hundred" in English and
        Brazilian Portuguese): every engine pauses at a comma, mid-number."""
        if value >= 10**LONGEST_NUMBER:
            return self.digits(str(value))
        return self.tidy(_spelled(value, self.spelling, to).replace(",", ""), to)

    def digits(self, text: str) -> str:
        return " ".join(self.say(int(d)) for d in text)

    def number(self, text: str) -> str:
        """A printed number (with the language's separators) in words."""
        whole, _, fraction = text.partition(self.decimal)
        for mark in self.thousands:
            whole = whole.replace(mark, "")
        if not whole.isdigit():
            return text
        spoken = self.digits(whole) if len(whole) > LONGEST_NUMBER else self.say(int(whole))
        if fraction.isdigit():
            spoken = f"{spoken} {self.point} {self.fraction(fraction)}"
        return spoken

    def fraction(self, digits: str) -> str:
        """The digits after the decimal mark: as a number after any leading zeros, or one by one."""
        if not self.fraction_as_number or len(digits) > 3:
            return self.digits(digits)
        rest = digits.lstrip("0")
        return " ".join([self.say(0)] * (len(digits) - len(rest)) + ([self.say(int(rest))] if rest else []))

    def count(self, text: str, noun: str | None = None) -> str:
        """A number said before a noun, in the noun's gender where the language shows it: "ein
        Euro", "un euro", "veintiuna personas", "duzentas pessoas". A decimal keeps its form."""
        spoken = self.number(text)
        if text.partition(self.decimal)[2].isdigit():
            return spoken
        if noun is not None and self.is_feminine(noun):
            return self.feminine(spoken)
        return self.masculine(spoken, noun)

    def is_feminine(self, noun: str) -> bool:
        word = noun.split(" ")[0].lower()  # "kilómetros por hora": the first word
        if word in self.masculine_nouns:
            return False
        return word in self.feminine_nouns or (
            bool(self.feminine_endings) and word.endswith(self.feminine_endings))

    def feminine(self, words: str) -> str:
        """A number's words as said before a feminine noun (the language's own rules)."""
        return words

    def masculine(self, words: str, noun: str | None) -> str:
        """A number's words as said before any other noun ("uno" -> "un")."""
        return self.before_noun.get(words, words)

    def counts(self, word: str, one: bool) -> bool:
        """Whether `word`, after a number, is the noun it counts; `one` if the number is 1."""
        return self.counts_nouns and word.islower() and word not in self.not_counted and (
            one or word.endswith(self.plural_endings))

    def noun_after(self, text: str, end: int, one: bool) -> str | None:
        """The word after the number that ends at `end`, if it is what the number counts."""
        found = re.match(r" ([^\W\d_]+)", text[end:end + 40])
        return found[1] if found and self.counts(found[1], one) else None

    def percentage(self, text: str) -> str:
        return f"{self.count(text)} {self.percent}"

    def singular(self, text: str) -> bool:
        if not self.singular_below_two:
            return text == "1"
        whole, _, fraction = text.partition(self.decimal)
        return whole == "1" or (whole == "0" and fraction.isdigit())

    def year(self, text: str) -> str:
        return self.say(int(text), "year")

    def ordinal(self, value: int, suffix: str) -> str:
        """An ordinal number; `suffix` is its printed mark, which may give its gender."""
        return self.say(value, "ordinal")

    def ordinal_before(self, spoken: str) -> str:
        """An ordinal as said before its noun ("primero" -> "el primer puesto")."""
        return spoken

    # Money

    def of(self, joiner: str, noun: str) -> str:
        """The scale's connector before the currency ("de", "di", nothing) and the currency."""
        return f"{joiner} {noun}" if joiner else noun

    def scaled(self, amount: str, scale: str, currency: Currency) -> str:
        """ "3,2 millones de euros": the amount, the scale as printed, the currency."""
        return f"{self.number(amount)} {scale} {self.of(self.scales.get(scale.lower(), ''), currency.many)}"

    def money(self, amount: str, currency: Currency) -> str:
        """An amount in the currency and its cents: "nine dollars and ninety-nine cents"."""
        whole, _, cents = amount.partition(self.decimal)
        for mark in self.thousands:
            whole = whole.replace(mark, "")
        if len(whole) > LONGEST_NUMBER:
            return f"{self.number(amount)} {currency.many}"
        value = int(whole)
        noun = currency.one if value == 1 else currency.many
        unit = f"{self.count(whole, noun)} {noun}"
        if not (cents and int(cents)):
            return unit
        hundredths = int(cents.ljust(2, "0")[:2])
        cent = f"{self.say(hundredths)} {currency.cent if hundredths == 1 else currency.cents}"
        if value == 0 and self.cents_alone:
            return cent
        if self.cents_with_and:
            return f"{unit} {self.cents_and or self.and_} {cent}"
        return f"{unit} {self.say(hundredths)}"

    # Clock and calendar

    def time(self, hour: int, minute: int, ampm: str) -> str:
        """A clock time; `ampm` is a printed "a.m." or "pm", or empty."""
        spoken = self.say(hour)
        if minute:
            spoken += f" {self.and_} {self.say(minute)}"
        return f"{spoken} {letters(ampm)}" if ampm else spoken

    def date(self, day: int, month: str, year: str | None) -> str:
        """A date printed day first; `year` is its four digits, if printed."""
        spoken = f"{self.say(day)} {month}"
        return f"{spoken} {self.year(year)}" if year else spoken

    def date_month_first(self, month: str, day: int, year: str | None) -> str:
        spoken = f"{month} {self.say(day, 'ordinal')}"
        return f"{spoken}, {self.say(int(year), 'year')}" if year else spoken

    def numeric_date(self, day: int, month: int, year: int) -> str | None:
        """A date printed in figures ("3/4/2025", "2025-04-03"), said as the language says a
        date; None if there is no such day."""
        try:
            date(year, month, day)
        except ValueError:
            return None
        if self.date_order == "mdy":
            return self.date_month_first(self.months[month - 1], day, str(year))
        return self.date(day, self.months[month - 1], str(year))

    def phone(self, groups: list[str]) -> str:
        """A telephone number, printed in groups ("+44", "20", "7946"): digit by digit."""
        spoken = [f"{self.plus} {self.digits(g[1:])}" if g.startswith("+") else self.digits(g)
                  for g in groups]
        return " ".join(spoken)

    def signed(self, sign: str) -> str:
        return f"{self.plus if sign == '+' else self.minus} "

    def roman(self, name: str, value: int) -> str:
        """A Roman numeral after a name: a monarch or pope ("Felipe VI" -> "Felipe sexto")."""
        return f"{name} {self.say(value, 'ordinal')}"

    def early_rules(self) -> list[Rule]:
        """This language's own rules, which run before the shared ones."""
        return []

    def late_rules(self) -> list[Rule]:
        """This language's own rules over the words the others wrote (French elision)."""
        return []

    def finish(self, text: str) -> str:
        """The sentence once every rule has run, as the engines are given it: as it is, but for
        a script the engines cannot read (Japanese kanji, given in kana)."""
        return text
