"""The command line: help, version, usage errors, and every error case with its exact message.

Each error test asserts the exit code, the one-line message, and that nothing was written (not even
a hidden temporary file). Mocks appear only to force an error path that a real machine cannot
produce on demand (a missing speech engine, a failure after encoding).
"""

import errno
import json
import os
import re
import subprocess
import sys

import click
import pytest

from briefing import pipeline
from briefing.cli import cli
from briefing.cli.common import FiniteRange
from briefing.errors import QualityError

from ..conftest import DATE, ROOT, SEED, run_cli


def assert_error(result, message: str, out_dir) -> None:
    assert result.exit_code == 1, result.output
    assert result.output == f"Error: {message}\n"
    assert "Traceback" not in result.output
    assert list(out_dir.iterdir()) == []


def test_python_dash_m_help_runs_as_a_subprocess():
    done = subprocess.run([sys.executable, "-m", "briefing", "--help"], capture_output=True,
                          text=True, cwd=ROOT, check=True)
    assert "Usage: briefing" in done.stdout and "build" in done.stdout


def test_version():
    from briefing.version import __version__

    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.output == f"briefing, version {__version__}\n"


def test_every_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    assert isinstance(cli, click.Group)
    for name, command in cli.commands.items():
        result = run_cli(name, "--help")
        assert result.exit_code == 0
        assert command.help and command.help.strip()
        assert f"briefing {name}" in readme, f"README does not show `briefing {name}`"


@pytest.mark.parametrize("args", [
    ["build", SEED, "--date", "24/11/2026"],
    ["build", SEED, "--loudness", "loud"],
    ["build", SEED, "--rate", "5"],
    ["build"],
    ["build", SEED, "--encoding", "klingon"],
    ["build", SEED, "--encoding", "rot13"],
])
def test_usage_errors_exit_2(args, out_dir):
    result = run_cli(*args, "-o", out_dir / "x.mp3")
    assert result.exit_code == 2
    assert "Usage:" in result.output
    assert list(out_dir.iterdir()) == []


@pytest.mark.parametrize(("option", "value"), [
    ("--sentence-pause", "nan"), ("--paragraph-pause", "NaN"), ("--segment-pause", "inf"),
    ("--story-pause", "nan"), ("--max-minutes", "nan"),
])
def test_a_float_option_refuses_nan_and_infinity(option, value, out_dir):
    result = run_cli("build", SEED, option, value, "-o", out_dir / "x.mp3")
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{option}': " in result.output
    assert "unexpected failure" not in result.output
    assert list(out_dir.iterdir()) == []


def test_every_float_option_of_every_command_is_finite():
    """nan passes click's own FloatRange (every comparison with it is false)."""
    assert isinstance(cli, click.Group)
    floats = [(name, param.name) for name, command in cli.commands.items() for param in command.params
              if isinstance(param.type, click.types.FloatParamType)]
    assert floats  # the pauses and --max-minutes at least
    for name, param in floats:
        option = next(p for p in cli.commands[name].params if p.name == param)
        assert isinstance(option.type, FiniteRange), f"briefing {name} --{param} takes nan"
        with pytest.raises(click.BadParameter, match="is not a number; give a finite one"):
            option.type.convert("nan", option, None)


@pytest.mark.parametrize(("title", "problem"), [
    ("", "is empty; give the words the bulletin is called by"),
    ("   ", "is empty; give the words the bulletin is called by"),
    ("Morning\nNews", "contains a control character (a line break, a tab or another)"),
    ("x" * 10_000, "is 10,000 characters long; give at most 200"),
    ("\U0001F525 \u2026", "has no word to say (only symbols or emoji); give one with words"),
])
def test_a_title_that_cannot_be_spoken_is_refused_up_front(title, problem, tone_voice, out_dir):
    """Not an engine error after the sources are read and spoken: a usage error, nothing written."""
    result = run_cli("build", SEED, "--voice", tone_voice, "--title", title, "-o", out_dir / "x.mp3")
    assert result.exit_code == 2, result.output
    assert f"Error: Invalid value for '--title': the title {problem}" in result.output
    assert list(out_dir.iterdir()) == []


def test_a_title_of_the_longest_length_is_kept_whole(tone_voice):
    title = "Morning " * 24 + "News"  # 196 characters
    result = run_cli("script", SEED, "--voice", tone_voice, "--title", f"  {title} ")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{title} (")


def test_missing_file(tmp_path, out_dir):
    missing = tmp_path / "nope.txt"
    result = run_cli("build", missing, "-o", out_dir / "b.mp3")
    assert_error(result, f"{missing}: no such file or folder", out_dir)


def test_folder_with_nothing_readable(tmp_path, out_dir):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n")
    result = run_cli("build", folder, "-o", out_dir / "b.mp3")
    assert_error(result, f"{folder}: no readable articles in this folder (looked for .txt, .text, "
                 ".md, .markdown, .html, .htm, .xhtml, .xml, .rss, .atom, .pdf, .docx, .odt, .epub, "
                 ".eml, .mbox, .opml, .json)", out_dir)


@pytest.mark.parametrize(("content", "what"), [(b"", "empty"), (b"  \n\n\t \r\n ", "only white space")])
def test_empty_or_whitespace_file(tmp_path, out_dir, content, what):
    article = tmp_path / "blank.txt"
    article.write_bytes(content)
    result = run_cli("build", article, "-o", out_dir / "b.mp3")
    assert_error(result, f"{article}: the file is {what}; there is nothing to read aloud", out_dir)


def test_binary_file(tmp_path, out_dir):
    article = tmp_path / "data.txt"
    article.write_bytes(b"Some text\x00\x01\x02 and then binary")
    result = run_cli("build", article, "-o", out_dir / "b.mp3")
    assert_error(result, f"{article}: looks like binary data (it contains NUL bytes), not text", out_dir)


def test_not_utf8_names_the_encoding_option(tmp_path, out_dir):
    article = tmp_path / "cafe.txt"
    article.write_bytes("Le café est fermé.".encode("latin-1"))
    result = run_cli("build", article, "-o", out_dir / "b.mp3")
    assert_error(result, f"{article}: not valid utf-8 text (byte 0xe9 at offset 6); if the file uses "
                 "another encoding, pass it with --encoding, e.g. --encoding latin-1", out_dir)


def test_other_encodings_read_with_the_option(tmp_path):
    article = tmp_path / "cafe.txt"
    article.write_bytes("Le café est fermé.".encode("latin-1"))
    result = run_cli("script", article, "--encoding", "latin-1")
    assert result.exit_code == 0
    assert "Le café est fermé." in result.output


def test_unwritable_output_path(tmp_path, out_dir):
    blocker = out_dir / "afile"
    blocker.write_text("not a folder")
    target = blocker / "b.mp3"
    result = run_cli("build", SEED, "-o", target)
    assert result.exit_code == 1
    assert result.output == f"Error: {target}: cannot write there ({blocker} is a file, not a folder)\n"
    assert [p.name for p in out_dir.iterdir()] == ["afile"]


def test_unknown_voice(out_dir):
    result = run_cli("build", SEED, "--voice", "nosuchvoice", "-o", out_dir / "b.mp3")
    assert result.exit_code == 1
    assert result.output.startswith("Error: unknown voice 'nosuchvoice'; available: ")
    assert "system" in result.output
    assert list(out_dir.iterdir()) == []


def test_ffmpeg_missing(tmp_path, out_dir):
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    result = run_cli("build", SEED, "-o", out_dir / "b.mp3", env={"PATH": str(empty_bin)})
    assert_error(result, "ffmpeg was not found on PATH; install it with: sudo apt-get install ffmpeg "
                 "(Debian/Ubuntu) or brew install ffmpeg (macOS)", out_dir)


def test_speech_engine_missing(monkeypatch, out_dir):
    import pyttsx3

    def no_espeak(*args, **kwargs):
        raise OSError("libespeak-ng.so.1: cannot open shared object file")

    monkeypatch.setattr(pyttsx3, "init", no_espeak)
    result = run_cli("build", SEED, "--voice", "system", "-o", out_dir / "b.mp3")
    assert_error(result, "the system speech engine (pyttsx3) could not start: libespeak-ng.so.1: "
                 "cannot open shared object file; install it with: sudo apt-get install espeak-ng "
                 "(Debian/Ubuntu)", out_dir)


def test_failure_after_encoding_leaves_nothing_and_keeps_the_old_bulletin(monkeypatch, tmp_path):
    article = tmp_path / "short.txt"
    article.write_text("Markets rose on Monday.\n")
    out = tmp_path / "short.mp3"
    assert run_cli("-q", "build", article, "-o", out).exit_code == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def failing_check(*args, **kwargs):
        raise QualityError("forced failure after encoding")

    monkeypatch.setattr(pipeline, "require", failing_check)
    # Another title, so that it is built again rather than found up to date.
    result = run_cli("build", article, "-o", out, "--title", "Markets")
    assert result.exit_code == 4
    assert result.output == "Error: forced failure after encoding\n"
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize(("error", "message"), [
    (OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)),
     "Error: cannot write: No space left on device; free some space where the bulletin, the "
     "temporary folder ($TMPDIR) or the cache goes, or point them elsewhere\n"),
    (PermissionError(errno.EPERM, os.strerror(errno.EPERM), "/srv/.b.mp3.x.part", None, "/srv/b.mp3"),
     "Error: /srv/b.mp3: cannot write it: Operation not permitted\n"),
    (OSError(errno.EROFS, os.strerror(errno.EROFS), "/srv/b.mp3"),
     "Error: /srv/b.mp3: cannot write it: Read-only file system\n"),
])
def test_a_file_system_that_refuses_a_write_is_one_line_not_a_catch_all(error, message,
                                                                          monkeypatch, tmp_path,
                                                                          tone_voice):
    # A full disk (or an immutable file, a read-only mount) met during the build ended in
    # "unexpected failure: OSError ...": it says what is wrong, and the old bulletin stays.
    folder = tmp_path / "show"
    folder.mkdir()
    article = folder / "short.txt"
    article.write_text("Markets rose on Monday.\n")
    out = folder / "short.mp3"
    assert run_cli("-q", "build", article, "--voice", tone_voice, "-o", out).exit_code == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def full(*args, **kwargs):
        raise error

    monkeypatch.setattr(pipeline, "encode_parts", full)
    # Another title, so that it is built again rather than found up to date.
    result = run_cli("-q", "build", article, "--voice", tone_voice, "-o", out, "--no-cache",
                     "--title", "Markets")
    assert result.exit_code == 1
    assert result.output == message
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_json_summary(tmp_path):
    article = tmp_path / "short.txt"
    article.write_text("Markets rose on Monday.\n")
    out = tmp_path / "short.mp3"
    result = run_cli("build", article, "-o", out, "--json")
    assert result.exit_code == 0
    import json

    summary = json.loads(result.stdout)
    assert summary["mp3"] == str(out)
    assert summary["chapters"] == ["Introduction", "Markets rose on Monday", "Closing"]
    assert abs(summary["integrated_lufs"] - -16) <= 1


def test_an_output_ending_in_a_slash_names_a_folder_and_is_refused(tmp_path):
    # The slash was dropped with the Path: a bulletin called "sub", no extension, was written.
    result = run_cli("build", SEED, "-o", f"{tmp_path / 'sub'}/")
    assert result.exit_code == 2
    assert (f"Invalid value for '-o' / '--output': {tmp_path / 'sub'}/ ends in a slash, so it "
            f"names a folder; give a file name such as {tmp_path / 'sub' / 'bulletin.mp3'}"
            in " ".join(result.output.split()))
    assert list(tmp_path.iterdir()) == []


def test_default_output_goes_to_output_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "morning-news.txt"
    article.write_text("Rain is expected by evening.\n")
    result = run_cli("-q", "build", article.name)
    assert result.exit_code == 0, result.output
    assert result.stdout == "output/morning-news.mp3\n"
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == [
        "morning-news.chapters.json", "morning-news.html", "morning-news.json", "morning-news.mp3",
        "morning-news.vtt"]


def test_script_tells_one_event_once_and_says_what_it_left_out(tmp_path):
    """Two outlets' feeds carry the budget vote: `script` tells it once, the fullest version,
    and names the other report on stderr; `--keep-duplicates` tells both."""
    from ..news_feeds import ITEMS, write_feeds

    write_feeds(tmp_path, "2026-11-24")
    feeds = [str(tmp_path / "post.xml"), str(tmp_path / "herald.xml")]
    result = run_cli("script", *feeds, "--voice", "system", "--date", "2026-11-24")
    assert result.exit_code == 0, result.output
    stories = [line for line in result.stdout.splitlines() if "[story" in line]
    assert len(stories) == 4  # budget, footpath, housing, festival: the Herald's budget merged
    assert ITEMS["post-budget"][0] in stories[0]
    assert result.stderr == (f'Left out: {ITEMS["herald-budget"][0]}: duplicate of '
                             f'"{ITEMS["post-budget"][0]}"\n')
    result = run_cli("script", *feeds, "--voice", "system", "--date", "2026-11-24",
                     "--keep-duplicates")
    assert result.exit_code == 0, result.output
    assert len([line for line in result.stdout.splitlines() if "[story" in line]) == 5
    assert result.stderr == ""


def test_a_standard_output_that_refuses_the_result_is_named_and_the_bulletin_kept(tmp_path,
                                                                                  tone_voice):
    """`> /dev/full`: the bulletin is written, and the one error line blames standard output, not
    the disk the bulletin went to. A reader that went away (`| head -0`) ends the command quietly,
    with no traceback, as other tools do."""
    story = tmp_path / "harbour.txt"
    story.write_text("Harbour reopens\n\nThe harbour reopened on Monday after a week of storms.\n")
    mp3 = tmp_path / "out" / "harbour.mp3"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BRIEFING_CACHE_DIR": str(tmp_path / "cache")}
    briefing = [sys.executable, "-m", "briefing", "-q"]
    build = [*briefing, "build", str(story), "--voice", tone_voice, "--date", DATE, "-o", str(mp3)]
    with open("/dev/full", "w") as full:
        built = subprocess.run(build, stdout=full, stderr=subprocess.PIPE, text=True, env=env)
        listed = subprocess.run([*briefing, "cache", "info"], stdout=full, stderr=subprocess.PIPE,
                                text=True, env=env)
    assert (built.returncode, built.stderr) == (
        1, f"Error: cannot write to standard output (No space left on device); the bulletin was "
           f"written: {mp3}\n")
    assert run_cli("check", mp3).exit_code == 0
    assert (listed.returncode, listed.stderr) == (
        1, "Error: cannot write to standard output (No space left on device)\n")

    reader, writer = os.pipe()
    os.close(reader)
    try:
        gone = subprocess.run(build, stdout=writer, stderr=subprocess.PIPE, text=True, env=env)
    finally:
        os.close(writer)
    assert (gone.returncode, gone.stderr) == (1, "")


@pytest.mark.parametrize("command", ["build", "script", "batch"])
def test_the_help_names_the_real_default_voice(command):
    shown = " ".join(run_cli(command, "--help").output.split())
    assert "(default: `anchor` when it speaks the language, else a voice that does)" in shown
    assert "preferring" not in shown and "by language" not in shown


def test_the_daily_help_names_the_default_voice_of_a_show():
    shown = " ".join(run_cli("daily", "--help").output.split())
    assert "voice (default: anchor when it speaks the show's language)" in shown


@pytest.mark.parametrize("code", ["english", "12", "e"])
@pytest.mark.parametrize("command", ["build", "script", "batch"])
def test_a_language_that_is_not_a_code_is_a_usage_mistake(command, code, tmp_path, out_dir):
    where = ["--out", out_dir] if command == "batch" else ["-o", out_dir / "x.mp3"] \
        if command == "build" else []
    source = tmp_path if command == "batch" else SEED
    result = run_cli(command, source, "--lang", code, *where)
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"Usage: cli {command} ")  # (CliRunner calls it cli)
    assert (f"Error: Invalid value for '--lang': {code!r} is not a language code; use one such "
            "as en, es or pt-BR\n") in result.output
    assert list(out_dir.iterdir()) == []


def test_build_and_daily_print_the_same_report_line(tmp_path, tone_voice):
    """Length, chapters, loudness and true peak, and how many stories were shortened or left
    out to fit: one line, by one function, for both commands."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name, topic in (("a", "bridge"), ("b", "harbour"), ("c", "school")):
        body = " ".join(f"On day {n} the {topic} crews worked on the {topic} {name * n}." for n in
                        range(4, 14))
        (inbox / f"{name}.txt").write_text(f"The {topic} makes the news\n\n{body}\n")
    line = re.compile(r"\d+\.\d s, (\d+) chapters, -?\d+\.\d LUFS, -?\d+\.\d dBTP"
                      r"(, (\d+) shortened)?(, (\d+) left out)?")
    out = tmp_path / "out" / "news.mp3"
    built = run_cli("build", inbox, "--voice", tone_voice, "--max-minutes", "0.75", "-o", out)
    assert built.exit_code == 0, built.output
    said = line.fullmatch(built.stderr.splitlines()[-1])
    assert said, built.stderr
    manifest = json.loads(out.with_suffix(".json").read_text())
    assert int(said[1]) == len(manifest["segments"])
    assert int(said[3] or 0) == _lines(built.stderr, "Shortened to fit") > 0
    assert int(said[5] or 0) == _lines(built.stderr, "Left out")
    config = tmp_path / "show.toml"
    config.write_text(f'title = "Valley"\nvoice = "{tone_voice}"\noutput = "show"\n'
                      'max_minutes = 0.75\n[[sources]]\npath = "inbox/"\n')
    daily = run_cli("daily", "--config", config, "--date", "2026-11-24")
    assert daily.exit_code == 0, daily.output
    episode = json.loads((tmp_path / "show" / "2026-11-24.json").read_text())
    loudness = episode["loudness"]
    shortened = sum(s.get("brief", {}).get("kept", 0) < s.get("brief", {}).get("of", 0)
                    for s in episode["segments"])
    left_out = _lines(daily.stderr, "Left out")
    expected = (f"{episode['duration']:.1f} s, {len(episode['segments'])} chapters, "
                f"{loudness['integrated_lufs']:.1f} LUFS, {loudness['true_peak_dbtp']:.1f} dBTP, "
                f"{shortened} shortened" + (f", {left_out} left out" if left_out else ""))
    assert shortened > 0 and daily.stderr.splitlines()[-1] == expected
    assert line.fullmatch(expected)


def _lines(stderr: str, start: str) -> int:
    return sum(line.startswith(start) for line in stderr.splitlines())
