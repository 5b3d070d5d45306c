"""Whole builds against the engines themselves, measured in one run: wall time, peak memory, ratios.

    .venv/bin/python benchmarks/pipeline.py [PROFILE ...]      (default: every shipped profile)

Texts: the seed, and a long text made of the seed 20 times over (7,800 words, about 52 minutes at
160 words a minute). Each copy has "In part N,"
before every sentence, so every sentence is different: briefing speaks a repeated sentence only
once, and a text of 20 identical copies would flatter it.

For each profile and text, each figure from a fresh process (peak memory is the largest total
resident size of the process and all its children, sampled every 50 ms):
- cold `--jobs 1` and cold `--jobs 2`: `briefing build` with an empty cache;
- baseline: the engine's own API (hibari `Hibari`, Piper `PiperVoice`, pyttsx3) speaking the
  text's paragraphs in one process at the speed the cold build settled on (its manifest's
  `voice.speed`: a bulletin at 160 words a minute is longer than the engine's natural pace, and
  the engines' work grows with the audio), then one ffmpeg encode of the result to a 64 kbit/s
  44.1 kHz MP3 with the same encoder settings as briefing's (libmp3lame quality 7);
- warm rebuild: a build after one word changed in a paragraph in the middle (same file name, so
  the same title), on the cache of the cold `--jobs 2` build.
Targets: cold --jobs 1 at most 1.3x the baseline; --jobs 2 at most 0.75x for hibari and Piper;
warm rebuild at most 5 % of the cold build; peak memory of the long build at most 1.15x the
seed's. Memory is compared with the seed once with the same "In part one," prefixes too: the
prefixes lengthen every sentence, and the engines' memory follows the longest sentence.
"""

import json
import re
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
PROFILES = ("anchor", "joe", "system", "espanol")


def long_text(copies: int = 20) -> str:
    """The seed `copies` times, every sentence made unique by its part number."""
    paragraphs = [" ".join(p.split()) for p in SEED.read_text().split("\n\n") if p.strip()]
    words = [num2words(number) for number in range(1, copies + 1)]
    parts = [
        re.sub(r"(^|(?<=[.!?] ))([A-Z])", lambda m, w=word: f"In part {w}, {m[2].lower()}", paragraph)
        for word in words for paragraph in paragraphs
    ]
    return "\n\n".join(parts) + "\n"


def measured(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Run `command`; return its wall time (s) and peak memory (MB) over its process tree."""
    started = time.perf_counter()
    process = psutil.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
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
    return wall, peak / 2**20


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
    elif profile.engine == "piper":
        from piper import PiperVoice, SynthesisConfig
        voice = PiperVoice.load(piper_model_path(profile))
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


def main() -> None:
    profiles = sys.argv[1:] or PROFILES
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as folder:
        work = Path(folder)
        texts = {"seed": SEED, "20x": work / "long.txt"}
        texts["20x"].write_text(long_text())
        texts["1x"] = work / "once.txt"
        texts["1x"].write_text(long_text(1))
        script = work / "baseline.py"
        script.write_text(BASELINE)
        print("profile  text    | baseline s (MB) | cold -j1 s (MB) ratio | cold -j2 s ratio | "
              "warm rebuild s, % of cold")
        for profile in profiles:
            memory = {}
            for name, text in list(texts.items())[:2]:
                cache = work / f"cache-{profile}-{name}"
                build = [PYTHON, "-m", "briefing", "-q", "build", str(text), "--voice", profile,
                         "--date", "2026-11-24", "-o", str(work / "out.mp3")]
                one, one_mb = measured([*build, "--jobs", "1", "--no-cache"])
                speed = json.loads((work / "out.json").read_text())["voice"]["speed"]
                base, base_mb = measured([PYTHON, str(script), profile, str(text), str(work / "b.wav"),
                                          str(work / "b.mp3"), str(speed)])
                two, _ = measured([*build, "--jobs", "2", "--cache-dir", str(cache)])
                # Same file name in another folder: the title (and with it the intro and the
                # outro) comes from the name, and only the paragraph should change.
                edited = work / "edited" / name / text.name
                edited.parent.mkdir(parents=True, exist_ok=True)
                paragraphs = text.read_text().split("\n\n")
                middle = len(paragraphs) // 2
                paragraphs[middle] = paragraphs[middle].replace(" the ", " that ", 1)
                edited.write_text("\n\n".join(paragraphs))
                warm, _ = measured([*build[:5], str(edited), *build[6:], "--jobs", "2",
                                    "--cache-dir", str(cache)])
                memory[name] = one_mb
                print(f"{profile:<8} {name:<7} | {base:7.1f} ({base_mb:5.0f}) | {one:7.1f} ({one_mb:5.0f}) "
                      f"{one / base:4.2f}x | {two:7.1f} {two / base:4.2f}x | {warm:6.1f}, "
                      f"{100 * warm / two:4.1f} %", flush=True)
            # The control for memory: the seed once, with the same prefixes (they lengthen every
            # sentence, and an engine's memory follows its longest sentence, not the bulletin).
            _, once_mb = measured([*build[:5], str(texts["1x"]), *build[6:], "--jobs", "1",
                                   "--no-cache"])
            print(f"{profile:<8} peak memory of the 20x build: {memory['20x']:.0f} MB, "
                  f"{memory['20x'] / once_mb:.2f}x the same text once ({once_mb:.0f} MB), "
                  f"{memory['20x'] / memory['seed']:.2f}x the seed", flush=True)


if __name__ == "__main__":
    main()
