"""One event, one story: stories that report the same event in other words become one.

Each story is its headline and text as stemmed words without stop words (`words.terms`),
weighted by TF-IDF over the stories compared, so that what several stories share only by chance
(a town's name, a councillor's) weighs less than what makes an event (what was voted, what broke).
Two stories whose cosine similarity reaches `THRESHOLD` report the same event; the threshold was
set on the labelled pairs in `tests/desk/pairs.json` (the same event in two outlets' words, and
different events that share names and places), where the README gives its precision and recall.
Stories in different languages are never compared.

The story told is the fullest version (the most words); it carries every other outlet's name and
link (`Article.also`), and the others are left out as its duplicates.
"""

import dataclasses
from collections.abc import Sequence
from typing import Protocol, TypeVar

import numpy as np

from briefing.desk.left_out import LeftOut
from briefing.desk.words import body_text, story_language, terms
from briefing.sources.article import Article, Outlet

#: Cosine similarity from which two stories are one event.
THRESHOLD = 0.35


def story_terms(title: str, text: str, language: str) -> list[str]:
    """What a story is compared by: its headline (which names the event) and its text."""
    return terms(f"{title}\n{text}", language)


def similarity(documents: Sequence[Sequence[str]],
               others: Sequence[Sequence[str]] = ()) -> np.ndarray:
    """Cosine similarity of TF-IDF vectors: `documents` with each other, or (when `others` are
    given) each of `documents` with each of `others`, the weights fitted over both."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    everything = [*documents, *others]
    if not any(everything):
        return np.zeros((len(documents), len(others) or len(documents)))
    vectorizer = TfidfVectorizer(analyzer=_as_given, sublinear_tf=True)
    matrix = vectorizer.fit_transform(everything)
    first, second = matrix[: len(documents)], matrix[len(documents):] if others else None
    return (first @ (first if second is None else second).T).toarray()


def _as_given(document: Sequence[str]) -> Sequence[str]:
    """The analyzer of documents that are already words (picklable, unlike a lambda)."""
    return document


def groups(articles: Sequence[Article], language: str | None = None,
           threshold: float = THRESHOLD) -> list[list[int]]:
    """Indexes of the stories that report one event, each group in reading order, the groups in
    the order of their first story; a story alike to no other is a group of one. `language` is
    the bulletin's, for stories whose source does not say theirs."""
    parent = list(range(len(articles)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for code, members in _by_language(articles, language).items():
        if len(members) < 2:
            continue
        documents = [story_terms(articles[i].title, body_text(articles[i]), code)
                     for i in members]
        scores = similarity(documents)
        for a, b in zip(*np.nonzero(np.triu(scores >= threshold, k=1)), strict=True):
            ra, rb = root(members[a]), root(members[b])
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    found: dict[int, list[int]] = {}
    for index in range(len(articles)):
        found.setdefault(root(index), []).append(index)
    return sorted(found.values())


def _by_language(articles: Sequence[Article], language: str | None) -> dict[str, list[int]]:
    """The indexes of `articles` by the language each is in."""
    found: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        found.setdefault(story_language(article, language), []).append(index)
    return found


def merge(articles: Sequence[Article], language: str | None = None, threshold: float = THRESHOLD
          ) -> tuple[list[Article], list[LeftOut]]:
    """The stories with each event told once, in place of its first report, by its fullest
    version; and the other versions, left out as its duplicates."""
    kept, left_out = [], []
    for group in groups(articles, language, threshold):
        versions = [articles[i] for i in group]
        fullest = max(versions, key=lambda a: (len(body_text(a).split()), -versions.index(a)))
        others = [a for a in versions if a is not fullest]
        kept.append(_with_outlets(fullest, others))
        left_out += [LeftOut(a.title, a.source, f'duplicate of "{fullest.title}"') for a in others]
    return kept, left_out


def _with_outlets(story: Article, others: Sequence[Article]) -> Article:
    """`story`, also reported by the outlets of `others` (and those they had gathered)."""
    if not others:
        return story
    seen = {story.outlet, *story.also}
    also: list[Outlet] = list(story.also)
    for other in others:
        for outlet in (other.outlet, *other.also):
            if outlet not in seen:
                seen.add(outlet)
                also.append(outlet)
    return dataclasses.replace(story, also=tuple(also))


class Earlier(Protocol):
    """A story told before, as the history keeps it."""

    @property
    def language(self) -> str: ...
    @property
    def text(self) -> str:
        """Its headline and sentences as told."""


EarlierT = TypeVar("EarlierT", bound=Earlier)


def copies_of(articles: Sequence[Article], earlier: Sequence[EarlierT], language: str | None = None,
              threshold: float = THRESHOLD) -> dict[int, EarlierT]:
    """For each of `articles` that reports an event told `earlier` (in its language): its index,
    with the earlier story most like it."""
    found: dict[int, EarlierT] = {}
    if not earlier:
        return found
    for code, members in _by_language(articles, language).items():
        told = [story for story in earlier if story.language == code]
        if not told:
            continue
        documents = [story_terms(articles[i].title, body_text(articles[i]), code) for i in members]
        scores = similarity(documents, [terms(story.text, code) for story in told])
        for row, index in enumerate(members):
            best = int(np.argmax(scores[row]))
            if scores[row, best] >= threshold:
                found[index] = told[best]
    return found
