"""News-aware normalization: golden text for each class, in English and in Spanish."""

import pytest

from briefing.script.verbalize import normalize

ENGLISH = [
    ("It cost $318.5 million.", "It cost three hundred eighteen point five million dollars."),
    ("Tickets are $9.99 each.", "Tickets are nine dollars and ninety-nine cents each."),
    ("Prices rose 2.5% last year.", "Prices rose two point five percent last year."),
    ("They met at 6:30 a.m. and left at 7:00.", "They met at six thirty A M and left at seven o'clock."),
    ("On November 24, 2026 it rained.", "On November twenty-fourth, twenty twenty-six it rained."),
    ("On 24 November 2026 it rained.", "On the twenty-fourth of November, twenty twenty-six it rained."),
    ("The 3rd attempt failed.", "The third attempt failed."),
    ("In 1990 the wall fell.", "In nineteen ninety the wall fell."),
    ("From 1990-1995 there were 10-20 storms.",
     "From nineteen ninety to nineteen ninety-five there were ten to twenty storms."),
    ("Some 70,000 civilians left.", "Some seventy thousand civilians left."),
    ("It was 20°C on a 5 km road after 12 mm of rain.",
     "It was twenty degrees Celsius on a five kilometers road after twelve millimeters of rain."),
    ("Dr. Smith and Gen. Lee met Mr. Jones in the U.S. and the U.K.",
     "Doctor Smith and General Lee met Mister Jones in the U S and the U K."),
    ("The FBI and NATO agreed.", "The F B I and NATO agreed."),
    ("World War II ended before Charles III was born.",
     "World War Two ended before Charles the Third was born."),
    ("Smith & Sons grew 3.25 times.", "Smith and Sons grew three point two five times."),
    ("See https://www.example.org/news or mail news@example.org.",
     "See example dot org or mail news at example dot org."),
]
SPANISH = [
    ("Costó 3,2 millones de euros.", "Costó tres coma dos millones de euros."),
    ("Llegaron 12.000 personas.", "Llegaron doce mil personas."),
    ("Subió un 3,5% este año.", "Subió un tres coma cinco por ciento este año."),
    ("El 24 de noviembre de 2026 llovió.", "El veinticuatro de noviembre de dos mil veintiséis llovió."),
    ("Abrió a las 6:30.", "Abrió a las seis y treinta."),
    ("Pagó 10 € por 5 km.", "Pagó diez euros por cinco kilómetros."),
    ("El billete cuesta 4,50 € y la tasa sube al 3,25 %.",
     "El billete cuesta cuatro euros con cincuenta céntimos y la tasa sube al tres coma "
     "veinticinco por ciento."),
    ("Cuesta 0,50 €, 1 € o $1.99, no $1.500.",
     "Cuesta cincuenta céntimos, un euro o un dólar con noventa y nueve centavos, no mil "
     "quinientos dólares."),
    ("El Sr. García viajó a EE. UU.", "El señor García viajó a Estados Unidos."),
    ("Fue el 1.º de la lista.", "Fue el primero de la lista."),
    ("Felipe VI habló.", "Felipe sexto habló."),
    ("Entre 10-20 heridos en 1990.", "Entre diez a veinte heridos en mil novecientos noventa."),
    ("El FBI y la ONU & la OTAN.", "El F B I y la ONU y la OTAN."),
    ("Más en www.ejemplo.es/noticias o en prensa@ejemplo.es.",
     "Más en ejemplo punto es o en prensa arroba ejemplo punto es."),
]


@pytest.mark.parametrize(("printed", "spoken"), ENGLISH)
def test_english(printed, spoken):
    assert normalize(printed, "en") == spoken


@pytest.mark.parametrize(("printed", "spoken"), SPANISH)
def test_spanish(printed, spoken):
    assert normalize(printed, "es") == spoken


def test_addresses_can_be_dropped():
    assert normalize("Read more at https://example.org/a today.", "en", urls=False) == "Read more at today."


def test_urls_option_on_the_command_line(tmp_path):
    import json

    from ..conftest import run_cli

    article = tmp_path / "a.txt"
    article.write_text("Read the full report at https://example.org/report today.\n")
    spoken = json.loads(run_cli("script", article, "--urls", "drop", "--json").output)
    sentence = spoken["segments"][1]["sentences"][0]
    assert sentence["spoken"] == "Read the full report at today."
    assert sentence["text"] == "Read the full report at https://example.org/report today."
