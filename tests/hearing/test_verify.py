"""`build --verify`, `check --listen` and a daily show's `verify_strict`, heard by the real
recognizer (Whisper base from its PyPI halves) on bulletins spoken by the default English voice.

Nothing here is skipped: without faster-whisper or the model's packages these tests fail, in CI
and locally alike.
"""

import json
import sys
from pathlib import Path

import pytest

from briefing.hearing.model import NOT_INSTALLED
from briefing.speech.synthesis import quantize

from ..conftest import DATE, run_cli
from .conftest import GARBLED_WORD


def sentences(mp3: Path) -> list[dict]:
    manifest = json.loads(mp3.with_suffix(".json").read_text(encoding="utf-8"))
    return [s for segment in manifest["segments"] for s in segment["sentences"]]


@pytest.mark.slow
def test_a_garbled_sentence_is_found_spoken_again_more_slowly_and_reported(water, garble, tmp_path):
    engines = garble(always=False)
    out = tmp_path / "out" / "water.mp3"
    result = run_cli("build", water, "--date", DATE, "--verify", "-o", out)
    assert result.exit_code == 0, result.output
    assert "Verify: 1 flagged, 1 fixed, 0 left" in result.stderr
    assert f"fixed: \"The town council opened the new water {GARBLED_WORD}" in result.stderr

    manifest = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert {key: manifest["verify"][key] for key in ("flagged", "fixed", "left")} == \
        {"flagged": 1, "fixed": 1, "left": 0}
    [garbled] = [s for s in sentences(out) if GARBLED_WORD in s["text"]]
    assert garbled["verify"] == "fixed"
    assert GARBLED_WORD in garbled["heard"].lower()
    assert all(s["heard"] and "verify" not in s for s in sentences(out) if s != garbled)

    # Spoken again once, 15 % slower than the bulletin, and right that time.
    [engine] = engines
    factor = manifest["voice"]["speed"]
    assert engine.said[-1] == (quantize(factor * 0.85), False)
    assert (factor, True) in engine.said


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The article built with --verify by the default voice, nothing garbled: the MP3 and what
    the build said."""
    from .conftest import WATER

    folder = tmp_path_factory.mktemp("clean")
    source = folder / "water.txt"
    source.write_text(WATER, encoding="utf-8")
    out = folder / "out" / "water.mp3"
    result = run_cli("build", source, "--date", DATE, "--verify", "-o", out)
    assert result.exit_code == 0, result.output
    return out, result.stderr


@pytest.mark.slow
def test_on_a_clean_bulletin_nothing_is_flagged(clean):
    out, said = clean
    assert "Verify: 0 flagged, 0 fixed, 0 left\n" in said
    assert all(s["heard"] and "verify" not in s for s in sentences(out))
    manifest = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert manifest["verify"]["flagged"] == 0 and manifest["verify"]["model"].startswith("whisper-base")


@pytest.mark.slow
def test_check_listen_hears_a_built_bulletin(clean):
    out, _ = clean
    result = run_cli("check", out, "--listen")
    assert result.exit_code == 0, result.output
    assert "ok    heard     0 flagged, 0 fixed, 0 left by whisper-base" in result.stdout
    assert result.stdout.endswith(f"{out}: passed\n")


@pytest.mark.slow
def test_a_sentence_still_wrong_is_left_and_check_listen_fails_on_it(water, garble, tmp_path):
    garble(always=True)
    out = tmp_path / "water.mp3"
    result = run_cli("build", water, "--date", DATE, "--verify", "-o", out)
    assert result.exit_code == 0, result.output  # not strict: written, and said
    assert "Verify: 1 flagged, 0 fixed, 1 left" in result.stderr
    [garbled] = [s for s in sentences(out) if GARBLED_WORD in s["text"]]
    assert garbled["verify"] == "left"

    heard = run_cli("check", out, "--listen")
    assert heard.exit_code == 4, heard.output
    assert "FAIL  heard     1 flagged, 0 fixed, 1 left" in heard.stdout
    assert "  left: \"The town council opened the new water reservoir" in heard.stdout


@pytest.mark.slow
def test_a_strict_daily_show_publishes_nothing_heard_wrong(water, garble, tmp_path):
    garble(always=True)
    config = tmp_path / "show.toml"
    config.write_text('title = "Valley Water"\nvoice = "anchor"\noutput = "episodes"\n'
                      'verify_strict = true\n[[sources]]\npath = "water.txt"\n')
    result = run_cli("daily", "--config", config, "--date", DATE)
    assert result.exit_code == 4, result.output
    assert "Error: Verify: 1 flagged, 0 fixed, 1 left; not published (verify_strict)" in result.stderr
    episodes = tmp_path / "episodes"
    assert not list(episodes.glob("*.mp3")) and not (episodes / "feed.xml").exists()


def test_without_the_extra_verify_is_one_line_saying_how_to_install_it(monkeypatch, tone_voice,
                                                                         tmp_path, water):
    monkeypatch.setitem(sys.modules, "faster_whisper", None)  # as if it were not installed
    out = tmp_path / "out" / "water.mp3"
    result = run_cli("build", water, "--voice", tone_voice, "--verify", "-o", out)
    assert (result.exit_code, result.output) == (1, f"Error: {NOT_INSTALLED}\n")
    assert NOT_INSTALLED == "--verify and --listen need the recognizer: pip install 'briefing[verify]'"
    assert not out.parent.exists() or not list(out.parent.iterdir())


def test_check_listen_without_the_extra_says_how_to_install_it(monkeypatch, harbour):
    monkeypatch.setitem(sys.modules, "faster_whisper", None)
    result = run_cli("check", harbour, "--listen")
    assert (result.exit_code, result.output) == (1, f"Error: {NOT_INSTALLED}\n")
