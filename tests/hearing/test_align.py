"""Words given to sentences by time: by where each word ends."""

from briefing.hearing.align import per_sentence, text_of
from briefing.hearing.recognizer import Word

#: Two sentences with a pause between them, as a manifest has them.
SPANS = [(0.30, 2.00), (2.70, 4.00)]


def test_the_first_word_after_a_pause_stamped_inside_it_goes_to_its_own_sentence():
    """Whisper stamps "In" as starting in the pause (2.10 s), well before its sentence (2.70 s):
    by its middle it would go to the sentence before, by its end it goes to its own."""
    words = [Word(0.3, 0.9, " The"), Word(0.9, 1.95, " harbour."), Word(2.10, 2.95, " In"),
             Word(2.95, 3.9, " June.")]
    first, second = per_sentence(words, SPANS)
    assert text_of(first) == "The harbour." and text_of(second) == "In June."


def test_a_word_stamped_a_little_late_stays_with_its_sentence_and_the_tail_is_nobodys():
    words = [Word(1.5, 2.12, " late."), Word(2.8, 3.5, " next"), Word(4.3, 4.9, " Thanks.")]
    first, second = per_sentence(words, SPANS)
    assert (text_of(first), text_of(second)) == ("late.", "next")


def test_words_in_any_order_and_sentences_with_none():
    words = [Word(3.0, 3.5, " b"), Word(0.5, 1.0, " a")]
    assert [text_of(w) for w in per_sentence(words, [*SPANS, (4.5, 5.0)])] == ["a", "b", ""]
    assert per_sentence([], SPANS) == [[], []]
