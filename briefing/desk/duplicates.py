"""One event, one story: stories that report the same event in other words become one.

Each story is its headline and text as stemmed words without stop words (`words.terms`),
weighted by TF-IDF over the stories compared, so that what several stories share only by chance
(a town's name, a councillor's) weighs less than what makes an event (what was voted, what broke).
Two stories whose cosine similarity reaches `THRESHOLD` report the same event, unless they were
published more than `WINDOW_HOURS` apart. The threshold was set on the tuning half of the labelled
pairs in `tests/desk/pairs.json` (the same event in two outlets' words, and different events that
share names and places) and measured on the held-out half too: the README gives both, and where
words alone fall short (different events of one place and night that mention each other).
Stories in different languages are never compared.

The story told is the fullest version (the most words); it carries every other outlet's name and
link (`Article.also`), and the others are left out as its duplicates.
"""

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar

import numpy as np

from briefing.desk.age import as_aware
from briefing.desk.left_out import LeftOut
from briefing.desk.words import body_text, story_language, terms
from briefing.sources.article import Article, Outlet

if TYPE_CHECKING:  # imported when first needed
    from scipy.sparse import csr_matrix

#: Cosine similarity from which two stories are one event (set on the labelled pairs' tuning set).
THRESHOLD = 0.33
#: Reports of one event are published within this many hours of each other; stories further apart
#: that share the names, places and figures are a follow-up (a bridge closed, then reopened) or
#: another event of the same kind (a club's next match).
WINDOW_HOURS = 36.0


def apart(first: dt.datetime | None, second: dt.datetime | None,
          hours: float = WINDOW_HOURS) -> bool:
    """Whether two stories were published too far apart to report one event (never when either
    is undated)."""
    if first is None or second is None:
        return False
    return abs(as_aware(first) - as_aware(second)) > dt.timedelta(hours=hours)


def story_terms(title: str, text: str, language: str) -> list[str]:
    """What a story is compared by: its headline (which names the event) and its text."""
    return terms(f"{title}\n{text}", language)


def similarity(documents: Sequence[Sequence[str]],
               others: Sequence[Sequence[str]] = ()) -> np.ndarray:
    """Cosine similarity of TF-IDF vectors: `documents` with each other, or (when `others` are
    given) each of `documents` with each of `others`, the weights fitted over both."""
    matrix = tfidf([*documents, *others])
    first = matrix[: len(documents)]
    second = matrix[len(documents):] if others else first
    return np.asarray((first @ second.T).todense())


def tfidf(documents: Sequence[Sequence[str]]) -> "csr_matrix":
    """Rows of unit length, one per document: each term weighted 1 + ln(count) times
    ln((1 + documents) / (1 + documents with the term)) + 1.

    These are scikit-learn's `TfidfVectorizer(sublinear_tf=True)` weights, written out over
    scipy's sparse matrices: importing scikit-learn takes longer than grouping a thousand
    stories, on every run that compares any.
    """
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    rows, columns, counts = [], [], []
    for row, document in enumerate(documents):
        for term, count in Counter(document).items():
            rows.append(row)
            columns.append(vocabulary.setdefault(term, len(vocabulary)))
            counts.append(count)
    shape = (len(documents), max(1, len(vocabulary)))
    matrix = csr_matrix((1 + np.log(np.asarray(counts, dtype=float)), (rows, columns)), shape=shape)
    frequency = np.bincount(np.asarray(columns, dtype=int), minlength=shape[1])
    matrix = matrix.multiply(np.log((1 + len(documents)) / (1 + frequency)) + 1).tocsr()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return csr_matrix(matrix.multiply(1 / norms[:, None]))


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
            if apart(articles[members[a]].published, articles[members[b]].published):
                continue
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
    @property
    def published(self) -> dt.datetime | None: ...


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
            for column in np.argsort(-scores[row], kind="stable"):
                if scores[row, column] < threshold:
                    break
                if not apart(articles[index].published, told[column].published):
                    found[index] = told[column]
                    break
    return found
