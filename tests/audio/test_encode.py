"""Encoding threads and interruptions: a build stopped (Ctrl-C, SIGTERM) while parts are being
encoded waits for the encodes already running, which read the build's temporary clips, and starts
no others; otherwise the clips are removed under them and their own folders are left behind."""

import signal
import threading
import time

import pytest

from briefing.audio import encode
from briefing.audio.mp3 import EncodeSettings, encode_part
from briefing.errors import AudioError, EngineError


@pytest.fixture
def interrupt_soon():
    """Raise KeyboardInterrupt in the main thread 0.1 s from now, as Ctrl-C would."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt
    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 0.1)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


def test_prefetch_interrupted_while_it_waits_still_waits_for_its_running_encodes(interrupt_soon):
    early = encode.Prefetch.__new__(encode.Prefetch)
    early.pool = encode.ThreadPoolExecutor(max_workers=1)
    finished = threading.Event()

    def running_encode():
        time.sleep(0.5)
        finished.set()

    early.futures = [early.pool.submit(running_encode)]
    with pytest.raises(KeyboardInterrupt):
        early.__exit__(None, None, None)  # speech done: waiting for the encodes
    assert finished.is_set()


def test_encoding_interrupted_finishes_running_parts_and_starts_no_more(monkeypatch,
                                                                      interrupt_soon):
    started, finished = [], []

    def slow_encode(part, gain, ceiling, settings):
        started.append(part)
        time.sleep(0.4)
        finished.append(part)
        return {}, b""

    class Store:
        def get_part(self, key):
            return None

        def put_part(self, key, meta, mp3):
            pass

    monkeypatch.setattr(encode, "encode_part", slow_encode)
    monkeypatch.setattr(encode, "_key", lambda part, *args: str(part))
    with pytest.raises(KeyboardInterrupt):
        encode._encode_all(list(range(6)), 0.0, -1.0, encode.EncodeSettings(), Store(), 2, None)
    assert sorted(started) == sorted(finished) == [0, 1]


VANISHED = FileNotFoundError(2, "No such file or directory", "/cache/clips/ab/ab.clip")


@pytest.mark.parametrize(("problem", "message"), [
    (VANISHED, "a spoken clip could not be read while encoding (/cache/clips/ab/ab.clip: No such "
               "file or directory); was the cache cleared during the build? Build again"),
    # a removed clip spoken again (see ClipRef.read) whose engine failed: its own one line
    (EngineError("the tone engine gave 0.00 s of speech"), "the tone engine gave 0.00 s of speech"),
])
def test_a_clip_that_cannot_be_read_while_encoding_fails_the_part_instead_of_hanging(problem,
                                                                                     message):
    # `briefing cache clear` during a build removed clips under it: the thread feeding the encoder
    # died without closing its input, and the encoder, and the build, waited for ever.
    class Vanished:
        sample_rate = 16000

        def pcm(self):
            yield b"\0\0" * 16000
            raise problem

    outcome = []

    def encode():
        try:
            encode.result = encode_part(Vanished(), 0.0, -1.0, EncodeSettings())
        except Exception as exc:
            outcome.append(exc)

    worker = threading.Thread(target=encode, daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive(), "the encoder waited for ever"
    [error] = outcome
    assert isinstance(error, type(problem) if isinstance(problem, EngineError) else AudioError)
    assert str(error) == message
