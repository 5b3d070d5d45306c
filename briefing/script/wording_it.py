"""Italian as a newsreader says it: "12.000" is "dodicimila", "4,50 €" "quattro euro e cinquanta
centesimi", "alle 18:30" "alle diciotto e trenta", "1º dicembre" "primo dicembre", "Carlo III"
"Carlo terzo", "XXI secolo" "ventunesimo secolo", "secolo XXI" "secolo ventunesimo" and "il sig.
Rossi" "il signor Rossi". One is "una" before a feminine noun ("una persona"), "uno" before "s"
and a consonant, "z" or "gn" ("uno studente") and "un" before the others ("un anno").
"""

import re
from typing import ClassVar

from briefing.script.rules import ROMAN_VALUE
from briefing.script.wording import Currency, Rule, Wording


def feminine(words: str) -> str:
    """An ordinal as said of a feminine noun: "prima", "ventunesima"."""
    return " ".join(w[:-1] + "a" if w.endswith("o") else w for w in words.split(" "))


class Italian(Wording):
    code = "it"
    spelling = "it"
    point, and_, percent, to, dot, at = "virgola", "e", "per cento", "a", "punto", "chiocciola"
    minus, plus = "meno", "più"
    months = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
              "settembre", "ottobre", "novembre", "dicembre")
    month_case = True
    day_suffix = r"(?:º|°)?"
    ordinal_suffix = r"(?:º|°|ª)"
    units: ClassVar = {
        "km": ("chilometro", "chilometri"), "km/h": ("chilometro orario", "chilometri orari"),
        "km²": ("chilometro quadrato", "chilometri quadrati"), "m": ("metro", "metri"),
        "cm": ("centimetro", "centimetri"), "mm": ("millimetro", "millimetri"),
        "kg": ("chilo", "chili"), "g": ("grammo", "grammi"), "°C": ("grado", "gradi"),
        "MW": ("megawatt", "megawatt"), "GW": ("gigawatt", "gigawatt"), "ha": ("ettaro", "ettari")}
    currencies: ClassVar = {"€": Currency("euro", "euro", "centesimo", "centesimi"),
                            "$": Currency("dollaro", "dollari", "centesimo", "centesimi"),
                            "£": Currency("sterlina", "sterline", "penny", "pence")}
    scales: ClassVar = {"milioni": "di", "milione": "di", "miliardi": "di", "miliardo": "di", "mila": "",
                        "mille miliardi": "di"}
    magnitudes: ClassVar = {6: ("milione", "milioni"), 9: ("miliardo", "miliardi"),
                            12: ("mille miliardi", "mille miliardi")}
    abbreviations: ClassVar = {
        "sig.": "signor", "Sig.": "signor", "sig.ra": "signora", "Sig.ra": "signora",
        "sig.na": "signorina", "Sig.na": "signorina", "dott.": "dottor", "Dott.": "dottor",
        "dott.ssa": "dottoressa", "Dott.ssa": "dottoressa", "prof.": "professor", "Prof.": "professor",
        "prof.ssa": "professoressa", "Prof.ssa": "professoressa", "avv.": "avvocato",
        "Avv.": "avvocato", "ing.": "ingegner", "Ing.": "ingegner", "arch.": "architetto",
        "on.": "onorevole", "On.": "onorevole", "sen.": "senatore", "Sen.": "senatore",
        "Mons.": "monsignor", "card.": "cardinale", "Card.": "cardinale", "ecc.": "eccetera",
        "ca.": "circa", "S.p.A.": "società per azioni", "p.zza": "piazza", "P.zza": "piazza",
        "v.le": "viale", "V.le": "viale", "c.so": "corso", "C.so": "corso"}
    acronym_words = frozenset({
        "NATO", "ONU", "UNESCO", "UNICEF", "OPEC", "FIFA", "UEFA", "AIDS", "COVID", "ISTAT", "INPS",
        "INAIL", "IVA", "IRPEF", "IMU", "FIAT", "ANSA", "RAI", "CONSOB", "CONI", "ENI", "ENEL", "TAR",
        "PIL", "NASA", "ASL", "ANAS", "ATAC", "CERN", "SIAE", "COP", "FARC", "ETA", "CEI"})
    before_noun: ClassVar = {"uno": "un"}
    counts_nouns = True
    plural_endings = ()  # only one agrees: "ventuno persone"
    not_counted = frozenset({
        "di", "del", "della", "dei", "degli", "delle", "a", "al", "alla", "ai", "in", "nel",
        "nella", "e", "o", "che", "con", "per", "tra", "fra", "su", "sul", "da", "dal", "è",
        "sono", "fu", "ha", "hanno", "più", "meno", "dopo", "prima", "come", "quando", "i", "gli",
        "le", "anche", "mentre"})
    feminine_endings = ("a", "zione", "sione", "tà", "tù", "ie")
    feminine_nouns = frozenset({
        "notte", "parte", "gente", "morte", "madre", "legge", "nave", "classe", "fase", "base",
        "frase", "chiave", "fonte", "torre", "mano", "foto", "moto", "radio", "fine"})
    masculine_nouns = frozenset({
        "problema", "sistema", "programma", "tema", "clima", "pianeta", "poeta", "papa", "dramma",
        "cinema", "atleta", "collega", "giornalista", "dilemma", "schema", "diploma"})

    def tidy(self, words: str, to: str) -> str:
        return words.replace("dicott", "diciott")  # num2words elides 118 to "centodicotto"

    def feminine(self, words: str) -> str:
        return "una" if words == "uno" else words

    def masculine(self, words: str, noun: str | None) -> str:
        if words == "uno" and noun and re.match(r"(?i)s[^aeiouàèéìòù]|z|gn|ps|pn|x|y", noun):
            return words  # "uno studente", "uno zaino"
        return super().masculine(words, noun)

    def roman(self, name: str, value: int) -> str:
        spoken = self.say(value, "ordinal")
        return f"{name} {feminine(spoken) if name in self.female_names else spoken}"

    def percentage(self, text: str) -> str:
        return f"{self.number(text)} {self.percent}"  # "l'uno per cento"

    def ordinal(self, value: int, suffix: str) -> str:
        spoken = self.say(value, "ordinal")
        return feminine(spoken) if suffix == "ª" else spoken

    def time(self, hour: int, minute: int, ampm: str) -> str:
        spoken = "una" if hour == 1 else self.say(hour)  # "all'una"
        return f"{spoken} e {self.say(minute)}" if minute else spoken

    def date(self, day: int, month: str, year: str | None) -> str:
        spoken = f"{'primo' if day == 1 else self.say(day)} {month}"
        return f"{spoken} {self.year(year)}" if year else spoken

    def early_rules(self) -> list[Rule]:
        def century(m: re.Match[str]) -> str:
            value = ROMAN_VALUE.get(m["r"])
            return f"{self.say(value, 'ordinal')} " if value else m.group(0)

        # "l'1 maggio", "dall'1 giugno": the first of the month is "il primo", "dal primo", and
        # the elided article takes its full form before the consonant.
        articles = {"l": "il", "all": "al", "dall": "dal", "dell": "del", "nell": "nel", "sull": "sul"}

        def first_of_month(m: re.Match[str]) -> str:
            word = articles[m["a"].lower()]
            return f"{word[0].upper() + word[1:] if m['a'][0].isupper() else word} 1"

        def century_after(m: re.Match[str]) -> str:  # "secolo XXI"
            value = ROMAN_VALUE.get(m["r"])
            return f"{m['s']} {self.say(value, 'ordinal')}" if value else m.group(0)

        return [
            (re.compile(rf"\b(?P<a>[Aa]ll|[Dd]all|[Dd]ell|[Nn]ell|[Ss]ull|[Ll])['\u2019]1(?=\s+(?:"
                        rf"{'|'.join(self.months)})\b)"), first_of_month),
            (re.compile(r"\b(?P<r>[IVX]+)\s(?=secolo\b)"), century),
            (re.compile(r"\b(?P<s>[Ss]ecolo)\s(?P<r>[IVX]+)\b"), century_after),
            (re.compile(r"\b(?:[Nn]r?)\.\s?(?=\d)"), lambda m: "numero "),
        ]
