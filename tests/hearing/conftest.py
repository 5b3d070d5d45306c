"""A bulletin to hear, and an engine that garbles one of its sentences.

The garbling engine is the default English voice (hibari) saying every sentence that contains a
chosen word with its words in reverse order: a clip a recognizer must hear wrong, made by the real
voice so that the rest of the bulletin is heard as it is heard in use. It is put in place of the
engine the speaker opens in this process (builds run with one job, so no worker process opens the
real one instead), and the builds that use it keep their clips in a cache of their own.
"""

from pathlib import Path

import pytest

from briefing.speech.engines.base import Clip, Engine

WATER = """Water for the valley

The town council opened the new water reservoir on Monday after three years of work. Engineers
said the lake behind the dam is already half full.

Farmers in the valley have waited a long time for a steady supply of water. The mayor thanked the
workers who built the dam through two hard winters. Boats will not be allowed on the lake until
the summer.
"""
#: The word whose sentence is garbled.
GARBLED_WORD = "reservoir"


@pytest.fixture
def water(tmp_path: Path) -> Path:
    """A short article of plain words, no names, that a recognizer hears right."""
    source = tmp_path / "water.txt"
    source.write_text(WATER, encoding="utf-8")
    return source


class Garbling(Engine):
    """`engine`, but a sentence with `GARBLED_WORD` comes out backwards: always, or (when not
    `always`) at the bulletin's pace only, so that the same sentence spoken more slowly is right.
    The bulletin's pace is the fastest the engine was set to (a pace calibration tries factors
    within a few per cent of it); a sentence spoken again goes 15 % slower."""

    def __init__(self, engine: Engine, always: bool) -> None:
        self.engine, self.always, self.name = engine, always, engine.name
        self.speed = self.fastest = 0.0
        self.said: list[tuple[float, bool]] = []
        """The garbled word's sentence each time it was spoken: speed, and whether backwards."""

    def set_speed(self, factor: float) -> None:
        self.speed, self.fastest = factor, max(self.fastest, factor)
        self.engine.set_speed(factor)

    def synthesize(self, text: str) -> Clip:
        if GARBLED_WORD in text:
            backwards = self.always or self.speed > 0.92 * self.fastest
            self.said.append((self.speed, backwards))
            if backwards:
                text = " ".join(reversed(text.rstrip(".").split())) + "."
        return self.engine.synthesize(text)

    def close(self) -> None:
        self.engine.close()


@pytest.fixture
def garble(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Make the speakers of this test speak through `Garbling`; returns a function that takes
    `always` and gives the engines made (one per speaker)."""
    import briefing.pipeline
    import briefing.speech.speaker as speaker

    made: list[Garbling] = []
    real = speaker.open_engine
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "garbled-cache"))
    # One job: the engine is opened in this process, where the garbling one replaces it.
    monkeypatch.setattr(briefing.pipeline, "default_jobs", lambda: 1)

    def garbling(always: bool = False) -> list[Garbling]:
        def open_engine(profile, threads=None):
            made.append(Garbling(real(profile, threads), always))
            return made[-1]

        monkeypatch.setattr(speaker, "open_engine", open_engine)
        return made

    return garbling
