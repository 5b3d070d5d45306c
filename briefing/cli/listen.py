"""The listening commands: `briefing play` (a bulletin, with keys) and `briefing say` (an article,
at once). Output is plain lines, one per event, so a screen reader follows them."""

import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import click

from briefing.atomic import Scratch
from briefing.cli.common import (
    ProgressBar,
    build_options,
    errors_as_messages,
    print_result,
    say_skipped,
    source_options,
)
from briefing.listen.keyboard import Keys
from briefing.listen.playback import Player, load_listing
from briefing.listen.say import read_aloud, system_voice
from briefing.listen.sound import DEVICES, open_sound
from briefing.pipeline import build, prepare
from briefing.publish.transcript import clock
from briefing.speech.voices import load_voice

#: Exit code after Ctrl-C, as shells report it.
EXIT_INTERRUPTED = 130

#: What each key does in `play`: a `Player` method, or quit.
KEYMAP = {
    " ": "toggle", "k": "toggle", "n": "next_chapter", "p": "previous_chapter",
    "right": "forward", "l": "forward", "left": "back", "j": "back",
    "+": "faster", "=": "faster", "]": "faster", "-": "slower", "_": "slower", "[": "slower",
    "q": "quit", "Q": "quit", "\x1b": "quit",
}
HELP_LINE = ("Keys: space pause or play, n next chapter, p previous chapter, right and left arrows "
             "10 seconds, + faster, - slower, q quit.")


def ctrl_c_stops() -> None:
    """Make Ctrl-C raise KeyboardInterrupt, as the listening commands promise, whatever the process
    inherited: started with SIGINT ignored (nohup, a background job of a script, some CI runners),
    CPython installs no handler of its own and Ctrl-C would do nothing."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.default_int_handler)


def _device_option(func: Callable) -> Callable:
    return click.option(
        "--device", type=click.Choice(DEVICES), default="default", show_default=True,
        help="Where the sound goes: the default sound device (through ffplay), or null to play "
        "nothing and keep time (no sound card, or tests).")(func)


@click.command()
@click.argument("target", metavar="FILE.mp3|SOURCE")
@click.option("--voice", metavar="NAME|PATH.toml",
              help="For a SOURCE: the voice profile to build it with.")
@_device_option
@click.pass_obj
@errors_as_messages
def play(obj: dict, target: str, voice: str | None, device: str) -> None:
    """Play a bulletin in the terminal, with its chapters and sentences printed as they come.

    FILE.mp3 is a bulletin (its manifest beside it gives the sentences; any MP3 with chapters
    plays too). Anything else is a SOURCE, as for `build`: it is built first, into a temporary
    folder, then played.

    \b
    Keys: space (or k) pause and play, n / p next and previous chapter,
    right / left arrows (or l / j) 10 seconds forward and back, + / - faster and slower
    (0.75x to 2x, the pitch kept), q quit.
    """
    ctrl_c_stops()
    path = Path(target)
    if path.suffix.lower() == ".mp3":
        _play_file(obj, path, device)
        return
    with Scratch("briefing-play-") as folder:
        with ProgressBar(enabled=not obj["quiet"]) as progress:
            result = build([target], Path(folder) / f"{path.stem or 'bulletin'}.mp3",
                           build_options({"voice": voice}), progress)
        say_skipped(result.skipped)
        _play_file(obj, result.mp3, device)


def _play_file(obj: dict, mp3: Path, device: str) -> None:
    listing = load_listing(mp3)
    player = Player(listing, open_sound(device))
    print_result(f"{listing.title}: {clock(listing.duration)}, {len(listing.chapters)} chapters.")
    print_result(HELP_LINE)
    try:
        with Keys() as keys:
            print_result(player.play())
            while True:
                for line in player.lines():
                    print_result(line)
                if player.finished:
                    break
                for key in keys.read(0.05):
                    action = KEYMAP.get(key) or KEYMAP.get(key.lower())
                    if action == "quit":
                        print_result(f"Stopped at {clock(player.position)}.")
                        return
                    if action:
                        said = getattr(player, action)()
                        if said:
                            print_result(said)
    except KeyboardInterrupt:
        print_result(f"Stopped at {clock(player.position)}.")
        sys.exit(EXIT_INTERRUPTED)
    finally:
        player.close()


@click.command()
@source_options
@_device_option
@errors_as_messages
def say(sources: tuple[str, ...], device: str, **kwargs: object) -> None:
    """Read articles aloud at once through the system voice, sentence by sentence, printing each
    sentence as it is spoken. No file is written. Ctrl-C stops.

    SOURCES are read as for `build` (files, folders, feeds, URLs, - for standard input).
    """
    ctrl_c_stops()
    voice = kwargs.get("voice")
    prepared = prepare(list(sources), build_options(kwargs))
    say_skipped(prepared.skipped)
    profile = load_voice(str(voice)) if voice else system_voice(prepared.script.language)
    sound = open_sound(device)
    try:
        read_aloud(prepared.script, profile, sound, print_result)
    except KeyboardInterrupt:
        sound.stop()
        if sys.stdout.isatty():
            print_result("")  # off the line where the terminal echoed ^C
        print_result("Stopped.")
        sys.exit(EXIT_INTERRUPTED)
