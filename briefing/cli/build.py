"""`briefing build` (a bulletin and its files) and `briefing script` (what would be spoken, no audio)."""

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from briefing.audio.loudness import PRESETS
from briefing.audio.mp3 import BITRATES
from briefing.audio.music import DEFAULT_SECONDS, UNDER_SPEECH_DB
from briefing.cli.common import (
    EXIT_SKIPPED,
    FiniteRange,
    ProgressBar,
    build_options,
    errors_as_messages,
    print_result,
    report_line,
    say_left_out,
    say_shortened,
    say_skipped,
    say_verified,
    source_options,
    speed_options,
    transcript_option,
)
from briefing.pipeline import build, prepare
from briefing.script.brief import shortened
from briefing.script.compose import render_text


class FilePath(click.Path):
    """A file's path, refusing one that ends in a slash: it names a folder, and `Path` would
    drop the slash and write a bulletin without an extension under the folder's name."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        text = os.fsdecode(value) if isinstance(value, (str, bytes)) else str(value)
        if text.endswith(("/", os.sep)):
            self.fail(f"{text} ends in a slash, so it names a folder; give a file name such as "
                      f"{Path(text) / 'bulletin.mp3'}", param, ctx)
        return super().convert(value, param, ctx)


@click.command("build")
@source_options
@click.option("-o", "--output", type=FilePath(path_type=Path, dir_okay=False),
              help="Where to write the MP3; the .vtt, .json and .chapters.json go beside it "
              "(default: output/<source name>.mp3).")
@click.option("--chime/--no-chime", default=True, show_default=True,
              help="Generated sounds between segments: a chime between sections, a sting "
              "between stories (without them, just the pauses).")
@click.option("--loudness", type=click.Choice(list(PRESETS)), default="podcast", show_default=True,
              help="Loudness standard: podcast -16 LUFS/-1 dBTP, alexa -14/-2, ebu -23/-1.")
@click.option("--bitrate", default="64k", show_default=True,
              type=click.Choice(BITRATES),
              help="MP3 bitrate (mono).")
@click.option("--artist", default="briefing", show_default=True, help="ID3 artist tag.")
@click.option("--album", default="News briefing", show_default=True, help="ID3 album tag.")
@transcript_option
@click.option("--intro-music", metavar="FILE|jingle",
              help="Music before the intro (any audio ffmpeg reads, or `jingle`, generated), "
              "faded in and out.")
@click.option("--outro-music", metavar="FILE|jingle",
              help="Music after the outro (any audio ffmpeg reads, or `jingle`), faded.")
@click.option("--bed", metavar="FILE|pad",
              help=f"Music looped under the whole bulletin (or `pad`, generated): "
              f"{UNDER_SPEECH_DB:g} dB under the speech while someone speaks, rising in the "
              "long pauses.")
@click.option("--music-seconds", type=FiniteRange(1, 600), default=DEFAULT_SECONDS,
              show_default=True, metavar="SECONDS",
              help="The most of the intro and outro music played, each.")
@click.option("--verify", is_flag=True,
              help="Hear the bulletin back before writing it (needs the verify extra: pip "
              "install 'briefing[verify]'): a sentence heard wrong is spoken again more slowly; "
              "a name heard wrong is reported with a lexicon entry to start from.")
@speed_options
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary instead of the path.")
@click.pass_obj
@errors_as_messages
def build_cmd(obj: dict, sources: tuple[str, ...], output: Path | None, as_json: bool,
              **kwargs: object) -> None:
    """Build a bulletin MP3 with chapters and tags, and beside it a transcript (WebVTT; SRT and
    plain text with --transcript), an accessible HTML player (<name>.html: open it in a browser),
    a JSON manifest and Podcasting 2.0 chapters.

    SOURCES are plain-text (.txt) or Markdown (.md) articles, HTML pages, RSS or Atom feeds
    (files or http(s) URLs), folders of them (read in name order), or - for standard input.
    Several stories make one bulletin: an intro naming the headlines, one chapter per story.
    A source that cannot be read is skipped with a note, and the exit code is 3.
    """
    options = build_options(kwargs)
    with ProgressBar(enabled=not obj["quiet"]) as progress:
        result = build(list(sources), output, options, progress)
    if not obj["quiet"]:
        say_skipped(result.skipped)
        say_left_out(result.left_out)
        if result.dropped:
            click.echo(f"Left out to fit {options.max_minutes:g} minutes: "
                       f"{'; '.join(result.dropped)}", err=True)
        say_shortened(result.shortened)
    made = f"the bulletin was written: {result.mp3}"
    if as_json:
        print_result(json.dumps({
            "mp3": str(result.mp3), "transcript": str(result.transcript),
            "transcripts": {kind: str(path) for kind, path in result.transcripts.items()},
            "player": str(result.player),
            "manifest": str(result.manifest), "chapters_json": str(result.chapters_json),
            "duration": round(result.duration, 3),
            "integrated_lufs": result.measurement.integrated,
            "true_peak_dbtp": result.measurement.true_peak,
            "chapters": [c.title for c in result.chapters], "words": result.words,
            "skipped": [s.reason for s in result.skipped],
            "left_out": [*(item.to_dict() for item in result.left_out),
                         *({"title": title, "reason": f"to fit {options.max_minutes:g} minutes"}
                           for title in result.dropped)],
            "sentences_spoken": result.spoken, "sentences_from_cache": result.cached,
            "parts_encoded": result.parts - result.parts_reused, "parts_from_cache": result.parts_reused,
            "unchanged": result.unchanged,
            "shortened": [{"title": c.title, "kept": c.kept, "of": c.total}
                          for c in result.shortened],
            "verify": result.verify.manifest() if result.verify else None,
        }, indent=2, ensure_ascii=False), made)
    else:
        if not obj["quiet"]:
            m = result.measurement
            if result.unchanged:
                click.echo("Up to date: built before from the same sources and settings.", err=True)
            click.echo(report_line(result.duration, len(result.chapters), m.integrated,
                                   m.true_peak, len(result.shortened),
                                   len(result.dropped) + len(result.left_out)), err=True)
            say_verified(result.verify)
        print_result(str(result.mp3), made)
    if result.skipped:
        sys.exit(EXIT_SKIPPED)




@click.command()
@source_options
@click.option("--json", "as_json", is_flag=True, help="Print the script as JSON.")
@errors_as_messages
def script(sources: tuple[str, ...], as_json: bool, **kwargs: object) -> None:
    """Show the spoken script (segments, sentences, pauses) without making any audio."""
    prepared = prepare(list(sources), build_options(kwargs))
    say_skipped(prepared.skipped)
    say_left_out(prepared.left_out)
    if prepared.dropped:
        click.echo(f"Left out to fit: {'; '.join(a.title for a in prepared.dropped)}", err=True)
    say_shortened(shortened(prepared.script))
    if as_json:
        print_result(json.dumps(prepared.script.to_dict(), indent=2, ensure_ascii=False))
    else:
        print_result(render_text(prepared.script), nl=False)
    if prepared.skipped:
        sys.exit(EXIT_SKIPPED)
