"""A bulletin heard back: one pass over all of it, then a second hearing of what sounded wrong.

1. The recognizer hears the whole bulletin once (`FIRST_BEAM`), and its words go to the sentences
   by time (`align`). Each sentence is judged against its script (`compare`).
2. A sentence heard wrong is heard again alone, its own stretch of audio with a wider beam
   (`SECOND_BEAM`): in the middle of a long pass Whisper loses a word or two that it hears
   perfectly well alone. Only a sentence wrong twice is *flagged*.
3. A flagged sentence whose only mistakes are names is reported with a drafted lexicon entry
   (speaking a name again does not make it heard right: 0 of 15 in trials). Any other is spoken
   once more, more slowly (`respeak`), and heard alone: *fixed* when it is heard right then,
   *left* when not (the clip heard better is kept).

Second hearings cost time, so at most `REHEARD_SHARE` of the sentences (never fewer than
`REHEARD_LEAST`) are heard again; any more flagged at the first pass are left as they are, since a
bulletin with that much heard wrong needs a person, not a second pass.
"""

import logging
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from briefing.hearing.align import per_sentence, text_of
from briefing.hearing.compare import Judgement, judge
from briefing.hearing.recognizer import RATE, SECOND_BEAM, Recognizer
from briefing.progress import Progress
from briefing.sources.textclean import quoted

log = logging.getLogger(__name__)

#: Audio around a sentence heard alone, seconds on each side.
AROUND = 0.1
#: The share of sentences heard again at most, and the fewest allowed whatever the bulletin.
REHEARD_SHARE, REHEARD_LEAST = 0.1, 3
#: What a flagged sentence became.
FIXED, LEFT, NAME = "fixed", "left", "name"


@dataclass(frozen=True)
class Said:
    """A sentence of the bulletin: as printed, as given to the voice, and where it is heard."""

    text: str
    spoken: str
    start: float
    end: float


@dataclass(frozen=True)
class Heard:
    """How one sentence was heard."""

    heard: str
    """What the recognizer wrote for the sentence's audio as the bulletin keeps it."""
    outcome: str | None = None
    """None when heard right; else `FIXED`, `LEFT` or `NAME`."""
    names: tuple[str, ...] = ()
    """The names heard wrong (`NAME`)."""
    respoken: bool = False
    """Whether the bulletin keeps the clip spoken again."""


@dataclass(frozen=True)
class Verdict:
    """What hearing a bulletin found."""

    sentences: tuple[Heard, ...]
    texts: tuple[str, ...]
    """The sentences as printed, for the report."""
    model: str
    seconds: float
    """Wall-clock seconds spent hearing and speaking again."""
    cpu_seconds: float
    reheard: int = 0
    """Sentences heard again alone."""
    drafts: dict[str, str] = field(default_factory=dict)
    """A drafted lexicon entry (TOML) for each name heard wrong, when one could be drafted."""

    def count(self, outcome: str) -> int:
        return sum(s.outcome == outcome for s in self.sentences)

    @property
    def flagged(self) -> int:
        return sum(s.outcome is not None for s in self.sentences)

    @property
    def left(self) -> int:
        return self.count(LEFT)

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys(name for s in self.sentences for name in s.names))

    def summary(self) -> str:
        """The report line: flagged, fixed, left (and names, when any)."""
        names = self.count(NAME)
        return (f"Verify: {self.flagged} flagged, {self.count(FIXED)} fixed, {self.left} left"
                + (f", {names} with a name heard wrong" if names else ""))

    def details(self) -> list[str]:
        """A line for each sentence flagged, and each drafted lexicon entry, for the report."""
        lines = []
        for text, heard in zip(self.texts, self.sentences, strict=True):
            if heard.outcome == FIXED:
                lines.append(f"  fixed: {quoted(text)}, spoken again more slowly")
            elif heard.outcome is not None:
                what = f"name {', '.join(heard.names)}" if heard.names else "left"
                lines.append(f"  {what}: {quoted(text)} heard as {quoted(heard.heard)}")
        for name, entry in self.drafts.items():
            lines.append(f"  a lexicon entry for {name} to start from (check it by ear):")
            lines += [f"    {line}" for line in entry.splitlines()]
        return lines

    def manifest(self) -> dict:
        """The manifest's top-level `verify`."""
        return {"flagged": self.flagged, "fixed": self.count(FIXED), "left": self.left,
                "names": [{"name": name, **({"entry": self.drafts[name]}
                                            if name in self.drafts else {})}
                          for name in self.names],
                "reheard": self.reheard, "model": self.model, "seconds": round(self.seconds, 1)}

    def sentence_keys(self) -> list[dict]:
        """Each sentence's keys in the manifest: what was heard, and what became of it."""
        return [{"heard": s.heard, **({"verify": s.outcome} if s.outcome else {})}
                for s in self.sentences]


def listen(recognizer: Recognizer, audio: np.ndarray, sentences: Sequence[Said], language: str,
           respeak: Callable[[int], np.ndarray | None] | None = None,
           progress: Progress | None = None) -> Verdict:
    """Hear `audio` (float32 at `RATE`), whose `sentences` are where they say; see the module's
    docstring. `respeak(index)` speaks a sentence again more slowly and gives its audio at
    `RATE` (None: it cannot); without it, a flagged sentence that is not a name is left."""
    started, cpu = time.perf_counter(), time.process_time()
    total = max(1, math.ceil(audio.size / RATE))

    def heard_so_far(seconds: float) -> None:
        if progress:
            progress("listen", min(total, int(seconds)), total)

    words = recognizer.hear(audio, language, progress=heard_so_far)
    groups = per_sentence(words, [(s.start, s.end) for s in sentences])
    results = [Heard(text_of(group)) for group in groups]
    wrong = [index for index, said in enumerate(sentences)
             if judge(said.text, said.spoken, results[index].heard, language).wrong]
    most = max(REHEARD_LEAST, math.ceil(REHEARD_SHARE * len(sentences)))
    if len(wrong) > most:
        log.warning("%d sentences sounded wrong; only %d are heard again", len(wrong), most)
    drafts: dict[str, str] = {}
    for number, index in enumerate(wrong):
        said = sentences[index]
        if number >= most:
            results[index] = Heard(results[index].heard, LEFT)
            continue
        alone = audio[max(0, int((said.start - AROUND) * RATE)): int((said.end + AROUND) * RATE)]
        again, judged = _heard_alone(recognizer, alone, said, language)
        if not judged.wrong:
            results[index] = Heard(again)
        elif judged.name:
            results[index] = Heard(again, NAME, judged.names)
            drafts.update((name, entry) for name in judged.names
                          if name not in drafts and (entry := draft(name, language)))
        else:
            results[index] = _spoken_again(recognizer, said, language, respeak, index, again,
                                           judged)
        heard_so_far(total)
    verdict = Verdict(tuple(results), tuple(s.text for s in sentences), recognizer.name,
                      time.perf_counter() - started, time.process_time() - cpu,
                      min(len(wrong), most), drafts)
    log.debug("%s in %.1f s (%.1f s of CPU)", verdict.summary(), verdict.seconds,
              verdict.cpu_seconds)
    return verdict


def _heard_alone(recognizer: Recognizer, audio: np.ndarray, said: Said,
                 language: str) -> tuple[str, Judgement]:
    heard = text_of(recognizer.hear(audio, language, SECOND_BEAM))
    return heard, judge(said.text, said.spoken, heard, language)


def _spoken_again(recognizer: Recognizer, said: Said, language: str,
                  respeak: Callable[[int], np.ndarray | None] | None, index: int, heard: str,
                  judged: Judgement) -> Heard:
    """A flagged sentence spoken again more slowly and heard alone: fixed, or left with whichever
    clip was heard better."""
    audio = respeak(index) if respeak else None
    if audio is None:
        return Heard(heard, LEFT)
    silence = np.zeros(int(AROUND * RATE), dtype=np.float32)
    again, slower = _heard_alone(recognizer, np.concatenate([silence, audio, silence]), said,
                                 language)
    if not slower.wrong:
        return Heard(again, FIXED, respoken=True)
    if slower.errors < judged.errors:
        return Heard(again, LEFT, respoken=True)
    return Heard(heard, LEFT)


def draft(name: str, language: str) -> str | None:
    """A lexicon entry for `name` to start from (`speech.phonemes`), or None when none can be
    drafted (that module is missing, or espeak-ng cannot read the name)."""
    try:
        from briefing.speech.phonemes import draft_entry  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        return None
    try:
        return str(draft_entry(name, language))
    except Exception:  # a draft is a help, never a reason to fail a build
        log.debug("no lexicon entry could be drafted for %r", name, exc_info=True)
        return None
