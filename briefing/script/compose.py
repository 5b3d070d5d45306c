"""The spoken script: a pure stage, text in, ordered segments with pauses and chapter titles out.

Everything later stages need (titles, sentences, pauses, language) is carried here, so synthesis,
assembly and export never go back to the sources, and `briefing script` can show exactly what will
be spoken without producing any audio.
"""

import datetime as dt
import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass

from briefing.script.framing import Framing, framing_for, spoken_date
from briefing.script.sentences import split_sentences
from briefing.script.verbalize import normalize
from briefing.sources.article import Article, Outlet

_WORD = re.compile(r"\w+")
#: Chinese characters (Japanese kanji among them, with 々 and 〇) and Japanese kana, written
#: without spaces between words, so counted by the character.
HAN = "\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
KANA = "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_HAN, _KANA = re.compile(f"[{HAN}]"), re.compile(f"[{KANA}]")
#: Characters that make one word's worth of speech. A Chinese word is one to three characters,
#: two on average in news, each a syllable: at 160 words a minute, 5.3 syllables a second, a
#: newsreader's pace. A kana is a mora, and a Japanese newsreader says about 6.5 a second.
HAN_PER_WORD, KANA_PER_WORD = 2.0, 2.5


def count_words(text: str) -> int:
    """Words as heard: runs of letters or digits ("hand-to-hand" is three); Chinese and Japanese,
    which put no spaces between words, by their characters (see `HAN_PER_WORD`), so that a
    sentence's expected length, the rate in words a minute and the check's words a minute mean
    the same in every language."""
    han, kana = len(_HAN.findall(text)), len(_KANA.findall(text))
    if han or kana:
        text = _KANA.sub(" ", _HAN.sub(" ", text))
    words = len(_WORD.findall(text))
    characters = han / HAN_PER_WORD + kana / KANA_PER_WORD
    return words + (max(1, math.floor(characters + 0.5)) if characters else 0)


#: Chapter titles derived from a section's first sentence are cut to about this many characters.
TITLE_CHARS = 60
#: The most UTF-8 bytes any chapter title takes: ffmpeg, and the players built on it, drop an ID3
#: chapter whose title is longer than about 125 bytes.
CHAPTER_BYTES = 120


@dataclass(frozen=True)
class Pauses:
    """Silences between spoken units, in seconds; defaults follow radio news practice."""

    sentence: float = 0.35
    """After each sentence within a paragraph."""
    paragraph: float = 0.8
    """Between paragraphs of one segment."""
    segment: float = 1.2
    """Between segments (intro, each section, outro); a chime, if any, sits in this gap."""
    story: float = 2.0
    """Between stories of a several-story bulletin (and around them); a sting, if any, sits here."""


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
class Cut:
    """How much of a story a brief bulletin kept (see `brief`)."""

    title: str
    """The story's headline."""
    kept: int
    """Sentences of its body spoken (the headline is not counted)."""
    total: int
    """Sentences of its body in full."""
    link: str | None = None
    """Where the full story can be read."""


@dataclass(frozen=True)
class Segment:
    """A chapter of the bulletin."""

    title: str
    kind: str
    """`intro`, `section` (of a one-story bulletin), `story` or `outro`."""
    sentences: tuple[Sentence, ...]
    transition: str = ""
    """The sound that opens the segment, in the pause before it: `chime` between sections,
    `sting` between stories, "" for the first segment. Assembly may leave it out (`--no-chime`)."""
    link: str | None = None
    """A story's web address, for the chapter's link in podcast apps."""
    cut: Cut | None = None
    """Set on each story's (first) segment when `--max-minutes` shortened the bulletin."""
    voice: str = ""
    """The voice profile that speaks it when two presenters share the bulletin (see `handover`);
    "" for a bulletin with one voice."""
    outlets: tuple[Outlet, ...] = ()
    """Every outlet that reported a story told once for several (the one told first); empty
    for a story only one outlet reported."""
    image: str | None = None
    """A story's own picture (its web address), for the chapter's image in podcast apps."""


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


def short_title(text: str, limit: int = TITLE_CHARS) -> str:
    """A chapter title from a sentence: cut at a word boundary near `limit`, with an ellipsis."""
    text = text.strip()
    if len(text) <= limit:
        return text.rstrip(".。")
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return cut + "…"


def chapter_title(text: str) -> str:
    """`text` cut at a word boundary, with an ellipsis, to fit in `CHAPTER_BYTES` of UTF-8."""
    if len(text.encode()) <= CHAPTER_BYTES:
        return text
    cut = text.encode()[: CHAPTER_BYTES - len("…".encode())].decode("utf-8", "ignore")
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:-") + "…"


#: The intro of a several-story bulletin names this many headlines; a longer one names one fewer,
#: then counts the rest (a count stands for two stories or more: one more takes as long to name).
MAX_HEADLINES = 6
#: The same for a brief bulletin (`--max-minutes`), whose rundown must not take the time of the
#: stories it shortened: three headlines, or two and the count of the rest.
BRIEF_HEADLINES = 3


def headline_list(titles: list[str], words: Framing, limit: int = MAX_HEADLINES) -> str:
    """`A, B and C`, or `A, B, ... E and 3 more stories` for a bulletin longer than `limit`."""
    titles = [t.rstrip(" .。") for t in titles]
    if len(titles) > limit:
        rest = words.more.format(count=len(titles) - limit + 1)
        titles = [*titles[: limit - 1], rest]
    if len(titles) == 1:
        return titles[0]
    return f"{words.separator.join(titles[:-1])}{words.separator}{words.and_word}{words.space}{titles[-1]}"


#: A plan of one segment: title, kind, transition, its paragraphs of sentences, its link, the
#: outlets that reported it, and its image.
_Plan = tuple[str, str, str, list[list[str]], str | None, tuple[Outlet, ...], str | None]


def build_script(
    articles: list[Article],
    date: dt.date,
    pauses: Pauses | None = None,
    title: str | None = None,
    language: str = "en",
    respell: Callable[[str], str] | None = None,
    urls: bool = True,
    stories: bool | None = None,
    acronyms: Mapping[str, str] | None = None,
    max_headlines: int = MAX_HEADLINES,
) -> Script:
    """Arrange articles into intro, segments and outro, with pauses and transitions set.

    One article gives one segment per section, a chime between them. Several articles give one
    `story` segment each ("Story 2 of 5: <headline>", its headline spoken first, then all its
    sections), a sting between them, and an intro that names the headlines.

    Each sentence's spoken form is the text normalized for `language`, then passed through
    `respell` (the voice's pronunciation lexicon), if any. `urls=False` drops web and e-mail
    addresses from the speech (the transcript keeps them). `stories` forces the several-story
    form (for a bulletin cut down to one story by `--max-minutes`); by default it is used for two
    or more articles. `acronyms` says how acronyms are read ("word" or "letters"), over the
    language's own list (the lexicon's `[acronyms]` table). `max_headlines` is the longest list of
    headlines the intro says (see `headline_list`).

    A bulletin whose title is the generic one (`Framing.untitled`) opens on the framing's own
    sentence and closes with `outro_untitled`: said as a title, then in that sentence, the same
    words would come twice ("News briefing. A news briefing for…").
    """
    pauses = pauses or Pauses()
    words = framing_for(language)
    if stories is None:
        stories = len(articles) > 1
    if title is None:
        title = _bulletin_title(articles, words, stories)
    when = spoken_date(date, language)
    generic = title.casefold() == words.untitled.casefold()
    intro = [words.briefing.format(date=when)]
    if not generic:
        intro.insert(0, f"{title}{words.stop}")
    if stories:
        titles = [a.title for a in articles]
        intro.append(words.headlines.format(list=headline_list(titles, words, max_headlines)))
    outro = words.outro_untitled.format(date=when) if generic else \
        words.outro.format(title=title, date=when)
    plans: list[_Plan] = [(words.intro, "intro", "", [intro], None, (), None)]
    for number, article in enumerate(articles, start=1):
        sections = [
            (section.title, [p for p in (split_sentences(p, language) for p in section.paragraphs) if p])
            for section in article.sections
        ]
        sections = [(heading, paragraphs) for heading, paragraphs in sections if paragraphs]
        if stories:
            heading = words.story.format(number=number, total=len(articles), title=article.title)
            body = [paragraph for _, paragraphs in sections for paragraph in paragraphs]
            headline = _as_sentence(article.title, words.stop)
            if [[_as_sentence(s, words.stop) for s in p] for p in body] == [[headline]]:
                body = []  # a headline-only item is its own text: its headline is said once
            outlets = (article.outlet, *article.also) if article.also else ()
            plans.append((heading, "story", "sting", [[headline], *body], article.link, outlets,
                          article.image))
            continue
        for section_title, paragraphs in sections:
            plans.append((section_title or short_title(paragraphs[0][0]), "section", "chime", paragraphs,
                          None, (), None))
    plans.append((words.closing, "outro", "sting" if stories else "chime",
                  [[outro, words.thanks]], None, (), None))
    segments = []
    for index, (heading, kind, transition, paragraphs, link, outlets, image) in enumerate(plans):
        heading = chapter_title(heading)
        if index == len(plans) - 1:
            gap = 0.0
        else:
            gap = pauses.story if plans[index + 1][2] == "sting" else pauses.segment
        sentences = []
        for p_index, paragraph in enumerate(paragraphs):
            for s_index, text in enumerate(paragraph):
                if s_index < len(paragraph) - 1:
                    pause = pauses.sentence
                elif p_index < len(paragraphs) - 1:
                    pause = pauses.paragraph
                else:
                    pause = gap
                said = normalize(text, language, urls, acronyms)
                sentences.append(Sentence(text=text, pause_after=pause,
                                          spoken=respell(said) if respell else said,
                                          words=count_words(said)))
        segments.append(Segment(title=heading, kind=kind, sentences=tuple(sentences),
                                transition=transition if index else "", link=link, outlets=outlets,
                                image=image))
    return Script(title=title, date=date, language=language, segments=tuple(segments),
                  pauses=pauses)


def _bulletin_title(articles: list[Article], words: Framing, stories: bool) -> str:
    """One article's headline; else the feed or site every story shares; else a generic title."""
    if not stories:
        return articles[0].title
    publications = {a.publication for a in articles}
    if len(publications) == 1:
        (publication,) = publications
        if publication is not None:
            return publication
    return words.untitled


def _as_sentence(headline: str, stop: str = ".") -> str:
    """A headline read as a sentence: it gets the full stop (`stop`) headlines leave out."""
    headline = headline.strip()
    return headline if headline[-1:] in ".!?…。！？" else f"{headline}{stop}"


def render_text(script: Script) -> str:
    """The script as a person reads it: segment headings, sentences, and the pause after each."""
    lines = [f"{script.title} ({script.date.isoformat()}, {script.language}, "
             f"{script.word_count} words)"]
    for number, segment in enumerate(script.segments, start=1):
        lines.append("")
        who = f", {segment.voice}" if segment.voice else ""
        lines.append(f"== {number}. {segment.title} [{segment.kind}{who}] ==")
        for sentence in segment.sentences:
            lines.append(sentence.speech)
            if sentence.pause_after:
                lines.append(f"    (pause {sentence.pause_after:.2f} s)")
    return "\n".join(lines) + "\n"
