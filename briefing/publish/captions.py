"""Captions: each sentence cut into cues a viewer can read, on the audio's own timings.

A cue lasts at most `MAX_SECONDS` and shows at most two lines of `LINE_CHARS` characters (the
Netflix timed text style guide's limits): a news sentence of 20 s on one line is unreadable on a
phone and covers a video. A sentence is cut where the voice really pauses: each pause found in its
clip (see `synthesis.inner_pauses`) is matched, in order, to a clause boundary of its text (after
`, ; : )` or a dash), or where no clause is near, to the nearest word; a cue there ends as the pause
begins and the next starts as it ends. A piece still too long is cut at another clause boundary or
at a word, its time interpolated by letters between the real anchors around it (the sentence's ends
and its matched pauses), skipping the pauses nothing claimed. A sentence without pauses (an old
manifest, a voice that never stops) is timed in proportion to its letters. The cues of a sentence,
rejoined with spaces, are its text.
"""

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.audio.assembly import TimedSentence

#: The longest cue in seconds, the most lines in a cue and characters in a line.
MAX_SECONDS, MAX_LINES, LINE_CHARS = 7.0, 2, 42
#: How far apart (as a share of the sentence's letters and of its speech) a word boundary and a
#: pause may be and still be matched.
MATCH_TOLERANCE = 0.15
#: A cue shorter than this (seconds) flickers past; cutting one off costs as much as a word cut.
SHORT_CUE = 1.0
#: What it costs to cut a sentence at a pause matched to a clause, at a pause matched to another
#: word, at a clause without a pause, and at a word (nothing at its end): cues are cut where the
#: voice pauses whenever that does not make many more cues.
_COST = {"pause": 0.0, "gap": 0.2, "clause": 0.4, "word": 1.5, "end": 0.0}

#: A word that ends a clause: a comma, semicolon, colon, dash or closing bracket, perhaps followed
#: by closing quotes or brackets ('route,"' and '"step",' both end one; the cleaning made curly
#: quotes straight, but a caption may be planned from any text).
_CLOSING = "\"'\u201d\u2019\u00bb"
_CLAUSE_END = re.compile(f"[,;:\u2013\u2014)][{_CLOSING})\\]]*$|[{_CLOSING}]+[,;:]$")
_LETTER = re.compile(r"\w")


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    lines: tuple[str, ...]
    """One or two lines; a line is longer than `LINE_CHARS` only when it is one word (a long web
    address), which no line break could shorten."""
    segment: int
    """The segment (chapter) of its sentence."""
    sentence: int
    """Its sentence's place in the timeline."""
    voice: str = ""
    """The presenter who speaks it when two share the bulletin, else ""."""

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def plan_cues(sentences: Sequence[TimedSentence], voices: Sequence[str] = ()) -> list[Cue]:
    """Every sentence's cues, in order; `voices` names each segment's presenter (or is empty)."""
    cues = []
    for number, sentence in enumerate(sentences):
        voice = voices[sentence.segment] if sentence.segment < len(voices) else ""
        cues += [Cue(start, end, lines, sentence.segment, number, voice)
                 for start, end, lines in sentence_cues(sentence.text, sentence.start,
                                                        sentence.end, sentence.pauses)]
    return cues


def sentence_cues(text: str, start: float, end: float,
                  pauses: Sequence[tuple[float, float]] = ()
                  ) -> list[tuple[float, float, tuple[str, ...]]]:
    """The cues of one sentence spoken from `start` to `end` with these inner `pauses`, as
    (start, end, lines): the cheapest cutting (see `_COST`) whose every cue fits."""
    words = text.split()
    if not words:
        return []
    cuts = _Cuts(words, start, end, [p for p in pauses if start < p[0] < p[1] < end])
    count = len(words)
    best: list[tuple[float, int]] = [(0.0, 0)] + [(float("inf"), 0)] * count
    for last in range(1, count + 1):
        for first in range(last - 1, -1, -1):
            lines = wrap(words[first:last])
            seconds = round(cuts.end(last), 3) - round(cuts.start(first), 3)
            if last - first > 1 and (lines is None or seconds > MAX_SECONDS):
                break  # a cue starting earlier holds more text and lasts longer still
            cost = best[first][0] + _cue_cost(len(" ".join(words[first:last])), seconds,
                                              cuts.kind[last] if last < count else "end")
            if cost < best[last][0]:
                best[last] = (cost, first)
    bounds = [count]
    while bounds[-1]:
        bounds.append(best[bounds[-1]][1])
    bounds.reverse()
    return [(cuts.start(first), cuts.end(last), wrap(words[first:last]) or (words[first],))
            for first, last in itertools.pairwise(bounds)]


def _cue_cost(chars: int, seconds: float, cut: str) -> float:
    """What one cue costs: 1 (fewer cues are easier to follow), half more for a cue that flickers
    past, a little for its length and time (squared, so a sentence's cues come out even), and the
    cost of the cut that ends it (see `_COST`)."""
    return 1.0 + (0.5 if seconds < SHORT_CUE else 0.0) + 0.25 * (chars / (MAX_LINES * LINE_CHARS)) ** 2 \
        + 0.25 * (seconds / MAX_SECONDS) ** 2 + _COST[cut]


def wrap(words: Sequence[str]) -> tuple[str, ...] | None:
    """`words` as one line, or two, each of at most `LINE_CHARS`; None if they do not fit. Of two,
    the break after a clause is preferred (when the first line is not tiny), then balanced lines."""
    text = " ".join(words)
    if len(text) <= LINE_CHARS:
        return (text,)
    if len(words) == 1:
        return None
    options = []
    for split in range(1, len(words)):
        first, second = " ".join(words[:split]), " ".join(words[split:])
        if len(first) <= LINE_CHARS and len(second) <= LINE_CHARS:
            clause = bool(_CLAUSE_END.search(words[split - 1])) and len(first) >= LINE_CHARS // 3
            options.append((not clause, abs(len(first) - len(second)), (first, second)))
    return min(options)[2] if options else None


class _Cuts:
    """Where and when a sentence can be cut: before each of its words (index 1 to n - 1), each
    cut being a clause boundary with a pause matched to it (`pause`), another word boundary with
    one (`gap`), a `clause` boundary or a `word` boundary without, with the time the cue before it
    ends and the one after it starts."""

    def __init__(self, words: list[str], start: float, end: float,
                 pauses: list[tuple[float, float]]) -> None:
        self.count = len(words)
        # Letters before each word, the clock that speech follows most closely, plus one for each
        # word (the move to the next; and a dash, which has no letters, still takes a moment).
        self.letters = [0]
        for word in words:
            self.letters.append(self.letters[-1] + len(_LETTER.findall(word)) + 1)
        clauses = [index for index in range(1, self.count) if _CLAUSE_END.search(words[index - 1])]
        matched = _match(list(range(1, self.count)), set(clauses), self.letters, start, end,
                         pauses)
        self.kind = {index: "word" for index in range(self.count + 1)}
        self.kind.update({index: "clause" for index in clauses})
        self.kind.update({index: "pause" if index in clauses else "gap" for index in matched})
        # The real anchors: the sentence's ends and the matched pauses, each with the time a cue
        # ending there ends and the time the next cue starts.
        self.anchors = {0: (start, start), self.count: (end, end), **matched}
        self.order = sorted(self.anchors)
        used = set(matched.values())
        self.silences = [p for p in pauses if p not in used]

    def start(self, index: int) -> float:
        """When a cue beginning with word `index` starts."""
        return self._times(index)[1]

    def end(self, index: int) -> float:
        """When a cue ending before word `index` ends."""
        return self._times(index)[0]

    def _times(self, index: int) -> tuple[float, float]:
        if index in self.anchors:
            return self.anchors[index]
        right = next(anchor for anchor in self.order if anchor > index)
        left = self.order[self.order.index(right) - 1]
        span = self.letters[right] - self.letters[left]
        share = (self.letters[index] - self.letters[left]) / span if span else 0.0
        moment = _speech_time(self.anchors[left][1], self.anchors[right][0], share, self.silences)
        return moment, moment


def _speech_time(start: float, end: float, share: float,
                 silences: list[tuple[float, float]]) -> float:
    """The moment `share` of the speech between `start` and `end` has been said, the `silences`
    in between not counting as speech."""
    inside = [(a, b) for a, b in silences if start <= a and b <= end]
    remaining = share * ((end - start) - sum(b - a for a, b in inside))
    now = start
    for a, b in inside:
        if remaining <= a - now:
            break
        remaining -= a - now
        now = b
    return now + remaining


def _match(boundaries: list[int], clauses: set[int], letters: list[int], start: float,
           end: float, pauses: list[tuple[float, float]]) -> dict[int, tuple[float, float]]:
    """The pauses matched to word boundaries, in order: each pair at most `MATCH_TOLERANCE` apart
    as a share of the sentence (its letters before the boundary, its speech before the pause),
    the matching with the best total closeness, a clause boundary counting as a closer match than
    any other word (that is where voices pause)."""
    speech = (end - start) - sum(b - a for a, b in pauses)
    if not boundaries or not pauses or speech <= 0 or not letters[-1]:
        return {}
    heard, silent = [], 0.0
    for a, b in pauses:
        heard.append((a - start - silent) / speech)
        silent += b - a
    said = [letters[index] / letters[-1] for index in boundaries]
    # score[i][j]: the best matching of the first i boundaries with the first j pauses.
    score = [[0.0] * (len(pauses) + 1) for _ in range(len(boundaries) + 1)]
    for i in range(1, len(boundaries) + 1):
        for j in range(1, len(pauses) + 1):
            gap = abs(said[i - 1] - heard[j - 1])
            paired = score[i - 1][j - 1] + 1 - gap / MATCH_TOLERANCE + \
                (boundaries[i - 1] in clauses) if gap < MATCH_TOLERANCE else -1.0
            score[i][j] = max(score[i - 1][j], score[i][j - 1], paired)
    matched, i, j = {}, len(boundaries), len(pauses)
    while i and j:
        if score[i][j] == score[i - 1][j]:
            i -= 1
        elif score[i][j] == score[i][j - 1]:
            j -= 1
        else:
            matched[boundaries[i - 1]] = pauses[j - 1]
            i, j = i - 1, j - 1
    return matched
