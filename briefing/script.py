"""The spoken script: a pure stage, text in, ordered segments with pauses and chapter titles out.

Everything later stages need (titles, sentences, pauses, language) is carried here, so synthesis,
assembly and export never go back to the sources, and `briefing script` can show exactly what will
be spoken without producing any audio.
"""

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass

from .language import primary
from .normalize import normalize
from .sentences import split_sentences
from .sources import Article

_WORD = re.compile(r"\w+")


def count_words(text: str) -> int:
    """Words as heard: runs of letters or digits ("hand-to-hand" is three)."""
    return len(_WORD.findall(text))


#: Chapter titles derived from a section's first sentence are cut to about this many characters.
TITLE_CHARS = 60


@dataclass(frozen=True)
class Pauses:
    """Silences between spoken units, in seconds; defaults follow radio news practice."""

    sentence: float = 0.35
    """After each sentence within a paragraph."""
    paragraph: float = 0.8
    """Between paragraphs of one segment."""
    segment: float = 1.2
    """Between segments (intro, each section, outro); a chime, if any, sits in this gap."""


@dataclass(frozen=True)
class Sentence:
    """One utterance for the engine."""

    text: str
    """As printed: shown in the transcript."""
    pause_after: float
    """Seconds of silence after this sentence; 0 after the last one of the bulletin."""
    spoken: str = ""
    """As spoken: numbers, money, dates and abbreviations in words (see `normalize`), then the
    voice's lexicon (respellings, phonemes)."""
    words: int = 0
    """Words heard, counted before the lexicon (a respelling such as Kehr-sohn is one word)."""

    @property
    def speech(self) -> str:
        """What the engine is given."""
        return self.spoken or self.text


@dataclass(frozen=True)
class Segment:
    """A chapter of the bulletin."""

    title: str
    kind: str
    """`intro`, `section` or `outro`."""
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Script:
    """The whole bulletin as text, in speaking order."""

    title: str
    date: dt.date
    language: str
    segments: tuple[Segment, ...]
    pauses: Pauses

    def sentences(self) -> Iterator[tuple[int, Sentence]]:
        """Every sentence with the index of its segment, in speaking order."""
        for index, segment in enumerate(self.segments):
            for sentence in segment.sentences:
                yield index, sentence

    @property
    def word_count(self) -> int:
        return sum(s.words for _, s in self.sentences())

    def to_dict(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        return data


def spoken_date(date: dt.date, language: str = "en") -> str:
    """`Tuesday, November 24, 2026` or `martes, 24 de noviembre de 2026`, whatever the locale."""
    if primary(language) == "es":
        weekday = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
        months = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                  "septiembre", "octubre", "noviembre", "diciembre")
        return f"{weekday[date.weekday()]}, {date.day} de {months[date.month - 1]} de {date.year}"
    weekday = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    months = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")
    return f"{weekday[date.weekday()]}, {months[date.month - 1]} {date.day}, {date.year}"


@dataclass(frozen=True)
class Framing:
    """The words around the news, per language."""

    intro: str
    closing: str
    briefing: str
    outro: str
    thanks: str
    untitled: str


FRAMING = {
    "en": Framing("Introduction", "Closing", "A news briefing for {date}.",
                  "That was {title}, a news briefing for {date}.", "Thank you for listening.",
                  "News briefing"),
    "es": Framing("Introducción", "Cierre", "Un boletín de noticias del {date}.",
                  "Esto fue {title}, un boletín de noticias del {date}.", "Gracias por escucharnos.",
                  "Boletín de noticias"),
}


def framing_for(language: str) -> Framing:
    """The framing in `language`; English for languages without one yet."""
    return FRAMING.get(primary(language), FRAMING["en"])


def short_title(text: str, limit: int = TITLE_CHARS) -> str:
    """A chapter title from a sentence: cut at a word boundary near `limit`, with an ellipsis."""
    text = text.strip()
    if len(text) <= limit:
        return text.rstrip(".")
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return cut + "…"


def build_script(
    articles: list[Article],
    date: dt.date,
    pauses: Pauses | None = None,
    title: str | None = None,
    language: str = "en",
    respell: Callable[[str], str] | None = None,
    urls: bool = True,
) -> Script:
    """Arrange articles into intro, one segment per section, and outro, with pauses set.

    Each sentence's spoken form is the text normalized for `language`, then passed through
    `respell` (the voice's pronunciation lexicon), if any. `urls=False` drops web and e-mail
    addresses from the speech (the transcript keeps them).
    """
    pauses = pauses or Pauses()
    words = framing_for(language)
    if title is None:
        title = articles[0].title if len(articles) == 1 else words.untitled
    when = spoken_date(date, language)
    plans: list[tuple[str, str, list[list[str]]]] = [
        (words.intro, "intro", [[f"{title}.", words.briefing.format(date=when)]])
    ]
    for article in articles:
        for number, section in enumerate(article.sections, start=1):
            paragraphs = [split_sentences(p, language) for p in section.paragraphs]
            paragraphs = [p for p in paragraphs if p]
            if not paragraphs:
                continue
            heading = section.title or short_title(paragraphs[0][0])
            if len(articles) > 1 and number == 1:
                heading = f"{article.title}: {heading}"
            plans.append((heading, "section", paragraphs))
    plans.append((
        words.closing, "outro", [[words.outro.format(title=title, date=when), words.thanks]]
    ))
    segments = []
    for index, (heading, kind, paragraphs) in enumerate(plans):
        last_segment = index == len(plans) - 1
        sentences = []
        for p_index, paragraph in enumerate(paragraphs):
            for s_index, text in enumerate(paragraph):
                if s_index < len(paragraph) - 1:
                    pause = pauses.sentence
                elif p_index < len(paragraphs) - 1:
                    pause = pauses.paragraph
                else:
                    pause = 0.0 if last_segment else pauses.segment
                said = normalize(text, language, urls)
                sentences.append(Sentence(text=text, pause_after=pause,
                                          spoken=respell(said) if respell else said,
                                          words=count_words(said)))
        segments.append(Segment(title=heading, kind=kind, sentences=tuple(sentences)))
    return Script(title=title, date=date, language=language, segments=tuple(segments),
                  pauses=pauses)


def render_text(script: Script) -> str:
    """The script as a person reads it: segment headings, sentences, and the pause after each."""
    lines = [f"{script.title} ({script.date.isoformat()}, {script.language}, "
             f"{script.word_count} words)"]
    for number, segment in enumerate(script.segments, start=1):
        lines.append("")
        lines.append(f"== {number}. {segment.title} [{segment.kind}] ==")
        for sentence in segment.sentences:
            lines.append(sentence.speech)
            if sentence.pause_after:
                lines.append(f"    (pause {sentence.pause_after:.2f} s)")
    return "\n".join(lines) + "\n"
