"""Synthesis: each sentence of the script spoken by the engine, trimmed and checked.

Engines pad their output with silence of varying length; trimming it makes the script's pauses the
only pauses, so they are exact. Each clip is checked against its word count, because an engine that
fails quietly (an empty or truncated file) must never become a silent gap in the bulletin.
"""

import hashlib
import logging
import re
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from briefing.errors import EngineError
from briefing.language import primary
from briefing.script.compose import Script, Sentence, count_words
from briefing.script.verbalize import normalize
from briefing.sources.textclean import quoted
from briefing.speech.engines.base import Clip, Engine

log = logging.getLogger(__name__)

#: Samples below this level (about -54 dBFS) count as engine silence.
SILENCE_LEVEL = 64
#: Kept before the first and after the last audible sample, so soft onsets and decays survive.
ONSET_MARGIN, DECAY_MARGIN = 0.005, 0.03
#: A clip must last between these multiples of its expected length (words at the profile's rate).
MIN_RATIO, MAX_RATIO = 0.25, 3.0
#: Plus this much slack above, for short sentences and numbers read digit by digit.
MAX_SLACK = 2.0

def trim_silence(clip: Clip) -> Clip:
    """Cut leading and trailing silence, keeping short margins around the speech."""
    samples = np.frombuffer(clip.samples, dtype="<i2")
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > SILENCE_LEVEL)
    if loud.size == 0:
        return Clip(samples=b"", sample_rate=clip.sample_rate)
    start = max(0, int(loud[0]) - int(ONSET_MARGIN * clip.sample_rate))
    end = min(samples.size, int(loud[-1]) + 1 + int(DECAY_MARGIN * clip.sample_rate))
    return Clip(samples=samples[start:end].tobytes(), sample_rate=clip.sample_rate)


#: A pause inside a sentence is cut to this length (seconds) when the engine made it longer: at a
#: slow pace Piper sometimes holds a comma for a second, which sounds like a fault (and the quality
#: check, which allows 1 s, would refuse the bulletin).
LONGEST_INSIDE = 0.6
#: For that, a 10 ms stretch is quiet when its RMS is this many dB below the clip's own RMS (the
#: quality check counts speech from 30 dB below the target loudness: this is stricter).
QUIET_BELOW = 25.0


def _quiet_runs(samples: np.ndarray, sample_rate: int) -> tuple[int, list[tuple[int, int]]]:
    """The block length in samples, and every run of quiet 10 ms blocks as (first block, block
    after the last): quiet is `QUIET_BELOW` dB under the clip's own mean power, so it follows the
    voice's level rather than a fixed one."""
    step = max(1, sample_rate // 100)
    usable = samples.size // step * step
    if usable == 0:
        return step, []
    blocks = samples[:usable].astype(np.float32).reshape(-1, step)
    power = np.mean(blocks ** 2, axis=1) + 1e-9
    quiet = power < np.mean(power) * 10 ** (-QUIET_BELOW / 10)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], quiet.astype(np.int8), [0]))))
    return step, [(int(start), int(end)) for start, end in zip(edges[::2], edges[1::2], strict=True)]


def shorten_pauses(clip: Clip, longest: float = LONGEST_INSIDE) -> Clip:
    """Cut every quiet stretch inside the clip down to `longest` seconds, keeping its two ends (the
    cut falls where the audio is already near silence, so it makes no click)."""
    samples = np.frombuffer(clip.samples, dtype="<i2")
    step, runs = _quiet_runs(samples, clip.sample_rate)
    keep_blocks = int(longest * 100)
    cuts = [(start, end) for start, end in runs if end - start > keep_blocks]
    if not cuts:
        return clip
    pieces, position = [], 0
    for start, end in cuts:
        half = keep_blocks // 2
        pieces.append(samples[position:(start + half) * step])
        position = (end - (keep_blocks - half)) * step
    pieces.append(samples[position:])
    return Clip(samples=np.concatenate(pieces).tobytes(), sample_rate=clip.sample_rate)


#: A quiet stretch inside a sentence at least this long (seconds) is a pause a caption may end at:
#: the engines hold a comma for 0.4 to 0.6 s, and stop between words for 0.08 to 0.14 s.
SHORTEST_PAUSE = 0.25


def inner_pauses(pcm: bytes, sample_rate: int,
                 shortest: float = SHORTEST_PAUSE) -> tuple[tuple[float, float], ...]:
    """Where a spoken sentence (16-bit mono PCM, its edges trimmed) pauses inside, as (start,
    end) seconds from its start: the quiet stretches `shorten_pauses` finds, of at least
    `shortest` seconds, that have speech on both sides. Captions split a long sentence there,
    on the audio's own timings."""
    samples = np.frombuffer(pcm, dtype="<i2")
    step, runs = _quiet_runs(samples, sample_rate)
    last = samples.size // step
    return tuple((start * step / sample_rate, end * step / sample_rate) for start, end in runs
                 if start > 0 and end < last and (end - start) * step >= shortest * sample_rate)


def tidy(clip: Clip) -> Clip:
    """A clip as the bulletin uses it: its edges trimmed and its inner pauses kept short."""
    return shorten_pauses(trim_silence(clip))


def expected_seconds(text: str, rate_wpm: int) -> float:
    """How long a sentence should take at the given rate, counting words as `count_words` does (by
    the character in Chinese and Japanese)."""
    return count_words(text) * 60.0 / rate_wpm


def plausible(clip: Clip, text: str, rate_wpm: int) -> bool:
    expected = expected_seconds(text, rate_wpm)
    return MIN_RATIO * expected <= clip.duration <= MAX_RATIO * expected + MAX_SLACK and clip.frames > 0


#: Plain news sentences, without numbers, spoken to measure an engine's pace before a build.
CALIBRATION = {
    "en": (
        "The city council approved a new budget on Monday after a long debate.",
        "Officials said the plan would repair roads, expand bus service and hire more teachers.",
        "Residents who spoke at the meeting asked for faster action on housing.",
        "The mayor promised a public report before the end of the month.",
    ),
    "es": (
        "El ayuntamiento aprobó el lunes un nuevo presupuesto tras un largo debate.",
        "Los responsables dijeron que el plan servirá para reparar calles y contratar profesores.",
        "Los vecinos que hablaron en la reunión pidieron medidas más rápidas sobre la vivienda.",
        "El alcalde prometió un informe público antes de fin de mes.",
    ),
    "fr": (
        "Le conseil municipal a adopté lundi un nouveau budget après un long débat.",
        "Les responsables ont expliqué que le plan servira à réparer les routes et à embaucher "
        "des enseignants.",
        "Les habitants présents à la réunion ont demandé des mesures plus rapides pour le logement.",
        "Le maire a promis un rapport public avant la fin du mois.",
    ),
    "it": (
        "Il consiglio comunale ha approvato lunedì un nuovo bilancio dopo un lungo dibattito.",
        "I responsabili hanno spiegato che il piano servirà a riparare le strade e ad assumere "
        "insegnanti.",
        "I cittadini intervenuti alla riunione hanno chiesto interventi più rapidi sulla casa.",
        "Il sindaco ha promesso una relazione pubblica entro la fine del mese.",
    ),
    "pt": (
        "A câmara municipal aprovou na segunda-feira um novo orçamento depois de um longo debate.",
        "Os responsáveis disseram que o plano vai servir para consertar ruas e contratar "
        "professores.",
        "Os moradores que falaram na reunião pediram medidas mais rápidas para a habitação.",
        "O prefeito prometeu um relatório público antes do fim do mês.",
    ),
    "de": (
        "Der Stadtrat hat am Montag nach einer langen Debatte einen neuen Haushalt beschlossen.",
        "Die Verantwortlichen sagten, mit dem Plan sollen Straßen repariert und Lehrer eingestellt "
        "werden.",
        "Anwohner, die bei der Sitzung sprachen, forderten schnellere Schritte beim Wohnungsbau.",
        "Der Bürgermeister versprach einen öffentlichen Bericht bis zum Ende des Monats.",
    ),
    "ja": (
        "市議会は月曜日、長い議論の末に新しい予算案を可決しました。",
        "担当者によりますと、計画では道路を補修し、バスの運行を増やし、教員を採用するということです。",
        "会合で発言した住民は、住宅問題への早い対応を求めました。",
        "市長は、月末までに報告書を公表すると約束しました。",
    ),
    "zh": (
        "市议会星期一经过长时间辩论，通过了新的预算。",
        "官员表示，这项计划将用于修路、增加公交服务和招聘更多教师。",
        "在会上发言的居民要求在住房问题上尽快采取行动。",
        "市长承诺在月底前公布一份公开报告。",
    ),
}
#: Calibration never moves an engine further than this from its natural pace.
SPEED_LIMITS = (0.5, 2.0)
#: Words of the script spoken to measure the pace; how close to aim; how many measurements at most.
CALIBRATION_WORDS, CALIBRATION_AIM, CALIBRATION_TRIES = 100, 0.02, 6


class _Timed(Protocol):
    """A clip in memory (`Clip`) or in the store (`ClipRef`): all `heard_wpm` needs is its length."""

    @property
    def duration(self) -> float: ...


def heard_wpm(clips: Sequence[_Timed], words: int) -> float:
    """Words a minute over speech time alone: the pauses between clips do not count."""
    seconds = sum(clip.duration for clip in clips)
    return words * 60.0 / seconds if seconds else 0.0


def calibration_sample(script: Script, words: int = CALIBRATION_WORDS) -> list[Sentence]:
    """Sentences to measure the pace on: a spread of the bulletin's own news sentences, since the
    heard rate in words depends on the words (news copy has long ones); the intro, outro and a
    stock paragraph in the script's language instead when the text is too short. (The framing,
    full of dates, reads slower than news: in the sample of a long text it set the pace 6 % fast.)

    The spread is chosen by a hash of each sentence, not its position: it samples the whole
    bulletin (its opening alone misjudged a long text by 8 %), it is the same for the same text,
    and an edit moves at most the edited sentences in or out of it, so the pace (and with it every
    cached sentence) stays put.
    """
    framing = [s for i, s in script.sentences() if script.segments[i].kind in ("intro", "outro")]
    body = [s for i, s in script.sentences() if script.segments[i].kind not in ("intro", "outro")]
    if sum(s.words for s in body) < words:
        stock = CALIBRATION.get(primary(script.language), CALIBRATION["en"])
        said = [normalize(t, script.language) for t in stock]  # Japanese is spoken in kana
        return framing + [Sentence(t, 0.0, s, count_words(s)) for t, s in zip(stock, said, strict=True)]
    chosen, count = [], 0
    for sentence in sorted(set(body), key=lambda s: hashlib.sha256(s.speech.encode()).digest()):
        chosen.append(sentence)
        count += sentence.words
        if count >= words:
            break
    return chosen


#: What `letters` counts: letters and digits in any script (phoneme notation included).
LETTER = re.compile(r"\w")


def letters(sentences: Sequence[Sentence]) -> int:
    """Letters in the sentences' speech: a better measure than words of how long they take to say."""
    return sum(len(LETTER.findall(s.speech)) for s in sentences)


def sample_aim(rate_wpm: float, sample: Sequence[Sentence], whole: Sequence[Sentence]) -> float:
    """The heard rate to aim at on `sample` so that `whole` is heard at `rate_wpm`.

    Speaking time follows letters far more closely than words (long words take longer), so a
    sample whose words are longer than the whole's must be heard that much slower. On a hundred
    words, the sample's letters per word predict the whole's pace several times more closely than
    its words alone, whose error was enough to miss the tolerance and speak a bulletin twice.
    Rounded, so the same text gives the same aim (and the calibration's cache key)."""
    sample_words, whole_words = sum(s.words for s in sample), sum(s.words for s in whole)
    sample_letters, whole_letters = letters(sample), letters(whole)
    if not (sample_words and whole_words and sample_letters and whole_letters):
        return rate_wpm
    return round(rate_wpm * (whole_letters / whole_words) / (sample_letters / sample_words), 1)


def quantize(factor: float) -> float:
    """Speed factors move in steps of 1 %, within `SPEED_LIMITS`: a slightly different measurement
    gives the same factor, so the same sentences hit the cache."""
    return round(min(SPEED_LIMITS[1], max(SPEED_LIMITS[0], factor)), 2)


def calibrate(speak: Callable[[list[Sentence], float], list], rate_wpm: float,
              sample: list[Sentence], name: str = "the", start: float = 1.0,
              measured: list[tuple[float, float]] | None = None) -> float:
    """Find the speed factor whose heard rate on `sample` is `rate_wpm`, starting at `start`;
    `speak(sentences, factor)` returns their clips. Each factor tried and the words a minute heard
    at it are appended to `measured`.

    Engines' own rate controls are nominal (espeak-ng asked for 160 speaks about 175 to 190) and
    neural voices have only a speed factor whose effect comes in steps (hibari and Kokoro round
    phoneme lengths to whole frames), so the pace is measured and the factor searched:
    proportional steps until the target is bracketed, then interpolation inside the bracket,
    keeping the best factor seen. The search ends when the bracket cannot be narrowed.
    """
    factor, low, high = quantize(start), None, None
    best = (float("inf"), factor)
    tried: set[float] = set()
    for _ in range(CALIBRATION_TRIES):
        if factor in tried:
            break
        tried.add(factor)
        clips = speak(sample, factor)
        heard = heard_wpm(clips, sum(s.words for s in sample))
        if heard <= 0:
            raise EngineError(f"the {name} engine produced no speech while measuring its pace")
        if measured is not None:
            measured.append((factor, heard))
        error = heard / rate_wpm - 1
        log.debug("calibration: factor %.2f -> %.1f wpm on %d sentences", factor, heard, len(sample))
        best = min(best, (abs(error), factor))
        if abs(error) <= CALIBRATION_AIM:
            break
        if error < 0:
            low = (factor, heard)
        else:
            high = (factor, heard)
        factor = next_factor(rate_wpm, factor, heard, low, high)
    return best[1]


def next_factor(rate_wpm: float, factor: float, heard: float, low: tuple[float, float] | None,
                high: tuple[float, float] | None) -> float:
    """The factor to try after `factor` was heard at `heard`: inside the bracket of the closest
    factors heard too slow (`low`) and too fast (`high`) when there is one, else in proportion."""
    if low and high:
        (f1, h1), (f2, h2) = low, high
        guess = f1 + (rate_wpm - h1) * (f2 - f1) / (h2 - h1) if h2 != h1 else (f1 + f2) / 2
        guess = min(max(guess, f1 + 0.1 * (f2 - f1)), f1 + 0.9 * (f2 - f1))
    else:
        guess = factor * rate_wpm / heard
    return quantize(guess)


def speak_items(engine: Engine, rate_wpm: int, items: list[tuple[int, str, str]]) -> list[tuple[int, Clip]]:
    """Speak `(index, speech, text)` items; retry an implausible clip once, then fail naming it."""
    spoken = []
    for index, speech, text in items:
        clip = tidy(engine.synthesize(speech))
        if not plausible(clip, speech, rate_wpm):
            clip = tidy(engine.synthesize(speech))
        if not plausible(clip, speech, rate_wpm):
            expected = expected_seconds(speech, rate_wpm)
            raise EngineError(
                f"the {engine.name} engine gave {clip.duration:.2f} s of speech (expected about "
                f"{expected:.1f} s) twice for sentence {index + 1}: {quoted(text)}"
            )
        spoken.append((index, clip))
    return spoken
