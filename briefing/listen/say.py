"""Reading an article aloud at once, sentence by sentence, with no file written (`briefing say`).

The script is built as for a bulletin (so numbers, abbreviations and the lexicon are read the same
way), then each sentence is spoken by the system voice (pyttsx3) and played as soon as it exists,
while the next one is synthesized. Nothing is kept: no MP3, no cache entry. Stopping (Ctrl-C) stops
the sound at once.
"""

import logging
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

from briefing.errors import EngineError
from briefing.language import primary
from briefing.listen.sound import Sound
from briefing.script.compose import Script
from briefing.speech.engines import open_engine
from briefing.speech.engines.base import Clip, Engine
from briefing.speech.synthesis import calibrate, calibration_sample, tidy
from briefing.speech.voices import VoiceProfile, list_profiles, load_voice

log = logging.getLogger(__name__)

#: Silence played after each sentence, in seconds (a bulletin's sentence pause is about this).
GAP = 0.35


def system_voice(language: str) -> VoiceProfile:
    """The pyttsx3 profile that speaks `language` (the shipped `system` voice for English)."""
    code = primary(language)
    for profile in list_profiles():
        if profile.engine == "pyttsx3" and primary(profile.language) == code:
            return profile
    return load_voice("system")


def _clips(engine: Engine, script: Script) -> Iterator[tuple[str, Clip]]:
    """Each sentence's text and audio, the next one synthesized while this one plays."""
    sentences = [sentence for _, sentence in script.sentences()]

    def speak(speech: str) -> Clip:  # in the one pool thread: one utterance at a time
        clip = tidy(engine.synthesize(speech))
        if clip.frames == 0:
            raise EngineError(f"the {engine.name} engine produced no audio for: {speech[:60]}")
        return clip

    with ThreadPoolExecutor(max_workers=1) as pool:
        ahead: Future | None = pool.submit(speak, sentences[0].speech) if sentences else None
        for index, sentence in enumerate(sentences):
            assert ahead is not None
            clip = ahead.result()
            ahead = pool.submit(speak, sentences[index + 1].speech) \
                if index + 1 < len(sentences) else None
            yield sentence.text, clip


def set_pace(engine: Engine, profile: VoiceProfile, script: Script) -> float:
    """Set the engine to the profile's rate as heard, as a build does (espeak-ng asked for 160
    words a minute speaks 175 to 190), measured on a sample of the script; return the factor.
    For espeak-ng this takes a fraction of a second, and nothing is stored."""

    def speak(sentences: list, factor: float) -> list[Clip]:
        engine.set_speed(factor)
        return [tidy(engine.synthesize(sentence.speech)) for sentence in sentences]

    factor = calibrate(speak, profile.rate, calibration_sample(script), engine.name)
    engine.set_speed(factor)
    return factor


def read_aloud(script: Script, profile: VoiceProfile, sound: Sound,
               heard: Callable[[str], None]) -> int:
    """Speak the script's sentences in order through `sound` at the profile's rate, calling
    `heard(text)` as each one starts; return how many were spoken. Interrupting
    (KeyboardInterrupt) stops the sound."""
    count = 0
    with open_engine(profile) as engine:
        log.debug("speed factor %.2f", set_pace(engine, profile, script))
        try:
            for text, clip in _clips(engine, script):
                heard(text)
                sound.play(clip, GAP)
                count += 1
        finally:
            sound.stop()
    return count
