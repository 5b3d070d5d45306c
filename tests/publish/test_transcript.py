"""Transcripts in WebVTT, SRT and plain text (`--transcript vtt,srt,txt`), read back and compared
with the manifest's timings and the MP3's audio."""

import json
import re
from pathlib import Path

from tests.conftest import DATE, SEED, assert_cues_at_onsets, run_cli


def _srt_cues(text: str) -> list[tuple[int, float, float, str]]:
    def seconds(stamp: str) -> float:
        h, m, rest = stamp.split(":")
        s, ms = rest.split(",")
        return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000

    blocks = [b for b in text.strip().split("\n\n") if b]
    cues = []
    for block in blocks:
        number, times, words = block.split("\n")
        start, end = re.fullmatch(r"(\S+) --> (\S+)", times).groups()
        cues.append((int(number), seconds(start), seconds(end), words))
    return cues


def test_every_format_is_written_and_listed(harbour: Path):
    manifest = json.loads(harbour.with_suffix(".json").read_text())
    assert manifest["files"]["transcripts"] == {
        "vtt": "harbour.vtt", "srt": "harbour.srt", "txt": "harbour.transcript.txt"}
    assert manifest["files"]["transcript"] == "harbour.vtt"
    for name in manifest["files"]["transcripts"].values():
        assert (harbour.parent / name).stat().st_size > 0
    # Nothing else beside it: no temporary files left behind.
    assert sorted(p.name for p in harbour.parent.iterdir()) == sorted(
        ["harbour.mp3", "harbour.json", "harbour.chapters.json", "harbour.html",
         *manifest["files"]["transcripts"].values()])


def test_srt_has_the_manifest_sentences_at_the_manifest_times(harbour: Path):
    manifest = json.loads(harbour.with_suffix(".json").read_text())
    sentences = [s for segment in manifest["segments"] for s in segment["sentences"]]
    cues = _srt_cues(harbour.with_suffix(".srt").read_text(encoding="utf-8"))
    assert [c[0] for c in cues] == list(range(1, len(sentences) + 1))
    assert [c[3] for c in cues] == [s["text"] for s in sentences]
    for (_, start, end, _), sentence in zip(cues, sentences, strict=True):
        assert abs(start - sentence["start"]) <= 0.0015
        assert abs(end - sentence["end"]) <= 0.0015
    # SRT's own times point at the speech in the MP3 too (the WebVTT cues are checked at onsets).
    assert_cues_at_onsets(harbour)


def test_plain_text_has_chapter_headings_and_every_sentence_in_order(harbour: Path):
    manifest = json.loads(harbour.with_suffix(".json").read_text())
    text = (harbour.parent / "harbour.transcript.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == manifest["title"] and set(lines[1]) == {"="}
    position = 0
    for segment in manifest["segments"]:
        minutes, seconds = divmod(int(segment["start"]), 60)
        heading = f"{segment['title']} ({minutes}:{seconds:02d})"
        position = text.index(heading, position)
        for sentence in segment["sentences"]:
            position = text.index(sentence["text"], position)
    assert "<script>window.pwned = 1</script>" in text  # plain text keeps the text as written


def test_default_is_webvtt_alone(seed_build):
    manifest = json.loads(seed_build.manifest.read_text())
    assert manifest["files"]["transcripts"] == {"vtt": "kherson.vtt"}
    assert not seed_build.mp3.with_suffix(".srt").exists()
    assert seed_build.mp3.with_suffix(".html").exists()


def test_unknown_transcript_format_is_a_usage_error(tmp_path: Path):
    result = run_cli("build", SEED, "--transcript", "vtt,docx", "-o", tmp_path / "x.mp3")
    assert result.exit_code == 2
    assert "give one or more of vtt, srt, txt" in result.output
    assert "docx" in result.output
    assert not list(tmp_path.iterdir())


def test_a_sidecar_never_overwrites_a_source(tmp_path: Path):
    page = tmp_path / "port.html"
    page.write_text("<html><head><title>Port</title></head><body><article><h1>Port news</h1>"
                    "<p>The port stayed open all night. Crews unloaded grain and steel for many "
                    "hours, and the work went on until dawn.</p><p>Officials said the new schedule "
                    "will stay in place for the rest of the winter.</p></article></body></html>")
    before = page.read_bytes()
    result = run_cli("build", page, "--voice", "system", "--date", DATE, "-o", tmp_path / "port.mp3")
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"Error: {page}: is one of the sources, and the bulletin would overwrite it; "
        "give another output name with -o")
    assert page.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["port.html"]
