"""Brief mode end to end: six stories of about a thousand words fitted to three minutes, every story
kept and shortened, measured on the MP3 with ffprobe."""

import datetime
import json
import re
import tomllib

import pytest

from .conftest import DATE, ROOT, ffprobe, run_cli

SIX = ROOT / "tests" / "six-stories.rss"
BRIEF = ROOT / "tests" / "brief"
LINKS = ["harbour-budget", "ferry-timetable", "robotics-prize", "storm-warning",
         "cinema-arts-centre", "river-trees"]


def story_words(script: dict) -> int:
    return sum(len(re.findall(r"\w+", s["text"])) for seg in script["segments"]
               if seg["kind"] == "story" for s in seg["sentences"])


def test_six_stories_fit_three_minutes_with_a_chapter_for_every_story(tmp_path, tone_voice):
    full = json.loads(run_cli("script", SIX, "--voice", tone_voice, "--date", DATE, "--json").stdout)
    assert 950 <= story_words(full) <= 1150  # about a thousand words, headlines included

    out = tmp_path / "brief.mp3"
    result = run_cli("build", SIX, "--voice", tone_voice, "--date", DATE, "--max-minutes", "3",
                     "--transcript", "vtt,txt", "-o", out)
    assert result.exit_code == 0, result.output
    assert float(ffprobe(out, "-show_format")["format"]["duration"]) <= 180 * 1.1
    chapters = [c["tags"]["title"] for c in ffprobe(out, "-show_chapters")["chapters"]]
    assert len(chapters) == 8 and [t.split(":")[0] for t in chapters[1:7]] == [
        f"Story {n} of 6" for n in range(1, 7)]

    manifest = json.loads(out.with_suffix(".json").read_text())
    assert manifest.get("left_out") == []
    stories = [s for s in manifest["segments"] if s["kind"] == "story"]
    totals = {seg["title"]: len(seg["sentences"]) - 1 for seg in full["segments"]
              if seg["kind"] == "story"}
    for story, link in zip(stories, LINKS, strict=True):
        brief = story["brief"]
        assert brief["full_story"] == story["link"] == f"https://example.org/{link}"
        assert brief["of"] == totals[story["title"]] and 1 <= brief["kept"] < brief["of"]
        assert brief["kept"] == len(story["sentences"]) - 1  # the headline is not counted
        headline = story["title"].split(": ", 1)[1]
        assert f"Shortened to fit: {headline}: {brief['kept']} of {brief['of']} sentences\n" \
            in result.stderr
    assert story_words({"segments": manifest["segments"]}) < story_words(full) * 0.75

    page = out.with_suffix(".html").read_text()
    vtt = out.with_suffix(".vtt").read_text()
    text = out.with_suffix(".transcript.txt").read_text()
    for story, link in zip(stories, LINKS, strict=True):
        note = f"Shortened to fit: {story['brief']['kept']} of {story['brief']['of']} sentences."
        assert f"NOTE {note}\nRead the full story: https://example.org/{link}\n" in vtt
        assert f"{note} Read the full story: https://example.org/{link}\n" in text
        assert (f'<p class="brief">{note} <a href="https://example.org/{link}">Read the full '
                'story</a></p>') in page


def test_script_shows_the_cut_before_any_audio(tmp_path, tone_voice):
    result = run_cli("script", SIX, "--voice", tone_voice, "--date", DATE, "--max-minutes", "3",
                     "--json")
    assert result.exit_code == 0, result.output
    script = json.loads(result.stdout)
    cuts = [seg["cut"] for seg in script["segments"] if seg["kind"] == "story"]
    assert len(cuts) == 6 and all(c["kept"] < c["total"] for c in cuts)
    lines = [line for line in result.stderr.splitlines() if line.startswith("Shortened to fit: ")]
    assert lines == [f"Shortened to fit: {c['title']}: {c['kept']} of {c['total']} sentences"
                     for c in cuts]
    # The same cut as the build makes, and the older way still there with --fit drop.
    again = run_cli("script", SIX, "--voice", tone_voice, "--date", DATE, "--max-minutes", "3",
                    "--json")
    assert again.stdout == result.stdout
    dropped = run_cli("script", SIX, "--voice", tone_voice, "--date", DATE, "--max-minutes", "3",
                      "--fit", "drop")
    assert dropped.exit_code == 0 and "Left out to fit: " in dropped.stderr
    assert "Shortened to fit" not in dropped.stderr


def test_a_bulletin_longer_than_its_estimate_is_shortened_further(tmp_path, tone_voice, monkeypatch):
    """The estimate made before any audio is forced a third short: the real bulletin comes out
    over the limit, and the build cuts the stories further (the sentences already spoken come
    from the store) instead of failing or leaving stories out; a rerun finds it up to date."""
    from briefing import pipeline
    from briefing.audio.assembly import estimate_duration
    from briefing.rebuild import up_to_date
    from briefing.script.brief import shortened

    monkeypatch.setattr(pipeline, "estimate_duration",
                        lambda script, rate, sounds=True: estimate_duration(script, rate, sounds) * 0.67)
    options = pipeline.BuildOptions(voice=tone_voice, date=datetime.date(2026, 11, 24),
                                    max_minutes=3, cache_dir=tmp_path / "cache")
    first = pipeline.prepare([SIX], options)
    assert pipeline.estimate_duration(first.script, 160) <= 180  # the estimate thinks it fits
    result = pipeline.build([SIX], tmp_path / "brief.mp3", options)
    assert result.duration <= 180 and result.dropped == []
    assert len(result.shortened) == 6 and len(result.chapters) == 8
    kept = {cut.title: cut.kept for cut in result.shortened}
    assert sum(kept.values()) < sum(c.kept for c in shortened(first.script))
    # The manifest keeps the first fit's fingerprint: the next `prepare` of the same sources (a
    # batch's rerun) finds the bulletin up to date instead of building it again.
    again = pipeline.prepare([SIX], options)
    assert up_to_date(tmp_path / "brief.mp3", again, options) is not None


def test_the_brief_rundown_names_three_headlines_at_most(tone_voice):
    """With --max-minutes the intro names at most three headlines and counts the rest; without
    it, all six are named."""
    def rundown(*options: str) -> str:
        result = run_cli("script", SIX, "--voice", tone_voice, "--date", DATE, "--json", *options)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)["segments"][0]["sentences"][-1]["text"]

    assert rundown("--max-minutes", "3") == (
        "In this briefing: Council agrees a new harbour budget; Ferry timetable changes from next "
        "week; and 4 more stories.")
    assert rundown().count("; ") == 5 and "more stories" not in rundown()


@pytest.mark.parametrize(("language", "minutes"), [("en", "2"), ("es", "2.5")])
def test_a_brief_script_keeps_every_quotation_with_who_said_it(tone_voice, language, minutes):
    """The command's own cut of quote-heavy stories: each sentence it keeps has the sentences an
    editor marked as needed with it (tests/brief/needs.toml)."""
    needs = tomllib.loads((BRIEF / "needs.toml").read_text(encoding="utf-8"))[language]
    feed = BRIEF / f"quotes-{language}.rss"
    full = json.loads(run_cli("script", feed, "--voice", tone_voice, "--date", DATE,
                              "--json").stdout)
    result = run_cli("script", feed, "--voice", tone_voice, "--date", DATE, "--max-minutes",
                     minutes, "--json")
    assert result.exit_code == 0, result.output
    said = {seg["title"]: [s["text"] for s in seg["sentences"][1:]]
            for seg in json.loads(result.stdout)["segments"] if seg["kind"] == "story"}
    shortened = 0
    for segment in full["segments"]:
        if segment["kind"] != "story" or segment["title"] not in said:
            continue
        sentences = [s["text"] for s in segment["sentences"][1:]]
        kept = said[segment["title"]]
        assert kept[0] == sentences[0] and len(kept) < len(sentences)
        shortened += 1
        for opening, needed in needs[segment["title"].split(": ", 1)[1]].items():
            if any(text.startswith(opening) for text in kept):
                assert all(any(text.startswith(n) for text in kept) for n in needed), opening
    assert shortened >= 3
