"""The rules stay linear: text eight times as long, built from the runs that make a careless
pattern backtrack (long runs of digits, dots, dashes, letters before an "@"), takes about eight
times as long to read, not sixty-four as when a number or e-mail pattern could start anywhere
inside such a run."""

import time

import pytest

from briefing.script.verbalize import normalize

#: Runs that once made patterns quadratic: a number or e-mail pattern tried at every position.
HOSTILE = ("1234567890", "a.b", "1.1.", "1-", "1 000 ", "'9", "ABC ", "$1.", "1 %", "am 3. ", "in Q",
           "Jan ", "G7", "+1 ", "01 ", "1/1/", "Ab-", "1990-9", "$1.5m", "1,5 M€", "-1", " 1 a")


def _seconds(text: str, language: str) -> float:
    """This process's CPU time, the best of several runs: on a loaded machine the wall-clock time
    of a run is stretched by other processes, the longer run more often, which looked like
    quadratic growth where there was none."""
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        normalize(text, language)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("language", ["en", "es", "fr", "it", "pt-BR", "de"])
def test_time_grows_in_proportion_to_the_text(language):
    for unit in HOSTILE:
        small = _seconds(unit * (2000 // len(unit)), language)
        large = _seconds(unit * (16000 // len(unit)), language)
        assert large < 24 * small, f"{unit!r}: {small:.3f} s, then {large:.3f} s for eight times the text"
