"""French as a newsreader says it: golden text for each class, in French notation."""

import pytest

from briefing.script.verbalize import normalize

NUMBERS = [
    ("Près de 3 500 manifestants.", "Près de trois mille cinq cents manifestants."),
    ("Quelque 12\u202f000 soldats et 70\u00a0000 civils.",
     "Quelque douze mille soldats et soixante-dix mille civils."),
    ("Un budget de 4,8 millions.", "Un budget de quatre virgule huit millions."),
    ("Il y a 1 200 000 habitants, 81 départements et 3,25 fois plus.",
     "Il y a un million deux cent mille habitants, quatre-vingt-un départements et trois virgule vingt-cinq "
     "fois plus."),
    ("Près de 1 million de votants, dont 1 sur 3.", "Près d'un million de votants, dont un sur trois."),
    ("De 10-20 blessés.", "De dix à vingt blessés."),
]
MONEY = [
    ("Le café coûte 4,50 €.", "Le café coûte quatre euros cinquante."),
    ("Un ticket à 1 € ou 0,50 €.", "Un ticket à un euro ou cinquante centimes."),
    ("Un contrat de 3,2 millions d'euros.", "Un contrat de trois virgule deux millions d'euros."),
    ("Une amende de 3,2 M€ et de 1,5 Md€.",
     "Une amende de trois virgule deux millions d'euros et d'un virgule cinq milliard d'euros."),
    ("Il a payé 1 000 $ et 250 millions $.",
     "Il a payé mille dollars et deux cent cinquante millions de dollars."),
]
PERCENTAGES = [
    ("Le chômage atteint 7,4 %.", "Le chômage atteint sept virgule quatre pour cent."),
    ("Une hausse de 2,5\u00a0% et de 0,05 %.",
     "Une hausse de deux virgule cinq pour cent et de zéro virgule zéro cinq pour cent."),
    ("Il a obtenu 51 % des voix.", "Il a obtenu cinquante et un pour cent des voix."),
]
TIMES = [
    ("Rendez-vous à 7 h 30.", "Rendez-vous à sept heures trente."),
    ("Ouvert de 9h à 18h.", "Ouvert de neuf heures à dix-huit heures."),
    ("À 1 h, à 21 h 01 et à 0 h 15.", "À une heure, à vingt et une heures une et à minuit quinze."),
    ("Le train part à 18:45.", "Le train part à dix-huit heures quarante-cinq."),
]
DATES = [
    ("Le 24 novembre 2026, il a plu.", "Le vingt-quatre novembre deux mille vingt-six, il a plu."),
    ("Le 1er décembre et le 1 mai.", "Le premier décembre et le premier mai."),
    ("Le 21 juillet 1969 et le 11 Novembre.",
     "Le vingt et un juillet mille neuf cent soixante-neuf et le onze Novembre."),
    ("Elle est arrivée 1re, lui 1er, puis 2e et 2nde.",
     "Elle est arrivée première, lui premier, puis deuxième et seconde."),
    ("La 3ème et la 80e place, le 21e rang.",
     "La troisième et la quatre-vingtième place, le vingt et unième rang."),
    ("Au XXIe siècle, sous la Ve République.", "Au vingt et unième siècle, sous la cinquième République."),
    ("Louis XIV, François Ier et Élisabeth II.", "Louis quatorze, François premier et Élisabeth deux."),
]
YEARS = [
    ("En 1990, puis en 2026.", "En mille neuf cent quatre-vingt-dix, puis en deux mille vingt-six."),
    ("De 1939-1945.", "De mille neuf cent trente-neuf à mille neuf cent quarante-cinq."),
    ("Les années 1980.", "Les années mille neuf cent quatre-vingts."),
]
ABBREVIATIONS = [
    ("M. Dupont et Mme Durand.", "monsieur Dupont et madame Durand."),
    ("Le Dr Martin, Me Bernard et le Pr Lefèvre.",
     "Le docteur Martin, maître Bernard et le professeur Lefèvre."),
    ("Né en 52 av. J.-C. au n° 5.", "Né en cinquante-deux avant Jésus-Christ au numéro cinq."),
    ("Des fruits, p. ex. des pommes, etc.", "Des fruits, par exemple des pommes, et cetera."),
    ("Il fait 20 °C sur 5 km à 90 km/h.",
     "Il fait vingt degrés sur cinq kilomètres à quatre-vingt-dix kilomètres-heure."),
]


@pytest.mark.parametrize(("printed", "spoken"),
                         NUMBERS + MONEY + PERCENTAGES + TIMES + DATES + YEARS + ABBREVIATIONS)
def test_french(printed, spoken):
    assert normalize(printed, "fr") == spoken
