"""Chinese as a Mandarin newsreader says it: "1,200亿元" is "一千二百亿元", "3.5%" "百分之三点五",
"2025年" "二〇二五年" (a year digit by digit), "18:30" "十八点三十分".

num2words has no Chinese, so numbers are written here, in characters that every Chinese voice reads
(espeak-ng's Mandarin reads "3.5%" as "san wu percent", with the English word and no decimal point).
A scale character after a number is left as printed: "3.5万" is "三点五万", as said. Every number is
read by this language's own rules, which run first, so the shared rules (written for languages that
put spaces between words) find none left.
"""

import re
from typing import ClassVar

from briefing.script.rules import number_pattern
from briefing.script.wording import LONGEST_NUMBER, Currency, Rule, Wording

DIGITS = "零一二三四五六七八九"
#: Places inside a group of four digits, and the groups themselves (万亿 for 10^12, as news says).
_PLACES, _GROUPS = ("", "十", "百", "千"), ("", "万", "亿", "万亿")
#: Currency signs, said after the amount.
CURRENCIES = {"$": "美元", "US$": "美元", "€": "欧元", "£": "英镑", "¥": "元", "￥": "元",
              "HK$": "港元"}


def _four(value: int) -> str:
    """0 < value < 10000: "一千零二十" for 1020 (zeros inside are one 零)."""
    said, zero = "", False
    for place in (3, 2, 1, 0):
        digit = value // 10**place % 10
        if digit == 0:
            zero = zero or bool(said)
            continue
        said += ("零" if zero else "") + DIGITS[digit] + _PLACES[place]
        zero = False
    return said


def chinese_number(value: int) -> str:
    """A whole number in characters: 1200 "一千二百", 10005 "一万零五", 12 "十二"."""
    if value == 0:
        return DIGITS[0]
    groups = []
    while value:
        groups.append(value % 10000)
        value //= 10000
    said, gap = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            gap = gap or bool(said)
            continue
        if said and (gap or group < 1000):
            said += DIGITS[0]
        said += _four(group) + _GROUPS[index]
        gap = False
    return said[1:] if said.startswith("一十") else said


class Chinese(Wording):
    code = "zh"
    spelling = "zh"
    decimal, thousands, point = ".", ",，", "点"
    and_, percent, to, dot, at = "和", "百分之", "至", "点", "at"
    months = ("(?!)",)  # dates are numbers with 年, 月 and 日, read as numbers
    ordinal_suffix = r"(?!)"
    units: ClassVar = {"km": ("公里", "公里"), "kg": ("公斤", "公斤"), "°C": ("摄氏度", "摄氏度")}
    currencies: ClassVar = {sign: Currency(name, name, "分", "分") for sign, name in CURRENCIES.items()}
    abbreviations: ClassVar = {}

    def say(self, value: int, to: str = "cardinal") -> str:
        return self.digits(str(value)) if value >= 10**LONGEST_NUMBER else chinese_number(value)

    def digits(self, text: str) -> str:
        return "".join(DIGITS[int(d)] for d in text)

    def year(self, text: str) -> str:
        return self.digits(text).replace(DIGITS[0], "〇")

    def number(self, text: str) -> str:
        whole, _, fraction = text.partition(self.decimal)
        for mark in self.thousands:
            whole = whole.replace(mark, "")
        if not whole.isdigit():
            return text
        said = self.digits(whole) if len(whole) > LONGEST_NUMBER else self.say(int(whole))
        return f"{said}{self.point}{self.digits(fraction)}" if fraction.isdigit() else said

    def time(self, hour: int, minute: int, ampm: str) -> str:
        """ "十八点", "十八点零五分", "十八点三十分"."""
        said = f"{self.say(hour)}点"
        if minute:
            said += f"{DIGITS[0] if minute < 10 else ''}{self.say(minute)}分"
        return said

    def early_rules(self) -> list[Rule]:
        num = number_pattern(self)
        signs = "|".join(re.escape(s) for s in sorted(CURRENCIES, key=len, reverse=True))
        return [
            (re.compile(r"(?<!\d)(?P<y>\d{4})(?=\s?年)"), lambda m: self.year(m["y"])),
            (re.compile(r"(?<!\d)(?P<h>[01]?\d|2[0-3])[:：](?P<m>[0-5]\d)(?!\d)"),
             lambda m: self.time(int(m["h"]), int(m["m"]), "")),
            (re.compile(rf"(?P<n>{num})\s?[%％]"), lambda m: f"{self.percent}{self.number(m['n'])}"),
            (re.compile(rf"(?P<cur>{signs})\s?(?P<n>{num})(?P<scale>[万亿萬億]?)"),
             lambda m: f"{self.number(m['n'])}{m['scale']}{CURRENCIES[m['cur']]}"),
            (re.compile(num), lambda m: self.number(m.group(0))),
        ]
