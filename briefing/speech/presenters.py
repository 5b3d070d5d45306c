"""Two presenters: their profiles, their script, and each one's speech at the same heard pace.

Each presenter speaks only their own segments, through their own `Speaker` (so their own engine,
cache entries and speed calibration), aiming at one rate: the two voices' natural paces differ,
and each gets the speed factor that makes it heard at the bulletin's rate.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from briefing.errors import VoiceError
from briefing.language import primary
from briefing.progress import Progress
from briefing.script.compose import Script
from briefing.script.handover import cast_script
from briefing.sources.article import Article
from briefing.speech.cache import ClipRef
from briefing.speech.lexicon import Lexicon, load_lexicon
from briefing.speech.pace import synthesize_at_rate
from briefing.speech.speaker import Speaker
from briefing.speech.voices import VoiceProfile, load_voice, presenter_name, search_dirs


def parse_presenters(value: str) -> tuple[str, ...]:
    """`NAME,NAME` as given on the command line: the two profile names, spaces trimmed."""
    return tuple(name.strip() for name in value.split(",") if name.strip())


def load_cast(names: Sequence[str], language: str, rate: int | None = None
              ) -> tuple[VoiceProfile, ...]:
    """The presenters' profiles, both set to `rate` (the first's own rate when None); a
    `VoiceError` unless there are two different ones and both speak `language`."""
    if len(names) != 2 or names[0] == names[1]:
        raise VoiceError(f"--presenters takes two different voice profiles, as NAME,NAME (got "
                         f"{','.join(names) or 'none'}); see `briefing voices`")
    profiles = [load_voice(name) for name in names]
    if profiles[0].name == profiles[1].name:
        raise VoiceError(f"--presenters: both profiles are named {profiles[0].name!r}; rename "
                         "one of the files, since the manifest tells them apart by name")
    for profile in profiles:
        if primary(profile.language) != primary(language):
            raise VoiceError(f"presenter {profile.name!r} speaks {profile.language}, but the "
                             f"bulletin is in {language}: choose two voices that speak "
                             f"{primary(language)} (see `briefing voices`)")
    pace = rate if rate is not None else profiles[0].rate
    return tuple(replace(profile, rate=pace) for profile in profiles)


def cast_compose(compose: Callable[[list[Article], Lexicon], Script],
                 cast: Sequence[VoiceProfile], urls: bool = True
                 ) -> Callable[[list[Article]], Script]:
    """A script builder for two presenters from `compose` (the one-voice builder, given a
    lexicon): each segment is written with its speaker's lexicon, and the hand-overs added."""
    lexicons = [load_lexicon(profile, search_dirs()) for profile in cast]

    def composed(chosen: list[Article]) -> Script:
        return cast_script([compose(chosen, lexicon) for lexicon in lexicons],
                           [profile.name for profile in cast],
                           [presenter_name(profile) for profile in cast],
                           [lexicon.apply for lexicon in lexicons], urls,
                           [lexicon.acronyms for lexicon in lexicons])

    return composed


def own_part(script: Script, voice: str) -> Script:
    """The script of one presenter: their segments only, in order."""
    return replace(script, segments=tuple(s for s in script.segments if s.voice == voice))


@dataclass(frozen=True)
class CastSpeech:
    clips: list[ClipRef]
    """Every sentence's clip in speaking order, each in its own presenter's voice."""
    voices: list[int]
    """Which presenter speaks each clip."""
    factors: tuple[float, ...]
    """Each presenter's speed factor."""
    spoken: int
    """Sentences the engines spoke in this build (the rest came from the cache)."""


def speak_cast(script: Script, speakers: Sequence[Speaker], rate: int,
               progress: Progress | None = None) -> CastSpeech:
    """Each presenter's part spoken by their speaker at `rate` heard words a minute (see
    `synthesize_at_rate`), the clips put back in speaking order."""
    parts, factors = [], []
    for speaker in speakers:
        speaker.fresh.clear()
        spoken = synthesize_at_rate(own_part(script, speaker.profile.name), speaker, rate, progress)
        parts.append(iter(spoken.clips))
        factors.append(spoken.factor)
    names = [speaker.profile.name for speaker in speakers]
    voices = [names.index(script.segments[segment].voice) for segment, _ in script.sentences()]
    clips = [next(parts[who]) for who in voices]
    fresh = sum(clip.path in speakers[who].fresh for clip, who in zip(clips, voices, strict=True))
    return CastSpeech(clips, voices, tuple(factors), fresh)
