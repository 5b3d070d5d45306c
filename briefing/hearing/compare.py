"""Whether a sentence was heard as it is written: the recognizer's words against the script's.

Both go through `words` (numbers in words, one spelling for what sounds the same), then are
aligned word by word. A stretch that differs only in where the spaces fall ("health care",
"healthcare") is forgiven. What is left counts as errors, and the sentence is heard wrong
(`Judgement.wrong`) when a number word differs, or when at least `MIN_ERRORS` words are wrong and
they are more than `MAX_RATE` of its words: one word misheard is too often the recognizer's own
mistake (Whisper base writes a name it does not know as it likes) to re-speak a sentence for it.

The sentence is compared with its printed text read the way briefing reads it and with what the
voice was given (after the lexicon's respellings), and is heard right if it matches either: a
respelling ("Kehr-sohn") is not how a recognizer writes the name it heard right ("Kherson").

A sentence heard wrong is a name's (`Judgement.name`) when every word heard wrong is a name:
written with a capital inside the sentence, or respelled by the voice's lexicon. Speaking it more
slowly does not help a name (0 of 15 in trials); a lexicon entry does.
"""

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.hearing.words import Token, is_number, spoken_words, tokens

#: A sentence with fewer wrong words than this is heard right (unless a number is wrong).
MIN_ERRORS = 2
#: ... and so is one with at most this share of its words wrong.
MAX_RATE = 0.15


@dataclass(frozen=True)
class Judgement:
    errors: int
    """Words wrong, added or missing, after what is forgiven."""
    words: int
    """Words in the script's sentence."""
    numbers: tuple[str, ...] = ()
    """Number words said or heard where the other side differs."""
    names: tuple[str, ...] = ()
    """Names (as printed) among the words heard wrong."""
    others: bool = False
    """Whether some word heard wrong, added or missing is not a name."""

    @property
    def wrong(self) -> bool:
        return bool(self.numbers) or (self.errors >= MIN_ERRORS
                                      and self.errors > MAX_RATE * max(1, self.words))

    @property
    def name(self) -> bool:
        """Heard wrong only in its names."""
        return self.wrong and bool(self.names) and not self.others and not self.numbers


def judge(text: str, spoken: str, heard: str, language: str) -> Judgement:
    """How `heard` (the recognizer's text) matches a sentence printed as `text` and given to the
    voice as `spoken`: by whichever of the two it matches better, the printed text when it
    matches neither (its names are the ones to report)."""
    heard_tokens = tokens(spoken_words(heard, language), language)
    printed_tokens = tokens(spoken_words(text, language), language)
    printed = compare(printed_tokens, heard_tokens, language)
    if not printed.wrong or spoken == text:
        return printed
    spoken_tokens = tokens(spoken_words(spoken, language), language)
    said = compare(spoken_tokens, heard_tokens, language)
    if not said.wrong:
        return said
    # Words the lexicon respelled are names, whatever their case ("kyiv").
    respelled = frozenset(t.key for t in printed_tokens) - {t.key for t in spoken_tokens}
    return compare(printed_tokens, heard_tokens, language, respelled)


def compare(reference: Sequence[Token], heard: Sequence[Token], language: str,
            respelled: frozenset[str] = frozenset()) -> Judgement:
    """The errors of `heard` against `reference` (see the module's docstring); words keyed in
    `respelled` are names too."""
    matcher = difflib.SequenceMatcher(None, [t.key for t in reference], [t.key for t in heard],
                                      autojunk=False)
    errors, numbers, names, others = 0, [], [], False
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        said, got = reference[a1:a2], heard[b1:b2]
        if tag == "equal" or "".join(t.key for t in said) == "".join(t.key for t in got):
            continue
        errors += max(len(said), len(got))
        numbers += [t.raw for t in (*said, *got) if is_number(t, language)]
        for token in said:
            if token.key in respelled or _is_name(token, reference):
                names.append(token.printed)
            else:
                others = True
        others = others or not said
    return Judgement(errors, len(reference), tuple(numbers), tuple(dict.fromkeys(names)), others)


def _is_name(token: Token, sentence: Sequence[Token]) -> bool:
    """Written with a capital, and not as the sentence's first word (any word has one there)."""
    return token.printed[:1].isupper() and token is not sentence[0] and token.printed != "I"
