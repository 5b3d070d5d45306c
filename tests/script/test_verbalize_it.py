"""Italian as a newsreader says it: golden text for each class, in Italian notation."""

import pytest

from briefing.script.verbalize import normalize

NUMBERS = [
    ("Erano 12.000 persone.", "Erano dodicimila persone."),
    ("Conta 1.250.000 abitanti.", "Conta un milione e duecentocinquantamila abitanti."),
    ("Un debito di 4,8 milioni e 3,25 volte tanto.",
     "Un debito di quattro virgola otto milioni e tre virgola venticinque volte tanto."),
    ("Ci sono 21 morti e 1.000 feriti.", "Ci sono ventuno morti e mille feriti."),
]
MONEY = [
    ("Un caffè costa 4,50 €.", "Un caffè costa quattro euro e cinquanta centesimi."),
    ("Il biglietto costa 1 € o 0,99 €.", "Il biglietto costa un euro o novantanove centesimi."),
    ("Una multa di 3,2 milioni di euro e di 4,8 milioni €.",
     "Una multa di tre virgola due milioni di euro e di quattro virgola otto milioni di euro."),
    ("Un prestito di $ 20 e 5 miliardi di dollari.",
     "Un prestito di venti dollari e cinque miliardi di dollari."),
]
PERCENTAGES = [
    ("Il PIL è cresciuto del 2,5%.", "Il PIL è cresciuto del due virgola cinque per cento."),
    ("La disoccupazione è all'1% e al 12 %.", "La disoccupazione è all'uno per cento e al dodici per cento."),
    ("Un calo dello 0,3%.", "Un calo dello zero virgola tre per cento."),
]
TIMES = [
    ("Appuntamento alle 18:30.", "Appuntamento alle diciotto e trenta."),
    ("Chiude alle 18.30 e riapre alle 9:05.", "Chiude alle diciotto e trenta e riapre alle nove e cinque."),
    ("Parte all'1:15 e arriva alle 20:00.", "Parte all'una e quindici e arriva alle venti."),
]
DATES = [
    ("Il 24 novembre 2026 ha piovuto.", "Il ventiquattro novembre duemilaventisei ha piovuto."),
    ("Il 1º dicembre e il 1 maggio.", "Il primo dicembre e il primo maggio."),
    ("L'11 settembre 2001.", "L'undici settembre duemilauno."),
    ("L'1 gennaio, dall'1 maggio e nell’1 marzo; l'1 è dispari.",
     "Il primo gennaio, dal primo maggio e nel primo marzo; l'uno è dispari."),
    ("Arrivò 1º, lei 2ª, il 3° e la 21ª edizione.",
     "Arrivò primo, lei seconda, il terzo e la ventunesima edizione."),
    ("Carlo III e Papa Leone XIV nel XXI secolo.",
     "Carlo terzo e Papa Leone quattordicesimo nel ventunesimo secolo."),
]
YEARS = [
    ("Nel 1990 e nel 2026.", "Nel millenovecentonovanta e nel duemilaventisei."),
    ("Nel 1908 e nel 1980.", "Nel millenovecentotto e nel millenovecentottanta."),
    ("Dal 1915-1918.", "Dal millenovecentoquindici a millenovecentodiciotto."),
]
ABBREVIATIONS = [
    ("Il sig. Rossi e la sig.ra Bianchi.", "Il signor Rossi e la signora Bianchi."),
    ("Il dott. Verdi, la dott.ssa Neri e il prof. Gallo.",
     "Il dottor Verdi, la dottoressa Neri e il professor Gallo."),
    ("L'avv. Russo e l'on. Conti, ecc.", "L'avvocato Russo e l'onorevole Conti, eccetera."),
    ("La Fiat S.p.A. in p.zza Duomo al n. 5.",
     "La Fiat società per azioni in piazza Duomo al numero cinque."),
    ("Fa 20°C a 5 km, a 90 km/h.", "Fa venti gradi a cinque chilometri, a novanta chilometri orari."),
]


@pytest.mark.parametrize(("printed", "spoken"),
                         NUMBERS + MONEY + PERCENTAGES + TIMES + DATES + YEARS + ABBREVIATIONS)
def test_italian(printed, spoken):
    assert normalize(printed, "it") == spoken
