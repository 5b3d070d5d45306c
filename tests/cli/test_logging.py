"""`-v` shows briefing's own steps and ffmpeg commands; other libraries' debug lines only at -vv."""

import os
import re
import subprocess
import sys

from ..conftest import DATE, ROOT, SEED

#: A log line: milliseconds, level, logger name.
LINE = re.compile(r"^\s*\d+ ms (DEBUG|INFO|WARNING|ERROR) ([\w.]+): ", re.M)


def briefing(*args: object) -> subprocess.CompletedProcess:
    """The command as a user runs it, in its own process, so logging starts from nothing."""
    return subprocess.run([sys.executable, "-m", "briefing", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, timeout=600)


def test_v_logs_briefing_steps_and_ffmpeg_commands_and_no_third_party_debug(tmp_path):
    done = briefing("-v", "build", SEED, "--date", DATE, "-o", tmp_path / "kherson.mp3")
    assert done.returncode == 0, done.stderr
    loggers = [name for _, name in LINE.findall(done.stderr)]
    assert loggers, done.stderr
    assert all(name == "briefing" or name.startswith("briefing.") for name in loggers), \
        sorted(set(loggers))
    commands = [line for line in done.stderr.splitlines() if " briefing.ffmpeg: " in line]
    # Every encode and its meter, and the probe of the quality check, as lines to paste.
    assert any("libmp3lame" in line for line in commands)
    assert any("ebur128" in line for line in commands)
    assert any("ffprobe" in line for line in commands)


def test_vv_adds_the_libraries_debug_lines(tmp_path):
    markdown = ROOT / "seeds" / "council-budget.md"
    quiet = briefing("-v", "script", markdown)
    loud = briefing("-vv", "script", markdown)
    assert quiet.returncode == loud.returncode == 0
    assert not [name for _, name in LINE.findall(quiet.stderr) if not name.startswith("briefing")]
    assert any(name.startswith("markdown_it") for _, name in LINE.findall(loud.stderr))
    assert quiet.stdout == loud.stdout


def test_without_v_a_librarys_warning_is_not_shown(tmp_path):
    """trafilatura warns "discarding data: None" on a page with nothing left: nothing a listener
    can act on, so only -v shows it; the one error line is all that is said."""
    page = tmp_path / "cookie.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav><div class='cookie'>We use "
                    "cookies.</div></body></html>")
    quiet = subprocess.run([sys.executable, "-m", "briefing", "script", str(page)],
                           capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert quiet.stderr == f"Error: {page}: no article text found on the page\n"
    loud = subprocess.run([sys.executable, "-m", "briefing", "-v", "script", str(page)],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "WARNING trafilatura" in loud.stderr


def test_a_library_that_sets_its_own_level_is_held_to_the_same_rule(tmp_path):
    """phonemizer gives its logger a level of its own, so its "words count mismatch" (raised on
    most of Kokoro's sentences) passed the root's ERROR level: the handler holds it back too."""
    code = ("import logging; from briefing.cli import _log_to_stderr; _log_to_stderr({v}); "
            "library = logging.getLogger('phonemizer'); library.setLevel(logging.WARNING); "
            "library.warning('words count mismatch'); logging.getLogger('briefing.x').warning('ours')")
    for verbose, library_shown in ((0, False), (1, True)):
        done = subprocess.run([sys.executable, "-c", code.format(v=verbose)], capture_output=True,
                              text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert done.returncode == 0, done.stderr
        assert "WARNING briefing.x: ours" in done.stderr
        assert ("words count mismatch" in done.stderr) is library_shown, done.stderr
