"""Transcripts in WebVTT, SRT and plain text (`--transcript vtt,srt,txt`), read back and compared
with the manifest's timings and the MP3's audio."""

import json
import re
from pathlib import Path

from tests.conftest import (
    DATE,
    SEED,
    assert_cues_at_onsets,
    ffprobe,
    read_cues,
    run_cli,
    sentence_cues,
)


def _srt_cues(text: str) -> list[tuple[int, float, float, str]]:
    def seconds(stamp: str) -> float:
        h, m, rest = stamp.split(":")
        s, ms = rest.split(",")
        return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000

    blocks = [b for b in text.strip().split("\n\n") if b]
    cues = []
    for block in blocks:
        number, times, *lines = block.split("\n")
        start, end = re.fullmatch(r"(\S+) --> (\S+)", times).groups()
        cues.append((int(number), seconds(start), seconds(end), tuple(lines)))
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
    assert [c[0] for c in cues] == list(range(1, len(cues) + 1))
    grouped = sentence_cues(harbour, "srt")  # each sentence's cues rejoin into its text
    assert [sentence for sentence, _ in grouped] == sentences
    for sentence, own in grouped:
        assert abs(own[0][0] - sentence["start"]) <= 0.0015
        assert abs(own[-1][1] - sentence["end"]) <= 0.0015
    # SRT's cues are WebVTT's, whose times are checked against the speech in the MP3.
    vtt = read_cues(harbour.with_suffix(".vtt").read_text(encoding="utf-8"))
    assert [(round(start, 3), round(end, 3), lines) for _, start, end, lines in cues] == \
        [(round(start, 3), round(end, 3), lines) for start, end, lines in vtt]
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


def _timeline(titles: tuple[str, str]):
    from briefing.audio.assembly import Chapter, TimedSentence, Timeline

    return Timeline(
        sample_rate=22050, duration=6.0,
        sentences=(TimedSentence("Le pont rouvre.", 0, 0.25, 1.5),
                   TimedSentence("Merci de votre écoute.", 1, 4.0, 5.25)),
        chapters=(Chapter(titles[0], 0.0, 3.5), Chapter(titles[1], 3.5, 6.0)))


def test_webvtt_names_chapters_in_the_bulletins_language():
    from briefing.publish.transcript import render, to_webvtt

    timeline = _timeline(("Introduction", "Conclusion"))
    assert render("vtt", timeline, "Le pont rouvre", "fr-FR") == (
        "WEBVTT\n\n"
        "NOTE Chapitre 1: Introduction\n\n"
        "1\n00:00:00.250 --> 00:00:01.500\nLe pont rouvre.\n\n"
        "NOTE Chapitre 2: Conclusion\n\n"
        "2\n00:00:04.000 --> 00:00:05.250\nMerci de votre écoute.\n")
    italian = to_webvtt(_timeline(("Introduzione", "Chiusura")), "it")
    assert "NOTE Capitolo 1: Introduzione\n" in italian and "NOTE Capitolo 2: Chiusura\n" in italian
    assert "NOTE Kapitel 2: Schluss\n" in to_webvtt(_timeline(("Einleitung", "Schluss")), "de")
    assert "NOTE Capítulo 2: Encerramento\n" in to_webvtt(_timeline(("Abertura", "Encerramento")), "pt")
    # English by default, and for a language without words of its own.
    for english in (to_webvtt(timeline), to_webvtt(timeline, "fi")):
        assert "NOTE Chapter 1: Introduction\n" in english and "Chapitre" not in english


def test_a_french_build_is_french_in_every_file(tmp_path, tone_voice):
    """A whole French bulletin (with the fast tone engine): its chapters, transcripts and player
    page all speak French."""
    source = tmp_path / "pont.txt"
    source.write_text("Le pont rouvre\n\nLe vieux pont a rouvert ce matin après des travaux.\n\n"
                      "Les voitures passent de nouveau dans les deux sens.\n", encoding="utf-8")
    out = tmp_path / "out" / "pont.mp3"
    result = run_cli("-q", "build", source, "--voice", tone_voice, "--lang", "fr", "--date", DATE,
                     "-o", out, "--transcript", "vtt,txt")
    assert result.exit_code == 0, result.output
    manifest = json.loads(out.with_suffix(".json").read_text())
    titles = [segment["title"] for segment in manifest["segments"]]
    assert titles[0] == "Introduction" and titles[-1] == "Conclusion"
    vtt = out.with_suffix(".vtt").read_text(encoding="utf-8")
    assert [line for line in vtt.splitlines() if line.startswith("NOTE")] == [
        f"NOTE Chapitre {n}: {title}" for n, title in enumerate(titles, start=1)]
    text = (out.parent / "pont.transcript.txt").read_text(encoding="utf-8")
    assert "\nConclusion (" in text
    assert "Un bulletin d'information du mardi 24 novembre 2026." in text
    assert "C'était Le pont rouvre, un bulletin d'information du mardi 24 novembre 2026." in text
    page = out.with_suffix(".html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in page and "Raccourcis clavier" in page
    chapters = ffprobe(out, "-show_chapters", "-show_format")
    assert [c["tags"]["title"] for c in chapters["chapters"]] == titles
    assert chapters["format"]["tags"]["title"] == "Le pont rouvre, mardi 24 novembre 2026"
    from mutagen.id3 import ID3

    (toc,) = ID3(out).getall("CTOC")
    assert toc.sub_frames.getall("TIT2")[0].text == ["Chapitres"]
