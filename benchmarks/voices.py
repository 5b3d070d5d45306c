"""Per shipped voice profile: real-time factor and heard rate on the seed, measured in this run.

    .venv/bin/python benchmarks/voices.py [ARTICLE]

Synthesis is timed as a build does it (the engine loaded once, the pace calibrated, one utterance
per sentence, in one process, with an empty cache), separately from loading the model, and
compared with the audio it produced: "x real time" is seconds of speech per second of work. The
baseline is the same engine speaking the same sentences once at its natural pace, in this run; the
ratio shows what calibrating the rate costs. The heard rate is words over speech time, pauses
excluded: the profile's rate within 5 %.
"""

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from briefing.pipeline import BuildOptions, prepare
from briefing.speech.cache import ClipStore
from briefing.speech.engines import open_engine
from briefing.speech.pace import synthesize_at_rate
from briefing.speech.speaker import Speaker
from briefing.speech.synthesis import heard_wpm
from briefing.speech.voices import list_profiles

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    article = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "seeds" / "kherson.txt"
    print(f"{article.name}: per voice, engine alone at its natural pace | build's synthesis "
          "(calibrated) | ratio | heard wpm (target)")
    for profile in list_profiles():
        options = BuildOptions(voice=profile.name, date=dt.date(2026, 11, 24))
        prepared = prepare([article], options)
        profile, script = prepared.profile, prepared.script
        started = time.perf_counter()
        with open_engine(profile) as engine:
            loaded = time.perf_counter()
            engine.set_speed(1.0)
            raw = [engine.synthesize(sentence.speech) for _, sentence in script.sentences()]
            baseline = time.perf_counter() - loaded
        with tempfile.TemporaryDirectory() as folder, \
                Speaker(profile, ClipStore(Path(folder)), jobs=1) as speaker:
            speaker.engine  # loaded before the clock starts, as above  # noqa: B018
            begun = time.perf_counter()
            clips = synthesize_at_rate(script, speaker, profile.rate).clips
            build = time.perf_counter() - begun
        raw_audio = sum(clip.duration for clip in raw)
        audio = sum(clip.duration for clip in clips)
        heard = heard_wpm(clips, script.word_count)
        print(f"  {profile.name:<9} {profile.engine:<8} load {loaded - started:4.2f} s | "
              f"{baseline:6.2f} s {raw_audio / baseline:6.1f}x | {build:6.2f} s {audio / build:6.1f}x | "
              f"{build / baseline:4.2f} | {heard:6.1f} ({profile.rate}, "
              f"{100 * (heard / profile.rate - 1):+.1f} %)")


if __name__ == "__main__":
    main()
