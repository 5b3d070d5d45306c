"""Brief mode: a bulletin fitted to `--max-minutes` by shortening every story before leaving any
out.

Each story keeps its headline and its lead (its first sentence), then the sentences that carry
it. TextRank (sumy) rates how central each sentence is to its story, and the rating is weighted
the way a news desk cuts: earlier sentences first (news is written lead first), sentences with a
quotation or a figure valued more. A sentence is kept only with the sentences it leans on (see
`dependencies`: a quotation with the sentence that says who said it, "He added…" or "But…" with
the sentence before), and left out with those that lean on it, so that no cut orphans a
quotation. The time is shared among the stories by their length and their rank (earlier
stories get more), whole sentences are kept in their original order, and every tie is broken
by position, so the same text always gives the same cut. Stories are left out, from the
last, only when even their headlines and leads do not fit. `fit="drop"` keeps the older way:
whole stories are left out from the end and none is shortened.

sumy's own tokenizer needs nltk's punkt data, a download; the sentences here are already split
(pysbd), so sumy is handed its document model ready-made, with words found by a regular
expression, and nothing is downloaded. Its stemmers and stop words ship with it and nltk.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from briefing.errors import TooLongError
from briefing.language import primary
from briefing.script.compose import Cut, Script, Sentence, chapter_title, short_title
from briefing.script.dependencies import MAX_NEEDS, dependencies
from briefing.sources.article import Article

#: `shorten` (brief mode, the default) or `drop` (whole stories left out from the end).
FIT_MODES = ("shorten", "drop")
#: The i-th sentence after the lead is weighted 1 / (1 + POSITION * i): the inverted pyramid.
POSITION = 0.1
#: Extra weight for a sentence that quotes someone, and for one that gives a figure.
QUOTE, NUMBER = 0.3, 0.2
#: The most sentences of one story TextRank rates.
MAX_RANKED = 400
#: The n-th story's (from 0) share of the time is weighted 1 / (1 + RANK * n).
RANK = 0.25

#: sumy's names of the shipped languages (its stemmers and stop-word lists go by name).
_SUMY_NAMES = {"en": "english", "es": "spanish", "fr": "french", "it": "italian",
               "pt": "portuguese", "de": "german"}
_WORDS = re.compile(r"[^\W_]+")
#: A quotation: an opening typographic quote of any of the languages, or a straight-quoted span.
_QUOTED = re.compile(r'[“«»„]|"[^"]+"')
_DIGIT = re.compile(r"\d")

#: Seconds a script lasts (the pipeline's estimate, at the slowest pace the voice may take).
Estimate = Callable[[Script], float]


@dataclass(frozen=True)
class Fitted:
    """A script that fits, the stories in it and those left out (in their original order)."""

    script: Script
    articles: list[Article]
    dropped: list[Article] = field(default_factory=list)


def fit(articles: list[Article], compose: Callable[[list[Article]], Script], estimate: Estimate,
        limit: float, seconds_per_word: float, mode: str = "shorten",
        asked: float | None = None, music: float = 0.0) -> Fitted:
    """The script of `articles` made to last at most `limit` seconds by `estimate`, with `music`
    seconds of intro and outro music around it (which no cut shortens).

    `compose` builds the script of a choice of stories; `seconds_per_word` is the pace the
    estimate assumes, to cost each sentence. `asked` is the limit in minutes as the user gave it,
    for the message of the `TooLongError` raised when even the first story's headline and lead
    (with `mode="drop"`: the first story whole) do not fit: it adds up the speech and the music.
    """
    whole, limit = limit, limit - music
    script = compose(list(articles))
    if estimate(script) <= limit:
        return Fitted(script, list(articles))

    def least(count: int) -> tuple[Script, list[_Story], Script]:
        """The script of the first `count` stories, its stories, and it at its shortest."""
        chosen = list(articles[:count])
        whole = compose(chosen)
        if mode == "drop":
            return whole, [], whole
        stories = _stories(whole, chosen)
        return whole, stories, _cut(whole, stories, [set() for _ in stories])

    # The most stories whose shortest script fits, found by halving (a script only grows with
    # its stories): a few scripts composed, where dropping one story at a time composed one per
    # story left out. One story is kept even when it does not fit, for the message below.
    low, high = 1, len(articles)
    while low < high:
        middle = (low + high + 1) // 2
        if estimate(least(middle)[2]) <= limit:
            low = middle
        else:
            high = middle - 1
    script, stories, shortest = least(low)
    kept, dropped = list(articles[:low]), list(articles[low:])
    fitted = shortest if mode == "drop" else _shorten(script, stories, estimate, limit,
                                                      seconds_per_word)
    seconds = estimate(fitted)
    if seconds > limit:
        what = "the first story" if dropped else "the bulletin"
        how = " alone" if mode == "drop" else ", cut to its headline and lead,"
        minutes = asked if asked is not None else whole / 60
        raise TooLongError(f"{what}{how} lasts about {_lasts(estimate(shortest), music)}, more "
                           f"than --max-minutes {minutes:g}")
    return Fitted(fitted, kept, dropped)


def _lasts(speech: float, music: float) -> str:
    """How long the speech and the music last, in minutes: with music, the total is the sum of
    the figures shown, so that what the message says adds up."""
    if not music:
        return f"{speech / 60:.1f} minutes"
    said, played = round(speech / 60, 1), round(music / 60, 1)
    return f"{said + played:.1f} minutes ({said:.1f} of speech and {played:.1f} of intro and " \
           "outro music)"


def shortened(script: Script) -> list[Cut]:
    """The stories of `script` that brief mode shortened, in order."""
    return [s.cut for s in script.segments if s.cut is not None and s.cut.kept < s.cut.total]


def values(sentences: Sequence[str], language: str = "en") -> list[float]:
    """How much each sentence of a story's body (lead first) carries the story: TextRank's
    centrality, scaled to the best sentence, weighted by position, quotation and figures."""
    return list(_values(tuple(sentences), language))


@lru_cache(maxsize=256)
def _values(sentences: tuple[str, ...], language: str) -> tuple[float, ...]:
    """`values`, remembered: fitting tries several choices of stories, and a build may fit
    again, each time with the same stories."""
    ratings = _centrality(sentences, language)
    top = max(ratings, default=0.0) or 1.0
    found = []
    for index, (text, rating) in enumerate(zip(sentences, ratings, strict=True)):
        bonus = 1 + QUOTE * bool(_QUOTED.search(text)) + NUMBER * bool(_DIGIT.search(text))
        found.append(rating / top * bonus / (1 + POSITION * index))
    return tuple(found)


def _centrality(sentences: Sequence[str], language: str) -> list[float]:
    """TextRank's rating of each sentence; all alike for a story too short to rank, or so long
    (TextRank compares every pair) that position alone must do."""
    if not 2 <= len(sentences) <= MAX_RANKED:
        return [1.0] * len(sentences)
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as Said

    document = ObjectDocumentModel([Paragraph([Said(text, _Tokens) for text in sentences])])
    ratings = _summarizer(primary(language)).rate_sentences(document)
    return [float(ratings[sentence]) for sentence in document.sentences]


class _Tokens:
    """sumy's tokenizer interface, for words only (sentences come split)."""

    @staticmethod
    def to_words(text: str) -> tuple[str, ...]:
        return tuple(_WORDS.findall(text))


@lru_cache(maxsize=8)
def _summarizer(code: str) -> Any:
    """sumy's TextRank with the language's stemmer and stop words (none for a language sumy does
    not know)."""
    from sumy.nlp.stemmers import Stemmer, null_stemmer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    name = _SUMY_NAMES.get(code, code)
    try:
        summarizer = TextRankSummarizer(Stemmer(name))
        summarizer.stop_words = get_stop_words(name)
    except LookupError:
        summarizer = TextRankSummarizer(null_stemmer)
    return summarizer


@dataclass(frozen=True)
class _Story:
    """A story's body in a script: where its sentences are, and what each is worth and costs."""

    title: str
    link: str | None
    places: tuple[tuple[int, int], ...]
    """(segment, sentence) of each body sentence, in order; the first is the lead."""
    values: tuple[float, ...]
    words: tuple[int, ...]
    needs: tuple[frozenset[int], ...]
    """What each sentence must be kept with (see `dependencies`); the lead's needs are kept
    whatever the cut, as the lead is."""

    def group(self, n: int, chosen: set[int]) -> set[int]:
        """Sentence `n` and what it needs, less what is kept already; none for a sentence that
        needs too many to be kept."""
        if len(self.needs[n]) > MAX_NEEDS:
            return set()
        return ({n} | self.needs[n]) - chosen - self.needs[0] - {0}

    def leaning_on(self, n: int, chosen: set[int]) -> set[int]:
        """Sentence `n` and the chosen sentences that need it: what goes when it goes."""
        return {n} | {m for m in chosen if n in self.needs[m]}


def _stories(script: Script, articles: list[Article]) -> list[_Story]:
    """The stories of a several-story script (the headline, sentence 0, is not body), or the
    sections of a one-story script as one story."""
    groups: list[list[tuple[int, int]]] = []
    heads = [i for i, s in enumerate(script.segments) if s.kind == "story"]
    if heads:
        groups = [[(i, n) for n in range(1, _body_end(script, i))] for i in heads]
    else:
        groups = [[(i, n) for i, s in enumerate(script.segments) if s.kind == "section"
                   for n in range(_body_end(script, i))]]
    stories = []
    for article, places in zip(articles, groups, strict=True):
        said = [script.segments[i].sentences[n] for i, n in places]
        texts = [s.text for s in said]
        stories.append(_Story(article.title, article.link, tuple(places),
                              tuple(values(texts, script.language)), tuple(s.words for s in said),
                              dependencies(texts, script.language,
                                           _paragraphs(script, places))))
    return stories


def _paragraphs(script: Script, places: Sequence[tuple[int, int]]) -> set[int]:
    """Which sentences of a story's body begin a paragraph: those after a pause longer than a
    sentence's, or in another segment (a quotation is carried over a paragraph only as the
    convention says; see `dependencies`)."""
    starts = set()
    for number in range(1, len(places)):
        (i, n), (j, _) = places[number - 1], places[number]
        if i != j or script.segments[i].sentences[n].pause_after != script.pauses.sentence:
            starts.add(number)
    return starts


def _body_end(script: Script, index: int) -> int:
    """Where the segment's own sentences end: before the hand-over line its presenter ends it
    with when the next segment is the other presenter's (see `handover`), which is always kept."""
    segments = script.segments
    segment = segments[index]
    handed = bool(segment.voice) and index + 1 < len(segments) \
        and segments[index + 1].voice != segment.voice
    return len(segment.sentences) - handed


def _shorten(script: Script, stories: list[_Story], estimate: Estimate, limit: float,
             seconds_per_word: float) -> Script:
    """The most of every story that fits in `limit`: its share of the spare time first, then
    what the others left over, then the least valued sentences taken out until it fits."""
    least = _cut(script, stories, [set() for _ in stories])
    spare = limit - estimate(least)
    pause = script.pauses.sentence

    def cost(story: _Story, group: set[int]) -> float:
        return sum(story.words[n] * seconds_per_word + pause for n in group)

    optional = [[n for n in range(1, len(story.places)) if n not in story.needs[0]]
                for story in stories]
    shares = _shares(spare, [cost(s, set(o)) for s, o in zip(stories, optional, strict=True)])
    chosen: list[set[int]] = [set() for _ in stories]
    used = 0.0
    for number, (story, share) in enumerate(zip(stories, shares, strict=True)):
        for n in _best_first(story, optional[number]):
            group = story.group(n, chosen[number])
            if group and cost(story, group) <= share:
                chosen[number] |= group
                share -= cost(story, group)
                used += cost(story, group)
    ranked = sorted((-stories[k].values[n] / (1 + RANK * k), k, n)
                    for k in range(len(stories)) for n in optional[k])
    for _, k, n in ranked:  # what the stories left of their shares, to the best sentences
        group = stories[k].group(n, chosen[k])
        if group and used + cost(stories[k], group) <= spare:
            chosen[k] |= group
            used += cost(stories[k], group)
    fitted = _cut(script, stories, chosen)
    for _, k, n in reversed(ranked):  # the estimate of pauses was near: take out the least
        if estimate(fitted) <= limit:
            break
        if n in chosen[k]:
            chosen[k] -= stories[k].leaning_on(n, chosen[k])
            fitted = _cut(script, stories, chosen)
    return fitted


def _best_first(story: _Story, places: Sequence[int]) -> list[int]:
    return sorted(places, key=lambda n: (-story.values[n], n))


def _shares(spare: float, needs: list[float]) -> list[float]:
    """`spare` seconds shared by length and rank: the n-th story's weight is its length over
    1 + RANK * n, and what a story does not need goes to the others."""
    shares = [0.0] * len(needs)
    open_ = [k for k, need in enumerate(needs) if need > 0]
    while open_ and spare > 1e-9:
        weights = {k: needs[k] / (1 + RANK * k) for k in open_}
        total = sum(weights.values())
        full = [k for k in open_ if spare * weights[k] / total >= needs[k] - shares[k]]
        if not full:
            for k in open_:
                shares[k] += spare * weights[k] / total
            break
        for k in full:
            spare -= needs[k] - shares[k]
            shares[k] = needs[k]
        open_ = [k for k in open_ if k not in full]
    return shares


def _cut(script: Script, stories: list[_Story], chosen: list[set[int]]) -> Script:
    """`script` with each story's body cut to its lead, what the lead needs and `chosen`
    sentences; a section left empty goes, and the pause after a sentence that goes joins the one
    before it."""
    kept = [keep | story.needs[0] | {0} if story.places else keep
            for story, keep in zip(stories, chosen, strict=True)]
    gone = {story.places[n] for story, keep in zip(stories, kept, strict=True)
            for n in range(len(story.places)) if n not in keep}
    first = {story.places[0][0]: story for story in stories if story.places}
    counts = {story.places[0][0]: len(keep) for story, keep in zip(stories, kept, strict=True)
              if story.places}
    segments = []
    for index, segment in enumerate(script.segments):
        said: list[Sentence] = []
        for number, sentence in enumerate(segment.sentences):
            if (index, number) not in gone:
                said.append(sentence)
            elif said:
                said[-1] = replace(said[-1], pause_after=max(said[-1].pause_after, sentence.pause_after))
        if not said:
            continue
        title = segment.title
        if segment.kind == "section" and said[0] is not segment.sentences[0] \
                and title == chapter_title(short_title(segment.sentences[0].text)):
            title = chapter_title(short_title(said[0].text))
        story = first.get(index)
        cut = Cut(story.title, counts[index], len(story.places), story.link) if story else None
        segments.append(replace(segment, title=title, sentences=tuple(said), cut=cut))
    return replace(script, segments=tuple(segments))
