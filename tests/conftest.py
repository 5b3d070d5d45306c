"""Shared fixtures: real engines and real ffmpeg, temporary folders only.

Nothing here skips: a missing espeak-ng or ffmpeg makes the tests fail (in CI and locally alike),
because a bulletin tool whose audio checks were skipped has not been tested. The measuring helpers
call ffmpeg and ffprobe directly, independently of briefing's own loudness code.
"""

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from briefing.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "kherson.txt"
DATE = "2026-11-24"


@pytest.fixture(scope="session", autouse=True)
def _tools_present() -> None:
    for tool in ("ffmpeg", "ffprobe", "espeak-ng"):
        assert shutil.which(tool), f"{tool} is not installed: run scripts/setup"


def run_cli(*args: str, env: dict | None = None):
    """Invoke the CLI in-process the way a user would; returns click's Result."""
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


@dataclass(frozen=True)
class Loudness:
    integrated: float
    true_peak: float


def ebur128(path: Path) -> Loudness:
    """Integrated loudness and true peak of a file, as ffmpeg's ebur128 filter measures them."""
    out = subprocess.run(
        ["ffmpeg", "-hide_banner", "-nostats", "-i", str(path), "-af",
         "ebur128=peak=true:framelog=verbose", "-f", "null", "-"],
        capture_output=True, text=True, check=True,
    ).stderr
    summary = out[out.rfind("Summary:"):]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary)[1])
    peak = float(re.search(r"Peak:\s+(-?[\d.]+) dBFS", summary)[1])
    return Loudness(integrated, peak)


def ffprobe(path: Path, *args: str) -> dict:
    out = subprocess.run(["ffprobe", "-v", "error", *args, "-of", "json", str(path)],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def decode(path: Path, rate: int = 44100) -> np.ndarray:
    """Decode any audio file to mono float samples in [-1, 1] at `rate`."""
    raw = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-ac", "1", "-ar", str(rate), "-f", "s16le", "-"],
        capture_output=True, check=True,
    ).stdout
    return np.frombuffer(raw, dtype="<i2").astype(np.float64) / 32768.0


@dataclass(frozen=True)
class Built:
    mp3: Path
    vtt: Path
    manifest: Path
    stdout: str


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The seed article built once with the default settings, for the tests that inspect it."""
    out = tmp_path_factory.mktemp("seed") / "kherson.mp3"
    result = run_cli("-q", "build", SEED, "--date", DATE, "-o", out)
    assert result.exit_code == 0, result.output
    return Built(out, out.with_suffix(".vtt"), out.with_suffix(".json"), result.stdout)
