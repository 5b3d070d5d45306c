"""Figures said whole: numeric dates, year spans, telephone numbers, money with a magnitude
suffix and signed numbers, which the number rule would otherwise read in pieces ("3/4/2025" as
"three/four/…", "£40m" as "forty meters", "-5" as "five": engines drop a "-" before a word).

These rules run before the shared rules for money, ranges and plain numbers, in the order
`leading_rules` gives; the sign rule runs after ranges (`sign_rule`). Every pattern starts only
where its run of digits starts and repeats a bounded number of times, so it stays linear.
"""

import re
from decimal import Decimal, InvalidOperation

from briefing.script.wording import Currency, Rule, Wording, is_year

#: Suffixes glued to an amount after a currency sign ("£40m", "$3.2bn", "$500k", "R$ 2 bi"), by
#: power of ten.
SUFFIXES = {"k": 3, "m": 6, "mn": 6, "mi": 6, "bn": 9, "b": 9, "bi": 9, "tn": 12, "trn": 12, "tri": 12}
#: Marks between an amount and the currency sign after it ("2,5 M€", "5 mil M€", "1,5 Md$").
MARKS = {"M": 6, "mil M": 9, "MM": 9, "Md": 9, "Mds": 9, "Mrd": 9, "Mrds": 9}
#: Digits in a telephone number, at the least: fewer are a figure ("+1 000 000" in French
#: print is a signed million) or a list of figures.
SHORTEST_PHONE = 8


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _as_printed(w: Wording, amount: str) -> str:
    """`amount` in the language's own notation: "2.5" in Spanish text is "2,5" (a point before
    one or two digits, after a currency sign, marks decimals in every language)."""
    whole, mark, fraction = amount.partition("." if w.decimal == "," else ",")
    if mark and len(fraction) < 3:
        return f"{whole}{w.decimal}{fraction}"
    return amount


def _value(w: Wording, printed: str) -> Decimal | None:
    whole, _, fraction = printed.partition(w.decimal)
    for mark in w.thousands:
        whole = whole.replace(mark, "")
    try:
        return Decimal(f"{whole}.{fraction or 0}")
    except InvalidOperation:
        return None


def magnitude(w: Wording, amount: str, power: int, currency: Currency) -> str:
    """ "forty million pounds", "dos coma cinco mil millones de euros"; thousands are multiplied
    out ("$500k" is "five hundred thousand dollars")."""
    printed = _as_printed(w, amount)
    value = _value(w, printed)
    if power not in w.magnitudes:
        if value is None or (value * 10**power) % 1:
            return f"{amount} {currency.many}"
        return w.money(str(int(value * 10**power)), currency)
    one, many = w.magnitudes[power]
    scale = one if w.singular(printed) else many
    joined = w.of(w.scales.get(scale, ""), currency.many)
    if value == 1 and scale.startswith(f"{w.say(1000)} "):  # "mil millones", not "un mil…"
        return f"{scale} {joined}"
    return f"{w.count(printed, scale)} {scale} {joined}"


def leading_rules(w: Wording, num: str, currencies: str) -> list[Rule]:
    """Dates, spans, telephone numbers and scaled money: before money, times and ranges."""

    def iso(m: re.Match[str]) -> str:
        return w.numeric_date(int(m["d"]), int(m["mo"]), int(m["y"])) or m.group(0)

    def numeric(m: re.Match[str]) -> str:
        day, month = int(m["a"]), int(m["b"])
        if w.date_order == "mdy":
            day, month = month, day
        if month > 12 >= day:  # "25/12/2025" in American text, "12/25/2025" in British
            day, month = month, day
        return w.numeric_date(day, month, int(m["y"])) or m.group(0)

    def span(m: re.Match[str]) -> str:  # "1990-91", "2024/25": the second year in full
        first, last = int(m["a"]), int(m["b"])
        second = first // 100 * 100 + last
        if second <= first and first % 100 >= 90 and last < 10:  # "1999-00"
            second += 100
        if second <= first or not is_year(str(second)):
            return m.group(0)
        return f"{w.year(m['a'])} {w.to} {w.year(str(second))}"

    def phone(m: re.Match[str]) -> str:
        groups = re.split(r"[ .-]", m.group(0))
        if sum(len(g.strip("+")) for g in groups) < SHORTEST_PHONE:
            return m.group(0)
        return w.phone(groups)

    def suffixed(m: re.Match[str]) -> str:
        return magnitude(w, m["amount"], SUFFIXES[m["mag"]], w.currencies[m["cur"]])

    def marked(m: re.Match[str]) -> str:
        return magnitude(w, m["amount"], MARKS[re.sub(r"\s+", " ", m["mag"])], w.currencies[m["cur"]])

    amount = rf"(?:{num}|(?<!\d)\d+[.,]\d{{1,2}}(?!\d))"
    return [
        (re.compile(r"(?<![\w.,/-])(?P<y>(?:1[1-9]|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?![\w-])"),
         iso),
        (re.compile(r"(?<![\w.,/-])(?P<a>[0-3]?\d)(?P<s>[/.-])(?P<b>[01]?\d)(?P=s)"
                    r"(?P<y>(?:1[1-9]|20)\d\d)(?![\w/-]|[.,]\d)"), numeric),
        (re.compile(r"(?<![\w.,/-])(?P<a>(?:1[1-9]|20)\d\d)[-\u2013/](?P<b>\d\d)(?![\w/-]|[.,]\d)"), span),
        (re.compile(r"(?<![\w+])\+\d{1,3}(?:[ .-]\d{1,10}){1,5}(?![\w-]|[.,]\d)"
                    r"|(?<![\w.,+-])0\d{1,4}(?:[ .-]\d{2,8}){1,4}(?![\w-]|[.,]\d)"), phone),
        (re.compile(rf"(?P<cur>{currencies})\s?(?P<amount>{amount})\s?"
                    rf"(?P<mag>{_alternatives(list(SUFFIXES))})\b"), suffixed),
        (re.compile(rf"(?P<amount>{amount})\s?(?P<mag>{_alternatives(list(MARKS))})\s?"
                    rf"(?P<cur>{currencies})"), marked),
    ]


def sign_rule(w: Wording) -> Rule:
    """A sign that starts a number ("-5 °C", "+3,5 %"), said as a word: after ranges, which
    take the "-" between two numbers."""
    return (re.compile(r"(?<![\w.,+\-\u2212])(?P<s>[-\u2212+])(?=\d)"), lambda m: w.signed(m["s"]))
