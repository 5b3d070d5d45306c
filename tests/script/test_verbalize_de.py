"""German as a newsreader says it: golden text for each class, in German notation."""

import pytest

from briefing.script.verbalize import normalize

NUMBERS = [
    ("Es kamen 12.000 Menschen.", "Es kamen zwölftausend Menschen."),
    ("Die Stadt hat 1.250.000 Einwohner.", "Die Stadt hat eine Million zweihundertfünfzigtausend Einwohner."),
    ("Ein Defizit von 4,8 Millionen und 3,25 mal mehr.",
     "Ein Defizit von vier Komma acht Millionen und drei Komma zwei fünf mal mehr."),
    ("Es gab 10-20 Verletzte.", "Es gab zehn bis zwanzig Verletzte."),
]
MONEY = [
    ("Ein Kaffee kostet 4,50 €.", "Ein Kaffee kostet vier Euro fünfzig."),
    ("Der Preis: 1 € oder 0,99 €.", "Der Preis: ein Euro oder neunundneunzig Cent."),
    ("Ein Auftrag über 12 Mio. Euro und 1 Mio. Euro.",
     "Ein Auftrag über zwölf Millionen Euro und eine Million Euro."),
    ("Es fehlen 3,5 Mrd. €; 1 Million € kam zurück.",
     "Es fehlen drei Komma fünf Milliarden Euro; eine Million Euro kam zurück."),
    ("Er zahlte 1,2 Mrd. Dollar.", "Er zahlte eins Komma zwei Milliarden Dollar."),
]
PERCENTAGES = [
    ("Die Inflation lag bei 2,5 %.", "Die Inflation lag bei zwei Komma fünf Prozent."),
    ("Das Plus beträgt 1 %, das Minus 12%.", "Das Plus beträgt ein Prozent, das Minus zwölf Prozent."),
]
TIMES = [
    ("Die Sitzung beginnt um 18.30 Uhr.", "Die Sitzung beginnt um achtzehn Uhr dreißig."),
    ("Um 18 Uhr, um 1 Uhr und um 9:05 Uhr.", "Um achtzehn Uhr, um ein Uhr und um neun Uhr fünf."),
    ("Anpfiff ist um 20:15.", "Anpfiff ist um zwanzig Uhr fünfzehn."),
]
DATES = [
    ("Am 24. November 2026 regnete es.",
     "Am vierundzwanzigsten November zweitausendsechsundzwanzig regnete es."),
    ("Berlin, 24. November 2026.", "Berlin, vierundzwanzigster November zweitausendsechsundzwanzig."),
    ("Vom 1. bis 3. Mai, der 3. Oktober.", "Vom ersten bis dritten Mai, der dritte Oktober."),
    ("Am 24.11.2026 fiel Schnee.", "Am vierundzwanzigsten elften zweitausendsechsundzwanzig fiel Schnee."),
    ("Der 3. Platz, die 2. Liga, beim 5. Versuch.",
     "Der dritte Platz, die zweite Liga, beim fünften Versuch."),
    ("Im 21. Jahrhundert regierte Karl III. das Land.",
     "Im einundzwanzigsten Jahrhundert regierte Karl der Dritte das Land."),
    ("Papst Leo XIV. sprach, Wilhelm II. schwieg.",
     "Papst Leo der Vierzehnte sprach, Wilhelm der Zweite schwieg."),
]
YEARS = [
    ("Im Jahr 1990 und 2026.", "Im Jahr neunzehnhundertneunzig und zweitausendsechsundzwanzig."),
    ("Von 1939-1945.", "Von neunzehnhundertneununddreißig bis neunzehnhundertfünfundvierzig."),
]
ABBREVIATIONS = [
    ("Dr. Müller und Prof. Schmidt.", "Doktor Müller und Professor Schmidt."),
    ("Obst, z. B. Äpfel, d. h. Bio, usw.", "Obst, zum Beispiel Äpfel, das heißt Bio, und so weiter."),
    ("Es kamen ca. 300, bzw. Nr. 5 und u. a. Gäste.",
     "Es kamen circa dreihundert, beziehungsweise Nummer fünf und unter anderem Gäste."),
    ("Gebaut 52 v. Chr. von der Muster GmbH.", "Gebaut zweiundfünfzig vor Christus von der Muster G m b H."),
    ("Es ist 20 °C, die Strecke ist 5 km lang, Tempo 90 km/h.",
     "Es ist zwanzig Grad, die Strecke ist fünf Kilometer lang, Tempo neunzig Kilometer pro Stunde."),
]


@pytest.mark.parametrize(("printed", "spoken"),
                         NUMBERS + MONEY + PERCENTAGES + TIMES + DATES + YEARS + ABBREVIATIONS)
def test_german(printed, spoken):
    assert normalize(printed, "de") == spoken
