"""French as a newsreader says it: "3 500" (thousands grouped by a space, plain or no-break) is
"trois mille cinq cents", "4,50 €" "quatre euros cinquante", "3,2 M€" "trois virgule deux millions
d'euros", "7 h 30" "sept heures trente", "1er décembre" "premier décembre", "Louis XIV" "Louis
quatorze", "XXIe siècle" "vingt et unième siècle" and "M. Dupont" "monsieur Dupont".
"""

import re
from typing import ClassVar

from briefing.script.rules import NAME, ROMAN_VALUE, number_pattern
from briefing.script.wording import Currency, Rule, Wording

_VOWELS = "aeiouyàâéèêëîïôûh"


def feminine(words: str) -> str:
    """ "un" as said before a feminine noun: "une heure", "vingt et une heures"."""
    return words + "e" if words == "un" or words.endswith((" un", "-un")) else words


class French(Wording):
    code = "fr"
    spelling = "fr"
    thousands = " \u00a0\u202f."
    point, and_, percent, to, dot, at = "virgule", "et", "pour cent", "à", "point", "arobase"
    months = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
              "octobre", "novembre", "décembre")
    month_case = True
    day_suffix = r"(?:er|ᵉʳ)?"
    ordinal_suffix = r"(?:ère|re|ᵉʳ|er|ème|ᵉ|e|nde|nd)"
    units: ClassVar = {
        "km": ("kilomètre", "kilomètres"), "km/h": ("kilomètre-heure", "kilomètres-heure"),
        "km²": ("kilomètre carré", "kilomètres carrés"), "m": ("mètre", "mètres"),
        "cm": ("centimètre", "centimètres"), "mm": ("millimètre", "millimètres"),
        "kg": ("kilo", "kilos"), "g": ("gramme", "grammes"), "°C": ("degré", "degrés"),
        "MW": ("mégawatt", "mégawatts"), "GW": ("gigawatt", "gigawatts"), "ha": ("hectare", "hectares"),
        "min": ("minute", "minutes")}
    currencies: ClassVar = {"€": Currency("euro", "euros", "centime", "centimes"),
                            "$": Currency("dollar", "dollars", "cent", "cents"),
                            "£": Currency("livre", "livres", "penny", "pence"),
                            "CHF": Currency("franc suisse", "francs suisses", "centime", "centimes")}
    scales: ClassVar = {"millions": "de", "million": "de", "milliards": "de", "milliard": "de"}
    abbreviations: ClassVar = {
        "M.": "monsieur", "MM.": "messieurs", "Dr.": "docteur", "av. J.-C.": "avant Jésus-Christ",
        "apr. J.-C.": "après Jésus-Christ", "J.-C.": "Jésus-Christ", "etc.": "et cetera",
        "p. ex.": "par exemple", "c.-à-d.": "c'est-à-dire", "env.": "environ", "av.": "avenue",
        "bd.": "boulevard", "hab.": "habitants", "Mme": "madame", "Mmes": "mesdames",
        "Mlle": "mademoiselle", "Mlles": "mesdemoiselles", "Dr": "docteur", "Pr": "professeur",
        "Mgr": "monseigneur", "Cie": "compagnie", "bd": "boulevard"}
    acronym_words = frozenset({
        "OTAN", "ONU", "UNESCO", "UNICEF", "OPEP", "FIFA", "UEFA", "SIDA", "COVID", "CAC", "SAMU",
        "SMIC", "ENA", "INSEE", "INSERM", "MEDEF", "CNIL", "UNEF", "NASA", "CERN", "ASEAN", "ZAD",
        "CAF", "EHPAD", "URSSAF", "ADEME", "COP", "FARC", "ETA", "OVNI", "DAESH", "CROUS", "BAC"})
    singular_below_two = True
    cents_with_and = False

    def tidy(self, words: str, to: str) -> str:
        return words.replace("tsième", "tième")  # "quatre-vingtième", not "quatre-vingtsième"

    def of(self, joiner: str, noun: str) -> str:
        if joiner == "de" and noun[0] in _VOWELS:
            return f"d'{noun}"
        return super().of(joiner, noun)

    def ordinal(self, value: int, suffix: str) -> str:
        if suffix.startswith("nd"):
            return "seconde" if suffix == "nde" else "second"
        if value == 1:
            return "première" if suffix in ("re", "ère") else "premier"
        return self.say(value, "ordinal")

    def time(self, hour: int, minute: int, ampm: str) -> str:
        spoken = "minuit" if hour == 0 else f"{feminine(self.say(hour))} heure{'s' if hour > 1 else ''}"
        return f"{spoken} {feminine(self.say(minute))}" if minute else spoken

    def date(self, day: int, month: str, year: str | None) -> str:
        spoken = f"{'premier' if day == 1 else self.say(day)} {month}"
        return f"{spoken} {self.year(year)}" if year else spoken

    def roman(self, name: str, value: int) -> str:
        return f"{name} {self.say(value)}"  # "Louis quatorze", "Élisabeth deux"

    def early_rules(self) -> list[Rule]:
        num = number_pattern(self)

        def millions(m: re.Match[str]) -> str:  # "3,2 M€", "1,5 Md$"
            scale = "million" if m["s"] == "M" else "milliard"
            scale += "" if self.singular(m["a"]) else "s"
            return f"{self.number(m['a'])} {scale} {self.of('de', self.currencies[m['cur']].many)}"

        def century(m: re.Match[str]) -> str:
            value = ROMAN_VALUE.get(m["r"])
            return self.ordinal(value, "e") if value else m.group(0)

        return [
            (re.compile(r"\b(?P<h>[01]?\d|2[0-3])\s?h\s?(?P<m>[0-5]\d)?(?!\w)"),
             lambda m: self.time(int(m["h"]), int(m["m"] or 0), "")),
            (re.compile(rf"(?P<a>{num})\s?(?P<s>Mds?|Mrds?|M)\s?(?P<cur>€|\$)"), millions),
            (re.compile(r"\b[Nn][°º]\s?(?=\d)"), lambda m: "numéro "),
            (re.compile(rf"\b(?P<name>{NAME})\s(?P<r>Ier|Ire|1er|1re)\b"),
             lambda m: f"{m['name']} {'première' if m['r'].endswith('re') else 'premier'}"),
            (re.compile(r"\b(?P<r>[IVXL]+)(?:ème|ᵉ|e)\b"), century),
            (re.compile(r"\bMe(?=\s[A-ZÀ-Þ])"), lambda m: "maître"),
        ]

    def late_rules(self) -> list[Rule]:
        # "près de 1 million" is "près d'un million" once the number is a word
        return [(re.compile(r"\b(?P<w>[Dd]|[Qq]u)e (?=une?\b)"), lambda m: f"{m['w']}'")]
