"""Shared fixtures: real engines and real ffmpeg, temporary folders only.

Nothing here skips: a missing espeak-ng or ffmpeg makes the tests fail (in CI and locally alike),
because a bulletin tool whose audio checks were skipped has not been tested. The measuring helpers
call ffmpeg and ffprobe directly, independently of briefing's own loudness code.
"""

import html
import itertools
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from briefing.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "kherson.txt"
DATE = "2026-11-24"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory):
    """Every test's builds share one cache in a temporary folder, never the user's own."""
    os.environ["BRIEFING_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    os.environ.pop("BRIEFING_CACHE_DIR", None)


@pytest.fixture(scope="session", autouse=True)
def _private_data(tmp_path_factory: pytest.TempPathFactory):
    """Files made once (the joined Kokoro model) go to a temporary folder, never the user's own."""
    os.environ["BRIEFING_DATA_DIR"] = str(tmp_path_factory.mktemp("data"))
    yield
    os.environ.pop("BRIEFING_DATA_DIR", None)


@pytest.fixture(scope="session", autouse=True)
def _tools_present() -> None:
    for tool in ("ffmpeg", "ffprobe", "espeak-ng"):
        assert shutil.which(tool), f"{tool} is not installed: run scripts/setup"


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """An empty output folder, for tests that check nothing is left behind."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def run_cli(*args: str, env: dict | None = None, input: str | bytes | None = None):
    """Invoke the CLI in-process the way a user would; returns click's Result."""
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, input=input,
                              catch_exceptions=False)


@dataclass(frozen=True)
class Loudness:
    integrated: float
    true_peak: float


def ebur128(path: Path) -> Loudness:
    """Integrated loudness and true peak of a file, as ffmpeg's ebur128 filter measures them."""
    out = subprocess.run(
        ["ffmpeg", "-hide_banner", "-nostats", "-i", str(path), "-af",
         "ebur128=peak=true:framelog=verbose", "-f", "null", "-"],
        capture_output=True, text=True, check=True,
    ).stderr
    summary = out[out.rfind("Summary:"):]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary)[1])
    peak = float(re.search(r"Peak:\s+(-?[\d.]+) dBFS", summary)[1])
    return Loudness(integrated, peak)


def ffprobe(path: Path, *args: str) -> dict:
    out = subprocess.run(["ffprobe", "-v", "error", *args, "-of", "json", str(path)],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def decode(path: Path, rate: int = 44100) -> np.ndarray:
    """Decode any audio file to mono float samples in [-1, 1] at `rate`."""
    raw = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-ac", "1", "-ar", str(rate), "-f", "s16le", "-"],
        capture_output=True, check=True,
    ).stdout
    return np.frombuffer(raw, dtype="<i2").astype(np.float64) / 32768.0


def read_cues(text: str) -> list[tuple[float, float, tuple[str, ...]]]:
    """The cues of a WebVTT or SubRip transcript: start, end and the lines of text, a WebVTT
    voice span left out and its character references read back."""
    def seconds(stamp: str) -> float:
        h, m, s = stamp.replace(",", ".").split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)

    cues = re.findall(r"^(\d\d:\d\d:\d\d[.,]\d\d\d) --> (\d\d:\d\d:\d\d[.,]\d\d\d)\n((?:.+\n?)+)",
                      text, re.M)
    return [(seconds(a), seconds(b),
             tuple(html.unescape(re.sub(r"^<v [^>]*>", "", line))
                   for line in lines.rstrip("\n").split("\n")))
            for a, b, lines in cues]


def sentence_cues(mp3: Path, kind: str = "vtt") -> list[tuple[dict, list]]:
    """Each sentence of the manifest beside `mp3` with its cues in the transcript of `kind`,
    checking on the way that a sentence's cues, rejoined, are its text."""
    cues = read_cues(mp3.with_suffix(f".{kind}").read_text(encoding="utf-8"))
    manifest = json.loads(mp3.with_suffix(".json").read_text())
    grouped, position = [], 0
    for sentence in (s for seg in manifest["segments"] for s in seg["sentences"]):
        own, words = [], []
        while " ".join(words) != sentence["text"]:
            assert position < len(cues) and len(" ".join(words)) < len(sentence["text"]), \
                f"no cues make {sentence['text']!r} (got {' '.join(words)!r})"
            own.append(cues[position])
            words += cues[position][2]
            position += 1
        grouped.append((sentence, own))
    assert position == len(cues), "cues without a sentence"
    return grouped


def assert_cues_at_onsets(mp3: Path) -> None:
    """Every sentence's WebVTT cues beside `mp3` rejoin into its text, the first starting within
    50 ms of its speech in the MP3 and all of them in order inside the sentence's own time; a
    cue that ends at one of its pauses is followed by one that starts as the pause ends."""
    vtt = mp3.with_suffix(".vtt").read_text()
    assert vtt.startswith("WEBVTT\n")
    samples, rate = decode(mp3), 44100
    threshold = 10 ** (-50 / 20)  # -50 dBFS: above the MP3's silence, below any speech onset
    for sentence, cues in sentence_cues(mp3):
        start, text = cues[0][0], sentence["text"]
        assert abs(start - sentence["start"]) <= 0.0015 and abs(cues[-1][1] - sentence["end"]) <= 0.0015
        # Every sentence is preceded by at least 0.3 s of silence, so search from just inside it.
        window = samples[int((start - 0.25) * rate): int((start + 0.25) * rate)]
        loud = np.flatnonzero(np.abs(window) > threshold)
        assert loud.size, f"no speech near {start:.3f} s for {text!r}"
        onset = start - 0.25 + loud[0] / rate
        assert abs(onset - start) <= 0.05, f"{text!r}: cue {start:.3f} s, speech at {onset:.3f} s"
        pauses = {round(a, 3): round(b, 3) for a, b in sentence.get("pauses", [])}
        for (_, end, _), (following, _, _) in itertools.pairwise(cues):
            assert following >= end
            if following > end and round(end, 3) in pauses:
                assert abs(following - pauses[round(end, 3)]) <= 0.0015, text
        assert all(end > start for start, end, _ in cues)


@dataclass(frozen=True)
class Built:
    mp3: Path
    vtt: Path
    manifest: Path
    stdout: str


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The seed article built once with the default settings, for the tests that inspect it."""
    out = tmp_path_factory.mktemp("seed") / "kherson.mp3"
    result = run_cli("-q", "build", SEED, "--date", DATE, "-o", out)
    assert result.exit_code == 0, result.output
    return Built(out, out.with_suffix(".vtt"), out.with_suffix(".json"), result.stdout)


#: A source with markup and a script in its text: the page must show them, never run them.
HARBOUR = """Night shift at the <b>harbour</b>

The port stayed open all night. Crews unloaded grain and steel.

A worker typed <script>window.pwned = 1</script> into the harbour's web form as a test. The form
showed it as plain text, and <i>nothing</i> ran.

The morning shift arrived at six. The cranes stopped for ten minutes.

Officials said the new schedule will stay. Traffic on the coast road was light.
"""


@pytest.fixture(scope="session")
def harbour(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A short bulletin (system voice) whose text holds markup and a script, with every transcript
    format: for the player and transcript tests."""
    folder = tmp_path_factory.mktemp("harbour")
    source = folder / "harbour.txt"
    source.write_text(HARBOUR, encoding="utf-8")
    out = folder / "out" / "harbour.mp3"
    result = run_cli("-q", "build", source, "--voice", "system", "--date", DATE, "-o", out,
                     "--transcript", "vtt,srt,txt")
    assert result.exit_code == 0, result.output
    return out


def tone_clips(script, speed: float = 1.0) -> list:
    """Every sentence of `script` spoken by the tone engine: lengths known to the sample."""
    from briefing.speech.engines.tone import ToneEngine

    engine = ToneEngine()
    engine.set_speed(speed)
    return [engine.synthesize(sentence.speech) for _, sentence in script.sentences()]


def tone_script(sections: int = 3, sentences: int = 2, stories: int = 1):
    """A script with `stories` articles of `sections` sections of `sentences` sentences each."""
    import datetime as dt

    from briefing.script.compose import Pauses, build_script
    from briefing.sources.article import Article, Section

    words = ("council", "budget", "river", "bridge", "market", "school", "harbour", "train")
    articles = []
    for story in range(stories):
        sections_ = tuple(
            Section((" ".join(f"The {words[(story + n + k) % len(words)]} story {story} part {n} "
                              f"line {k} was read." for k in range(sentences)),))
            for n in range(sections))
        articles.append(Article(f"Story {story}", sections_, f"story-{story}.txt"))
    return build_script(articles, dt.date(2026, 11, 24), Pauses(0.35, 0.8, 1.2, 2.0),
                        stories=stories > 1)


@pytest.fixture
def tone_voice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The name of a voice profile that speaks with the tone engine, found in a voices folder of
    its own."""
    folder = tmp_path / "tone-voices"
    folder.mkdir()
    (folder / "tone.toml").write_text('engine = "tone"\nlanguage = "en"\nrate = 160\n'
                                      'description = "a tone per word, for exact tests"\n')
    monkeypatch.setenv("BRIEFING_VOICES_DIR", str(folder))
    return "tone"


@pytest.fixture(scope="session")
def whisper_base(tmp_path_factory: pytest.TempPathFactory):
    """Whisper base (faster-whisper, int8), joined once from the PyPI parts by the project's own
    checked join (`briefing.hearing.model`) into a temporary folder: nothing is downloaded."""
    from faster_whisper import WhisperModel

    from briefing.hearing.model import join_model

    folder = tmp_path_factory.mktemp("whisper") / "whisper-base"
    join_model(folder)
    return WhisperModel(str(folder), device="cpu", compute_type="int8",
                        cpu_threads=os.cpu_count() or 1, local_files_only=True)


def hear_bulletin(model, manifest: dict, mp3: Path, language: str) -> list[tuple[str, str]]:
    """Each sentence of a built bulletin as printed, with what `model` (faster-whisper) heard in
    its time: one pass over the whole MP3, beam 5, with no previous text as context (with it,
    Whisper invents whole phrases on long bulletins), each word given to its sentence by time as
    `build --verify` does."""
    from briefing.hearing.align import per_sentence, text_of
    from briefing.hearing.recognizer import Word

    segments, _ = model.transcribe(str(mp3), language=language, beam_size=5, word_timestamps=True,
                                   condition_on_previous_text=False)
    heard = [Word(w.start, w.end, w.word) for segment in segments for w in segment.words or ()]
    sentences = [s for segment in manifest["segments"] for s in segment["sentences"]]
    spans = [(s["start"], s["end"]) for s in sentences]
    return [(s["text"], text_of(words)) for s, words in zip(sentences, per_sentence(heard, spans),
                                                           strict=True)]


def sentence_error(reference: list[str], heard: list[str]) -> float:
    """The word error rate of one sentence, a word the recognizer wrote in two pieces counted as
    the word ("marte di" for martedì): a spelling, not a word said wrong. A sentence heard as
    nothing has every word wrong."""
    import jiwer

    from briefing.hearing.words import fold

    words = {fold(word): word for word in reference}
    joined: list[str] = []
    index = 0
    while index < len(heard):
        pair = fold("".join(heard[index:index + 2]))
        if index + 1 < len(heard) and pair in words and fold(heard[index]) not in words:
            joined.append(words[pair])
            index += 2
        else:
            joined.append(heard[index])
            index += 1
    return float(jiwer.wer(" ".join(reference), " ".join(joined) or "-"))
