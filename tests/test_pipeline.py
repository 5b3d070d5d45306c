"""End to end: the seed built with real espeak-ng and real ffmpeg, then measured."""

import datetime as dt
import itertools
import json
from dataclasses import replace

import mutagen
import numpy as np
import pytest
from mutagen.id3 import ID3

from .conftest import DATE, SEED, assert_cues_at_onsets, decode, ebur128, ffprobe, run_cli


def test_seed_decodes_and_lasts_as_long_as_its_words(seed_build):
    samples = decode(seed_build.mp3)
    seconds = samples.size / 44100
    assert 100 <= seconds <= 200
    manifest = json.loads(seed_build.manifest.read_text())
    # 160 words a minute of speech, give or take the engine's own pace.
    heard_wpm = manifest["words"] / (manifest["speech_seconds"] / 60)
    assert 130 <= heard_wpm <= 200
    assert abs(seconds - manifest["duration"]) < 0.1


def test_seed_is_at_podcast_loudness(seed_build):
    measured = ebur128(seed_build.mp3)
    assert abs(measured.integrated - -16.0) <= 1.0
    assert measured.true_peak <= -1.0
    manifest = json.loads(seed_build.manifest.read_text())
    assert abs(manifest["loudness"]["integrated_lufs"] - measured.integrated) <= 0.15


def test_seed_has_one_chapter_per_segment_with_titles(seed_build):
    chapters = ffprobe(seed_build.mp3, "-show_chapters")["chapters"]
    titles = [c["tags"]["title"] for c in chapters]
    assert titles == [
        "Introduction",
        "The morale of the Ukrainian troops, who continue to…",
        'The two sides fear that the "hardest" battle since the…',
        "Far from withdrawing, as the Ukrainian General Staff…",
        "Everything seems to indicate that the battle will not be…",
        "Closing",
    ]
    starts = [float(c["start_time"]) for c in chapters]
    ends = [float(c["end_time"]) for c in chapters]
    assert starts == sorted(starts) and starts[0] == 0.0
    assert starts[1:] == ends[:-1]
    duration = float(ffprobe(seed_build.mp3, "-show_entries", "format=duration")["format"]["duration"])
    assert abs(ends[-1] - duration) < 0.1


def test_seed_tags(seed_build):
    tags = ID3(seed_build.mp3)
    assert str(tags["TIT2"]) == "Kherson, Tuesday, November 24, 2026"
    assert str(tags["TPE1"]) == "briefing"
    assert str(tags["TALB"]) == "News briefing"
    assert str(tags["TCON"]) == "Podcast"
    assert str(tags["TDRC"]) == DATE
    assert "kherson.txt" in str(tags.getall("COMM")[0])
    info = mutagen.File(seed_build.mp3).info
    assert info.channels == 1 and info.sample_rate == 44100 and info.bitrate == 64000


def test_transcript_cues_start_at_speech_onsets(seed_build):
    assert_cues_at_onsets(seed_build.mp3)


def test_pauses_are_silent_and_as_long_as_the_script_says(seed_build):
    manifest = json.loads(seed_build.manifest.read_text())
    sentences = manifest["segments"][1]["sentences"]
    for before, after in itertools.pairwise(sentences):
        gap = after["start"] - before["end"]
        # Engine silence is trimmed, so the gap is the script's pause to the sample (1 ms rounding).
        assert abs(gap - 0.35) <= 0.001
    samples = decode(seed_build.mp3)
    a, b = sentences[0]["end"] + 0.02, sentences[1]["start"] - 0.02
    assert np.max(np.abs(samples[int(a * 44100): int(b * 44100)])) < 10 ** (-50 / 20)


def test_stdout_is_the_path(seed_build):
    assert seed_build.stdout.strip() == str(seed_build.mp3)


@pytest.mark.parametrize(("preset", "lufs", "peak"), [("ebu", -23.0, -1.0), ("alexa", -14.0, -2.0)])
def test_loudness_presets(tmp_path, preset, lufs, peak):
    article = tmp_path / "short.txt"
    article.write_text("Markets rose on Monday.\n\nRain is expected in the north by evening.\n")
    out = tmp_path / "short.mp3"
    result = run_cli("-q", "build", article, "--loudness", preset, "--no-chime", "-o", out)
    assert result.exit_code == 0, result.output
    measured = ebur128(out)
    assert abs(measured.integrated - lufs) <= 1.0
    assert measured.true_peak <= peak


@pytest.mark.slow
def test_seed_repeated_twenty_times_scales_linearly(tmp_path, seed_build):
    long_text = "\n\n".join([SEED.read_text().strip()] * 20) + "\n"
    article = tmp_path / "kherson20.txt"
    article.write_text(long_text)
    out = tmp_path / "kherson20.mp3"
    result = run_cli("-q", "build", article, "--date", DATE, "--title", "Kherson", "-o", out)
    assert result.exit_code == 0, result.output
    one, twenty = (json.loads(p.read_text()) for p in (seed_build.manifest, out.with_suffix(".json")))

    def body(manifest: dict) -> float:
        """Seconds from the first section to the outro: the part that repeats."""
        return manifest["segments"][-1]["start"] - manifest["segments"][1]["start"]

    # The repeated part lasts 20 times as long (within 10 %; in practice within a fraction of 1 %)...
    assert abs(body(twenty) / body(one) - 20) <= 2.0, (body(one), body(twenty))
    # ...every sentence is there once...
    def sentences(manifest: dict) -> int:
        return sum(len(seg["sentences"]) for seg in manifest["segments"])

    assert sentences(twenty) - 4 == 20 * (sentences(one) - 4)
    # ...the MP3 holds all of the assembled timeline, and both builds speak at the profile's rate
    # (each calibrates its own pace, so they agree within the rate tolerance, not exactly).
    assert abs(decode(out).size / 44100 - twenty["duration"]) <= 0.1
    for manifest in (one, twenty):
        assert abs(manifest["heard_wpm"] / 160 - 1) <= 0.05
    measured = ebur128(out)
    assert abs(measured.integrated - -16.0) <= 1.0 and measured.true_peak <= -1.0
    chapters = ffprobe(out, "-show_chapters")["chapters"]
    assert len(chapters) == 2 + 4 * 20


def test_a_tone_engine_bulletin_comes_out_exact_end_to_end(tmp_path, tone_voice):
    """The whole pipeline with the fast fake engine: each sentence lasts exactly what the engine
    made for it at the recorded speed, and the MP3 is exactly the frames the manifest counts."""
    from briefing.audio.mp3 import OUTPUT_RATE, count_frames
    from briefing.audio.parts import FRAME_SAMPLES
    from briefing.speech.engines.tone import SAMPLE_RATE, expected_frames

    source = tmp_path / "harbour.txt"
    source.write_text("The harbour\n\nThe port stayed open all night. Crews unloaded grain.\n\n"
                      "The morning shift arrived at six. The cranes stopped for ten minutes.\n")
    out = tmp_path / "out" / "harbour.mp3"
    result = run_cli("-q", "build", source, "--voice", tone_voice, "--date", DATE, "-o", out,
                     "--json")
    assert result.exit_code == 0, result.output
    manifest = json.loads(out.with_suffix(".json").read_text())
    assert manifest["voice"]["engine"] == "tone"
    speed = manifest["voice"]["speed"]
    sentences = [s for segment in manifest["segments"] for s in segment["sentences"]]
    script = json.loads(run_cli("script", source, "--voice", tone_voice, "--date", DATE,
                                "--json").stdout)
    assert [s["text"] for s in sentences] == [s["text"] for seg in script["segments"]
                                              for s in seg["sentences"]]
    for sentence in sentences:
        made = expected_frames(sentence["spoken"], speed) / SAMPLE_RATE
        assert abs((sentence["end"] - sentence["start"]) - made) <= 0.0011, sentence["text"]
    data = out.read_bytes()
    assert data[:3] == b"ID3"
    tag_size = 10 + sum((b & 0x7F) << (7 * (3 - i)) for i, b in enumerate(data[6:10]))  # syncsafe
    frames = count_frames(data[tag_size:])
    assert manifest["duration"] == round(frames * FRAME_SAMPLES / OUTPUT_RATE, 3)


def test_tags_are_checked_before_any_speech(tmp_path, tone_voice, monkeypatch):
    """The tags are written at the very end; what cannot go in them must stop the build before
    anything is spoken, not after."""
    from briefing import pipeline
    from briefing.errors import OutputError

    def refuse(info, titles):
        assert titles[0] == "Introduction"
        raise OutputError("cannot tag")

    monkeypatch.setattr(pipeline, "check_tags", refuse)
    source = tmp_path / "harbour.txt"
    source.write_text("The harbour\n\nThe port stayed open all night. Crews unloaded grain.\n")
    cache, out = tmp_path / "cache", tmp_path / "out"
    with pytest.raises(OutputError, match="cannot tag"):
        pipeline.build([source], out / "harbour.mp3",
                       pipeline.BuildOptions(voice=tone_voice, cache_dir=cache))
    assert not list(cache.rglob("*.*")), "something was spoken"
    assert not out.exists() or not list(out.iterdir())


def test_a_rebuild_with_nothing_changed_starts_no_engine_or_ffmpeg(tmp_path, tone_voice,
                                                                     monkeypatch):
    """The fingerprint of what the build starts from is checked right after reading: an
    unchanged bulletin is left as it is, before any engine, model or ffmpeg is started. A changed
    profile, date or MP3 builds again."""
    from briefing import ffmpeg, pipeline
    from briefing.speech import speaker as speaker_module

    source = tmp_path / "harbour.txt"
    source.write_text("The harbour\n\nThe port stayed open all night. Crews unloaded grain.\n")
    out = tmp_path / "out" / "harbour.mp3"
    options = pipeline.BuildOptions(voice=tone_voice, cache_dir=tmp_path / "cache",
                                    date=dt.date(2026, 11, 24))
    first = pipeline.build([source], out, options)
    assert not first.unchanged
    written = {path: path.stat().st_mtime_ns for path in out.parent.iterdir()}

    def refuse(*args, **kwargs):
        raise AssertionError("started although nothing changed")

    with monkeypatch.context() as patched:
        patched.setattr(speaker_module, "open_engine", refuse)
        patched.setattr(ffmpeg, "start", refuse)
        patched.setattr(pipeline, "find_tool", refuse)
        again = pipeline.build([source], out, options)
    assert again.unchanged and again.duration == pytest.approx(first.duration, abs=1e-3)
    assert [c.title for c in again.chapters] == [c.title for c in first.chapters]
    assert [c.start for c in again.chapters] == pytest.approx([c.start for c in first.chapters],
                                                              abs=1e-3)
    assert again.measurement.integrated == pytest.approx(first.measurement.integrated, abs=0.01)
    assert {path: path.stat().st_mtime_ns for path in out.parent.iterdir()} == written

    other_day = pipeline.build([source], out, replace(options, date=dt.date(2026, 11, 25)))
    assert not other_day.unchanged
    profile = tmp_path / "tone-voices" / "tone.toml"
    profile.write_text(profile.read_text().replace("rate = 160", "rate = 150"))
    assert not pipeline.build([source], out, replace(options, date=dt.date(2026, 11, 25))).unchanged
    # The MP3 damaged since: built again, and whole.
    out.write_bytes(out.read_bytes()[:-2000])
    rebuilt = pipeline.build([source], out, replace(options, date=dt.date(2026, 11, 25)))
    assert not rebuilt.unchanged
    assert run_cli("check", out).exit_code == 0
