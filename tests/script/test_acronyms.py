"""Acronyms: spelled by rule, read as words from each language's list, and moved either way by the
user's lexicon."""

import pytest

from briefing.script.verbalize import normalize


@pytest.mark.parametrize(("language", "printed", "spoken"), [
    ("en", "The WHO and NATO met the FBI.", "The W H O and NATO met the F B I."),
    ("es", "La OTAN y la ONU con el PIB de la UE.", "La OTAN y la ONU con el P I B de la U E."),
    ("fr", "L'OTAN, l'ONU et la SNCF.", "L'OTAN, l'ONU et la S N C F."),
    ("it", "La NATO, l'INPS e il CNR.", "La NATO, l'INPS e il C N R."),
    ("pt", "A ONU, o SUS e o STF.", "A ONU, o SUS e o S T F."),
    ("de", "Die NATO, der TÜV und die SPD.", "Die NATO, der TÜV und die S P D."),
])
def test_each_language_has_its_own_words(language, printed, spoken):
    assert normalize(printed, language) == spoken


def test_the_users_list_moves_acronyms_either_way():
    text = "NASA and the WFP and the UNFCCC."
    assert normalize(text, "en") == "NASA and the W F P and the UNFCCC."
    overrides = {"NASA": "letters", "WFP": "word", "UNFCCC": "letters"}
    assert normalize(text, "en", acronyms=overrides) == "N A S A and the WFP and the U N F C C C."


def test_roman_numerals_and_long_capitals_are_not_spelled():
    assert normalize("an IV drip and the MERCOSUR deal.", "en") == "an IV drip and the MERCOSUR deal."
    assert normalize("an IV drip and the MERCOSUR deal.", "en", acronyms={"IV": "letters"}) == \
        "an I V drip and the MERCOSUR deal."


def test_shouted_headlines_are_left_as_words():
    assert normalize("FLOODS HIT THE CITY", "en") == "FLOODS HIT THE CITY"
    assert normalize("BREAKING: the EU and the UK agree.", "en") == "BREAKING: the E U and the U K agree."
