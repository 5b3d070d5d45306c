"""Spanish as a newsreader says it: "12.000" is "doce mil", "3,25 %" "tres coma veinticinco por ciento",
"4,50 €" "cuatro euros con cincuenta céntimos", "3,2 millones de euros", "24 de
noviembre de 2026", "EE. UU." is "Estados Unidos", "Felipe VI" "Felipe sexto", "Luis XIV" "Luis
catorce" and "siglo XXI" "siglo veintiuno".

A number agrees with the noun it counts: "mil quinientas personas", "veintiuna víctimas", "la 1ª
etapa" is "la primera etapa", and "uno" is cut short before a masculine noun ("veintiún años",
"treinta y un millones", "el 1.º puesto" is "el primer puesto"). A noun's gender is read from its
ending, with the common exceptions listed ("el problema", "la mujer").
"""

import re
from typing import ClassVar

from briefing.script.rules import ROMAN_VALUE
from briefing.script.wording import Currency, Rule, Wording

#: Scale nouns: a number's words before one of them agree with it (masculine), not with the
#: noun after ("doscientos millones de personas").
_SCALE = re.compile(r".*\b(?:millón|millones|billón|billones)\b")
_UNO = re.compile(r"\b(veinti)?uno$")


def _tail(words: str, change: "re.Pattern[str]", to: str) -> str:
    head = _SCALE.match(words)
    cut = head.end() if head else 0
    return words[:cut] + change.sub(to, words[cut:])


def feminine_ordinal(words: str) -> str:
    """ "primera", "vigésima primera"."""
    return " ".join(w[:-1] + "a" if w.endswith("o") else w for w in words.split(" "))


class Spanish(Wording):
    code = "es"
    spelling = "es"
    point, and_, percent, to, dot, at = "coma", "y", "por ciento", "a", "punto", "arroba"
    minus, plus = "menos", "más"
    months = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
              "octubre", "noviembre", "diciembre")
    month_first = True
    ordinal_suffix = r"(?:\.?º|\.?ª|\.?°|\.?er)"
    units: ClassVar = {
        "km": ("kilómetro", "kilómetros"), "km/h": ("kilómetro por hora", "kilómetros por hora"),
        "m": ("metro", "metros"), "cm": ("centímetro", "centímetros"),
        "mm": ("milímetro", "milímetros"), "kg": ("kilo", "kilos"), "g": ("gramo", "gramos"),
        "°C": ("grado", "grados"), "MW": ("megavatio", "megavatios"), "ha": ("hectárea", "hectáreas")}
    currencies: ClassVar = {"$": Currency("dólar", "dólares", "centavo", "centavos"),
                            "€": Currency("euro", "euros", "céntimo", "céntimos"),
                            "£": Currency("libra", "libras", "céntimo", "céntimos")}
    scales: ClassVar = {"millones": "de", "millón": "de", "mil millones": "de", "billones": "de",
                        "billón": "de"}
    magnitudes: ClassVar = {6: ("millón", "millones"), 9: ("mil millones", "mil millones"),
                            12: ("billón", "billones")}
    abbreviations: ClassVar = {
        "Sr.": "señor", "Sra.": "señora", "Srta.": "señorita", "Dr.": "doctor", "Dra.": "doctora",
        "Gral.": "general", "EE. UU.": "Estados Unidos", "EE.UU.": "Estados Unidos",
        "etc.": "etcétera", "núm.": "número", "Av.": "avenida", "aprox.": "aproximadamente"}
    acronym_words = frozenset({
        "ONU", "OTAN", "OPEP", "UNESCO", "UNICEF", "FIFA", "UEFA", "ACNUR", "FARC", "ETA", "SIDA",
        "COVID", "OVNI", "IVA", "RAE", "BOE", "CIS", "PSOE", "PYME", "PYMES", "NASA", "MERCOSUR",
        "UNAM", "CELAC"})
    cents_and = "con"
    counts_nouns = True
    not_counted = frozenset({
        "de", "del", "a", "al", "en", "y", "e", "o", "u", "que", "con", "por", "para", "sin", "se",
        "es", "son", "fue", "fueron", "ha", "han", "había", "habían", "más", "menos", "tras",
        "entre", "sobre", "hasta", "desde", "según", "como", "cuando", "mientras", "los", "las",
        "unos", "unas", "sus", "estos", "estas", "esos", "esas", "aquellos", "aquellas", "nos",
        "les", "pues", "después", "antes", "además", "atrás", "jamás", "también", "ni"})
    feminine_endings = ("a", "as", "ión", "iones", "dad", "dades", "tad", "tades", "tud", "tudes",
                        "umbre", "umbres", "ie", "ies")
    feminine_nouns = frozenset({
        "mujer", "mujeres", "vez", "veces", "muerte", "muertes", "noche", "noches", "tarde",
        "tardes", "parte", "partes", "gente", "sede", "sedes", "red", "redes", "ley", "leyes",
        "madre", "madres", "llave", "llaves", "calle", "calles", "nave", "naves", "clase", "clases",
        "fase", "fases", "base", "bases", "frase", "frases", "flor", "flores", "mano", "manos",
        "foto", "fotos", "moto", "motos", "imagen", "imágenes", "fuente", "fuentes", "torre",
        "torres", "cárcel", "cárceles", "señal", "señales", "crisis", "tesis", "dosis", "hipótesis"})
    masculine_nouns = frozenset({
        "día", "días", "mapa", "mapas", "problema", "problemas", "programa", "programas", "sistema",
        "sistemas", "tema", "temas", "idioma", "idiomas", "clima", "dilema", "dilemas", "drama",
        "dramas", "poema", "poemas", "planeta", "planetas", "cometa", "cometas", "esquema",
        "esquemas", "síntoma", "síntomas", "diploma", "diplomas", "lema", "lemas", "atleta",
        "atletas", "poeta", "poetas", "astronauta", "astronautas", "sofá", "sofás", "tranvía",
        "tranvías", "pie", "pies", "avión", "aviones", "camión", "camiones", "guion", "guiones",
        "policía", "policías", "colega", "colegas", "guía", "guías", "pijama", "pijamas"})

    def is_feminine(self, noun: str) -> bool:
        word = noun.split(" ")[0].lower()
        if word.endswith(("ista", "istas")):  # "periodistas": either, so the generic masculine
            return False
        return super().is_feminine(noun)

    def tidy(self, words: str, to: str) -> str:
        # num2words' "veintiuno millones", "doscientos uno mil": "veintiún millones", "doscientos un mil"
        return re.sub(r"\b(veinti)?uno (?=mil\b|millones\b|billones\b)",
                      lambda m: "veintiún " if m[1] else "un ", words)

    def feminine(self, words: str) -> str:
        return _tail(_tail(words, re.compile(r"ientos\b"), "ientas"), _UNO, r"\1una")

    def masculine(self, words: str, noun: str | None) -> str:
        return _UNO.sub(lambda m: "veintiún" if m[1] else "un", words)

    def ordinal(self, value: int, suffix: str) -> str:
        spoken = self.say(value, "ordinal")
        if suffix.endswith("ª"):
            return feminine_ordinal(spoken)
        return self.ordinal_before(spoken) if suffix.endswith("er") else spoken

    def ordinal_before(self, spoken: str) -> str:
        return re.sub(r"\b(prim|terc)ero$", r"\1er", spoken)

    def date(self, day: int, month: str, year: str | None) -> str:
        spoken = f"{'primero' if day == 1 else self.say(day)} de {month}"
        return f"{spoken} de {self.say(int(year))}" if year else spoken

    def year(self, text: str) -> str:
        return self.number(text)

    def roman(self, name: str, value: int) -> str:
        """A king's or pope's number is an ordinal up to ten ("Felipe sexto", "Isabel segunda")
        and a cardinal above ("Luis catorce", "Alfonso trece")."""
        if name in ("War", "Guerra", "Mundial") or value > 10:
            return f"{name} {self.say(value)}"
        spoken = self.say(value, "ordinal")
        return f"{name} {feminine_ordinal(spoken) if name in self.female_names else spoken}"

    def early_rules(self) -> list[Rule]:
        def century(m: re.Match[str]) -> str:  # "siglo XXI" is "siglo veintiuno"
            values = [ROMAN_VALUE.get(r) for r in (m["r"], m["r2"]) if r]
            if not all(values):
                return m.group(0)
            spoken = f"{m['s']} {self.say(values[0] or 0)}"
            return f"{spoken}{m['j']}{self.say(values[1] or 0)}" if m["r2"] else spoken

        return [(re.compile(r"\b(?P<s>[Ss]iglos?)\s(?P<r>[IVX]+)(?:(?P<j>\s(?:y|e|o|al|a)\s|-)"
                            r"(?P<r2>[IVX]+))?\b"), century)]
