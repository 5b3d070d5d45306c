"""The tone engine, the fast fake beside the real engines: its lengths are exact and it is
deterministic, so the stages after speech can be tested to the sample."""

import numpy as np
import pytest

from briefing.speech.engines import open_engine
from briefing.speech.engines.tone import SAMPLE_RATE, ToneEngine, expected_frames
from briefing.speech.synthesis import tidy
from briefing.speech.voices import VoiceProfile


@pytest.mark.parametrize("text", ["Rain.", "The council met on Monday.",
                                  "Twenty three people, four cars and one bridge were counted."])
@pytest.mark.parametrize("speed", [1.0, 0.87, 1.25])
def test_every_clip_has_exactly_the_expected_length(text, speed):
    engine = ToneEngine()
    engine.set_speed(speed)
    clip = engine.synthesize(text)
    assert clip.sample_rate == SAMPLE_RATE
    assert clip.frames == expected_frames(text, speed)
    # Trimming engine silence leaves it as made: it starts and ends on a tone.
    assert tidy(clip) == clip


def test_the_same_text_gives_the_same_samples_and_other_text_other_ones():
    one, two = ToneEngine(), ToneEngine()
    assert one.synthesize("The bridge reopened.") == two.synthesize("The bridge reopened.")
    assert one.synthesize("The bridge reopened.") != one.synthesize("The market reopened.")


def test_words_are_tones_and_the_gaps_between_them_silence():
    clip = ToneEngine().synthesize("Three short words.")
    samples = np.frombuffer(clip.samples, dtype="<i2").astype(np.float64) / 32768
    word, gap = round(0.3 * SAMPLE_RATE), round(0.075 * SAMPLE_RATE)
    assert np.abs(samples[:word]).max() > 0.45
    assert not samples[word:word + gap].any()
    assert np.abs(samples[word + gap:2 * word + gap]).max() > 0.45


def test_a_profile_opens_it_like_any_engine():
    with open_engine(VoiceProfile(name="tone", engine="tone")) as engine:
        assert engine.name == "tone"
        assert engine.synthesize("One two.").frames == expected_frames("One two.")
