"""espeak-ng started without looking for a sound server, so that it leaves nothing behind.

espeak-ng 1.51 (Debian 12's) opens an audio device through pcaudiolib whatever output it is
started for: pyttsx3's retrieval mode and the phonemizer's synchronous mode, which never play,
alike. pcaudiolib tries PulseAudio first, and libpulse, with no server running, makes its runtime
folder (`$TMPDIR/pulse-*`, linked from `~/.config/pulse/<machine-id>-runtime`) and leaves both
behind; on a desktop it connects to the user's server, for nothing. Naming a server that cannot
exist while espeak-ng starts makes libpulse give up at once, touching no folder (and never
spawning a daemon); pcaudiolib settles for ALSA, which it opens only to play.

The variable is set in this process's environment only while espeak-ng starts; a program started
meanwhile would inherit it, so whoever starts one that plays sound (ffplay, for `briefing say`)
holds `ENVIRONMENT` while doing so.
"""

import contextlib
import os
import threading
from collections.abc import Iterator

#: A server address that no socket can have, as /dev/null is not a folder.
NO_SERVER = "unix:/dev/null/no-sound-server"
#: Held while the environment names no server (see the module's docstring).
ENVIRONMENT = threading.RLock()


@contextlib.contextmanager
def no_sound_server() -> Iterator[None]:
    """Within: `PULSE_SERVER` names no server, and the user's own setting is restored after."""
    with ENVIRONMENT:
        before = os.environ.get("PULSE_SERVER")
        os.environ["PULSE_SERVER"] = NO_SERVER
        try:
            yield
        finally:
            if before is None:
                os.environ.pop("PULSE_SERVER", None)
            else:
                os.environ["PULSE_SERVER"] = before
