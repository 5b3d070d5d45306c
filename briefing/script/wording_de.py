"""German as a newsreader says it: "12.000" is "zwölftausend", "12 Mio. Euro" "zwölf Millionen
Euro", "4,50 €" "vier Euro fünfzig", "18.30 Uhr" "achtzehn Uhr dreißig", "am 24. November 2026"
"am vierundzwanzigsten November zweitausendsechsundzwanzig", "Karl III." "Karl der Dritte" and
"z. B." "zum Beispiel". One before a noun is "ein" or, before a feminine noun, "eine" ("eine
Million", "1 Person" "eine Person"); the case ending ("einen") is not guessed.

An ordinal's ending follows the word before it: "am", "vom", "zum" and the like take "-en" ("am
dritten"), an article "-e" ("der dritte"); a date with neither takes "-er" ("dritter Oktober").
"""

import re
from typing import ClassVar

from briefing.script.rules import number_pattern
from briefing.script.wording import Currency, Rule, Wording

#: Words before an ordinal that decide its ending.
_BEFORE = r"(?i:am|vom|zum|zur|im|beim|dem|den|des|ab|bis|seit|der|die|das)"
_SCALES = {"Mio.": ("Million", "Millionen"), "Mrd.": ("Milliarde", "Milliarden"),
           "Bio.": ("Billion", "Billionen"), "Tsd.": ("tausend", "tausend")}


class German(Wording):
    code = "de"
    spelling = "de"
    point, and_, percent, to, dot, at = "Komma", "und", "Prozent", "bis", "Punkt", "at"
    months = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
              "Oktober", "November", "Dezember")
    ordinal_suffix = r"(?!)"  # "3." is read by the rules below, with its ending
    units: ClassVar = {
        "km": ("Kilometer", "Kilometer"), "km/h": ("Kilometer pro Stunde", "Kilometer pro Stunde"),
        "km²": ("Quadratkilometer", "Quadratkilometer"), "m": ("Meter", "Meter"),
        "cm": ("Zentimeter", "Zentimeter"), "mm": ("Millimeter", "Millimeter"),
        "kg": ("Kilogramm", "Kilogramm"), "g": ("Gramm", "Gramm"), "°C": ("Grad", "Grad"),
        "MW": ("Megawatt", "Megawatt"), "GW": ("Gigawatt", "Gigawatt"), "ha": ("Hektar", "Hektar")}
    currencies: ClassVar = {"€": Currency("Euro", "Euro", "Cent", "Cent"),
                            "$": Currency("Dollar", "Dollar", "Cent", "Cent"),
                            "£": Currency("Pfund", "Pfund", "Penny", "Pence"),
                            "CHF": Currency("Franken", "Franken", "Rappen", "Rappen")}
    scales: ClassVar = {"Millionen": "", "Million": "", "Milliarden": "", "Milliarde": "",
                        "Billionen": "", "Billion": ""}
    magnitudes: ClassVar = {6: ("Million", "Millionen"), 9: ("Milliarde", "Milliarden"),
                            12: ("Billion", "Billionen")}
    abbreviations: ClassVar = {
        "z. B.": "zum Beispiel", "z.B.": "zum Beispiel", "d. h.": "das heißt", "d.h.": "das heißt",
        "u. a.": "unter anderem", "u.a.": "unter anderem", "v. a.": "vor allem", "v.a.": "vor allem",
        "z. T.": "zum Teil", "z.T.": "zum Teil", "u. U.": "unter Umständen", "o. Ä.": "oder Ähnliches",
        "v. Chr.": "vor Christus", "n. Chr.": "nach Christus", "bzw.": "beziehungsweise",
        "usw.": "und so weiter", "ca.": "circa", "Dr.": "Doktor", "Prof.": "Professor",
        "Nr.": "Nummer", "St.": "Sankt", "Str.": "Straße", "inkl.": "inklusive", "evtl.": "eventuell",
        "ggf.": "gegebenenfalls", "vgl.": "vergleiche", "zzgl.": "zuzüglich", "Jh.": "Jahrhundert",
        "Hr.": "Herr", "Fr.": "Frau", "Abs.": "Absatz", "Tel.": "Telefon", "Mio.": "Millionen",
        "Mrd.": "Milliarden", "Tsd.": "Tausend", "GmbH": "G m b H"}
    acronym_words = frozenset({
        "NATO", "UNO", "UNESCO", "UNICEF", "OPEC", "FIFA", "UEFA", "AIDS", "COVID", "NASA", "DAX",
        "ADAC", "DIN", "TÜV", "BAMF", "ESA", "CERN", "ASEAN", "FARC", "ETA", "COP", "KITA", "NABU",
        "DAAD"})
    fraction_as_number = False
    before_noun: ClassVar = {"eins": "ein"}
    cents_with_and = False
    feminine_nouns = frozenset({
        "million", "milliarde", "billion", "person", "stunde", "woche", "minute", "sekunde", "tonne",
        "frau", "stadt", "nacht", "partei", "stimme", "familie", "schule", "firma", "frage"})
    feminine_endings = ("ung", "heit", "keit", "schaft", "ion", "tät", "ei", "enz", "anz", "ie", "ik",
                        "ur")

    def tidy(self, words: str, to: str) -> str:
        return words.replace("einstausend", "eintausend")  # num2words' 101000

    def counts(self, word: str, one: bool) -> bool:
        """A noun is written with a capital; only one ("ein", "eine") changes before it."""
        return one and word[0].isupper() and word not in self.months

    def feminine(self, words: str) -> str:
        return words[:-1] + "e" if words.endswith("eins") else words

    def masculine(self, words: str, noun: str | None) -> str:
        return words[:-1] if words.endswith("eins") else words

    def ordinal_with(self, value: int, before: str | None, alone: str) -> str:
        """ "dritte" with the ending the word `before` asks for, or `alone` without one."""
        if before is None:
            return self.say(value, "ordinal") + alone
        ending = "" if before.lower() in ("der", "die", "das") else "n"
        return f"{before} {self.say(value, 'ordinal')}{ending}"

    def time(self, hour: int, minute: int, ampm: str) -> str:
        spoken = f"{self.count(str(hour))} Uhr"
        return f"{spoken} {self.say(minute)}" if minute else spoken

    def date(self, day: int, month: str, year: str | None) -> str:
        spoken = f"{self.say(day, 'ordinal')}r {month}"
        return f"{spoken} {self.year(year)}" if year else spoken

    def roman(self, name: str, value: int) -> str:
        return f"{name} der {self.say(value, 'ordinal').capitalize()}"

    def early_rules(self) -> list[Rule]:
        num = number_pattern(self)
        currencies = "|".join(re.escape(c) for c in self.currencies)

        def scale(m: re.Match[str]) -> str:  # "12 Mio." -> "12 Millionen", read with any currency
            one, many = _SCALES[m["s"]]
            return f"{m['a']} {one if m['a'] == '1' else many}"

        def one_million(m: re.Match[str]) -> str:
            spoken = "eintausend" if m["s"] == "tausend" else f"eine {m['s']}"
            return f"{spoken} {self.currencies[m['cur']].many}" if m["cur"] else spoken

        def date(m: re.Match[str]) -> str:
            spoken = f"{self.ordinal_with(int(m['d']), m['pre'], 'r')} {m['month']}"
            return f"{spoken} {self.year(m['y'])}" if m["y"] else spoken

        def numeric_date(m: re.Match[str]) -> str:  # "24.11.2026", "24/11/2026", "2026-11-24"
            day = self.ordinal_with(int(m["d"]), m["pre"], "r")
            ending = "r" if m["pre"] is None else ("" if m["pre"].lower() in ("der", "die", "das") else "n")
            return f"{day} {self.say(int(m['mo']), 'ordinal')}{ending} {self.year(m['y'])}"

        months = "|".join(self.months)
        return [
            (re.compile(rf"(?P<a>{num})\s?(?P<s>Mio\.|Mrd\.|Bio\.|Tsd\.)"), scale),
            (re.compile(rf"(?<![\d,.])1\s(?P<s>Million|Milliarde|Billion|tausend)\b"
                        rf"(?:\s?(?P<cur>{currencies}))?"), one_million),
            (re.compile(r"\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s?Uhr\b"),
             lambda m: self.time(int(m["h"]), int(m["m"] or 0), "")),
            (re.compile(rf"(?:\b(?P<pre>{_BEFORE})\s)?\b(?P<d>[0-3]?\d)(?P<s>[./])(?P<mo>[01]?\d)(?P=s)"
                        rf"(?P<y>\d{{4}})\b"), numeric_date),
            (re.compile(rf"(?:\b(?P<pre>{_BEFORE})\s)?\b(?P<y>(?:1[1-9]|20)\d\d)-(?P<mo>[01]\d)-"
                        r"(?P<d>[0-3]\d)\b"), numeric_date),
            (re.compile(rf"(?:\b(?P<pre>{_BEFORE})\s)?\b(?P<d>[1-3]?\d)\.\s(?P<month>{months})"
                        rf"(?:\s(?P<y>\d{{4}}))?\b"), date),
            (re.compile(rf"(?:\b(?P<pre>{_BEFORE})\s)?(?<![\w.,])(?P<n>\d{{1,3}})\.(?=\s[^\W\d_])"),
             lambda m: self.ordinal_with(int(m["n"]), m["pre"], "e")),
        ]
