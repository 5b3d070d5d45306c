"""Whole builds against the engine alone, every figure of issue 15 in one run, as ratios.

    .venv/bin/python benchmarks/pipeline.py [--rounds N] [PROFILE ...]
                                            (default: anchor joe system american-male)

The long text is the seed N times over with "In part N," before every sentence, so that every
sentence is different (briefing speaks a repeated sentence once, and identical copies would
flatter it): ten copies, about 26 minutes, for the fast engines; two for Kokoro, whose every
cold build of 26 minutes would take a quarter of an hour on two cores.

For each profile, each round, every figure from a fresh process (CPU is user + system time of the
whole process tree; peak memory the largest total resident size of the tree, sampled every
50 ms):
- cold `--jobs 1` and cold `--jobs 2`: `briefing build` of the long text with an empty cache;
- baseline: the engine's own API in one thread, speaking the text's paragraphs at the speed the
  cold build settled on (its manifest's `voice.speed`), then one ffmpeg encode of the whole to a
  64 kbit/s 44.1 kHz MP3 with briefing's encoder settings: what a user could write in ten lines;
- no-op: the cold `--jobs 2` build run again, nothing changed;
- warm: one word changed in a paragraph in the middle, on the cold `--jobs 2` build's cache;
- memory: peak memory of the cold `--jobs 1` long build over the same of the seed once (with the
  same "In part one," prefixes: an engine's memory follows its longest sentence);
- identical: the `--jobs 1` and `--jobs 2` MP3s are the same bytes (Piper's noise differs on
  every run, so for it this is expected to say no).
Targets: cold --jobs 2 at most 0.65x the baseline (1.0x for espeak-ng), CPU at most 1.2x, warm at
most 5 % of cold, no-op at most 0.6 s, memory at most 1.15x.
"""

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import psutil
from num2words import num2words

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "kherson.txt"
PYTHON = sys.executable
PROFILES = ("anchor", "joe", "system", "american-male")
#: Copies of the seed in the long text, by engine.
COPIES = {"kokoro": 2}
LONG_COPIES = 10


def long_text(copies: int) -> str:
    """The seed `copies` times, every sentence made unique by its part number."""
    paragraphs = [" ".join(p.split()) for p in SEED.read_text().split("\n\n") if p.strip()]
    words = [num2words(number) for number in range(1, copies + 1)]
    parts = [
        re.sub(r"(^|(?<=[.!?] ))([A-Z])", lambda m, w=word: f"In part {w}, {m[2].lower()}", paragraph)
        for word in words for paragraph in paragraphs
    ]
    return "\n\n".join(parts) + "\n"


def measured(command: list[str]) -> tuple[float, float, float]:
    """Run `command`; return its wall time (s), CPU time (s) and peak memory (MB) of its tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, peak / 2**20


BASELINE = textwrap.dedent("""
    import subprocess, sys, wave
    import numpy as np
    from briefing.speech.voices import load_voice
    from briefing.speech.engines.neural import piper_model_path
    profile = load_voice(sys.argv[1])
    text = open(sys.argv[2]).read()
    speed = float(sys.argv[5])
    paragraphs = [" ".join(p.split()) for p in text.split("\\n\\n") if p.strip()]
    pcm, rate = [], 22050
    if profile.engine == "hibari":
        from hibari import Hibari
        tts = Hibari(voice=profile.voice or "heart", threads=1)
        rate = tts.sample_rate
        for p in paragraphs:
            audio = tts(p, speed=speed, seed=0)
            pcm.append((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())
    elif profile.engine == "kokoro":
        from briefing.speech.engines.kokoro import KokoroEngine
        engine = KokoroEngine(profile, threads=1)
        engine.set_speed(speed)
        for p in paragraphs:
            clip = engine.synthesize(p)
            rate = clip.sample_rate
            pcm.append(clip.samples)
    elif profile.engine == "piper":
        from piper import PiperVoice, SynthesisConfig
        from briefing.speech.engines.neural import onnx_session
        voice = PiperVoice.load(piper_model_path(profile))
        voice.session = onnx_session(piper_model_path(profile), 1)  # one thread, as the others
        rate = voice.config.sample_rate
        config = SynthesisConfig(length_scale=(voice.config.length_scale or 1.0) / speed)
        for p in paragraphs:
            pcm.extend(chunk.audio_int16_bytes for chunk in voice.synthesize(p, syn_config=config))
    else:
        import pyttsx3, os, time, tempfile
        from pydub import AudioSegment
        engine = pyttsx3.init()
        if profile.voice:
            engine.setProperty("voice", profile.voice)
        engine.setProperty("rate", max(40, round(profile.rate * speed)))
        folder = tempfile.mkdtemp()
        for n, p in enumerate(paragraphs):
            path = os.path.join(folder, f"{n}.wav")
            engine.save_to_file(p, path)
            engine.runAndWait()
            while True:  # the espeak driver may still be writing the file
                try:
                    segment = AudioSegment.from_wav(path)
                    break
                except Exception:
                    time.sleep(0.01)
            rate = segment.frame_rate
            pcm.append(segment.set_channels(1).raw_data)
    with wave.open(sys.argv[3], "wb") as out:
        out.setnchannels(1); out.setsampwidth(2); out.setframerate(rate)
        out.writeframes(b"".join(pcm))
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", sys.argv[3], "-ar", "44100", "-c:a",
                    "libmp3lame", "-b:a", "64k", "-compression_level", "7", sys.argv[4]], check=True)
""")


def one_round(profile: str, work: Path) -> dict[str, float | bool]:
    """Every figure for `profile`, measured once, in a folder of its own."""
    from briefing.speech.voices import load_voice

    folder = Path(tempfile.mkdtemp(prefix=f"{profile}-", dir=work))
    copies = COPIES.get(load_voice(profile).engine, LONG_COPIES)
    text = folder / "long.txt"
    text.write_text(long_text(copies))
    once = folder / "seed" / "long.txt"  # the same name: the same title, intro and outro
    once.parent.mkdir()
    once.write_text(long_text(1))
    script = work / "baseline.py"
    script.write_text(BASELINE)

    def build(source: Path, out: str, *args: str) -> list[str]:
        return [PYTHON, "-m", "briefing", "-q", "build", str(source), "--voice", profile,
                "--date", "2026-11-24", "-o", str(folder / out), *args]

    one, one_cpu, one_mb = measured(build(text, "one.mp3", "--jobs", "1", "--no-cache"))
    speed = json.loads((folder / "one.json").read_text())["voice"]["speed"]
    base, base_cpu, _ = measured([PYTHON, str(script), profile, str(text), str(folder / "b.wav"),
                                  str(folder / "b.mp3"), str(speed)])
    cache = str(folder / "cache")
    two, two_cpu, _ = measured(build(text, "two.mp3", "--jobs", "2", "--cache-dir", cache))
    same = _audio(folder / "one.mp3") == _audio(folder / "two.mp3")
    noop, _, _ = measured(build(text, "two.mp3", "--jobs", "2", "--cache-dir", cache))
    paragraphs = text.read_text().split("\n\n")
    middle = len(paragraphs) // 2
    paragraphs[middle] = paragraphs[middle].replace(" the ", " that ", 1)
    text.write_text("\n\n".join(paragraphs))
    warm, _, _ = measured(build(text, "two.mp3", "--jobs", "2", "--cache-dir", cache))
    _, _, seed_mb = measured(build(once, "seed.mp3", "--jobs", "1", "--no-cache"))
    return {"baseline": base, "baseline_cpu": base_cpu, "one": one, "one_cpu": one_cpu,
            "two": two, "two_cpu": two_cpu, "noop": noop, "warm": warm,
            "memory": one_mb / seed_mb, "long_mb": one_mb, "seed_mb": seed_mb,
            "identical": same}


def _audio(mp3: Path) -> bytes:
    """The MP3's frames, without its tags."""
    data = mp3.read_bytes()
    size = 10 + sum((b & 0x7F) << (7 * (3 - i)) for i, b in enumerate(data[6:10]))
    return data[size:]


def spread(values: list[float], form: str) -> str:
    """The median, and the range when there is more than one value."""
    middle = format(statistics.median(values), form)
    if len(values) == 1:
        return middle
    return f"{middle} ({format(min(values), form)}-{format(max(values), form)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1, help="rounds per profile (for the spread)")
    parser.add_argument("profiles", nargs="*", default=list(PROFILES))
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as folder:
        for profile in options.profiles:
            rounds = [one_round(profile, Path(folder)) for _ in range(options.rounds)]

            def column(key: str, over: str | None = None,
                       rounds: list[dict[str, float | bool]] = rounds) -> list[float]:
                return [float(r[key]) / (float(r[over]) if over else 1.0) for r in rounds]

            print(f"\n{profile} ({options.rounds} round{'s' * (options.rounds > 1)}; median "
                  "and range)", flush=True)
            print(f"  baseline            {spread(column('baseline'), '.1f')} s wall, "
                  f"{spread(column('baseline_cpu'), '.1f')} CPU-s")
            print(f"  cold --jobs 1       {spread(column('one'), '.1f')} s = "
                  f"{spread(column('one', 'baseline'), '.2f')}x baseline, CPU "
                  f"{spread(column('one_cpu', 'baseline_cpu'), '.2f')}x")
            print(f"  cold --jobs 2       {spread(column('two'), '.1f')} s = "
                  f"{spread(column('two', 'baseline'), '.2f')}x baseline, CPU "
                  f"{spread(column('two_cpu', 'baseline_cpu'), '.2f')}x; "
                  f"{spread(column('one', 'two'), '.2f')}x faster than --jobs 1")
            print(f"  warm (one edit)     {spread(column('warm'), '.2f')} s = "
                  f"{spread([100 * v for v in column('warm', 'two')], '.1f')} % of cold --jobs 2")
            print(f"  no-op               {spread(column('noop'), '.2f')} s")
            print(f"  --jobs 1 and 2 give the same MP3 audio: "
                  f"{', '.join('yes' if r['identical'] else 'no' for r in rounds)}")
            print(f"  peak memory         {spread(column('memory'), '.2f')}x the seed's "
                  f"({spread(column('long_mb'), '.0f')} MB over {spread(column('seed_mb'), '.0f')})",
                  flush=True)


if __name__ == "__main__":
    main()
