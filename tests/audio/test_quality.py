"""`briefing check`, the quality gate: passes a good bulletin, and fails each kind of damage."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from ..conftest import DATE, ROOT, run_cli


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    folder = tmp_path_factory.mktemp("check")
    article = folder / "story.txt"
    article.write_text("Harbour reopens\n\nThe harbour reopened on Monday after a week of storms. "
                       "Fishing boats left before dawn.\n\nThe port authority said damage to the "
                       "north pier would be repaired by spring.\n")
    out = folder / "good.mp3"
    result = run_cli("-q", "build", article, "--voice", "system", "--date", DATE, "-o", out)
    assert result.exit_code == 0, result.output
    return out


def damaged(good, tmp_path, name: str, *ffmpeg_args: str):
    """A copy of `good` (with its manifest) re-encoded through ffmpeg with `ffmpeg_args`."""
    out = tmp_path / f"{name}.mp3"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(good), *ffmpeg_args, "-c:a", "libmp3lame",
                    "-b:a", "64k", str(out)], check=True)
    shutil.copy(good.with_suffix(".json"), out.with_suffix(".json"))
    return out


def failed(result) -> dict[str, str]:
    assert result.exit_code == 4, result.output
    lines = result.stdout.splitlines()
    return {line[6:].split(None, 1)[0]: line for line in lines if line.startswith("FAIL")}


def test_a_good_bulletin_passes_every_check(good):
    result = run_cli("check", good)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line[:4] for line in lines[:-1]] == ["ok  "] * 5
    assert lines[-1] == f"{good}: passed"


def test_a_silenced_sentence_fails(good, tmp_path):
    manifest = json.loads(good.with_suffix(".json").read_text())
    sentence = manifest["segments"][1]["sentences"][1]
    start, end = sentence["start"], sentence["end"]
    out = damaged(good, tmp_path, "silenced", "-af", f"volume=0:enable='between(t,{start},{end})'")
    result = run_cli("check", out)
    assert "is silent" in failed(result)["segments"]
    assert sentence["text"][:30] in failed(result)["segments"]


def test_a_hole_inside_a_sentence_fails(good, tmp_path):
    manifest = json.loads(good.with_suffix(".json").read_text())
    sentence = max((s for seg in manifest["segments"] for s in seg["sentences"]),
                   key=lambda s: s["end"] - s["start"])
    start = sentence["start"] + 0.3
    out = damaged(good, tmp_path, "hole", "-af", f"volume=0:enable='between(t,{start},{start + 1.3})'")
    assert "of silence inside it" in failed(run_cli("check", out))["segments"]


def test_a_truncated_bulletin_fails(good, tmp_path):
    duration = json.loads(good.with_suffix(".json").read_text())["duration"]
    out = damaged(good, tmp_path, "cut", "-t", str(duration - 3))
    problems = failed(run_cli("check", out))
    assert "cut short" in problems["duration"]


def test_a_corrupt_file_fails_to_decode(good, tmp_path):
    out = tmp_path / "corrupt.mp3"
    data = good.read_bytes()
    out.write_bytes(data[: len(data) // 2] + bytes(range(256)) * 40 + data[len(data) // 2:])
    problems = failed(run_cli("check", out))
    assert "does not decode cleanly" in problems["decodes"]


def test_wrong_loudness_fails(good, tmp_path):
    out = damaged(good, tmp_path, "quiet", "-af", "volume=-8dB")
    assert "LUFS" in failed(run_cli("check", out))["loudness"]
    # The same file against the preset it does meet: EBU R128's -23 LUFS is 7 LU below the podcast's.
    assert "loudness" in failed(run_cli("check", good, "--loudness", "ebu"))


def test_chapters_that_do_not_match_the_manifest_fail(good, tmp_path):
    out = tmp_path / "renamed.mp3"
    shutil.copy(good, out)
    manifest = json.loads(good.with_suffix(".json").read_text())
    manifest["segments"][1]["title"] = "Another title"
    out.with_suffix(".json").write_text(json.dumps(manifest))
    assert "manifest has 'Another title'" in failed(run_cli("check", out))["chapters"]


def test_without_a_manifest_the_rest_is_checked(good, tmp_path):
    out = tmp_path / "alone.mp3"
    shutil.copy(good, out)
    result = run_cli("check", out, "--json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert {c["name"]: c["ok"] for c in report["checks"]} == {
        "decodes": True, "duration": None, "loudness": True, "segments": None, "chapters": None}


def _truncated(text: str) -> str:
    return text[: len(text) // 2]


def _without_duration(text: str) -> str:
    return json.dumps({k: v for k, v in json.loads(text).items() if k != "duration"})


def _nan_start(text: str) -> str:
    manifest = json.loads(text)
    manifest["segments"][1]["start"] = float("nan")  # json writes NaN, and reads it back
    return json.dumps(manifest)


def _sentences_not_a_list(text: str) -> str:
    manifest = json.loads(text)
    manifest["segments"][0]["sentences"] = "none"
    return json.dumps(manifest)


@pytest.mark.parametrize(("damage", "problem"), [
    (_truncated, "not valid JSON: "),
    (lambda text: "", "not valid JSON: "),
    (_without_duration, "'duration' is missing or wrong"),
    (_nan_start, "segment 2 lacks its title, kind, start, end or sentences"),
    (_sentences_not_a_list, "segment 1 lacks its title, kind, start, end or sentences"),
])
def test_a_damaged_manifest_fails_the_check(good, tmp_path, damage, problem):
    """Not a pass with the manifest's checks skipped, nor an "unexpected failure": a failed
    `manifest` check naming the damage, exit 4, and the rest of the checks still run."""
    out = tmp_path / "damaged.mp3"
    shutil.copy(good, out)
    out.with_suffix(".json").write_text(damage(good.with_suffix(".json").read_text()))
    result = run_cli("check", out)
    line = failed(result)["manifest"]
    assert line.startswith(f"FAIL  manifest  {out.with_suffix('.json')}: the manifest is damaged ({problem}")
    assert line.endswith("build the bulletin again, or move the file away to check the MP3 alone")
    assert result.stdout.splitlines()[1].startswith("ok    decodes")
    report = json.loads(run_cli("check", out, "--json").stdout)
    assert report["ok"] is False and report["checks"][0]["name"] == "manifest"


def test_missing_file_is_a_usage_error(tmp_path):
    result = run_cli("check", tmp_path / "none.mp3")
    assert result.exit_code == 2 and "does not exist" in result.output


def test_a_named_pipe_is_a_usage_error_not_a_wait_for_ever(tmp_path):
    # ffmpeg opened the pipe and waited for a writer that never came: `check` hung.
    fifo = tmp_path / "bulletin.mp3"
    os.mkfifo(fifo)
    result = subprocess.run([sys.executable, "-m", "briefing", "check", str(fifo)], cwd=ROOT,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert (f"Invalid value for 'MP3': {fifo}: is a named pipe (FIFO), not a regular file, so it "
            "cannot be the bulletin to check; give an MP3 file") in " ".join(result.stderr.split())


@pytest.mark.parametrize(("content", "problem"), [
    (b"", "is empty, not audio"),
    (b"Harbour reopens\n\nThe harbour reopened on Monday.\n",
     "is not audio ffprobe can read (Invalid argument)"),
    ("picture", "has no audio in it"),
])
def test_a_file_that_is_not_audio_is_a_usage_error_not_a_failed_check(tmp_path, content, problem):
    """A text file named .mp3, an empty file or a picture was never a bulletin: exit 2, like a
    missing file, not the failed check (4) that cron reports as a bad episode."""
    path = tmp_path / "x.mp3"
    if content == "picture":
        from PIL import Image

        Image.new("RGB", (16, 16), "blue").save(path, "PNG")
    else:
        path.write_bytes(content)
    result = run_cli("check", path)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Usage: cli check [OPTIONS] MP3\n")
    assert result.output.endswith(f"Error: Invalid value for 'MP3': {path}: {problem}; give an MP3 "
                                  "bulletin\n")
