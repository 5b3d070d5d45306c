"""French as a newsreader says it: "3 500" (thousands grouped by a space, plain or no-break) is
"trois mille cinq cents", "4,50 €" "quatre euros cinquante", "3,2 M€" "trois virgule deux millions
d'euros", "7 h 30" "sept heures trente", "1er décembre" "premier décembre", "Louis XIV" "Louis
quatorze", "XXIe siècle" "vingt et unième siècle" and "M. Dupont" "monsieur Dupont".
"""

import re
from typing import ClassVar

from briefing.script.rules import NAME, ROMAN_VALUE
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
    ordinal_suffix = r"(?:ère|re|ᵉʳ|er|ème|ᵉ|e|nde|nd|ª|º)"
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
    scales: ClassVar = {"millions": "de", "million": "de", "milliards": "de", "milliard": "de",
                        "billions": "de", "billion": "de"}
    magnitudes: ClassVar = {6: ("million", "millions"), 9: ("milliard", "milliards"),
                            12: ("billion", "billions")}
    minus, plus = "moins", "plus"
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
    counts_nouns = True
    plural_endings = ("s", "x")
    not_counted = frozenset({
        "de", "des", "du", "à", "au", "aux", "en", "et", "ou", "que", "qui", "avec", "par", "pour",
        "sans", "sur", "sous", "dans", "entre", "selon", "après", "avant", "depuis", "les", "leurs",
        "ses", "ces", "mes", "nos", "vos", "plus", "moins", "fois", "dont", "est", "sont", "a",
        "ont", "était", "étaient", "fut", "mais", "puis", "pas", "jamais", "aussi", "alors"})
    feminine_nouns = frozenset({
        "personne", "personnes", "victime", "victimes", "femme", "femmes", "heure", "heures",
        "semaine", "semaines", "année", "années", "journée", "journées", "tonne", "tonnes",
        "entreprise", "entreprises", "famille", "familles", "voix", "maison", "maisons", "ville",
        "villes", "minute", "minutes", "seconde", "secondes", "nuit", "nuits", "voiture",
        "voitures", "école", "écoles", "région", "régions", "commune", "communes", "place",
        "places", "page", "pages", "mesure", "mesures", "ligne", "lignes", "étape", "étapes",
        "livre", "livres", "fille", "filles", "mère", "mères", "vie", "vies", "balle", "balles",
        "blessée", "blessées", "députée", "députées", "circonscription",
        "circonscriptions", "chaîne", "chaînes", "manche", "manches", "partie", "parties",
        "équipe", "équipes", "espèce", "espèces", "victoire", "victoires", "défaite",
        "défaites", "lettre", "lettres", "loi", "lois", "usine", "usines", "élection",
        "élections", "nation", "nations", "question", "questions", "raison", "raisons"})
    feminine_endings = ("tion", "tions", "sion", "sions", "ette", "ettes", "ance", "ances",
                        "ence", "ences", "ité", "ités", "ure", "ures")
    masculine_nouns = frozenset({"mort", "morts", "silence", "silences", "mercure"})

    def tidy(self, words: str, to: str) -> str:
        return words.replace("tsième", "tième")  # "quatre-vingtième", not "quatre-vingtsième"

    def feminine(self, words: str) -> str:
        return feminine(words)

    def phone(self, groups: list[str]) -> str:
        """French numbers are read in pairs, as numbers: "zéro un, vingt-trois…"."""
        def pair(group: str) -> str:
            if len(group) > 2:
                return self.digits(group)
            zeros = len(group) - len(group.lstrip("0"))
            said = [self.say(0)] * min(zeros, len(group) - 1) + [self.say(int(group))]
            return " ".join(said)

        return " ".join(f"{self.plus} {pair(g[1:])}" if g.startswith("+") else pair(g)
                        for g in groups)

    def of(self, joiner: str, noun: str) -> str:
        if joiner == "de" and noun[0] in _VOWELS:
            return f"d'{noun}"
        return super().of(joiner, noun)

    def ordinal(self, value: int, suffix: str) -> str:
        if suffix.startswith("nd"):
            return "seconde" if suffix == "nde" else "second"
        if value == 1:
            return "première" if suffix in ("re", "ère", "ª") else "premier"
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
        def century(m: re.Match[str]) -> str:
            value = ROMAN_VALUE.get(m["r"])
            return self.ordinal(value, "e") if value else m.group(0)

        return [
            (re.compile(r"\b(?P<h>[01]?\d|2[0-3])\s?h\s?(?P<m>[0-5]\d)?(?!\w)"),
             lambda m: self.time(int(m["h"]), int(m["m"] or 0), "")),
            (re.compile(r"\b[Nn][°º]\s?(?=\d)"), lambda m: "numéro "),
            (re.compile(rf"\b(?P<name>{NAME})\s(?P<r>Ier|Ire|1er|1re)\b"),
             lambda m: f"{m['name']} {'première' if m['r'].endswith('re') else 'premier'}"),
            (re.compile(r"\b(?P<r>[IVXL]+)(?:ème|ᵉ|e)\b"), century),
            (re.compile(r"\bMe(?=\s[A-ZÀ-Þ])"), lambda m: "maître"),
        ]

    def late_rules(self) -> list[Rule]:
        # "près de 1 million" is "près d'un million" once the number is a word
        return [(re.compile(r"\b(?P<w>[Dd]|[Qq]u)e (?=une?\b)"), lambda m: f"{m['w']}'")]
