"""Apple's podcast categories: exact spellings, and the closest named for a near miss."""

import pytest

from briefing.publish.categories import CATEGORIES, parse_category


def test_apples_table_has_its_19_categories_and_110_entries():
    assert len(CATEGORIES) == 19
    assert len(CATEGORIES) + sum(len(subs) for subs in CATEGORIES.values()) == 110
    assert "Daily News" in CATEGORIES["News"] and CATEGORIES["Technology"] == ()


@pytest.mark.parametrize(("value", "parsed"), [
    ("News/Daily News", ("News", "Daily News")),
    ("news / daily news", ("News", "Daily News")),  # Apple's spelling whatever the case
    ("Technology", ("Technology", None)),
    ("Society & Culture/Places & Travel", ("Society & Culture", "Places & Travel")),
])
def test_a_known_category_is_given_in_apples_spelling(value, parsed):
    assert parse_category(value) == parsed


@pytest.mark.parametrize(("value", "closest"), [
    ("Daily News", "News/Daily News"),  # a subcategory alone
    ("Tecnology", "Technology"),
    ("Sport/Soccer", "Sports/Soccer"),
    ("News/Local", "News"),
])
def test_an_unknown_category_names_the_closest(value, closest):
    with pytest.raises(ValueError, match=f"^the closest to '{value}' is '{closest}'$"):
        parse_category(value)
