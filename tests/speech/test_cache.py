"""The sentence cache: stored clips are checked, reused, resumed after a crash, and change nothing."""

import json
import os
import shutil

import pytest

from briefing.errors import EngineError
from briefing.speech import speaker as speaker_module
from briefing.speech.cache import ClipStore
from briefing.speech.engines.base import Clip

from ..conftest import DATE, decode, ebur128, ffprobe, run_cli

STORY = """Harbour reopens

The harbour reopened on Monday after a week of storms. Fishing boats left before dawn.

The port authority said damage to the north pier would be repaired by spring. Ferries run again.

Traders at the fish market said prices would fall as the catch returns. The first boats came back at noon.
"""


def clip(seconds: float = 0.5, rate: int = 22050) -> Clip:
    return Clip(bytes(range(256)) * int(seconds * rate * 2 / 256), rate)


def test_a_stored_clip_comes_back_and_a_damaged_one_is_dropped(tmp_path):
    store = ClipStore(tmp_path)
    ref = store.put("ab" * 32, clip())
    again = store.get("ab" * 32)
    assert again == ref and again.read() == clip().samples and store.hits == 1
    data = ref.path.read_bytes()
    ref.path.write_bytes(data[:-100])  # truncated
    assert store.get("ab" * 32) is None and not ref.path.exists()
    ref = store.put("ab" * 32, clip())
    ref.path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # one bit flipped
    assert store.get("ab" * 32) is None and not ref.path.exists()
    assert not list(tmp_path.rglob("*.part"))


def test_trim_keeps_the_most_recently_used_within_the_limit(tmp_path):
    store = ClipStore(tmp_path, limit=2 * 22100)  # room for two entries of 22 064 bytes
    refs = [store.put(f"{n:064x}", clip()) for n in range(5)]
    for n, ref in enumerate(refs):
        os.utime(ref.path, (1000 + n, 1000 + n))
    store.get(f"{0:064x}")  # used now: the newest
    assert store.trim() == 3
    left = {p.stem for p in tmp_path.rglob("*.clip")}
    assert left == {f"{0:064x}", f"{4:064x}"}
    assert store.info().entries == 2 and store.info().bytes <= store.limit


def test_trim_removes_what_killed_builds_left_half_written(tmp_path):
    from briefing.atomic import temporary_file

    store = ClipStore(tmp_path)
    ref = store.put(f"{1:064x}", clip())
    stale = ref.path.parent / f".{ref.path.name}.k1ll3d00.part"
    stale.write_bytes(b"half")
    os.utime(stale, (1000, 1000))
    fresh = ref.path.parent / f".{ref.path.name}.k1ll3d01.part"  # perhaps still being written
    fresh.write_bytes(b"half")
    busy, handle = temporary_file(ref.path)  # a running build's, however old
    os.utime(busy, (1000, 1000))
    try:
        store.trim()
        assert not stale.exists() and fresh.exists() and busy.exists() and ref.path.exists()
    finally:
        os.close(handle)


def test_cache_info_and_clear_commands(tmp_path):
    store = ClipStore(tmp_path)
    store.put("cd" * 32, clip())
    info = json.loads(run_cli("cache", "info", "--cache-dir", tmp_path, "--json").stdout)
    assert info["entries"] == 1 and info["bytes"] > 22050 and info["path"] == str(tmp_path)
    result = run_cli("cache", "clear", "--cache-dir", tmp_path)
    assert result.stdout == f"{tmp_path}: removed 1 entries\n"
    assert ClipStore(tmp_path).info().entries == 0


def build(tmp_path, name: str, *args: str) -> dict:
    article = tmp_path / "harbour.txt"
    if not article.exists():
        article.write_text(STORY)
    out = tmp_path / f"{name}.mp3"
    result = run_cli("-q", "build", article, "--date", DATE, "-o", out, "--json", *args)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    summary["path"] = out
    return summary


def sentences_in(summary: dict) -> int:
    manifest = json.loads(summary["path"].with_suffix(".json").read_text())
    return sum(len(s["sentences"]) for s in manifest["segments"])


def same_bulletin(a: dict, b: dict) -> None:
    """Identical audio, chapters and loudness."""
    assert (decode(a["path"]) == decode(b["path"])).all()
    chapters = [ffprobe(x["path"], "-show_chapters")["chapters"] for x in (a, b)]
    assert [(c["tags"]["title"], c["start_time"]) for c in chapters[0]] == \
           [(c["tags"]["title"], c["start_time"]) for c in chapters[1]]
    assert ebur128(a["path"]) == ebur128(b["path"])


@pytest.mark.parametrize("where", ["under-a-file/cache", "a" * 300])
def test_a_cache_folder_that_cannot_be_written_stops_the_build_with_the_fix(tmp_path, tone_voice,
                                                                              where):
    """Before any sentence is spoken, not as an "unexpected failure" at the first clip stored."""
    (tmp_path / "under-a-file").write_text("")
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    cache_dir = tmp_path / where
    result = run_cli("build", story, "--voice", tone_voice, "--cache-dir", cache_dir,
                     "-o", tmp_path / "out" / "b.mp3")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {cache_dir}: cannot keep the cache of spoken sentences here (")
    assert result.output.endswith("choose another folder with --cache-dir or $BRIEFING_CACHE_DIR, "
                                  "or build with --no-cache\n")
    assert not (tmp_path / "out" / "b.mp3").exists()
    info = run_cli("cache", "info", "--cache-dir", cache_dir, "--json")
    assert info.exit_code == 0 and json.loads(info.output)["entries"] == 0


def test_a_cache_folder_too_deep_for_its_entries_stops_the_build_before_any_speech(tmp_path,
                                                                                   tone_voice):
    """The folder itself can be made, but the paths of the clips and parts under it are over the
    4095 bytes a path may have: the first clip stored failed in the catch-all."""
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    cache_dir = tmp_path / "cache"
    while len(os.fsencode(cache_dir)) < 3800:
        cache_dir /= "c" * 200
    cache_dir /= "c" * (4040 - len(os.fsencode(cache_dir)) - 1)
    result = run_cli("build", story, "--voice", tone_voice, "-o", tmp_path / "out" / "b.mp3",
                     env={"BRIEFING_CACHE_DIR": str(cache_dir)})
    assert result.exit_code == 1
    assert result.output == (f"Error: {cache_dir}: cannot keep the cache of spoken sentences here "
                             "(its path is too long: the files kept in it have paths of up to 4138 "
                             "bytes, and a path may have 4095); choose another folder with "
                             "--cache-dir or $BRIEFING_CACHE_DIR, or build with --no-cache\n")
    assert list(cache_dir.iterdir()) == []
    assert not (tmp_path / "out" / "b.mp3").exists()


@pytest.mark.parametrize("limit", ["nan", "inf", "lots"])
def test_a_cache_limit_that_is_not_a_number_is_the_default(tmp_path, limit):
    result = run_cli("cache", "info", "--cache-dir", tmp_path, "--json",
                     env={"BRIEFING_CACHE_MAX_MB": limit})
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["limit_bytes"] == 2048 * 1024 * 1024


def test_a_rebuild_speaks_only_the_edited_paragraph_and_sounds_the_same(tmp_path):
    cache = tmp_path / "cache"
    cold = build(tmp_path, "cold", "--cache-dir", cache)
    assert cold["sentences_spoken"] == sentences_in(cold) and cold["sentences_from_cache"] == 0
    warm = build(tmp_path, "warm", "--cache-dir", cache)
    assert warm["sentences_spoken"] == 0 and warm["sentences_from_cache"] == sentences_in(warm)
    same_bulletin(cold, warm)
    uncached = build(tmp_path, "uncached", "--no-cache")
    assert uncached["sentences_spoken"] == sentences_in(uncached)
    same_bulletin(cold, uncached)
    # Edit one sentence of the last paragraph: only that sentence is spoken again.
    article = tmp_path / "harbour.txt"
    article.write_text(STORY.replace("The first boats came back at noon.",
                                     "The first boats came back at two in the afternoon."))
    edited = build(tmp_path, "edited", "--cache-dir", cache)
    assert edited["sentences_spoken"] == 1, edited


def test_a_damaged_entry_is_spoken_again(tmp_path):
    cache = tmp_path / "cache"
    first = build(tmp_path, "first", "--cache-dir", cache)
    victim = sorted((cache / "clips").rglob("*.clip"))[3]
    victim.write_bytes(victim.read_bytes()[:200])
    second = build(tmp_path, "second", "--cache-dir", cache)
    assert second["sentences_spoken"] <= 1  # the damaged one, if the bulletin uses it
    same_bulletin(first, second)


def test_a_crash_mid_build_leaves_a_valid_cache_and_the_next_run_resumes(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    real = speaker_module.speak_items
    def crashing(engine, rate, items):
        if any("Ferries" in speech for _, speech, _ in items):
            raise EngineError("simulated crash")
        return real(engine, rate, items)

    monkeypatch.setattr(speaker_module, "speak_items", crashing)
    article = tmp_path / "harbour.txt"
    article.write_text(STORY)
    # The same date as the resumed build: the intro and outro say it (after midnight, "today" is
    # another day, and none of the stored sentences would be the bulletin's).
    result = run_cli("-q", "build", article, "--voice", "system", "-o", tmp_path / "x.mp3",
                     "--cache-dir", cache, "--date", DATE)
    assert result.exit_code == 1 and result.output == "Error: simulated crash\n"
    assert not (tmp_path / "x.mp3").exists()
    stored = ClipStore(cache).info().entries
    assert stored > 0 and not list(cache.rglob("*.part"))
    monkeypatch.setattr(speaker_module, "speak_items", real)
    resumed = build(tmp_path, "resumed", "--voice", "system", "--cache-dir", cache)
    assert 0 < resumed["sentences_spoken"] < sentences_in(resumed)


@pytest.mark.parametrize("voice", ["anchor", "joe", "british-male"])
def test_parallel_workers_give_the_same_bulletin(tmp_path, voice):
    one = build(tmp_path, f"{voice}-1", "--voice", voice, "--jobs", "1", "--no-cache")
    two = build(tmp_path, f"{voice}-2", "--voice", voice, "--jobs", "2", "--no-cache")
    if voice != "joe":  # hibari and Kokoro give the same samples on one thread or two
        same_bulletin(one, two)
    else:
        # Piper adds random noise to each utterance (its output differs run to run, even in one
        # process), so its bulletins can only match in structure: chapters and loudness.
        assert one["chapters"] == two["chapters"]
        assert abs(one["integrated_lufs"] - two["integrated_lufs"]) <= 1


@pytest.mark.parametrize("cache", ["--cache", "--no-cache"])
def test_clips_removed_under_a_build_are_spoken_again(tmp_path, monkeypatch, tone_voice, cache):
    """`briefing cache clear` (or a sweep of the temporary folder) between a sentence being spoken
    and the bulletin being put together: the missing clips are spoken again, the bulletin is the
    one a quiet build makes, and the cache holds its clips again."""
    quiet = build(tmp_path, "quiet", "--voice", tone_voice, "--cache-dir", tmp_path / "quiet")
    real = speaker_module.Speaker.speak
    cleared = []

    def speak_then_clear(self, *args, **kwargs):
        refs = real(self, *args, **kwargs)
        shutil.rmtree(self.store.root / "clips")
        cleared.append(len(refs))
        return refs

    monkeypatch.setattr(speaker_module.Speaker, "speak", speak_then_clear)
    cache_dir = tmp_path / "cleared"
    cleared_build = build(tmp_path, "cleared", "--voice", tone_voice, "--cache-dir", cache_dir,
                          cache)
    assert cleared
    same_bulletin(quiet, cleared_build)
    if cache == "--cache":
        assert ClipStore(cache_dir).info().entries >= sentences_in(quiet)
