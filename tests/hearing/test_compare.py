"""What is forgiven when the recognizer's text is compared with the script, and what is not."""

import pytest

from briefing.hearing.compare import judge
from briefing.hearing.words import number_words

RIGHT = [
    # (language, printed text, heard)
    ("en", "It ordered the evacuation of 70,000 civilians.",
     "It ordered the evacuation of seventy thousand civilians."),
    ("en", "A news briefing for Tuesday, November 24, 2026.",
     "a news briefing for Tuesday, November twenty-fourth, twenty twenty-six"),
    ("en", "The flight leaves at 6:30 a.m. from Gate 4.", "The flight leaves at 6.30am from gate four."),
    ("en", "The programme will cost $3.2 million, the council said.",
     "The program will cost 3.2 million dollars, the council said."),
    ("en", "Their neighbours painted the centre in grey and analysed the colour.",
     "There neighbors painted the center in gray and analyzed the color."),
    ("en", "It is advancing step by step in the health care system.",
     "It's advancing step-by-step in the healthcare system."),
    ("en", "The two sides met for four hours.", "The 2 sides met for 4 hours."),
    ("en", "She did not know it was 25% higher.", "She didn't know it was twenty-five percent higher."),
    ("es", "El 24 de noviembre llegaron 1.500 personas.",
     "El veinticuatro de noviembre llegaron mil quinientas personas."),
    ("es", "Ahí no hay agua.", "Hay no ahí agua."),
    ("fr", "Elle a donné son accord et il est parti.", "Elle à donner son accord et il et partie."),
    ("pt", "O concerto começou às 9 horas.", "O conserto começou às nove horas."),
    ("en", "The summit in Kyiv ended.", "The summit in Kiev ended."),
]


@pytest.mark.parametrize(("language", "text", "heard"), RIGHT)
def test_numbers_spellings_and_homophones_are_forgiven(language, text, heard):
    judged = judge(text, text, heard, language)
    assert not judged.wrong, judged


def test_a_number_heard_wrong_is_wrong_even_alone():
    judged = judge("The dam holds fifty million litres.", "The dam holds fifty million litres.",
                   "The dam holds fifteen million litres.", "en")
    assert judged.wrong and judged.numbers == ("fifty", "fifteen") and judged.errors == 1


def test_one_word_misheard_is_not_enough_but_two_are():
    text = "Engineers said the lake behind the dam is already half full."
    assert not judge(text, text, "Engineers said the lake behind the damn is already half full.",
                     "en").wrong
    assert judge(text, text, "Engineers set the lake behind the damn is already half full.",
                 "en").wrong


def test_a_sentence_wrong_only_in_its_names_is_a_names():
    text = "That was Kherson, a news briefing for Tuesday."
    judged = judge(text, "That was Kehr-sohn, a news briefing for Tuesday.",
                   "That was K. or Sone, a news briefing for Tuesday.", "en")
    assert judged.wrong and judged.name and judged.names == ("Kherson",)


def test_a_word_the_lexicon_respelled_is_a_name_whatever_its_case():
    judged = judge("It was waged in the suburbs of kyiv last spring.",
                   "It was waged in the suburbs of Keev last spring.",
                   "It was waged in the suburbs of chaos cave last spring.", "en")
    assert judged.wrong and judged.name and judged.names == ("kyiv",)


def test_a_respelling_heard_as_the_name_is_right():
    """The lexicon's respelling is what the voice was given; the recognizer writes the name."""
    judged = judge("Troops reached Kherson and Dnieper.", "Troops reached Kehr-sohn and Nee-per.",
                   "Troops reached Kherson and Dnieper.", "en")
    assert not judged.wrong and judged.errors == 0


def test_a_sentence_backwards_is_wrong_and_not_a_names():
    text = "The town council opened the new water reservoir on Monday after three years of work."
    heard = "Work of years three after Monday on reservoir water new the opened council town the."
    judged = judge(text, text, heard, "en")
    assert judged.wrong and not judged.name


def test_phoneme_markup_in_the_spoken_form_is_not_compared_as_words():
    judged = judge("Erdogan of Türkiye spoke.", "Erdogan of [Türkiye](/tˈɜɹkijA/) spoke.",
                   "Erdogan of Turkey spoke.", "en")
    assert judged.errors == 1 and not judged.wrong


def test_number_words_are_known_in_each_language_without_articles():
    assert {"seventy", "thousand", "fourth", "million"} <= number_words("en")
    assert {"veinticuatro", "mil", "quinientos"} <= number_words("es")
    assert {"quatre", "vingt", "mille"} <= number_words("fr")
    assert not {"un", "una", "y", "and", "e", "et"} & (number_words("es") | number_words("en")
                                                       | number_words("fr") | number_words("pt"))
