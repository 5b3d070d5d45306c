"""The system's voices through pyttsx3 (espeak-ng on Linux, SAPI5 on Windows, NSSpeech on macOS).

pyttsx3 2.99's espeak driver synthesizes on espeak's own thread: `runAndWait()` can return before
`save_to_file` has written the file. So each utterance is waited for twice: the driver's
`finished-utterance` notification, then a WAV file that opens and stops growing. The driver also
prints "Audio saved to ..." on stdout, which would corrupt briefing's stdout, so that is swallowed.
espeak-ng is started with no sound server to find (see `soundless`): it would leave PulseAudio's
folders in the home and temporary folders.
"""

import contextlib
import io
import logging
import sys
import threading
import time
import wave
from pathlib import Path
from typing import TYPE_CHECKING

from pydub import AudioSegment

from briefing.atomic import Scratch
from briefing.errors import EngineError
from briefing.speech.engines.base import SAMPLE_WIDTH, Clip, Engine
from briefing.speech.engines.soundless import no_sound_server

if TYPE_CHECKING:  # voices imports the engines (lazily): only the type checker imports it here
    from briefing.speech.voices import VoiceProfile

log = logging.getLogger(__name__)

INSTALL_HINT = "install it with: sudo apt-get install espeak-ng (Debian/Ubuntu)"
#: The voice pyttsx3 starts with in this process, restored for profiles that name none.
_default_voice: str | None = None
#: Seconds to wait for one utterance: a base plus a per-character allowance.
_WAIT_BASE, _WAIT_PER_CHAR = 20.0, 0.05


class SystemEngine(Engine):
    """pyttsx3 speaking through the operating system's voice."""

    name = "pyttsx3"

    def __init__(self, profile: "VoiceProfile") -> None:
        try:
            import pyttsx3

            with no_sound_server():
                self._tts = pyttsx3.init()
        except Exception as exc:  # pyttsx3 raises OSError, RuntimeError or its own errors here
            raise _start_failed(exc) from None
        self._done = threading.Event()
        self._token = self._tts.connect("finished-utterance", self._on_finished)
        self._scratch = Scratch("briefing-pyttsx3-")
        self._workdir = self._scratch.path
        self._count = 0
        self._rate = profile.rate
        global _default_voice
        if _default_voice is None:
            _default_voice = self._tts.getProperty("voice") or ""
        try:
            # pyttsx3 keeps one engine per process: an earlier profile's voice would linger.
            voice = profile.voice or _default_voice
            if voice:
                self._set("voice", voice)
            self._set("rate", profile.rate)
            if profile.volume is not None:
                self._set("volume", float(profile.volume))
            if profile.pitch is not None:
                self._set("pitch", profile.pitch)
        except (ValueError, KeyError) as exc:
            self.close()
            raise EngineError(f"voice {profile.name!r}: the system engine refused it ({exc})") from None

    def _set(self, name: str, value: object) -> None:
        """Set a property before the next utterance.

        pyttsx3's `setProperty` only queues the change and its queue runs late (or, flushed with an
        empty `runAndWait`, replays the last utterance), so the driver is asked directly. espeak-ng
        in its asynchronous mode drops a parameter set while it is still finishing the previous
        utterance, so on that driver both sides are synchronized.
        """
        driver = getattr(getattr(self._tts, "proxy", None), "_driver", None)
        espeak = sys.modules.get("pyttsx3.drivers._espeak")
        sync = getattr(espeak, "Synchronize", None) if driver is not None else None
        if sync:
            sync()
        (driver.setProperty if driver is not None else self._tts.setProperty)(name, value)
        if sync:
            sync()

    def set_speed(self, factor: float) -> None:
        self._set("rate", max(40, round(self._rate * factor)))

    def _on_finished(self, name: str | None = None, completed: bool = True) -> None:
        self._done.set()

    def synthesize(self, text: str) -> Clip:
        self._count += 1
        path = self._workdir / f"{self._count}.wav"
        self._done.clear()
        timeout = _WAIT_BASE + _WAIT_PER_CHAR * len(text)
        with contextlib.redirect_stdout(io.StringIO()):
            self._tts.save_to_file(text, str(path))
            self._tts.runAndWait()
            finished = self._done.wait(timeout)
        if not finished:
            raise EngineError(f"the system engine did not finish within {timeout:.0f} s: {text[:60]!r}")
        _wait_for_wav(path, timeout)
        try:
            segment = AudioSegment.from_wav(path)
        finally:
            path.unlink(missing_ok=True)
        segment = segment.set_channels(1).set_sample_width(SAMPLE_WIDTH)
        return Clip(samples=segment.raw_data, sample_rate=segment.frame_rate)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._tts.disconnect(self._token)
        self._scratch.close()


def _wait_for_wav(path: Path, timeout: float) -> None:
    """Wait until `path` is a complete WAV file: it opens and holds every frame its header counts.

    (pyttsx3 2.99 closes the file before it reports the utterance finished, so this is usually
    true at once; other drivers and versions have written it later.)
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and _is_complete_wav(path):
            return
        time.sleep(0.005)
    raise EngineError(f"the system engine wrote no audio file within {timeout:.0f} s")


def _is_complete_wav(path: Path) -> bool:
    try:
        with wave.open(str(path), "rb") as wav:
            expected = wav.getnframes() * wav.getsampwidth() * wav.getnchannels()
            return len(wav.readframes(wav.getnframes())) == expected
    except (wave.Error, EOFError, OSError):
        return False


def system_voices() -> list[dict[str, str]]:
    """The voices pyttsx3 offers on this machine: id, name and languages."""
    try:
        import pyttsx3

        with no_sound_server():
            voices = pyttsx3.init().getProperty("voices")
    except Exception as exc:
        raise _start_failed(exc) from None
    return [{"id": v.id, "name": v.name, "languages": ", ".join(map(str, v.languages or []))}
            for v in voices]


def _start_failed(exc: Exception) -> EngineError:
    return EngineError(f"the system speech engine (pyttsx3) could not start: {exc}; {INSTALL_HINT}")
