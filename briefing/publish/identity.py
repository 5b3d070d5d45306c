"""A daily episode's published identity: what its listeners were given, and the GUID podcast apps
know it by.

Once an episode is in a feed, apps have downloaded it under its GUID and will not fetch it again,
so a rerun may skip it or refuse to change it, never quietly publish different audio in its
place. The identity says which: a digest of the plan, made before any audio, in parts (`PARTS`):
the stories chosen, by their content; the voices, by profile name and, for a profile or lexicon
the user wrote, its file; the music, by its files' digests; and every other choice that changes
what is heard or read (the date, the title, the fit, loudness, bitrate, pauses). Left out:
briefing's version, the script's wording and the layout of a voice profile's fields, which an
upgrade changes with nothing else changed, and the story's source path, which differs with the
way the config was named (`show.toml` or `/srv/show/show.toml`) and says nothing about the
story. New fields of an article are left out until named in `_STORY_FIELDS`: an upgrade that
reads more from the same feed is not new news.
"""

import dataclasses
import uuid
from collections.abc import Sequence
from pathlib import Path

from briefing.sources.article import Article
from briefing.speech.cache import digest, file_digest
from briefing.speech.lexicon import FILES
from briefing.speech.voice_dirs import is_a, search_dirs, shipped_dir
from briefing.speech.voices import VoiceProfile

#: The parts of an identity, as a refusal names them when they differ.
PARTS = ("stories", "voices", "music", "settings")
#: What a story is made of, for its identity (the fields of `Article` that are its content).
_STORY_FIELDS = ("title", "sections", "language", "author", "published", "link", "publication",
                 "guid", "also")


def published_inputs(articles: Sequence[Article], profiles: Sequence[VoiceProfile],
                     music: dict | None, settings: dict) -> dict[str, str]:
    """The identity of an episode of `articles` (the desk's choice, before any fit), read by
    `profiles` (the voice, or the two presenters), with `music` (`music_identity`) and
    `settings` (the other choices, by name; the date among them): a digest per part."""
    stories = [{key: getattr(a, key) for key in _STORY_FIELDS} for a in articles]
    shipped = shipped_dir().resolve()
    voices = [_voice(profile, shipped) for profile in profiles]
    lexicons = [file_digest(folder / file) for folder in search_dirs() for file in FILES
                if folder.resolve() != shipped and is_a(folder / file, "file")]
    return {"stories": digest(stories), "voices": digest(voices, lexicons), "music": digest(music),
            "settings": digest(settings)}


def _voice(profile: VoiceProfile, shipped: Path) -> dict:
    """A profile by its name, and, when it was read from a file of the user's (not one shipped
    with briefing), by that file's bytes."""
    path = profile.path
    if path is None or path.resolve().parent == shipped or not is_a(path, "file"):
        return {"name": profile.name}
    return {"name": profile.name, "file": file_digest(path)}


def changed_parts(stored: object, inputs: dict[str, str]) -> list[str]:
    """The parts of `inputs` that differ from a manifest's `published_inputs` (all of them when
    it has none, as a manifest written before identities has not)."""
    known = stored if isinstance(stored, dict) else {}
    return [part for part in PARTS if known.get(part) != inputs.get(part)]


def revision(inputs: dict[str, str]) -> str:
    """Eight hex digits that name these inputs, which a replaced episode's enclosure URL ends in
    (`?v=…`): Apple ignores new audio at a URL it knows. A query rather than a new file name, so
    the episode keeps the `YYYY-MM-DD.mp3` its sidecars, player page, `keep` and the show page go
    by, and any static host serves the same file at the new URL."""
    return digest(inputs)[:8]


def first_guid(mp3_url: str) -> str:
    """The GUID of an episode first published at `mp3_url`: the one feeds have always given it,
    now kept in its manifest so that it stays when the show moves to another `base_url`."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, mp3_url))


def replaced_guid(mp3_url: str, inputs: dict[str, str], previous: str) -> str:
    """A new GUID for an episode published again from other inputs in place of the one whose
    GUID was `previous`: podcast apps keep the audio they have under a GUID they know, so only a
    new one makes them fetch it (and it is new even when earlier inputs come back)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{mp3_url}#{digest(inputs)}#{previous}"))


def asdict_settings(options: object, leave_out: Sequence[str]) -> dict:
    """The fields of a dataclass `options` that differ from their defaults, but those in
    `leave_out`: an option added in an upgrade, at its default, does not change the identity of
    the episodes made before it."""
    assert dataclasses.is_dataclass(options) and not isinstance(options, type)
    chosen = {}
    for field in dataclasses.fields(options):
        value = getattr(options, field.name)
        if field.name not in leave_out and value != field.default:
            chosen[field.name] = value
    return chosen
