"""The shared rules: where print abbreviates in every language, found by one pattern each.

Each rule pairs a pattern with what to say for a match, in the language's `Wording`. They run in a
fixed order, most specific first: addresses, the language's own rules, the figures said whole
(`figures`: numeric dates, year spans, telephone numbers, money with a magnitude), money, times,
dates, ranges, signs, units, percentages, ordinals, years, plain numbers, abbreviations, double
names and Roman numerals. A number before the noun it counts takes the noun's gender.
Every pattern is linear: no nested repetition, so a long or hostile text costs time in proportion
to its length.
"""

import re
from collections.abc import Iterable

from briefing.script.figures import leading_rules, sign_rule
from briefing.script.wording import Rule, Wording, ends_sentence, is_year, letters

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
         "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV")
ROMAN_VALUE = {numeral: value for value, numeral in enumerate(ROMAN, start=1)}
# A lone I, V or X after a capitalized word is usually not a numeral ("Then I left"), so those are
# read only after "War"; the longer numerals are unambiguous enough.
_AFTER_NAME = "|".join(sorted((r for r in ROMAN if len(r) > 1), key=len, reverse=True))
#: A capitalized name, accented letters included ("Élisabeth").
NAME = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+"


def number_pattern(w: Wording) -> str:
    t, d = f"[{re.escape(w.thousands)}]", re.escape(w.decimal)
    # Starting only where a run of digits starts keeps every rule linear on a long run.
    # A group of more than three digits is no thousands group ("+44 20 7946" in French).
    return rf"(?<!\d)(?:\d{{1,3}}(?:{t}\d{{3}})+(?!\d)(?:{d}\d+)?|\d+(?:{d}\d+)?)"


def alternatives(words: Iterable[str]) -> str:
    """A pattern matching any of `words`, longest first, each taken literally."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def months_pattern(w: Wording) -> str:
    if not w.month_case:
        return "|".join(w.months)
    return "|".join(f"[{m[0]}{m[0].upper()}]{m[1:]}" for m in w.months)


def address_rule(w: Wording, urls: bool) -> Rule:
    def address(m: re.Match[str]) -> str:
        if not urls:
            return ""
        text = m.group(0).rstrip(".,;:")
        text = re.sub(r"^[a-z]+://", "", text).removeprefix("www.")
        host = text.split("/")[0]
        if "@" in host:
            user, _, host = host.partition("@")
            return f"{user.replace('.', f' {w.dot} ')} {w.at} {host.replace('.', f' {w.dot} ')}"
        return host.replace(".", f" {w.dot} ")

    # An e-mail address is looked for only where its run of characters starts, never inside it.
    return re.compile(r"\b(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"), address


def shared_rules(w: Wording) -> list[Rule]:
    num = number_pattern(w)
    months = months_pattern(w)
    currencies = alternatives(w.currencies)
    scales = alternatives(w.scales)
    units = alternatives(w.units)

    def money(m: re.Match[str]) -> str:
        currency = w.currencies[m["cur"]]
        if m["scale"]:
            return w.scaled(m["amount"], m["scale"], currency)
        amount = m["amount"]
        if m["cents"]:  # "$1.99" in a text whose decimal mark is a comma: dollars and cents
            amount += w.decimal + m["cents"]
        return w.money(amount, currency)

    def money_after(m: re.Match[str]) -> str:  # "3,2 millones de €", "4,50 €"
        currency = w.currencies[m["cur"]]
        if m["scale"]:
            return w.scaled(m["amount"], m["scale"], currency)
        if w.cents_after_amount:
            return w.money(m["amount"], currency)
        return f"{w.number(m['amount'])} {currency.many}"

    def range_(m: re.Match[str]) -> str:
        a, b = m["a"], m["b"]
        if is_year(a) and is_year(b):
            return f"{w.year(a)} {w.to} {w.year(b)}"
        return f"{w.number(a)} {w.to} {w.number(b)}"

    def unit(m: re.Match[str]) -> str:
        singular, plural = w.units[m["unit"]]
        noun = singular if w.singular(m["amount"]) else plural
        return f"{w.count(m['amount'], noun)} {noun}"

    def counted(m: re.Match[str], printed: str, alone: str) -> str:
        """`alone`, or the number in the gender of the noun after it ("veintiuna personas")."""
        noun = w.noun_after(m.string, m.end(), printed == "1")
        return alone if noun is None else w.count(printed, noun)

    def number(m: re.Match[str]) -> str:
        """A number; one glued to letters ("G7", "COP28") is said apart from them."""
        text, start, end = m.string, m.start(), m.end()
        before = " " if start and text[start - 1].isalpha() else ""
        after = " " if end < len(text) and text[end].isalpha() else ""
        return f"{before}{counted(m, m.group(0), w.number(m.group(0)))}{after}"

    def ordinal(m: re.Match[str]) -> str:
        value = int(re.sub(r"\D", "", m["n"]))
        spoken = w.ordinal(value, m["suffix"])
        return w.ordinal_before(spoken) if w.noun_after(m.string, m.end(), True) else spoken

    def dotted_abbreviation(m: re.Match[str]) -> str:
        """What it stands for, with the sentence's full stop when it ends the sentence."""
        return dotted[m.group(0)] + ("." if ends_sentence(m.string, m.end()) else "")

    def roman(m: re.Match[str]) -> str:
        return w.roman(m["word"], ROMAN_VALUE[m["roman"]])

    # "6.30" is a time only where the decimal mark is a comma; in English it is a number.
    time_sep = "[:.]" if w.decimal == "," else ":"
    dotted = {k: v for k, v in w.abbreviations.items() if k.endswith(".")}
    bare = {k: v for k, v in w.abbreviations.items() if not k.endswith(".")}
    # After a currency sign, two digits after a point are cents whatever the language's mark
    # ("$1.99" in Spanish); three are thousands ("$1.500").
    cents = r"(?:\.(?P<cents>\d{2})(?!\.?\d))?" if w.decimal != "." else "(?P<cents>)"
    rules: list[Rule] = [
        *leading_rules(w, num, currencies),
        (re.compile(rf"(?P<cur>{currencies})\s?(?P<amount>{num}){cents}(?:\s(?P<scale>{scales}))?\b"),
         money),
        (re.compile(rf"(?P<amount>{num})\s?(?:(?P<scale>{scales})\s(?:de\s)?)?(?P<cur>{currencies})"),
         money_after),
        (re.compile(rf"\b(?P<h>[01]?\d|2[0-3]){time_sep}(?P<m>[0-5]\d)(?!\d)"
                    r"(?:\s?(?P<ampm>[ap]\.?m\.?)(?=\W|$))?"),
         lambda m: w.time(int(m["h"]), int(m["m"]), m["ampm"] or "")),
        (re.compile(r"\b(?P<h>1[0-2]|0?[1-9])\s?(?P<ampm>[ap]\.m\.|[ap]m\b)"),
         lambda m: f"{w.say(int(m['h']))} {letters(m['ampm'])}"),
    ]
    if w.month_first:
        rules.append((re.compile(rf"\b(?P<month>{months})\s(?P<d>[1-3]?\d)(?:st|nd|rd|th)?"
                                 rf"(?:,\s(?P<y>\d{{4}}))?\b"),
                      lambda m: w.date_month_first(m["month"], int(m["d"]), m["y"])))
    rules += [
        (re.compile(rf"\b(?P<d>[1-3]?\d){w.day_suffix}\s(?:de\s)?(?P<month>{months})"
                    rf"(?:,?\s(?:de\s)?(?P<y>\d{{4}}))?\b"),
         lambda m: w.date(int(m["d"]), m["month"], m["y"])),
        (re.compile(rf"(?<![\w.,])(?P<a>{num})\s?[-\u2013]\s?(?P<b>{num})(?![\w.,]*\d)"), range_),
        sign_rule(w),
        # "25 ºC" (an ordinal mark for the degree sign), "25° C": as "25°C"
        (re.compile(r"(?<=\d)\s?[°º]\s?(?=[CF]\b)"), lambda m: "°"),
        (re.compile(rf"(?P<amount>{num})\s?(?P<unit>{units})(?![\w/])"), unit),
        (re.compile(rf"(?P<amount>{num})\s?%"), lambda m: w.percentage(m["amount"])),
        (re.compile(rf"(?<![\w.,])(?P<n>\d{{1,3}}(?:[{re.escape(w.thousands)}]\d{{3}})+(?!\d)|\d{{1,15}})"
                    rf"(?P<suffix>{w.ordinal_suffix})(?!\w)"), ordinal),
        (re.compile(r"(?<![\w.,$€£])(?:1[1-9]|20)\d\d(?![\w.,]\d|\d)"),
         lambda m: counted(m, m.group(0), w.year(m.group(0)))),
        (re.compile(num), number),
        # "Smith-Jones" is two names, read as two words; "fourteen-month" stays one
        (re.compile(rf"\b(?P<a>{NAME})-(?={NAME}\b)"), lambda m: f"{m['a']} "),
    ]
    if dotted:
        rules.append((re.compile(rf"(?<!\w)(?:{alternatives(dotted)})(?=\s|$|[,;:])"),
                      dotted_abbreviation))
    if bare:
        rules.append((re.compile(rf"(?<!\w)(?:{alternatives(bare)})(?!\w)"), lambda m: bare[m.group(0)]))
    rules += [
        (re.compile(rf"\b(?P<word>{NAME})\s(?P<roman>{_AFTER_NAME})(?:\.(?=\s[a-zß-ÿ]))?"
                    r"(?=[\s,.;:!?]|$)"), roman),
        (re.compile(r"\b(?P<word>War)\s(?P<roman>I|V|X)(?=[\s,.;:!?]|$)"), roman),
        (re.compile(r"\s&\s"), lambda m: f" {w.and_} "),
    ]
    return rules
