"""Several stories in one bulletin, from Markdown, an HTML page, RSS and Atom files and feeds served
over HTTP: built with real espeak-ng and ffmpeg, then measured and read back."""

import functools
import http.server
import json
import re
import shutil
import socket
import threading

import numpy as np
import pytest

from .conftest import (
    DATE,
    ROOT,
    assert_cues_at_onsets,
    decode,
    ebur128,
    ffprobe,
    read_cues,
    run_cli,
)
from .sources.test_readers import BOILERPLATE

SEEDS = ROOT / "seeds"
SOURCES = [SEEDS / "council-budget.md", SEEDS / "bridge-reopens.html", SEEDS / "valley-times.rss",
           SEEDS / "riverside-updates.atom"]
HEADLINES = ["Council approves a leaner budget", "Old Mill Bridge reopens after two years of repairs",
             "Library hours extended through the winter", "Snow expected in the hills on Thursday",
             "New footpath opens along the river", "Recycling collection moves to Tuesdays"]


@pytest.fixture(scope="module")
def stories(tmp_path_factory):
    out = tmp_path_factory.mktemp("stories") / "valley.mp3"
    result = run_cli("build", *SOURCES, "--voice", "system", "--date", DATE, "-o", out)
    assert result.exit_code == 0, result.output
    return out


def test_one_chapter_per_story_between_intro_and_outro(stories):
    chapters = ffprobe(stories, "-show_chapters")["chapters"]
    titles = [c["tags"]["title"] for c in chapters]
    assert titles == ["Introduction", *(f"Story {n} of 6: {h}" for n, h in enumerate(HEADLINES, 1)),
                      "Closing"]
    manifest = json.loads(stories.with_suffix(".json").read_text())
    assert [round(float(c["start_time"]), 3) for c in chapters] == [s["start"] for s in manifest["segments"]]
    story = manifest["segments"][2]
    assert story["kind"] == "story"
    # Each story opens with its headline, then its sections in order.
    texts = [s["text"] for s in story["sentences"]]
    assert texts[0] == "Old Mill Bridge reopens after two years of repairs."
    assert texts[-1] == "The county plans a small ceremony next month to mark the reopening, with a " \
                        "walk across the bridge for residents."


def test_intro_names_the_date_and_the_headlines(stories):
    manifest = json.loads(stories.with_suffix(".json").read_text())
    intro = [s["text"] for s in manifest["segments"][0]["sentences"]]
    # Four sources, no title they share: the generic title is not said before the framing's
    # own "A news briefing for…".
    assert intro == ["A news briefing for Tuesday, November 24, 2026.",
                     "In this briefing: " + "; ".join(HEADLINES[:5]) + f"; and {HEADLINES[5]}."]


def test_no_boilerplate_in_the_transcript(stories):
    transcript = " ".join(" ".join(lines) for _, _, lines in
                          read_cues(stories.with_suffix(".vtt").read_text()))
    assert "The Old Mill Bridge reopened to traffic on Monday morning" in transcript
    for junk in BOILERPLATE:
        assert not re.search(rf"\b{junk}\b", transcript, re.I), junk
    assert "never read aloud" not in transcript


def test_stories_are_set_apart_by_a_sting(stories):
    manifest = json.loads(stories.with_suffix(".json").read_text())
    samples, rate = decode(stories), 44100
    for segment in manifest["segments"][1:]:
        # The chapter starts with the sting: its first note (C5, 523 Hz) dominates the spectrum.
        start = int(segment["start"] * rate)
        window = samples[start: start + int(0.1 * rate)]
        spectrum = np.abs(np.fft.rfft(window * np.hanning(window.size)))
        peak = np.fft.rfftfreq(window.size, 1 / rate)[spectrum.argmax()]
        assert abs(peak - 523.25) < 15, (segment["title"], peak)
    # The sting sits in the middle of the story pause.
    gap = manifest["segments"][1]["sentences"][0]["start"] - manifest["segments"][0]["sentences"][-1]["end"]
    assert gap >= 2.0 + 0.9 - 0.01  # the story pause plus the sting


def test_loudness_cues_and_the_quality_gate(stories):
    measured = ebur128(stories)
    assert abs(measured.integrated - -16.0) <= 1.0 and measured.true_peak <= -1.0
    assert_cues_at_onsets(stories)
    result = run_cli("check", stories, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ok"] and [c["name"] for c in report["checks"]] == [
        "decodes", "duration", "loudness", "segments", "chapters"]
    assert all(c["ok"] for c in report["checks"])


def test_chapters_json_follows_podcasting_2_0(stories):
    data = json.loads(stories.with_suffix(".chapters.json").read_text())
    assert data["version"] == "1.2.0"
    chapters = data["chapters"]
    assert [c["title"] for c in chapters][1] == f"Story 1 of 6: {HEADLINES[0]}"
    starts = [c["startTime"] for c in chapters]
    assert starts[0] == 0 and starts == sorted(starts)
    assert all(isinstance(c["startTime"], int | float) and isinstance(c["title"], str) for c in chapters)
    assert chapters[3]["url"] == "https://example.org/library-hours"
    assert set().union(*chapters) <= {"startTime", "endTime", "title", "url", "img", "toc", "location"}


def test_max_minutes_shortens_every_story_and_keeps_them_all(tmp_path):
    """Brief mode with a real voice: the six stories all stay, each with its headline and lead,
    within the minutes asked."""
    out = tmp_path / "brief.mp3"
    result = run_cli("build", *SOURCES, "--voice", "system", "--date", DATE, "--max-minutes", "2.5",
                     "-o", out)
    assert result.exit_code == 0, result.output
    assert float(ffprobe(out, "-show_format")["format"]["duration"]) <= 150
    manifest = json.loads(out.with_suffix(".json").read_text())
    stories = [s for s in manifest["segments"] if s["kind"] == "story"]
    assert [s["title"].split(": ", 1)[1] for s in stories] == HEADLINES and manifest["left_out"] == []
    assert [s["sentences"][0]["text"].rstrip(".") for s in stories] == HEADLINES
    assert stories[1]["sentences"][1]["text"].startswith("The Old Mill Bridge reopened to traffic")
    assert any(s["brief"]["kept"] < s["brief"]["of"] for s in stories)
    assert "Shortened to fit: " in result.stderr and "Left out" not in result.stderr
    assert len(ffprobe(out, "-show_chapters")["chapters"]) == 8


def test_max_minutes_fit_drop_leaves_out_the_last_stories_and_says_which(tmp_path):
    out = tmp_path / "short.mp3"
    result = run_cli("build", *SOURCES, "--voice", "system", "--date", DATE, "--max-minutes", "2.5",
                     "--fit", "drop", "-o", out)
    assert result.exit_code == 0, result.output
    manifest = json.loads(out.with_suffix(".json").read_text())
    kept = [s["title"] for s in manifest["segments"] if s["kind"] == "story"]
    left_out = manifest["left_out"]
    assert left_out and [*[t.split(": ", 1)[1] for t in kept], *left_out] == HEADLINES
    assert f"Left out to fit 2.5 minutes: {'; '.join(left_out)}\n" in result.stderr
    assert float(ffprobe(out, "-show_format")["format"]["duration"]) <= 150
    assert f"Story 1 of {len(kept)}:" in kept[0]


def test_max_minutes_fit_drop_too_short_for_one_story(tmp_path, out_dir):
    result = run_cli("build", SEEDS / "kherson.txt", "--max-minutes", "0.5", "--fit", "drop",
                     "-o", out_dir / "k.mp3")
    assert result.exit_code == 1
    assert result.output.startswith("Error: the bulletin alone lasts about ")
    assert result.output.endswith(" minutes, more than --max-minutes 0.5\n")
    assert list(out_dir.iterdir()) == []


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A local web server on 127.0.0.1 serving the sample feeds and page, and a broken feed."""
    root = tmp_path_factory.mktemp("www")
    for source in SOURCES:
        shutil.copy(source, root)
    (root / "broken.xml").write_text("<?xml version='1.0'?><rss version='2.0'><channel><item><title>")
    (root / "empty.xml").write_text("<rss version='2.0'><channel><title>Nothing</title></channel></rss>")
    (root / "nav-only.html").write_text("<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a>"
                                        "</nav><footer>Copyright</footer></body></html>")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                            functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_feed_and_page_over_http_with_bad_sources_skipped(server, tmp_path):
    out = tmp_path / "web.mp3"
    dead = f"http://127.0.0.1:{_closed_port()}/feed.xml"
    result = run_cli("build", f"{server}/valley-times.rss", dead, f"{server}/missing.xml",
                     f"{server}/broken.xml", f"{server}/empty.xml", f"{server}/nav-only.html",
                     f"{server}/bridge-reopens.html", "--voice", "system", "--date", DATE, "-o", out)
    assert result.exit_code == 3, result.output
    assert result.stdout == f"{out}\n"
    skipped = [line for line in result.stderr.splitlines() if line.startswith("Skipped: ")]
    assert skipped == [
        f"Skipped: {dead}: unreachable (Connection refused)",
        f"Skipped: {server}/missing.xml: the server answered 404 File not found",
        f"Skipped: {server}/broken.xml: not a valid RSS or Atom feed (no element found)",
        f"Skipped: {server}/empty.xml: the feed has no items",
        f"Skipped: {server}/nav-only.html: no article text found on the page",
    ]
    manifest = json.loads(out.with_suffix(".json").read_text())
    assert [s["title"] for s in manifest["segments"]] == [
        "Introduction", f"Story 1 of 3: {HEADLINES[2]}", f"Story 2 of 3: {HEADLINES[3]}",
        f"Story 3 of 3: {HEADLINES[1]}", "Closing"]
    assert manifest["title"] == "Valley Times"  # the feed's title and the page's site name
    assert len(manifest["skipped"]) == 5
    assert run_cli("check", out).exit_code == 0


def test_every_source_bad_is_an_error_listing_each(server, out_dir):
    result = run_cli("build", f"{server}/empty.xml", f"{server}/nav-only.html", "-o", out_dir / "x.mp3")
    assert result.exit_code == 1
    assert result.output == (f"Skipped: {server}/empty.xml: the feed has no items\n"
                             f"Skipped: {server}/nav-only.html: no article text found on the page\n"
                             "Error: nothing to read: all 2 sources were skipped\n")
    assert list(out_dir.iterdir()) == []


def test_a_file_saved_with_the_wrong_extension_is_read_by_its_content(tmp_path):
    disguised = tmp_path / "headlines.txt"
    disguised.write_bytes((SEEDS / "riverside-updates.atom").read_bytes())
    result = run_cli("script", disguised, "--date", DATE)
    assert result.exit_code == 0
    assert "Story 2 of 2: Recycling collection moves to Tuesdays" in result.output
