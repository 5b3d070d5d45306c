"""`briefing voices`: the profiles (usable or why not), the system's voices, and previews."""

import json

import click

from briefing.cli.common import (
    ProgressBar,
    errors_as_messages,
    print_result,
)
from briefing.preview import preview as preview_voice
from briefing.speech.engines import why_unusable
from briefing.speech.engines.system import system_voices
from briefing.speech.voices import BrokenProfile, scan_profiles


@click.command()
@click.option("--preview", metavar="NAME|PATH.toml",
              help="Write a short sample of this voice to output/preview-<name>.mp3.")
@click.option("--json", "as_json", is_flag=True, help="Print the listing as JSON.")
@click.pass_obj
@errors_as_messages
def voices(obj: dict, preview: str | None, as_json: bool) -> None:
    """List the voice profiles (usable or why not) and the system's own voices."""
    if preview:
        with ProgressBar(enabled=not obj["quiet"]) as progress:
            result = preview_voice(preview, progress=progress)
        print_result(str(result.mp3), f"the sample was written: {result.mp3}")
        return
    profiles: list[dict[str, object]] = []
    for profile in scan_profiles():
        if isinstance(profile, BrokenProfile):
            profiles.append({"name": profile.name, "engine": None, "language": None, "rate": None,
                             "usable": False, "problem": profile.problem, "description": ""})
            continue
        problem = why_unusable(profile)
        profiles.append({"name": profile.name, "engine": profile.engine,
                         "language": profile.language, "rate": profile.rate,
                         "usable": problem is None, "problem": problem,
                         "description": profile.description})
    system = system_voices()
    if as_json:
        print_result(json.dumps({"profiles": profiles, "system_voices": system}, indent=2,
                                ensure_ascii=False))
        return
    print_result("Voice profiles (--voice NAME):")
    width = max([10, *(len(str(p["name"])) for p in profiles)])
    for p in profiles:
        state = "usable" if p["usable"] else f"not usable: {p['problem']}"
        if p["rate"] is None:  # a file that cannot be read: nothing but its problem to show
            print_result(f"  {p['name']:<{width}} {state}")
            continue
        print_result(f"  {p['name']:<{width}} {p['engine']:<8} {p['language']:<6} {p['rate']} wpm  {state}")
        if p["description"]:
            print_result(f"  {'':<{width}} {p['description']}")
    print_result(f"\nSystem voices (pyttsx3; use as voice = \"ID\" in a pyttsx3 profile): {len(system)}")
    for v in system:
        print_result(f"  {v['id']:<24} {v['name']:<28} {v['languages']}")
