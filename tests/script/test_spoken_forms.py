"""Figures said whole in every language we frame: the golden table in `spoken_forms.toml`, and
the property that no comma, which every engine reads as a pause, falls inside a spoken number."""

import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.script.verbalize import normalize

TABLE = tomllib.loads((Path(__file__).parent / "spoken_forms.toml").read_text(encoding="utf-8"))
CASES = [(case, language, printed, said)
         for case, languages in TABLE.items()
         for language, forms in languages.items()
         for printed, said in forms.items()]
#: How each language groups thousands in print.
GROUPING = {"en": ",", "en-GB": ",", "es": ".", "fr": "\u202f", "it": ".", "pt": ".", "pt-BR": ".",
            "de": "."}


@pytest.mark.parametrize(("case", "language", "printed", "said"), CASES,
                         ids=[f"{c}-{lang}-{p}" for c, lang, p, _ in CASES])
def test_spoken_form(case, language, printed, said):
    assert normalize(printed, language) == said


def test_the_table_covers_every_language_we_frame():
    languages = {language for _, language, _, _ in CASES}
    assert {"en", "es", "fr", "it", "pt", "de"} <= {code.split("-")[0] for code in languages}


def _grouped(value: int, mark: str) -> str:
    return f"{value:,}".replace(",", mark)


@pytest.mark.parametrize("language", sorted(GROUPING))
@settings(max_examples=150, deadline=None)
@given(value=st.integers(min_value=0, max_value=10**15 - 1), grouped=st.booleans())
def test_no_comma_inside_a_spoken_number(language, value, grouped):
    printed = _grouped(value, GROUPING[language]) if grouped else str(value)
    spoken = normalize(f"Total {printed} ok", language)
    assert not re.search(r"\w,\s*\w", spoken), (printed, spoken)


@settings(max_examples=150, deadline=None)
@given(value=st.integers(min_value=1, max_value=10**12))
def test_no_comma_inside_english_money_or_ordinals(value):
    for printed in (f"${value:,}.50", f"{value:,}th", f"£{value:,}"):
        spoken = normalize(f"Total {printed} ok", "en")
        assert not re.search(r"\w,\s*\w", spoken), (printed, spoken)
