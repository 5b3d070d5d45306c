"""Recognized words given to the sentences they belong to, by time.

The manifest and the captions say when every sentence starts and ends. A word belongs to the first
sentence it ends in (with `SLACK` for a word stamped a little late), so a word that ends in a
pause belongs to the sentence after it. By the word's end, not its middle: Whisper stamps the
first word after a pause as starting inside the pause ("In" 28.70 to 29.44 s for a sentence that
starts at 29.37 s), so its middle can fall before the sentence and give it to the one before.
"""

from collections.abc import Sequence

from briefing.hearing.recognizer import Word

#: Seconds a word may end after its sentence's end and still belong to it.
SLACK = 0.15


def per_sentence(words: Sequence[Word], spans: Sequence[tuple[float, float]]) -> list[list[Word]]:
    """The words of each sentence, `spans` being each sentence's (start, end) in the words' time,
    in order. A word that ends after the last sentence (the tail, the outro music) is nobody's."""
    found: list[list[Word]] = [[] for _ in spans]
    index = 0
    for word in sorted(words, key=lambda w: w.end):
        while index < len(spans) and word.end > spans[index][1] + SLACK:
            index += 1
        if index == len(spans):
            break
        found[index].append(word)
    return found


def text_of(words: Sequence[Word]) -> str:
    """What was heard, as Whisper wrote it (its words carry their leading spaces)."""
    return "".join(word.text for word in words).strip()
