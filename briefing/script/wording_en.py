"""English as a newsreader says it, with the patterns of English news copy: quarters ("Q3 2025"),
decades ("the 1990s", "'90s"), abbreviated months and weekdays ("Mon., Jan. 14"), time zones
after a time ("3 p.m. ET"), "No. 10", "Roe v. Wade", "St." as Saint or Street, and the
temperatures of British copy ("30C"). "3/4/2025" is March 4 in American English and 3 April in
British English (`en-GB`, and the other regions that write the day first).
"""

import re
from typing import ClassVar

from briefing.script.wording import Currency, Rule, Wording, letters

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
SHORT_MONTHS = {"Jan": "January", "Feb": "February", "Mar": "March", "Apr": "April", "Jun": "June",
                "Jul": "July", "Aug": "August", "Sep": "September", "Sept": "September",
                "Oct": "October", "Nov": "November", "Dec": "December"}
WEEKDAYS = {"Mon": "Monday", "Tue": "Tuesday", "Tues": "Tuesday", "Wed": "Wednesday",
            "Thu": "Thursday", "Thur": "Thursday", "Thurs": "Thursday", "Fri": "Friday",
            "Sat": "Saturday", "Sun": "Sunday"}
#: Zones as said after a time; GMT and UTC are spelled, the others named.
TIME_ZONES = {"ET": "Eastern Time", "EST": "Eastern Standard Time", "EDT": "Eastern Daylight Time",
              "CT": "Central Time", "CST": "Central Standard Time", "CDT": "Central Daylight Time",
              "MT": "Mountain Time", "MST": "Mountain Standard Time", "MDT": "Mountain Daylight Time",
              "PT": "Pacific Time", "PST": "Pacific Standard Time", "PDT": "Pacific Daylight Time",
              "GMT": "G M T", "UTC": "U T C", "BST": "British Summer Time",
              "CET": "Central European Time", "CEST": "Central European Summer Time",
              "EET": "Eastern European Time", "JST": "Japan Standard Time"}
#: Words after which "Q1" is "the first quarter".
_BEFORE_THE = "in|during|for|by|since|through|until|from|over|of"
#: A straight or curly apostrophe ("the '90s").
_APOSTROPHE = r"['\u2019]"


def _alternatives(words: dict[str, str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def plural(words: str) -> str:
    """ "nineteen ninety" -> "nineteen nineties", "two thousand" -> "two thousands"."""
    return words[:-1] + "ies" if words.endswith("y") else words + "s"


class English(Wording):
    code = "en"
    spelling = "en"
    decimal, thousands, point = ".", ",", "point"
    and_, percent, to, dot, at = "and", "percent", "to", "dot", "at"
    months = MONTHS
    month_first = True
    date_order = "mdy"
    ordinal_suffix = r"(?:st|nd|rd|th)"
    units: ClassVar = {
        "km": ("kilometer", "kilometers"), "km/h": ("kilometer an hour", "kilometers an hour"),
        "mph": ("mile an hour", "miles an hour"), "m": ("meter", "meters"),
        "cm": ("centimeter", "centimeters"), "mm": ("millimeter", "millimeters"),
        "kg": ("kilogram", "kilograms"), "g": ("gram", "grams"), "mi": ("mile", "miles"),
        "°C": ("degree Celsius", "degrees Celsius"), "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
        "MW": ("megawatt", "megawatts"), "GW": ("gigawatt", "gigawatts"), "ha": ("hectare", "hectares"),
        "°": ("degree", "degrees")}
    currencies: ClassVar = {"$": Currency("dollar", "dollars", "cent", "cents"),
                            "€": Currency("euro", "euros", "cent", "cents"),
                            "£": Currency("pound", "pounds", "penny", "pence"),
                            "¥": Currency("yen", "yen", "sen", "sen")}
    scales: ClassVar = {"million": "", "billion": "", "trillion": "", "thousand": ""}
    magnitudes: ClassVar = {6: ("million", "million"), 9: ("billion", "billion"),
                            12: ("trillion", "trillion")}
    abbreviations: ClassVar = {
        "Dr.": "Doctor", "Mr.": "Mister", "Mrs.": "Missus", "Ms.": "Miz", "Gen.": "General",
        "Gov.": "Governor", "Sen.": "Senator", "Rep.": "Representative", "Prof.": "Professor",
        "Sgt.": "Sergeant", "Col.": "Colonel", "Lt.": "Lieutenant", "Capt.": "Captain",
        "Jr.": "Junior", "Sr.": "Senior", "St.": "Street", "Mt.": "Mount", "vs.": "versus",
        "Ave.": "Avenue", "Blvd.": "Boulevard", "Corp.": "Corporation", "Inc.": "Incorporated",
        "Ltd.": "Limited", "etc.": "et cetera", "approx.": "approximately",
        "U.S.": "U S", "U.K.": "U K", "U.N.": "U N", "E.U.": "E U"}
    acronym_words = frozenset({
        "NATO", "UNESCO", "NASA", "UNICEF", "OPEC", "FIFA", "UEFA", "AIDS", "COVID", "SARS", "MERS",
        "ASEAN", "NAFTA", "UNRWA", "DARPA", "FEMA", "OSHA", "NOAA", "ISIS", "ICE", "NASDAQ", "SWAT",
        "CERN", "EFTA", "OFCOM", "OFSTED", "COP", "BRICS", "FARC", "ETA", "MAGA", "POTUS", "SCOTUS",
        "LASER", "RADAR", "SCUBA", "PIN", "GIF", "JPEG", "NIMBY", "WASP", "SIM", "SNAP", "DACA",
        # capitals for emphasis, not abbreviations
        "NOT", "NO", "YES", "ALL", "THE", "AND", "OR", "BUT", "NOW", "NEW", "ONLY", "VERY", "MUST",
        "WILL", "STOP", "HELP", "FREE", "LIVE", "WATCH"})
    fraction_as_number = False
    cents_alone = False

    def tidy(self, words: str, to: str) -> str:
        return words.replace(" and ", " ") if to == "cardinal" else words

    def time(self, hour: int, minute: int, ampm: str) -> str:
        spoken = self.say(hour)
        if minute == 0:
            if not ampm:  # "7:00" is seven o'clock; "14:00" fourteen hundred
                spoken += " hundred" if hour >= 13 else " o'clock"
        elif minute < 10:
            spoken += f" oh {self.say(minute)}"
        else:
            spoken += f" {self.say(minute)}"
        return f"{spoken} {letters(ampm)}" if ampm else spoken

    def date(self, day: int, month: str, year: str | None) -> str:
        spoken = f"the {self.say(day, 'ordinal')} of {month}"
        return f"{spoken}, {self.year(year)}" if year else spoken

    def roman(self, name: str, value: int) -> str:
        if name in ("War", "Guerra", "Mundial"):
            return f"{name} {self.say(value).title()}"
        return f"{name} the {self.say(value, 'ordinal').title()}"

    def early_rules(self) -> list[Rule]:
        def quarter(m: re.Match[str]) -> str:
            spoken = f"{self.say(int(m['q']), 'ordinal')} quarter"
            if m["y"]:
                spoken += f" of {self.year(m['y'])}"
            return f"{m['before']} the {spoken}" if m["before"] else spoken

        def decade(m: re.Match[str]) -> str:
            return plural(self.year(m["y"]))

        def zone(m: re.Match[str]) -> str:
            return f"{m['ampm'] or ''} {TIME_ZONES[m['zone']]}"

        short_months = _alternatives(SHORT_MONTHS)
        return [
            # only after a clock time: "2 CT scans" are not Central Time
            (re.compile(rf"(?:(?<=\d)(?P<ampm>\s?[ap]\.?m\.?)|(?<=\d:\d\d))\s"
                        rf"(?P<zone>{_alternatives(TIME_ZONES)})\b"), zone),
            (re.compile(rf"(?:\b(?P<before>(?i:{_BEFORE_THE}))\s)?\bQ(?P<q>[1-4])"
                        r"(?:\s(?P<y>(?:19|20)\d\d))?\b"), quarter),
            (re.compile(r"\bFY\s?(?P<y>(?:19|20)\d\d)\b"), lambda m: f"fiscal year {self.year(m['y'])}"),
            (re.compile(rf"(?<![\w.,$€£])(?P<y>1\d\d0|20\d0){_APOSTROPHE}?s\b"), decade),
            (re.compile(rf"(?<![\w.,$€£]){_APOSTROPHE}?(?P<d>[1-9]0){_APOSTROPHE}?s\b"),
             lambda m: plural(self.say(int(m["d"])))),
            (re.compile(rf"\b(?P<d>{_alternatives(WEEKDAYS)})\.(?=,?\s(?:{short_months}|May))"),
             lambda m: WEEKDAYS[m["d"]]),
            (re.compile(rf"\b(?P<m>{short_months})\.?(?=\s(?:[1-3]?\d(?:st|nd|rd|th)?|\d{{4}})\b)"),
             lambda m: SHORT_MONTHS[m["m"]]),
            (re.compile(r"\b(?P<no>[Nn]os?)\.\s?(?=\d)|#(?=\d)"),
             lambda m: "numbers " if m["no"] in ("Nos", "nos") else "number "),
            (re.compile(r"(?<=[a-z])\sv\.?\s(?=[A-Z])"), lambda m: " versus "),
            (re.compile(r"\bvs\b(?!\.)"), lambda m: "versus"),
            (re.compile(r"\bSt\.(?=\s[A-Z])"), lambda m: "Saint"),
            # "temperatures of 30C", "-5C": degrees, as the units rule reads them
            (re.compile(r"(?<![\w.,])(?P<n>[-\u2212]?\d{1,2}(?:\.\d)?)(?P<u>[CF])\b"),
             lambda m: f"{m['n']}°{m['u']}"),
        ]


class BritishEnglish(English):
    """English written day first ("3/4/2025" is the third of April)."""

    code = "en-GB"
    date_order = "dmy"
