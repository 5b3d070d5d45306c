"""Portuguese as a newsreader says it, in Portugal (`pt`, `pt-PT`) and in Brazil (`pt-BR`): "12.000"
is "doze mil", "R$ 4,50" "quatro reais e cinquenta centavos", "5h às 23h" "cinco horas às vinte e
três horas", "1º de dezembro" "primeiro de dezembro", "2ª" "segunda", "século XXI" "século vinte e
um" and "Sr." "senhor". Brazil and Portugal differ in spelling ("dezesseis", "dezasseis";
"quilômetro", "quilómetro") and in the euro's cents (centavos, cêntimos).
"""

import re
from typing import ClassVar

from briefing.script.rules import ROMAN_VALUE
from briefing.script.wording import Currency, Rule, Wording

_UNITS = {"km/h": ("quilómetro por hora", "quilómetros por hora"), "km": ("quilómetro", "quilómetros"),
          "km²": ("quilómetro quadrado", "quilómetros quadrados"), "m": ("metro", "metros"),
          "cm": ("centímetro", "centímetros"), "mm": ("milímetro", "milímetros"),
          "kg": ("quilo", "quilos"), "g": ("grama", "gramas"), "°C": ("grau", "graus"),
          "MW": ("megawatt", "megawatts"), "GW": ("gigawatt", "gigawatts"), "ha": ("hectare", "hectares")}


#: Scale nouns: the words before one of them agree with it ("duzentos milhões de pessoas").
_SCALE = re.compile(r".*\b(?:milhão|milhões|bilhão|bilhões|trilhão|trilhões)\b")
_FEMININE = {"um": "uma", "dois": "duas"}


def feminine(words: str) -> str:
    """A number as said of a feminine noun: "uma hora", "vinte e duas horas", "mil e quinhentas
    pessoas", "duzentas e duas mil" (but "dois milhões de pessoas": the scale is masculine)."""
    head = _SCALE.match(words)
    cut = head.end() if head else 0
    tail = " ".join(_FEMININE.get(word, re.sub(r"entos$", "entas", word))
                    for word in words[cut:].split(" "))
    return words[:cut] + tail


def feminine_ordinal(words: str) -> str:
    """ "primeira", "vigésima segunda"."""
    return " ".join(word[:-1] + "a" if word.endswith("o") else word for word in words.split(" "))


class Portuguese(Wording):
    code = "pt"
    spelling = "pt"
    point, and_, percent, to, dot, at = "vírgula", "e", "por cento", "a", "ponto", "arroba"
    minus, plus = "menos", "mais"
    months = ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
              "outubro", "novembro", "dezembro")
    month_case = True
    day_suffix = r"(?:\.?º|°)?"
    ordinal_suffix = r"(?:\.?º|\.?ª|°)"
    units: ClassVar = _UNITS
    currencies: ClassVar = {"R$": Currency("real", "reais", "centavo", "centavos"),
                            "US$": Currency("dólar", "dólares", "cêntimo", "cêntimos"),
                            "€": Currency("euro", "euros", "cêntimo", "cêntimos"),
                            "$": Currency("dólar", "dólares", "cêntimo", "cêntimos"),
                            "£": Currency("libra", "libras", "pêni", "pence")}
    scales: ClassVar = {"milhões": "de", "milhão": "de", "bilhões": "de", "bilhão": "de",
                        "mil milhões": "de", "trilhões": "de", "trilhão": "de", "mil": ""}
    magnitudes: ClassVar = {6: ("milhão", "milhões"), 9: ("mil milhões", "mil milhões"),
                            12: ("bilião", "biliões")}
    abbreviations: ClassVar = {
        "Sr.": "senhor", "Sra.": "senhora", "Srta.": "senhorita", "Dr.": "doutor", "Dra.": "doutora",
        "Prof.": "professor", "Profa.": "professora", "Exmo.": "excelentíssimo",
        "Exma.": "excelentíssima", "V. Exa.": "Vossa Excelência", "Av.": "avenida", "etc.": "etcétera",
        "pág.": "página", "Ltda.": "limitada", "Cia.": "companhia", "Dep.": "deputado",
        "Sen.": "senador", "Gen.": "general", "Pe.": "padre", "Sto.": "santo", "Sta.": "santa",
        "aprox.": "aproximadamente", "EUA": "Estados Unidos"}
    acronym_words = frozenset({
        "ONU", "OTAN", "NATO", "UNESCO", "UNICEF", "OPEP", "FIFA", "UEFA", "AIDS", "SIDA", "COVID",
        "SUS", "USP", "ENEM", "MEC", "ANVISA", "IBAMA", "DETRAN", "PETROBRAS", "EMBRAPA", "TAP",
        "NASA", "MERCOSUL", "BRICS", "COP", "FUNAI", "INEP", "UNICAMP", "FIOCRUZ", "CERN", "FARC"})
    singular_below_two = True
    counts_nouns = True
    not_counted = frozenset({
        "de", "do", "da", "dos", "das", "a", "à", "às", "ao", "aos", "em", "no", "na", "nos", "nas",
        "e", "ou", "que", "com", "por", "para", "sem", "se", "é", "são", "foi", "foram", "há",
        "mais", "menos", "após", "entre", "sobre", "até", "desde", "segundo", "como", "quando",
        "os", "as", "uns", "umas", "seus", "suas", "estes", "estas", "esses", "essas", "depois",
        "antes", "também", "nem", "pois"})
    feminine_endings = ("a", "as", "ção", "ções", "são", "sões", "dade", "dades", "gem", "gens",
                        "tude", "tudes", "ie", "ies")
    feminine_nouns = frozenset({
        "mulher", "mulheres", "vez", "vezes", "morte", "mortes", "noite", "noites", "tarde",
        "tardes", "parte", "partes", "gente", "sede", "sedes", "rede", "redes", "lei", "leis",
        "mãe", "mães", "árvore", "árvores", "ordem", "ordens", "flor", "flores", "mão", "mãos",
        "foto", "fotos", "fonte", "fontes", "torre", "torres", "classe", "classes", "fase",
        "fases", "base", "bases", "frase", "frases", "crise", "crises", "nave", "naves"})
    masculine_nouns = frozenset({
        "dia", "dias", "mapa", "mapas", "problema", "problemas", "programa", "programas",
        "sistema", "sistemas", "tema", "temas", "idioma", "idiomas", "clima", "drama", "dramas",
        "poema", "poemas", "planeta", "planetas", "cometa", "cometas", "esquema", "esquemas",
        "sintoma", "sintomas", "diploma", "diplomas", "atleta", "atletas", "astronauta",
        "astronautas", "telefonema", "telefonemas", "grama", "gramas", "quilograma", "quilogramas",
        "policia", "polícias", "colega", "colegas", "guia", "guias", "pijama", "pijamas",
        "cinema", "cinemas"})

    def is_feminine(self, noun: str) -> bool:
        word = noun.split(" ")[0].lower()
        if word.endswith(("ista", "istas")):  # "jornalistas": either, so the generic masculine
            return False
        return super().is_feminine(noun)

    def feminine(self, words: str) -> str:
        return feminine(words)

    def ordinal(self, value: int, suffix: str) -> str:
        spoken = self.say(value, "ordinal")
        return feminine_ordinal(spoken) if suffix.endswith("ª") else spoken

    def time(self, hour: int, minute: int, ampm: str) -> str:
        spoken = f"{feminine(self.say(hour))} hora{'' if hour == 1 else 's'}"
        if minute:
            spoken += f" e {self.say(minute)} minuto{'' if minute == 1 else 's'}"
        return spoken

    def date(self, day: int, month: str, year: str | None) -> str:
        spoken = f"{'primeiro' if day == 1 else self.say(day)} de {month}"
        return f"{spoken} de {self.year(year)}" if year else spoken

    def roman(self, name: str, value: int) -> str:
        """Ordinal up to ten ("Pedro segundo", "Isabel segunda"), cardinal beyond ("Bento
        dezesseis")."""
        if value > 10:
            return f"{name} {self.say(value)}"
        spoken = self.say(value, "ordinal")
        return f"{name} {feminine_ordinal(spoken) if name in self.female_names else spoken}"

    def early_rules(self) -> list[Rule]:
        def century(m: re.Match[str]) -> str:
            value = ROMAN_VALUE.get(m["r"])
            return f"{m['s']} {self.say(value)}" if value else m.group(0)

        return [
            (re.compile(r"\b(?P<h>[01]?\d|2[0-3])\s?h(?:(?P<m>[0-5]\d)(?:min)?)?(?!\w)"),
             lambda m: self.time(int(m["h"]), int(m["m"] or 0), "")),
            (re.compile(r"\b[Nn]\.?[º°]\s?(?=\d)"), lambda m: "número "),
            (re.compile(r"\b(?P<s>[Ss]éculo)\s(?P<r>[IVX]+)\b"), century),
        ]


class BrazilianPortuguese(Portuguese):
    code = "pt-BR"
    spelling = "pt_BR"
    units: ClassVar = {k: (one.replace("quilómetro", "quilômetro"), many.replace("quilómetro", "quilômetro"))
                       for k, (one, many) in _UNITS.items()}
    magnitudes: ClassVar = {6: ("milhão", "milhões"), 9: ("bilhão", "bilhões"),
                            12: ("trilhão", "trilhões")}
    currencies: ClassVar = {**Portuguese.currencies,
                            "US$": Currency("dólar", "dólares", "centavo", "centavos"),
                            "€": Currency("euro", "euros", "centavo", "centavos"),
                            "$": Currency("dólar", "dólares", "centavo", "centavos")}
