"""Music end to end: a bed of a generated tone measured under real speech against the same build
without it, intro and outro music around a bulletin, the errors for a bad file, and the daily
config's music keys."""

import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest

from briefing.audio.music import UNDER_SPEECH_DB
from briefing.daily import run_daily
from briefing.errors import ConfigError
from briefing.show_config import config_from_data

from .conftest import DATE, assert_cues_at_onsets, decode, ebur128, run_cli

STORIES = {
    "harbour.txt": "Harbour reopens\n\nThe harbour reopened on Monday after a week of storms. "
                   "Fishing boats left before dawn, and the first catch was sold by nine.\n\n"
                   "The port authority said damage to the north pier would be repaired by spring.\n",
    "library.txt": "Library extends its hours\n\nThe city library will stay open until ten in the "
                   "evening from next month. Students asked for the change last winter.\n\n"
                   "The council will pay for two more librarians from the culture budget.\n",
}
RATE = 44100
BED_HZ = 1000.0


def tone_file(folder: Path, seconds: float, freq: float = BED_HZ) -> Path:
    """A generated tone, encoded as Vorbis at 48 kHz in stereo (not the bulletin's format)."""
    path = folder / f"tone-{freq:g}-{seconds:g}.ogg"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"sine=frequency={freq}:sample_rate=48000:duration={seconds}", "-ac", "2",
                    "-c:a", "libvorbis", str(path)], check=True)
    return path


def stories(folder: Path) -> list[Path]:
    paths = []
    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths


def _band_energy(samples: np.ndarray, freq: float, width: float = 15.0) -> float:
    """Energy of `samples` within `width` Hz of `freq` (Hann-windowed spectrum, Parseval-scaled)."""
    window = np.hanning(samples.size)
    spectrum = np.abs(np.fft.rfft(samples * window)) ** 2
    freqs = np.fft.rfftfreq(samples.size, 1 / RATE)
    band = spectrum[np.abs(freqs - freq) <= width].sum()
    return float(2 * band / samples.size / np.mean(window ** 2))


@pytest.fixture(scope="module")
def bed_pair(tmp_path_factory):
    """Two stories in the system voice built with a 1 kHz tone bed and without it."""
    folder = tmp_path_factory.mktemp("bed")
    sources = stories(folder)
    bed = tone_file(folder, 7.0)
    built = {}
    for name, extra in (("plain", ()), ("bed", ("--bed", bed))):
        out = folder / f"{name}.mp3"
        result = run_cli("-q", "build", *sources, "--voice", "system", "--date", DATE, "-o", out,
                         *extra)
        assert result.exit_code == 0, result.output
        built[name] = out
    return built


def test_a_tone_bed_lies_at_least_18_db_under_the_speech(bed_pair):
    plain, bedded = (json.loads(bed_pair[k].with_suffix(".json").read_text())
                     for k in ("plain", "bed"))
    sentences = [s for seg in plain["segments"] for s in seg["sentences"]]
    assert [(s["start"], s["end"]) for seg in bedded["segments"] for s in seg["sentences"]] == \
        [(s["start"], s["end"]) for s in sentences]  # the bed moves nothing
    assert [m["kind"] for m in bedded["music"]] == ["bed"]
    with_bed, without = decode(bed_pair["bed"]), decode(bed_pair["plain"])
    speech = bed = 0.0
    for sentence in sentences:
        window = slice(round(sentence["start"] * RATE), round(sentence["end"] * RATE))
        speech += float(np.sum(without[window] ** 2))
        bed += max(0.0, _band_energy(with_bed[window], BED_HZ)
                   - _band_energy(without[window], BED_HZ))
    under = 10 * np.log10(speech / bed)
    assert under >= 18, f"the bed is only {under:.1f} dB under the speech"
    assert under <= UNDER_SPEECH_DB + 6, f"{under:.1f} dB: is the bed there at all?"
    # Between the stories the pause is long, and the bed rises there.
    second = next(seg for seg in plain["segments"] if seg["title"].startswith("Story 2"))
    before = [seg for seg in plain["segments"] if seg["end"] <= second["start"]][-1]
    pause = slice(round((before["sentences"][-1]["end"] + 0.5) * RATE),
                  round((second["sentences"][0]["start"] - 0.5) * RATE))
    in_pause = (_band_energy(with_bed[pause], BED_HZ) - _band_energy(without[pause], BED_HZ)) \
        / (pause.stop - pause.start)
    while_speaking = bed / sum(round(s["end"] * RATE) - round(s["start"] * RATE) for s in sentences)
    assert 10 * np.log10(in_pause / while_speaking) > 6


def test_a_bulletin_with_a_bed_is_on_its_loudness_target_and_passes_the_gate(bed_pair):
    loudness = ebur128(bed_pair["bed"])
    assert abs(loudness.integrated - -16.0) <= 1.0
    assert loudness.true_peak <= -1.0
    result = run_cli("check", bed_pair["bed"])
    assert result.exit_code == 0, result.output


def test_intro_and_outro_music_play_faded_and_the_timings_follow(tmp_path, tone_voice):
    sources = stories(tmp_path)
    long_tone = tone_file(tmp_path, 30.0, 440.0)
    plain, music = tmp_path / "plain.mp3", tmp_path / "music.mp3"
    for out, extra in ((plain, ()), (music, ("--intro-music", "jingle", "--outro-music", long_tone))):
        result = run_cli("-q", "build", *sources, "--voice", tone_voice, "--date", DATE, "-o", out,
                         *extra)
        assert result.exit_code == 0, result.output
    before, after = (json.loads(p.with_suffix(".json").read_text()) for p in (plain, music))
    intro, outro = after["music"]
    assert (intro["kind"], intro["source"], outro["kind"], outro["source"]) == \
        ("intro", "jingle", "outro", long_tone.name)
    assert 3.5 < intro["end"] < 4.5 and outro["end"] - outro["start"] == pytest.approx(20, abs=0.05)
    assert after["duration"] == pytest.approx(before["duration"] + intro["end"] + 20, abs=0.1)
    shift = intro["end"]
    starts = [s["start"] for seg in after["segments"] for s in seg["sentences"]]
    assert starts == pytest.approx([s["start"] + shift for seg in before["segments"]
                                    for s in seg["sentences"]], abs=0.03)
    assert after["segments"][0]["start"] == 0.0
    assert_cues_at_onsets(music)  # the transcript points at the speech, after the intro
    loudness = ebur128(music)
    assert abs(loudness.integrated - -16.0) <= 1.0 and loudness.true_peak <= -1.0
    audio = decode(music)

    def db(start: float, end: float) -> float:
        return float(10 * np.log10(np.mean(audio[round(start * RATE):round(end * RATE)] ** 2)))

    assert db(0.3, 1.0) > -30  # the jingle is heard
    assert db(outro["start"] + 8, outro["start"] + 12) > -30  # so is the outro
    assert db(outro["end"] - 0.2, outro["end"]) < db(outro["start"] + 8, outro["start"] + 12) - 20


@pytest.mark.parametrize("bad", ["missing.ogg", "notes.mp3"])
def test_a_missing_or_unreadable_music_file_is_one_line_and_nothing_is_written(
        tmp_path, out_dir, tone_voice, bad):
    (tmp_path / "notes.mp3").write_text("these are notes, not music\n")
    sources = stories(tmp_path)
    result = run_cli("-q", "build", *sources, "--voice", tone_voice, "--date", DATE,
                     "-o", out_dir / "x.mp3", "--intro-music", tmp_path / bad)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1, result.output
    assert bad in result.output
    assert list(out_dir.iterdir()) == []


def test_the_daily_config_takes_music_relative_to_its_folder(tmp_path, tone_voice):
    folder = tmp_path / "show"
    (folder / "inbox").mkdir(parents=True)
    stories(folder / "inbox")
    tone_file(folder, 6.0, 330.0).rename(folder / "bed.ogg")
    data = {"title": "Valley Daily", "output": "out", "sources": [{"path": "inbox/"}],
            "voice": tone_voice, "intro_music": "jingle", "bed": "bed.ogg"}
    config = config_from_data(data, folder / "show.toml")
    assert config.intro_music == "jingle" and config.bed == str(folder / "bed.ogg")
    assert config.outro_music is None
    with pytest.raises(ConfigError, match="'outro_music' must be text"):
        config_from_data({**data, "outro_music": 3}, folder / "show.toml")
    (folder / "show.toml").write_text(
        'title = "Valley Daily"\noutput = "out"\nvoice = "tone"\nintro_music = "jingle"\n'
        'outro_music = "jingle"\nbed = "bed.ogg"\n[[sources]]\npath = "inbox/"\n')
    result = run_daily(folder / "show.toml", date=dt.date(2026, 11, 24))
    assert result.built and result.report.ok
    manifest = json.loads(result.episode.with_suffix(".json").read_text())
    assert [m["kind"] for m in manifest["music"]] == ["intro", "bed", "outro"]
    assert [m["source"] for m in manifest["music"]] == ["jingle", "bed.ogg", "jingle"]


def test_a_bed_is_deterministic_and_part_of_every_parts_key(tmp_path, tone_voice):
    sources = stories(tmp_path)
    summaries = {}
    for name, bed in (("first", "pad"), ("again", "pad"), ("other", str(tone_file(tmp_path, 3.0)))):
        out = tmp_path / f"{name}.mp3"
        result = run_cli("-q", "build", *sources, "--voice", tone_voice, "--date", DATE, "-o", out,
                         "--bed", bed, "--json")
        assert result.exit_code == 0, result.output
        summaries[name] = json.loads(result.stdout)
    assert summaries["again"]["parts_encoded"] == 0  # every part came from the store
    first, again = (tmp_path / f"{name}.mp3" for name in ("first", "again"))
    assert json.loads(first.with_suffix(".json").read_text())["mp3_sha256"] == \
        json.loads(again.with_suffix(".json").read_text())["mp3_sha256"]
    other = summaries["other"]
    assert other["parts_from_cache"] == 0 and other["parts_encoded"] > 0  # another bed: new parts


@pytest.mark.parametrize(("option", "samples", "said"), [
    ("--bed", np.zeros(48_000), "the bed is silent; give one that can be heard"),
    ("--intro-music", np.full(4_000, 0.3), "the intro music lasts less than half a second"),
])
def test_silent_or_too_short_music_fails_before_any_speech(tmp_path, out_dir, tone_voice, option,
                                                           samples, said):
    """Found when the music is decoded and measured, before the first sentence is spoken: the
    cache the build would speak into stays empty."""
    import wave

    music = tmp_path / "music.wav"
    with wave.open(str(music), "wb") as stream:
        stream.setnchannels(1)
        stream.setsampwidth(2)
        stream.setframerate(24_000)
        stream.writeframes((samples * 32767).astype("<i2").tobytes())
    cache = tmp_path / "cache"
    result = run_cli("-q", "build", *stories(tmp_path), "--voice", tone_voice, "--date", DATE,
                     "-o", out_dir / "x.mp3", option, music, env={"BRIEFING_CACHE_DIR": str(cache)})
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {music}: {said}"), result.output
    assert not any(path.is_file() for path in cache.rglob("*"))  # nothing was spoken
    assert list(out_dir.iterdir()) == []


def test_brief_mode_fits_the_speech_around_the_music_and_counts_it_in_the_message(
        tmp_path, out_dir, tone_voice):
    """Intro and outro music are fitted into `--max-minutes` before any speech: they were left out
    of the estimate, the bulletin was spoken whole, came out over, and the error said a script of
    less than the limit was more than it."""
    sources = stories(tmp_path)
    theme = tone_file(tmp_path, 30.0, 440.0)  # played 20 s before and 20 s after: 0.7 minutes
    cache = tmp_path / "cache"
    result = run_cli("-q", "build", *sources, "--voice", tone_voice, "--date", DATE,
                     "-o", out_dir / "x.mp3", "--max-minutes", "0.7", "--intro-music", theme,
                     "--outro-music", theme, env={"BRIEFING_CACHE_DIR": str(cache)})
    assert result.exit_code == 1
    said = re.fullmatch(r"Error: the first story, cut to its headline and lead, lasts about "
                        r"([\d.]+) minutes \(([\d.]+) of speech and ([\d.]+) of intro and outro "
                        r"music\), more than --max-minutes 0\.7\n", result.output)
    assert said, result.output
    total, speech, music = (float(said[n]) for n in (1, 2, 3))
    assert music == 0.7 and speech > 0 and total == pytest.approx(speech + music) and total > 0.7
    assert not any(path.is_file() for path in cache.rglob("*"))  # found before any speech
    assert list(out_dir.iterdir()) == []
    # With a minute more, the stories are fitted in what the music leaves, and the whole fits.
    out = tmp_path / "brief.mp3"
    result = run_cli("-q", "build", *sources, "--voice", tone_voice, "--date", DATE, "-o", out,
                     "--max-minutes", "1.2", "--intro-music", theme, "--outro-music", theme,
                     "--json")
    assert result.exit_code == 0, result.output
    manifest = json.loads(out.with_suffix(".json").read_text())
    assert [m["end"] - m["start"] for m in manifest["music"]] == [pytest.approx(20, abs=0.05)] * 2
    assert manifest["duration"] <= 72 and json.loads(result.stdout)["shortened"]
