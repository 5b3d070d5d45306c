"""Captions: sentences cut into cues of at most 7 s and two lines of 42 characters, where the voice
pauses; checked on made-up timings, on the seed spoken by the default voice (its real pauses, in
the decoded MP3) and on a six-story daily episode."""

import itertools
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.audio.assembly import Chapter, TimedSentence, Timeline
from briefing.publish.captions import LINE_CHARS, MAX_LINES, MAX_SECONDS, plan_cues, sentence_cues
from briefing.publish.transcript import to_srt, to_webvtt

from ..conftest import DATE, ROOT, decode, read_cues, run_cli
from ..conftest import sentence_cues as cues_of_sentences

LONG = ("Far from withdrawing, as the General Staff interpreted when the government ordered an "
        "evacuation, the Kremlin has sent 2,000 soldiers to the city and moved its officers.")


def assert_readable(cues, text: str, start: float, end: float) -> None:
    """What every sentence's cues must be: short, on at most two short lines, in order within
    the sentence, and together exactly its text."""
    assert " ".join(" ".join(lines) for _, _, lines in cues) == " ".join(text.split())
    assert cues[0][0] == start and cues[-1][1] == end
    for (a, b, lines), following in zip(cues, [*cues[1:], None], strict=True):
        one_word = len(lines) == 1 and " " not in lines[0]
        assert a < b or one_word
        assert b - a <= MAX_SECONDS + 0.001 or one_word, (a, b, lines)
        assert len(lines) <= MAX_LINES
        assert all(len(line) <= LINE_CHARS or " " not in line for line in lines), lines
        if following is not None:
            assert following[0] >= b


def test_a_long_sentence_is_cut_where_its_voice_pauses():
    # 14 s of speech, paused for half a second at both commas (and not in "2,000").
    commas = [at for at in range(len(LONG)) if LONG.startswith(", ", at)]
    letters = sum(c.isalnum() for c in LONG)
    pauses, shift = [], 0.0
    for comma in commas:
        said = sum(c.isalnum() for c in LONG[:comma]) / letters * 14.0
        pauses.append((10.0 + said + shift, 10.0 + said + shift + 0.5))
        shift += 0.5
    end = 10.0 + 14.0 + shift
    cues = sentence_cues(LONG, 10.0, end, pauses)
    assert_readable(cues, LONG, 10.0, end)
    # Cut at both pauses: each cue ends as its pause begins, the next starts as it ends.
    assert [(b, following) for (_, b, _), (following, _, _) in itertools.pairwise(cues)] == pauses
    assert [" ".join(lines) for _, _, lines in cues] == [
        "Far from withdrawing,",
        "as the General Staff interpreted when the government ordered an evacuation,",
        "the Kremlin has sent 2,000 soldiers to the city and moved its officers."]
    # Off by a second, the pauses are still found at their commas; far off, they are not.
    assert [b for _, b, _ in sentence_cues(LONG, 9.0, end, pauses)[:-1]] == [a for a, _ in pauses]


def test_without_pauses_a_sentence_is_timed_by_its_letters():
    """An old manifest has no pauses: the cues share the sentence's time in proportion to their
    letters."""
    text = " ".join(["word"] * 40)  # 40 words of 4 letters, 20 s: two cues of 10 s are too long
    cues = sentence_cues(text, 0.0, 20.0)
    assert_readable(cues, text, 0.0, 20.0)
    for a, b, lines in cues:
        assert b - a == pytest.approx(20.0 * sum(len(line.replace(" ", "")) for line in lines)
                                      / 160)


def test_an_unbreakable_word_gets_a_cue_of_its_own():
    url = "https://example.org/news/2026/11/24/a-very-long-address-of-a-story.html"
    cues = sentence_cues(f"Read it at {url} today.", 0.0, 4.0)
    assert [lines for _, _, lines in cues] == [("Read it at",), (url,), ("today.",)]


@st.composite
def spoken_sentences(draw):
    words = draw(st.lists(st.one_of(
        st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S")), min_size=1,
                max_size=14),
        st.sampled_from(["and,", "the", "council", "said;", "(today)", "—", "2,000", "x" * 60])),
        min_size=1, max_size=70))
    text = " ".join(words)
    start = draw(st.floats(0, 3000, allow_nan=False))
    seconds = draw(st.floats(0.2, 40, allow_nan=False))
    marks = sorted(draw(st.lists(st.floats(0.01, 0.99), max_size=8, unique=True)))
    pauses, last = [], start
    for mark in marks:
        a = start + mark * seconds
        b = min(a + draw(st.floats(0.25, 0.6)), start + seconds * 0.999)
        if a > last and b > a:
            pauses.append((a, b))
            last = b
    return text, start, start + seconds, pauses


@settings(max_examples=300, deadline=None)
@given(spoken_sentences())
def test_any_sentence_makes_readable_cues(sentence):
    text, start, end, pauses = sentence
    cues = sentence_cues(text, start, end, pauses)
    assert_readable(cues, text, start, end)
    for (_, b, _), (a, _, _) in itertools.pairwise(cues):
        # A cut is at a real pause (from its start to its end) or at one moment.
        assert (b, a) in pauses or a == b


def _timeline(*texts: str) -> Timeline:
    sentences = tuple(TimedSentence(text, index, 1.0 + 3 * index, 3.5 + 3 * index)
                      for index, text in enumerate(texts))
    chapters = tuple(Chapter(f"Part {n}", 3.0 * n, 3.0 * n + 3) for n in range(len(texts)))
    return Timeline(22050, 3.0 * len(texts), sentences, chapters)


def test_webvtt_escapes_its_markup_and_names_the_presenters():
    timeline = _timeline("Fish & chips <b>cost</b> less --> today.", "Here's Joe.")
    vtt = to_webvtt(timeline, voices=["Hannah", "Joe"])
    assert "<v Hannah>Fish &amp; chips &lt;b&gt;cost&lt;/b&gt; less --&gt; today.\n" in vtt
    assert "<v Joe>Here's Joe.\n" in vtt
    assert [lines for _, _, lines in read_cues(vtt)] == [
        ("Fish & chips <b>cost</b> less --> today.",), ("Here's Joe.",)]
    # One voice: no spans. SubRip has none either, and keeps its text (but never a timing arrow).
    assert "<v " not in to_webvtt(timeline)
    assert "Fish & chips <b>cost</b> less -> today.\n" in to_srt(timeline)
    assert [cue.voice for cue in plan_cues(timeline.sentences, ["Hannah", "Joe"])] == \
        ["Hannah", "Joe"]


def quiet_between(samples: np.ndarray, a: float, b: float, level: float, rate: int = 44100) -> bool:
    """Whether every 10 ms of `samples` between `a` and `b` seconds (a block's width inside
    each end) is `level` RMS or softer."""
    stretch = samples[int((a + 0.01) * rate): int((b - 0.01) * rate)]
    step = rate // 100
    blocks = stretch[: stretch.size // step * step].reshape(-1, step)
    return blocks.size == 0 or float(np.sqrt(np.mean(blocks ** 2, axis=1)).max()) <= level


def assert_captions(mp3: Path) -> list:
    """The acceptance: every cue fits (7 s, two lines of 42), each sentence's cues rejoin into it,
    and SubRip's cues, if it was asked for, are WebVTT's."""
    grouped = cues_of_sentences(mp3)
    for sentence, cues in grouped:
        assert_readable(cues, sentence["text"], cues[0][0], cues[-1][1])
    if not mp3.with_suffix(".srt").exists():
        return grouped
    srt = read_cues(mp3.with_suffix(".srt").read_text(encoding="utf-8"))
    vtt = [cue for _, cues in grouped for cue in cues]
    assert [(round(a, 3), round(b, 3), lines) for a, b, lines in srt] == \
        [(round(a, 3), round(b, 3), lines) for a, b, lines in vtt]
    return grouped


@pytest.fixture(scope="module")
def seed_captions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed in the default voice, with both timed transcripts."""
    out = tmp_path_factory.mktemp("captions") / "kherson.mp3"
    result = run_cli("-q", "build", ROOT / "seeds" / "kherson.txt", "--date", DATE, "-o", out,
                     "--transcript", "vtt,srt")
    assert result.exit_code == 0, result.output
    return out


def test_the_seed_is_captioned_at_its_real_pauses(seed_captions: Path):
    grouped = assert_captions(seed_captions)
    longest = max(len(s["text"]) for s, _ in grouped)
    assert longest > 2 * 84 and max(s["end"] - s["start"] for s, _ in grouped) > 2 * MAX_SECONDS
    # The voice pauses at commas, and long sentences are cut there: a cue ending at a pause is
    # followed by one starting as the pause ends, and the MP3 is silent in between.
    samples = decode(seed_captions)
    at_pauses = 0
    for sentence, cues in grouped:
        pauses = {round(a, 3): round(b, 3) for a, b in sentence.get("pauses", [])}
        speech = samples[int(sentence["start"] * 44100): int(sentence["end"] * 44100)]
        quiet = float(np.sqrt(np.mean(speech ** 2))) * 10 ** (-20 / 20)
        for (_, end, _), (start, _, _) in itertools.pairwise(cues):
            if round(end, 3) in pauses:
                at_pauses += 1
                assert round(start, 3) == pauses[round(end, 3)]
                assert start - end >= 0.25 and quiet_between(samples, end, start, quiet), \
                    (sentence["text"], end, start)
    assert at_pauses >= 10
    # Most of the long sentences' pauses are clause boundaries: commas end the cues before them.
    ends = [lines[-1][-1] for _, cues in grouped for _, _, lines in cues[:-1]]
    assert ends.count(",") >= at_pauses * 0.7


def test_a_six_story_daily_episode_is_captioned_in_short_cues(tmp_path, tone_voice):
    shutil.copy(ROOT / "tests" / "six-stories.rss", tmp_path / "six.rss")
    config = tmp_path / "show.toml"
    config.write_text(f'title = "Harbour Daily"\nvoice = "{tone_voice}"\noutput = "episodes"\n'
                      '[[sources]]\npath = "six.rss"\n')
    result = run_cli("daily", "--config", config, "--date", DATE)
    assert result.exit_code == 0, result.output
    episode = tmp_path / "episodes" / f"{DATE}.mp3"
    grouped = assert_captions(episode)
    manifest = json.loads(episode.with_suffix(".json").read_text())
    assert len([s for s in manifest["segments"] if s["kind"] == "story"]) == 6
    assert sum(len(cues) > 1 for _, cues in grouped) >= 10  # long sentences were cut
