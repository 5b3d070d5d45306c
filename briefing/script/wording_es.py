"""Spanish as a newsreader says it: "12.000" is "doce mil", "3,25 %" "tres coma veinticinco por ciento",
"4,50 €" "cuatro euros con cincuenta céntimos", "3,2 millones de euros", "24 de
noviembre de 2026", "EE. UU." is "Estados Unidos" and "Felipe VI" "Felipe sexto"."""

from typing import ClassVar

from briefing.script.wording import Currency, Wording


class Spanish(Wording):
    code = "es"
    spelling = "es"
    point, and_, percent, to, dot, at = "coma", "y", "por ciento", "a", "punto", "arroba"
    months = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
              "octubre", "noviembre", "diciembre")
    month_first = True
    ordinal_suffix = r"(?:\.?º|\.?ª|\.?°)"
    units: ClassVar = {
        "km": ("kilómetro", "kilómetros"), "km/h": ("kilómetro por hora", "kilómetros por hora"),
        "m": ("metro", "metros"), "cm": ("centímetro", "centímetros"),
        "mm": ("milímetro", "milímetros"), "kg": ("kilo", "kilos"), "g": ("gramo", "gramos"),
        "°C": ("grado", "grados"), "MW": ("megavatio", "megavatios"), "ha": ("hectárea", "hectáreas")}
    currencies: ClassVar = {"$": Currency("dólar", "dólares", "centavo", "centavos"),
                            "€": Currency("euro", "euros", "céntimo", "céntimos"),
                            "£": Currency("libra", "libras", "céntimo", "céntimos")}
    scales: ClassVar = {"millones": "de", "millón": "de", "mil millones": "de", "billones": "de"}
    abbreviations: ClassVar = {
        "Sr.": "señor", "Sra.": "señora", "Srta.": "señorita", "Dr.": "doctor", "Dra.": "doctora",
        "Gral.": "general", "EE. UU.": "Estados Unidos", "EE.UU.": "Estados Unidos",
        "etc.": "etcétera", "núm.": "número", "Av.": "avenida"}
    acronym_words = frozenset({
        "ONU", "OTAN", "OPEP", "UNESCO", "UNICEF", "FIFA", "UEFA", "ACNUR", "FARC", "ETA", "SIDA",
        "COVID", "OVNI", "IVA", "RAE", "BOE", "CIS", "PSOE", "PYME", "PYMES", "NASA", "MERCOSUR",
        "UNAM", "CELAC"})
    cents_and = "con"
    before_noun: ClassVar = {"uno": "un", "veintiuno": "veintiún"}

    def date(self, day: int, month: str, year: str | None) -> str:
        spoken = f"{'primero' if day == 1 else self.say(day)} de {month}"
        return f"{spoken} de {self.say(int(year))}" if year else spoken

    def year(self, text: str) -> str:
        return self.number(text)

    def roman(self, name: str, value: int) -> str:
        if name in ("War", "Guerra", "Mundial"):
            return f"{name} {self.say(value)}"
        return f"{name} {self.say(value, 'ordinal')}"
