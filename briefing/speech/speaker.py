"""Speaking sentences through the cache, in this process or in parallel workers.

A `Speaker` looks every sentence up in the clip store first and gives only the missing ones to an
engine: its own (in this process), a pool of worker processes (`--jobs N`), or a Dask cluster
(`--executor dask://HOST:PORT`). Each worker opens its engine once and keeps it for every batch it
is given; batches are contiguous runs of sentences, and the results are put back in speaking order
whatever order they finish in. Clips go straight to the store on disk, so memory does not grow
with the bulletin's length.
"""

import contextlib
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from typing import TYPE_CHECKING

from briefing.errors import ClusterError, EngineError
from briefing.ffmpeg import die_with_parent
from briefing.progress import Progress
from briefing.script.compose import Sentence
from briefing.speech.cache import ClipRef, ClipStore, digest
from briefing.speech.engines import engine_identity, open_engine, prepare_model
from briefing.speech.engines.base import Clip, Engine
from briefing.speech.synthesis import (
    CALIBRATION_AIM,
    calibrate,
    letters,
    next_factor,
    speak_items,
)
from briefing.speech.voices import VoiceProfile

if TYPE_CHECKING:  # Dask is optional (briefing[dask]) and imported only for a dask:// executor
    from distributed import Client

log = logging.getLogger(__name__)

#: Engines that gain from worker processes; pyttsx3 is fast, and one per process anyway.
PARALLEL_ENGINES = ("hibari", "kokoro", "piper")
#: Batches per worker: enough to balance uneven sentences, few enough to keep overhead low.
BATCHES_PER_WORKER = 4
#: Up to this many missing sentences are spoken in this process: starting workers and loading a
#: model in each (about 1.5 s) costs more than they save (a rebuild after an edit).
FEW = 8
#: Engines slow enough that two sentences already pay for the workers: a Kokoro sentence takes
#: seconds, and a second onnxruntime thread in this process gains far less than a second worker
#: process (so the pace calibration's passes over its sample go to the workers too).
SLOW_ENGINES, FEW_SLOW = ("kokoro",), 1

#: A worker process's engines, opened on its first batch and kept (by sound identity).
_worker_engines: dict[str, Engine] = {}
#: Why a worker's engine could not be opened when it started, raised again on its first batch.
_worker_failure: list[BaseException] = []


def worker_start(parent: int, profile: VoiceProfile | None = None, threads: int | None = None) -> None:
    """A worker's initializer: die with `parent`, and open the engine for `profile` now, while the
    main process is still building the script, instead of on the first batch. A failure is kept
    for that batch to raise (an initializer that raises only breaks the pool, and its reason is
    lost)."""
    die_with_parent(parent)
    if profile is not None:
        try:
            _worker_engines[digest(engine_identity(profile))] = open_engine(profile, threads)
        except Exception as exc:  # raised again, with its message, by the first batch
            _worker_failure.append(exc)


def worker_ready() -> None:
    """Nothing: submitted once per worker so that the pool starts them all at once."""


def worker_speak(profile: VoiceProfile, factor: float, items: list[tuple[int, str, str]],
                 threads: int | None = None) -> list[tuple[int, Clip]]:
    """Run in a worker: speak `items` with this process's engine for `profile` at `factor`, the
    engine using at most `threads` CPU threads."""
    if _worker_failure:
        raise _worker_failure[0]
    key = digest(engine_identity(profile))
    engine = _worker_engines.get(key)
    if engine is None:
        engine = _worker_engines[key] = open_engine(profile, threads)
    engine.set_speed(factor)
    return speak_items(engine, profile.rate, items)


def _pace_points(record: dict | None) -> dict[float, float]:
    """A voice's remembered pace, letters a minute by speed factor, from its store record."""
    points: dict[float, float] = {}
    for point in (record or {}).get("points", []):
        if (isinstance(point, list) and len(point) == 2
                and all(isinstance(v, float) and v > 0 for v in point)):
            points[point[0]] = point[1]
    return points


def starting_factor(points: dict[float, float], letters_per_minute: float) -> float:
    """Where to start the search for a speed factor heard at `letters_per_minute`: the
    remembered factor heard closest to it if that is close enough, else the step the search would
    take from there; 1.0 for a voice not measured before.

    Letters rather than words, because they carry over from one text to another (see
    `sample_aim`)."""
    if not points:
        return 1.0
    nearest = min(points, key=lambda f: abs(points[f] / letters_per_minute - 1))
    if abs(points[nearest] / letters_per_minute - 1) <= CALIBRATION_AIM:
        return nearest
    slower = [(f, p) for f, p in points.items() if p < letters_per_minute]
    faster = [(f, p) for f, p in points.items() if p > letters_per_minute]
    low = max(slower, key=lambda point: point[1]) if slower else None
    high = min(faster, key=lambda point: point[1]) if faster else None
    return next_factor(letters_per_minute, nearest, points[nearest], low, high)


def default_jobs() -> int:
    return os.cpu_count() or 1


class Speaker:
    """Sentences in, clips (in the store) out; see the module's docstring."""

    def __init__(self, profile: VoiceProfile, store: ClipStore, jobs: int = 1,
                 executor: str | None = None) -> None:
        self.profile = profile
        self.store = store
        self.identity = engine_identity(profile)
        self._voice_key = digest(self.identity)
        self.jobs = max(1, jobs)
        self.executor_spec = executor
        self._engine: Engine | None = None
        self._engine_factor: float | None = None
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._client: Client | None = None
        self.spoken = 0
        """Sentences actually synthesized (not found in the store), calibration included."""
        self.fresh: set = set()
        """Where the clips spoken in this run were stored."""

    # -- engines and executors ---------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        """This process's own engine, opened when first needed, on as many threads as `jobs`:
        `--jobs 1` means one core (a second onnxruntime thread gained Kokoro little, and cost
        CPU time the encoder on the other core could use)."""
        if self._engine is None:
            self._engine = open_engine(self.profile, min(self.jobs, os.cpu_count() or 1))
        return self._engine

    @property
    def version(self) -> str:
        return self.identity["package"] + (f" ({self.identity['model'] or self.profile.voice})"
                                           if self.identity["model"] or self.profile.voice else "")

    def _remote(self) -> bool:
        return self.executor_spec is not None and self.executor_spec.startswith("dask://")

    def _submit(self, factor: float, batches: list[list[tuple[int, str, str]]]) -> Iterator[list]:
        """Results of each batch, as they finish."""
        if self._remote():
            client = self._dask()
            futures = [client.submit(worker_speak, self.profile, factor, batch, pure=False)
                       for batch in batches]
            from distributed import as_completed as dask_completed

            for future in dask_completed(futures):
                yield future.result()
            return
        pool = self._workers()
        pending: list[Future] = [pool.submit(worker_speak, self.profile, factor, batch,
                                             self._threads) for batch in batches]
        try:
            for future in as_completed(pending):
                yield future.result()
        except BrokenProcessPool:
            raise EngineError(f"a {self.profile.engine} worker process died (out of memory, or "
                              "killed); try fewer --jobs") from None

    @property
    def _threads(self) -> int:
        """CPU threads for each worker's engine: the cores shared among the workers."""
        return max(1, (os.cpu_count() or 1) // self.jobs)

    def _workers(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # A model made once (Kokoro's joined parts) is made here, before the workers start:
            # a repair is then reported on this process's stderr, and the workers find it ready.
            prepare_model(self.profile)
            # The workers end with this process even when it is killed: left alone they would
            # wait for work for ever, each holding a speech model in memory.
            self._pool = ProcessPoolExecutor(max_workers=self.jobs,
                                             mp_context=multiprocessing.get_context("spawn"),
                                             initializer=worker_start,
                                             initargs=(os.getpid(), self.profile, self._threads))
        return self._pool

    def start(self) -> None:
        """Start the worker processes now, each opening its engine, when this speaker will use
        them: called while the script is still being built, so that the models load meanwhile
        rather than after it."""
        if self._pool is None and not self._remote() and self._engine is None \
                and self.jobs > 1 and self.profile.engine in PARALLEL_ENGINES:
            pool = self._workers()
            for _ in range(self.jobs):  # the pool starts a worker for each task it cannot place
                pool.submit(worker_ready)

    def _dask(self) -> "Client":
        if self._client is None:
            try:
                from distributed import Client
            except ImportError:
                raise ClusterError("--executor dask://... needs Dask: pip install "
                                    "'briefing[dask]' (dask[distributed])") from None
            assert self.executor_spec is not None  # called only for a dask:// executor
            address = "tcp://" + self.executor_spec.removeprefix("dask://")
            try:
                self._client = Client(address, timeout=20)
            except (OSError, TimeoutError) as exc:
                raise ClusterError(f"cannot reach the Dask scheduler at {address} ({exc})") from None
        return self._client

    def _parallel(self, missing: int) -> bool:
        if self._remote():
            return True
        if self._pool is not None:  # already started: cheaper than loading a model here
            return True
        few = FEW_SLOW if self.profile.engine in SLOW_ENGINES else FEW
        return self.jobs > 1 and missing > few and self.profile.engine in PARALLEL_ENGINES

    # -- speaking ------------------------------------------------------------------------------

    def key(self, factor: float, speech: str) -> str:
        return digest(self._voice_key, f"{factor:.2f}", speech)

    def speak(self, sentences: list[Sentence], factor: float, progress: Progress | None = None,
              ready: Callable[[list[ClipRef | None]], None] | None = None) -> list[ClipRef]:
        """Every sentence's clip at `factor`, in order; only those not in the store are spoken.
        `ready` is shown the clips known so far (None where a sentence is still being spoken)
        each time more arrive, so later stages can start on the beginning."""
        refs: list[ClipRef | None] = [None] * len(sentences)
        todo: dict[str, list[int]] = {}
        for index, sentence in enumerate(sentences):
            key = self.key(factor, sentence.speech)
            if key in todo:
                todo[key].append(index)
                continue
            found = self.store.get(key)
            if found is None:
                todo[key] = [index]
            else:
                refs[index] = self._remade(found, key, factor,
                                           (index, sentence.speech, sentence.text))
        done = len(sentences) - sum(len(v) for v in todo.values())
        if progress:
            progress("synthesize", done, len(sentences))
        if ready:
            ready(refs)
        key_of = {indexes[0]: key for key, indexes in todo.items()}
        items = [(index, sentences[index].speech, sentences[index].text) for index in key_of]
        items_of = {item[0]: item for item in items}
        for batch in self._run(factor, items):
            for index, clip in batch:
                key = key_of[index]
                ref = self._remade(self.store.put(key, clip), key, factor, items_of[index])
                self.fresh.add(ref.path)
                for same in todo[key]:
                    refs[same] = ref
                done += len(todo[key])
                self.spoken += 1
            if progress:
                progress("synthesize", done, len(sentences))
            if ready:
                ready(refs)
        if any(ref is None for ref in refs):
            raise EngineError(f"{sum(ref is None for ref in refs)} sentences got no audio")
        return [ref for ref in refs if ref is not None]

    def _remade(self, ref: ClipRef, key: str, factor: float, item: tuple[int, str, str]) -> ClipRef:
        """`ref`, able to be spoken again should its file go before the bulletin is put together
        (see `ClipRef.read`): here, and stored again for whoever reads it next."""
        def remake() -> Clip:
            [(_, clip)] = self._here(factor, [item])
            with contextlib.suppress(OSError):  # the clip is heard all the same
                self.store.put(key, clip)
            return clip

        return replace(ref, remake=remake)

    def _here(self, factor: float, items: list[tuple[int, str, str]]) -> list[tuple[int, Clip]]:
        """`items` spoken by this process's engine, by one thread at a time: while this thread
        speaks, the encoder's threads may need a clip spoken again."""
        with self._lock:
            engine = self.engine
            if self._engine_factor != factor:
                engine.set_speed(factor)
                self._engine_factor = factor
            return speak_items(engine, self.profile.rate, items)

    def _run(self, factor: float, items: list[tuple[int, str, str]]) -> Iterator[list[tuple[int, Clip]]]:
        if not items:
            return
        if not self._parallel(len(items)):
            for item in items:  # each clip is stored as soon as it is spoken
                yield self._here(factor, [item])
            return
        workers = self.jobs if not self._remote() else max(1, len(self._dask().nthreads()))
        size = max(1, -(-len(items) // (workers * BATCHES_PER_WORKER)))
        batches = [items[start:start + size] for start in range(0, len(items), size)]
        yield from self._submit(factor, batches)

    def calibrated(self, rate_wpm: float, sample: list[Sentence]) -> float:
        """The speed factor for `rate_wpm` on this sample: remembered in the store, else measured
        (speaking the sample through the store, so its clips are there for the bulletin).

        The search starts where this voice's earlier measurements, on any text, say the factor
        lies (see `starting_factor`), or for a voice not used before, the profile's own `pace`; so
        the sample is usually spoken once (its clips are the bulletin's, so not spoken again),
        instead of four or five times; everything it measures is added to them."""
        key = digest("calibration", self._voice_key, rate_wpm, [s.speech for s in sample])
        known = self.store.load_value(key)
        if known and isinstance(known.get("factor"), float):
            return known["factor"]
        per_word = letters(sample) / max(1, sum(s.words for s in sample))
        memory_key = digest("pace", self._voice_key)
        # What this machine measured of the voice, over what the profile ships.
        memory = dict(self.profile.pace) | _pace_points(self.store.load_value(memory_key))
        measured: list[tuple[float, float]] = []
        factor = calibrate(lambda sentences, f: self.speak(sentences, f), rate_wpm, sample,
                           self.profile.engine, starting_factor(memory, rate_wpm * per_word),
                           measured)
        for tried, heard in measured:
            memory[tried] = heard * per_word
        self.store.save_value(key, {"factor": factor})
        self.store.save_value(memory_key, {"points": sorted(memory.items())})
        return factor

    def close(self) -> None:
        with self._lock:  # not while a clip is being spoken again
            if self._engine is not None:
                self._engine.close()
                self._engine = None
                self._engine_factor = None
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> "Speaker":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

