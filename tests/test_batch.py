"""Scale-out: synthesis on a Dask cluster (a real LocalCluster), and `briefing batch` over archives."""

import json
import os
import shutil

import pytest

from .conftest import DATE, ROOT, run_cli
from .speech.test_cache import build, same_bulletin

SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def dask_address():
    import distributed

    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, host="127.0.0.1")
    try:
        yield "dask://" + cluster.scheduler_address.removeprefix("tcp://")
    finally:
        cluster.close()


@pytest.mark.parametrize("voice", ["anchor", "british-male"])
def test_a_dask_build_is_the_same_bulletin(tmp_path, dask_address, voice):
    """hibari and Kokoro: the cluster's workers speak what one local process would."""
    local = build(tmp_path, "local", "--voice", voice, "--jobs", "1", "--no-cache")
    remote = build(tmp_path, "dask", "--voice", voice, "--executor", dask_address, "--no-cache")
    assert remote["sentences_spoken"] == local["sentences_spoken"]
    same_bulletin(local, remote)


def test_an_unreachable_scheduler_is_one_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Rain is expected by evening.\n")
    result = run_cli("build", article, "--executor", "dask://127.0.0.1:9", "--no-cache",
                     "-o", tmp_path / "a.mp3")
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9 (")
    assert not (tmp_path / "a.mp3").exists()


def test_batch_builds_an_archive_once_and_then_only_what_changed(tmp_path, dask_address):
    archive, out = tmp_path / "archive", tmp_path / "mp3"
    (archive / "2026" / "11").mkdir(parents=True)
    shutil.copy(SEEDS / "council-budget.md", archive / "2026" / "11" / "council.md")
    shutil.copy(SEEDS / "bridge-reopens.html", archive / "bridge.html")
    (archive / "short.txt").write_text("Harbour reopens\n\nThe harbour reopened on Monday.\n")
    (archive / ".hidden.txt").write_text("Never read.\n")
    args = ("batch", archive, "--out", out, "--date", DATE, "--json", "--executor", dask_address)

    first = [json.loads(line) for line in run_cli(*args).stdout.splitlines()]
    assert [(o["state"], o["mp3"]) for o in first] == [
        ("built", str(out / "2026" / "11" / "council.mp3")), ("built", str(out / "bridge.mp3")),
        ("built", str(out / "short.mp3"))]
    for outcome in first:
        assert run_cli("check", outcome["mp3"]).exit_code == 0
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}

    (archive / "short.txt").write_text("Harbour reopens\n\nThe harbour reopened on Tuesday.\n")
    second = [json.loads(line) for line in run_cli(*args).stdout.splitlines()]
    assert [o["state"] for o in second] == ["up to date", "up to date", "built"]
    changed = {p for p in out.rglob("*") if p.is_file() and p.stat().st_mtime_ns != stamps.get(p)}
    assert {p.name for p in changed} == {"short.mp3", "short.vtt", "short.json", "short.chapters.json",
                                         "short.html"}
    assert "Tuesday" in (out / "short.vtt").read_text()


def test_batch_of_nothing_is_an_error(tmp_path):
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    result = run_cli("batch", tmp_path, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {tmp_path}: no readable articles in this folder or below")


def test_paths_too_long_in_a_batch_are_one_line_each(tmp_path, tone_voice):
    """An archive or an --out folder whose path is too long ended in the catch-all; a source
    whose bulletin's name would be too long fails alone, with its reason, and the others build."""
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "short.txt").write_text("Harbour reopens\n\nThe harbour reopened on Tuesday.\n")
    long = archive / ("k" * 245 + ".txt")
    long.write_text("Library opens late\n\nThe library stays open until ten.\n")
    too_long = tmp_path / ("x" * 300)
    result = run_cli("batch", too_long, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.output == (f"Error: {too_long}: the name is too long for the file system (at most "
                             "255 bytes a name and 4096 in all); rename it\n")
    result = run_cli("batch", archive, "--out", too_long, "--voice", tone_voice)
    assert result.exit_code == 1
    assert result.output == (f"Error: {too_long}: cannot put the bulletins there (File name too "
                             "long); give another folder with --out\n")
    out = tmp_path / "out"
    result = run_cli("-q", "batch", archive, "--out", out, "--voice", tone_voice, "--json")
    assert result.exit_code == 1
    outcomes = {o["source"]: o for o in map(json.loads, result.stdout.splitlines())}
    failed = out / long.with_suffix(".mp3").name
    assert outcomes[str(long)]["state"] == "failed"
    assert outcomes[str(long)]["detail"] == (
        f"{failed}: the name is too long for the bulletin: it is written first under a temporary "
        "name 15 bytes longer (264 bytes), and the folder takes at most 255 bytes a name; give a "
        "shorter --out folder, or rename the source")
    assert outcomes[str(archive / "short.txt")]["state"] == "built"


def test_batch_says_what_it_cannot_read_and_builds_the_rest(tmp_path, tone_voice):
    """A link that loops or leads nowhere, and a pipe with an article's name, are each one skipped
    line (in --json too), never passed over in silence."""
    archive, out = tmp_path / "archive", tmp_path / "mp3"
    archive.mkdir()
    (archive / "harbour.txt").write_text("Harbour reopens\n\nThe harbour reopened on Monday.\n")
    (archive / "a").symlink_to("b")
    (archive / "b").symlink_to("a")
    (archive / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(archive / "pipe.md")
    loops = "a symbolic link that loops (it leads back to itself); fix or remove it"
    why = {"a": loops, "b": loops,
           "gone.txt": "a symbolic link to something that does not exist; fix or remove it",
           "pipe.md": "not a regular file (a device, pipe or socket)"}
    args = ("batch", archive, "--out", out, "--voice", tone_voice, "--date", DATE)

    result = run_cli(*args, "--json")
    assert result.exit_code == 3, result.output
    outcomes = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(o["source"], o["state"]) for o in outcomes] == [
        (str(archive / name), "built" if name == "harbour.txt" else "skipped")
        for name in ("a", "b", "gone.txt", "harbour.txt", "pipe.md")]
    assert [o["detail"] for o in outcomes if o["state"] == "skipped"] == [
        f"{archive / name}: {reason}" for name, reason in why.items()]
    assert run_cli("check", out / "harbour.mp3").exit_code == 0

    again = run_cli(*args)
    assert again.exit_code == 3
    assert again.stdout.splitlines() == [
        f"skipped: {(out / name).with_suffix('.mp3')} ({archive / name}: {reason})"
        for name, reason in list(why.items())[:3]] + [f"up to date: {out / 'harbour.mp3'}",
        f"skipped: {out / 'pipe.mp3'} ({archive / 'pipe.md'}: {why['pipe.md']})"]
