"""Sentence splitting of long paragraphs: a window at a time, so the time grows with the length,
and the same sentences as the paragraph's parts give."""

import pysbd
import pytest

from briefing.script.sentences import MARGIN, WINDOW, split_sentences

from ..conftest import SEED

#: A paragraph that holds what pysbd's rules look at: abbreviations, initials, decimals, quotes.
PARAGRAPH = (" ".join(SEED.read_text().split()) + ' He said "Go. Now." Then he left. Dr. Smith paid '
             "$1.50 at 3 p.m. in the U.S. Government office. (See p. 4 and p. 5.) The U.N. met on "
             "Jan. 5 at 10 a.m. Mr. J. R. R. Tolkien wrote. It cost 3.5 million.")


@pytest.fixture
def pysbd_inputs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of every text pysbd is given (its segmenter still does the work)."""
    lengths: list[int] = []
    segment = pysbd.Segmenter.segment

    def counted(self: pysbd.Segmenter, text: str) -> list[str]:
        lengths.append(len(text))
        return segment(self, text)

    monkeypatch.setattr(pysbd.Segmenter, "segment", counted)
    return lengths


def test_a_long_paragraph_gives_the_sentences_of_its_parts():
    one = split_sentences(PARAGRAPH)
    assert len(one) >= 20
    assert split_sentences(" ".join([PARAGRAPH] * 40)) == one * 40


def test_pysbd_is_given_a_window_at_a_time_so_the_time_is_linear(pysbd_inputs):
    huge = " ".join([PARAGRAPH] * 80)  # about 250 KB: pysbd alone would take over ten seconds
    sentences = split_sentences(huge)
    assert len(sentences) == 80 * len(split_sentences(PARAGRAPH))
    assert max(pysbd_inputs) <= WINDOW
    # each window but the last moves on by at least WINDOW - MARGIN - a sentence's length
    assert sum(pysbd_inputs) < 1.3 * len(huge) + 2 * WINDOW


def test_a_paragraph_of_a_normal_length_is_split_whole(pysbd_inputs):
    paragraph = (PARAGRAPH * (WINDOW // len(PARAGRAPH) + 1))[:WINDOW]
    split_sentences(paragraph)
    assert pysbd_inputs == [WINDOW]


def test_a_sentence_longer_than_a_window_is_cut_at_a_space(pysbd_inputs):
    run_on = " ".join(["and the river rose"] * (3 * WINDOW // 19))
    pieces = split_sentences(run_on + ". It fell.")
    assert " ".join(pieces) == run_on + ". It fell."
    assert pieces[-1] == "It fell."
    assert all(len(piece) <= WINDOW - MARGIN for piece in pieces[:-2])
    assert max(pysbd_inputs) <= WINDOW


SPLITS = [
    ("en", "It weighs approx. 20 kg. Then it fell.", ["It weighs approx. 20 kg.", "Then it fell."]),
    ("en", "See No. 10 today. Dr. Smith came.", ["See No. 10 today.", "Dr. Smith came."]),
    ("en", "He lives in the U.S. He left.", ["He lives in the U.S.", "He left."]),
    ("es", "Pesa aprox. 20 kg. Luego cayó.", ["Pesa aprox. 20 kg.", "Luego cayó."]),
    ("es", "Viajó a EE.UU. y volvió.", ["Viajó a EE.UU. y volvió."]),
    ("es", "La Sra. García viajó a EE.UU. Luego volvió.",
     ["La Sra. García viajó a EE.UU.", "Luego volvió."]),
    ("pt", "Pesa aprox. 20 kg. Depois caiu.", ["Pesa aprox. 20 kg.", "Depois caiu."]),
]


@pytest.mark.parametrize(("language", "paragraph", "sentences"), SPLITS)
def test_an_abbreviation_inside_a_sentence_does_not_end_it(language, paragraph, sentences):
    """pysbd splits after "approx." and "aprox."; a piece starting with a figure after such an
    abbreviation, or in lower case after any, belongs to the sentence before."""
    assert split_sentences(paragraph, language) == sentences
