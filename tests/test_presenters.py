"""Two presenters end to end: real builds, the MP3 decoded and each presenter measured in it."""

import contextlib
import itertools
import json
import re
import wave
from pathlib import Path

import numpy as np
import pytest
from mutagen.id3 import ID3

from .conftest import DATE, assert_cues_at_onsets, decode, ebur128, run_cli

STORIES = [
    ("Harbour night shift", "The port stayed open all night. Crews unloaded grain and steel "
     "from three ships. The morning shift arrived at six and took over the cranes."),
    ("Council budget", "The council approved its budget on Monday after a long debate. Schools "
     "and roads get more money. The vote was seven to four."),
    ("River levels", "The river rose by a metre overnight after heavy rain in the hills. Two "
     "roads near the bridge were closed. Officials expect the water to fall by Friday."),
    ("Market day", "The new market opened in the square with forty stalls. Farmers sold fruit, "
     "bread and cheese. Traders said the first day was busy."),
]


def _sources(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number, (title, text) in enumerate(STORIES, 1):
        (folder / f"{number}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
    return folder


@pytest.fixture
def two_tones(tone_voice: str) -> tuple[str, str]:
    """The tone voice and a second one, much softer, beside it."""
    import os

    folder = Path(os.environ["BRIEFING_VOICES_DIR"])
    (folder / "soft-tone.toml").write_text('engine = "tone"\nlanguage = "en"\nrate = 150\n'
                                           'volume = 0.25\npresenter = "Emma"\n')
    return tone_voice, "soft-tone"


def _windows(manifest: dict) -> dict[str, list[tuple[float, float, str]]]:
    """Each presenter's sentences: (start, end, text) in the MP3's time."""
    found: dict[str, list[tuple[float, float, str]]] = {}
    for segment in manifest["segments"]:
        for sentence in segment["sentences"]:
            found.setdefault(segment["voice"], []).append(
                (sentence["start"], sentence["end"], sentence["spoken"]))
    return found


def _loudness_of(samples: np.ndarray, windows, path: Path, rate: int = 44100) -> float:
    """Integrated loudness of the windows of `samples` played one after another."""
    pcm = np.concatenate([samples[round(a * rate): round(b * rate)] for a, b, _ in windows])
    with contextlib.closing(wave.open(str(path), "wb")) as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes((np.clip(pcm, -1, 1) * 32767).astype("<i2").tobytes())
    return ebur128(path).integrated


def _heard_wpm(windows) -> float:
    from briefing.script.compose import count_words

    words = sum(count_words(text) for _, _, text in windows)
    return words * 60 / sum(b - a for a, b, _ in windows)


def presenter_loudness(mp3: Path, work: Path) -> dict[str, float]:
    """Each presenter's integrated loudness over their sentences in the MP3."""
    windows = _windows(json.loads(mp3.with_suffix(".json").read_text()))
    samples = decode(mp3)
    return {who: _loudness_of(samples, spans, work / f"{who}.wav")
            for who, spans in windows.items()}


def check_presenters(mp3: Path, first: str, second: str, rate: int, work: Path) -> dict:
    """What the acceptance asks of a two-presenter bulletin, measured in the MP3 itself."""
    manifest = json.loads(mp3.with_suffix(".json").read_text())
    assert [p["name"] for p in manifest["presenters"]] == [first, second]
    voices = [segment["voice"] for segment in manifest["segments"]]
    assert voices[0] == voices[-1] == first
    stories = [s["voice"] for s in manifest["segments"] if s["kind"] == "story"]
    assert stories == [second, first] * (len(stories) // 2) + [second] * (len(stories) % 2)
    windows = _windows(manifest)
    loudness = presenter_loudness(mp3, work)
    assert abs(loudness[first] - loudness[second]) <= 1.0, loudness
    for who in (first, second):
        assert abs(_heard_wpm(windows[who]) / rate - 1) <= 0.05, (who, _heard_wpm(windows[who]))
    return manifest


def test_two_tone_presenters_alternate_hand_over_and_match_in_loudness_and_pace(tmp_path,
                                                                                 two_tones):
    first, second = two_tones
    source = _sources(tmp_path / "news")
    out = tmp_path / "out" / "news.mp3"
    result = run_cli("-q", "build", source, "--presenters", f"{first},{second}", "--date", DATE,
                     "-o", out, "--cache-dir", tmp_path / "cache")
    assert result.exit_code == 0, result.output
    manifest = check_presenters(out, first, second, 160, tmp_path)
    # The soft voice was a quarter as loud: the other was turned down to it.
    gains = {p["name"]: p["gain_db"] for p in manifest["presenters"]}
    assert gains[second] == 0.0 and gains[first] < -10
    assert manifest["presenters"][1]["presenter"] == "Emma"
    assert manifest["presenters"][0]["rate"] == manifest["presenters"][1]["rate"] == 160
    ends = [segment["sentences"][-1]["text"] for segment in manifest["segments"]]
    # The fourth story is Tone's, who goes on to close: no hand-over there.
    assert ends[:5] == ["Here's Emma with the first story.", "Here's Tone with the next story.",
                        "Here's Emma with the next story.", "Here's Tone with the next story.",
                        "Traders said the first day was busy."]
    transcript = out.with_suffix(".vtt").read_text()
    assert "Here's Emma with the first story." in transcript
    assert abs(ebur128(out).integrated - -16.0) <= 1.0


def test_without_matching_the_tone_presenters_would_differ(tmp_path, two_tones):
    """The measure above can fail: the same voices with the per-voice gain taken away are about
    twelve decibels apart in the MP3."""
    from briefing.audio import presenters

    first, second = two_tones
    source = _sources(tmp_path / "news")
    out = tmp_path / "out" / "news.mp3"
    original = presenters.match_voices

    def unmatched(speech, store, workdir, jobs=1, extra=()):
        matched = original(speech, store, workdir, jobs, extra)
        return presenters.Matched(list(speech.clips), matched.loudness, (0.0, 0.0),
                                  matched.sample_rate)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(presenters, "match_voices", unmatched)
        result = run_cli("-q", "build", source, "--presenters", f"{first},{second}", "--date",
                         DATE, "-o", out, "--cache-dir", tmp_path / "cache")
    assert result.exit_code == 0, result.output
    loudness = presenter_loudness(out, tmp_path)
    assert loudness[first] - loudness[second] > 8, loudness


def test_the_script_shows_who_speaks_and_the_hand_overs(tmp_path, two_tones):
    first, second = two_tones
    source = _sources(tmp_path / "news")
    result = run_cli("script", source, "--presenters", f"{first},{second}", "--date", DATE)
    assert result.exit_code == 0, result.output
    assert f"[intro, {first}]" in result.output and f"[story, {second}]" in result.output
    assert "Here's Emma with the first story." in result.output


def test_brief_mode_keeps_every_hand_over_line(tmp_path, two_tones):
    """Shortening stories to fit `--max-minutes` never cuts the line a presenter hands over with."""
    from briefing.pipeline import BuildOptions, prepare

    first, second = two_tones
    source = _sources(tmp_path / "news")
    for story in source.iterdir():  # long enough to need shortening
        title, body = story.read_text().split("\n\n", 1)
        story.write_text(f"{title}\n\n" + "\n\n".join([body.strip()] * 6) + "\n")
    script = prepare([source], BuildOptions(presenters=(first, second), max_minutes=1.0)).script
    assert any(s.cut and s.cut.kept < s.cut.total for s in script.segments), "nothing was shortened"
    for segment, following in itertools.pairwise(script.segments):
        if following.voice != segment.voice:
            last = segment.sentences[-1].text
            assert last.startswith(("Here's", "Back to you")), (segment.kind, last)


def test_presenters_who_do_not_speak_the_language_are_one_error_line(tmp_path, two_tones):
    import os

    first, _ = two_tones
    folder = Path(os.environ["BRIEFING_VOICES_DIR"])
    (folder / "tono.toml").write_text('engine = "tone"\nlanguage = "es"\n')
    source = _sources(tmp_path / "news")
    out = tmp_path / "out" / "news.mp3"
    result = run_cli("build", source, "--presenters", f"{first},tono", "--lang", "en",
                     "--date", DATE, "-o", out)
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert lines[-1] == ("Error: presenter 'tono' speaks es, but the bulletin is in en: choose "
                         "two voices that speak en (see `briefing voices`)")
    assert "Traceback" not in result.output and not out.exists()
    bad = run_cli("build", source, "--presenters", first, "-o", out)
    assert bad.exit_code == 2 and "give two different voice profiles" in bad.output


def test_two_real_voices_at_different_sample_rates_match(tmp_path):
    """hibari (24 kHz) and Piper (22.05 kHz): both heard at the rate, as loud as each other."""
    source = _sources(tmp_path / "news")
    out = tmp_path / "out" / "news.mp3"
    result = run_cli("-q", "build", source, "--presenters", "anchor,joe", "--date", DATE,
                     "-o", out, "--cache-dir", tmp_path / "cache")
    assert result.exit_code == 0, result.output
    manifest = check_presenters(out, "anchor", "joe", 160, tmp_path)
    assert [p["engine"] for p in manifest["presenters"]] == ["hibari", "piper"]
    # Hannah hands over to Joe, and each cue names who says it; the tags name both engines.
    vtt = out.with_suffix(".vtt").read_text()
    assert "<v Hannah>Here's Joe with the first story." in vtt
    assert set(re.findall(r"^<v ([^>]+)>", vtt, re.M)) == {"Hannah", "Joe"}
    encoder = str(ID3(out)["TSSE"])
    assert all(p["engine_version"] in encoder for p in manifest["presenters"])
    assert_cues_at_onsets(out)


def test_presenter_clips_removed_before_encoding_are_made_again(tmp_path, monkeypatch, two_tones):
    """The cache cleared once both presenters have been matched: each clip turned down to the
    other's loudness is made again from its sentence, spoken again, and the bulletin is the one a
    quiet build makes."""
    import shutil

    from briefing.audio import presenters

    first, second = two_tones
    source = _sources(tmp_path / "news")
    args = ("-q", "build", source, "--presenters", f"{first},{second}", "--date", DATE)
    quiet = tmp_path / "quiet.mp3"
    assert run_cli(*args, "-o", quiet, "--cache-dir", tmp_path / "one").exit_code == 0
    real = presenters.Presenters.speak

    def speak_then_clear(self, script):
        spoken = real(self, script)
        shutil.rmtree(self.speakers[0].store.root / "clips")
        return spoken

    monkeypatch.setattr(presenters.Presenters, "speak", speak_then_clear)
    cleared = tmp_path / "cleared.mp3"
    result = run_cli(*args, "-o", cleared, "--cache-dir", tmp_path / "two")
    assert result.exit_code == 0, result.output
    assert (decode(quiet) == decode(cleared)).all()
