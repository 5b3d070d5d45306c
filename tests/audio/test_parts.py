"""A bulletin encoded in parts: joined without a trace, and a rebuild re-encodes only what changed."""

import json
import re

import pytest

from briefing.audio.mp3 import count_frames
from briefing.errors import AudioError

from ..conftest import SEED, assert_cues_at_onsets, ebur128, run_cli
from ..speech.test_cache import same_bulletin


def long_story(copies: int) -> str:
    """The seed `copies` times (about 2.5 minutes each), every sentence made unique."""
    paragraphs = [" ".join(p.split()) for p in SEED.read_text().split("\n\n") if p.strip()][1:]
    return "A long day\n\n" + "\n\n".join(
        re.sub(r"(^|(?<=[.!?] ))([A-Z])", lambda m, n=n: f"In part {n}, {m[2].lower()}", paragraph)
        for n in ("one", "two", "three") [:copies] for paragraph in paragraphs) + "\n"


def build(tmp_path, name: str, text: str, *args: str, voice: str = "system") -> dict:
    article = tmp_path / f"{name}.txt"
    article.write_text(text)
    out = tmp_path / f"{name}.mp3"
    result = run_cli("-q", "build", article, "--voice", voice, "--date", "2026-11-24", "-o", out,
                     "--json", *args)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    summary["path"] = out
    return summary


def test_parts_join_into_one_clean_bulletin_and_a_rebuild_re_encodes_only_the_edit(tmp_path):
    cache = tmp_path / "cache"
    text = long_story(3)
    # hibari (the default voice): the same sentence always gives the same audio. (espeak-ng's
    # clips for a sentence can differ by a few milliseconds with what was spoken before it.)
    cold = build(tmp_path, "cold", text, "--cache-dir", cache, voice="anchor")
    assert cold["parts_encoded"] >= 2 and cold["parts_from_cache"] == 0
    # The joined file, checked from scratch: it decodes cleanly, every sentence is where the
    # manifest says, the chapters match, and a meter over the whole file agrees with the parts'.
    check = run_cli("check", cold["path"], "--json")
    assert check.exit_code == 0, check.output
    assert_cues_at_onsets(cold["path"])
    measured = ebur128(cold["path"])
    assert abs(measured.integrated - cold["integrated_lufs"]) <= 0.2
    assert abs(measured.true_peak - cold["true_peak_dbtp"]) <= 0.2

    # One word changed in the middle: one part (two, if the edit moves a cut) is encoded again.
    paragraphs = text.split("\n\n")
    middle = len(paragraphs) // 2
    paragraphs[middle] = paragraphs[middle].replace(" the ", " that ", 1)
    edited_text = "\n\n".join(paragraphs)
    edited = build(tmp_path, "edited", edited_text, "--cache-dir", cache, voice="anchor")
    total = cold["parts_encoded"]
    assert 1 <= edited["parts_encoded"] <= 2 and edited["parts_from_cache"] >= total - 2, edited
    assert run_cli("check", edited["path"]).exit_code == 0
    assert_cues_at_onsets(edited["path"])
    # ... and sounds exactly like the edited text built from nothing.
    fresh = build(tmp_path, "fresh", edited_text, "--no-cache", voice="anchor")
    assert fresh["parts_from_cache"] == 0
    same_bulletin(edited, fresh)


def test_a_damaged_part_is_encoded_again(tmp_path):
    cache = tmp_path / "cache"
    text = long_story(2)
    first = build(tmp_path, "first", text, "--cache-dir", cache)
    # Every stored part is cut short: the store can also hold a part encoded early at a gain the
    # build then left (so damaging one at random could miss the bulletin's own).
    for victim in (cache / "parts").rglob("*.part.mp3"):
        victim.write_bytes(victim.read_bytes()[:5000])
    second = build(tmp_path, "second", text, "--cache-dir", cache)
    assert second["parts_encoded"] == first["parts_encoded"] and second["parts_from_cache"] == 0
    assert second["sentences_spoken"] == 0
    same_bulletin(first, second)


def test_frames_are_counted_and_anything_else_is_refused():
    frame = bytes.fromhex("fffb5064") + bytes(204)  # MPEG-1 Layer III, 64 kbit/s, 44.1 kHz
    assert len(frame) == 144 * 64000 // 44100 and count_frames(frame * 3) == 3
    with pytest.raises(AudioError):
        count_frames(b"ID3" + bytes(400))
