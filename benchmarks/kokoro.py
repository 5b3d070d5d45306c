"""A Spanish bulletin of about five minutes spoken by Kokoro, cold, with one and with two jobs.

    .venv/bin/python benchmarks/kokoro.py [PROFILE]      (default: spanish-female)

The article below is used three times over (about 850 words), every sentence of each copy opened
with "En la parte N," so that no sentence repeats (briefing speaks a repeated sentence only
once, which would flatter it). Each build runs in a fresh process with an empty cache folder of its
own; the model is joined into the data folder first, so neither build pays for that. Printed: the
words, the bulletin's length, each build's wall time, CPU time and speed against real time, and the
ratio of `--jobs 2` to `--jobs 1` (target: at most 0.6). The machine's load average before and
after is printed too: other work on a 2-core machine moves these figures a lot.
"""

import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from num2words import num2words

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.speech.engines.kokoro_model import model_path  # noqa: E402 - after the path is set

ARTICLE = """\
El ayuntamiento aprobó el lunes un nuevo presupuesto para el próximo año tras un largo debate en el \
pleno. La propuesta salió adelante con los votos del gobierno municipal y de dos concejales de la \
oposición. El plan dedica la mayor parte del dinero a reparar calles, ampliar el servicio de \
autobuses y contratar más profesores para las escuelas de los barrios del norte.

La alcaldesa defendió que las cuentas responden a lo que los vecinos pidieron durante el verano. \
Según explicó, las reuniones en los centros cívicos reunieron a cientos de personas que reclamaron \
más transporte y viviendas más baratas. La oposición criticó que el documento llegara al pleno con \
muy poco tiempo para estudiarlo y pidió un calendario claro para cada obra.

Los comerciantes del centro recibieron el acuerdo con cautela. Su asociación recordó que las obras \
del año pasado cerraron varias calles durante meses y que muchas tiendas perdieron clientes. Pidieron \
que los trabajos se hagan por fases y que el ayuntamiento informe con antelación de cada corte de \
tráfico.

En los barrios del norte, las familias esperan sobre todo la nueva línea de autobús que unirá los \
colegios con el hospital. Una madre que habló en el pleno contó que cada mañana pierde casi una hora \
en llegar al trabajo. Los técnicos municipales calculan que la línea podrá funcionar antes del \
invierno si la compra de los vehículos se cierra a tiempo.
"""
COPIES = 3


def text() -> str:
    """The article `COPIES` times, every sentence made unique by the number of its copy."""
    paragraphs = [" ".join(p.split()) for p in ARTICLE.split("\n\n") if p.strip()]
    copies = []
    for number in range(1, COPIES + 1):
        word = num2words(number, lang="es")
        copies += [re.sub(r"(^|(?<=[.!?] ))([A-ZÁÉÍÓÚ])",
                          lambda m, w=word: f"En la parte {w}, {m[2].lower()}", paragraph)
                   for paragraph in paragraphs]
    return "\n\n".join(copies) + "\n"


def build(source: Path, jobs: int, folder: Path, profile: str, name: str = "",
          *options: str) -> tuple[float, float, dict]:
    """One cold build in a fresh process, its output and cache named `name` (else by the jobs),
    with `options` added: its wall time, the CPU time of its processes (which other work on the
    machine changes less than the wall time) and its manifest."""
    name = name or f"jobs{jobs}"
    out, cache = folder / f"{name}.mp3", folder / f"cache-{name}"
    command = [sys.executable, "-m", "briefing", "-q", "build", str(source), "--voice", profile,
               "--lang", "es", "--jobs", str(jobs), "--cache-dir", str(cache), "--date", "2026-11-24",
               "--title", "Presupuesto", "-o", str(out), *options]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stderr}")
    return wall, cpu, json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))


def main() -> None:
    profile = sys.argv[1] if len(sys.argv) > 1 else "spanish-female"
    model_path()  # joined before the clock starts, if this is the first use
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="briefing-bench-kokoro-") as name:
        folder = Path(name)
        source = folder / "presupuesto.txt"
        source.write_text(text(), encoding="utf-8")
        walls = {}
        for jobs in (1, 2):
            wall, cpu, manifest = build(source, jobs, folder, profile)
            walls[jobs] = wall
            minutes = manifest["duration"] / 60
            print(f"{profile} cold --jobs {jobs}: {wall:.1f} s ({cpu:.0f} CPU s) for "
                  f"{manifest['words']} words, {minutes:.2f} min of audio "
                  f"({manifest['duration'] / wall:.2f}x real time), "
                  f"speed factor {manifest['voice']['speed']}, heard {manifest['heard_wpm']:.1f} wpm",
                  flush=True)
        print(f"--jobs 2 / --jobs 1: {walls[2] / walls[1]:.2f} (target: at most 0.6); load average "
              f"after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
