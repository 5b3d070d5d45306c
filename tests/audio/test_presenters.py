"""Two presenters' clips brought to one sample rate and one loudness, with real ffmpeg."""

import numpy as np
import pytest

from briefing.audio.loudness import measure
from briefing.audio.presenters import match_voices, resample, voice_loudness, with_gain
from briefing.speech.cache import ClipStore
from briefing.speech.engines.base import Clip
from briefing.speech.presenters import CastSpeech


def _tone(freq: float, seconds: float, rate: int, level: float) -> Clip:
    time = np.arange(round(seconds * rate)) / rate
    samples = level * np.sin(2 * np.pi * freq * time) * np.hanning(time.size) ** 0.1
    return Clip((samples * 32767).astype("<i2").tobytes(), rate)


def _spectral_peak(pcm: bytes, rate: int) -> float:
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(samples.size)))
    return float(np.fft.rfftfreq(samples.size, 1 / rate)[np.argmax(spectrum)])


def test_resampling_keeps_length_and_pitch_and_gives_the_same_bytes_each_time(tmp_path):
    clip = _tone(440.0, 1.0, 22050, 0.5)
    once = resample(clip.samples, 22050, 24000, str(tmp_path), "a")
    again = resample(clip.samples, 22050, 24000, str(tmp_path), "b")
    assert once == again
    assert abs(len(once) // 2 - 24000) <= 2
    assert abs(_spectral_peak(once, 24000) - 440.0) < 2.0
    assert not list(tmp_path.iterdir()), "its temporary files are removed"


def test_a_gain_scales_the_samples():
    clip = _tone(300.0, 0.5, 16000, 0.8)
    quieter = np.frombuffer(with_gain(clip.samples, -6.0), dtype="<i2").astype(float)
    original = np.frombuffer(clip.samples, dtype="<i2").astype(float)
    assert np.max(np.abs(quieter)) == pytest.approx(np.max(np.abs(original)) * 10 ** (-6 / 20),
                                                    abs=1.0)
    assert with_gain(clip.samples, 0.0) == clip.samples


def _speech(store: ClipStore) -> CastSpeech:
    """Two voices, alternating: a loud one at 24 kHz and a soft one at 16 kHz."""
    clips, voices = [], []
    for index in range(6):
        who = index % 2
        clip = _tone(220.0 + 40 * index, 1.2, (24000, 16000)[who], (0.7, 0.12)[who])
        clips.append(store.put(f"clip-{index}", clip))
        voices.append(who)
    return CastSpeech(clips, voices, (1.0, 1.0), 6)


def _loudness(clips, tmp_path, name):
    import contextlib
    import wave

    path = tmp_path / f"{name}.wav"
    with contextlib.closing(wave.open(str(path), "wb")) as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(clips[0].sample_rate)
        for clip in clips:
            wav.writeframesraw(clip.read())
    return measure(str(path), true_peak=False).integrated


def test_the_louder_voice_is_turned_down_to_the_softer_and_both_share_one_rate(tmp_path):
    store = ClipStore(tmp_path / "store")
    work = tmp_path / "work"
    work.mkdir()
    speech = _speech(store)
    before = [_loudness(speech.clips[who::2], tmp_path, f"before{who}") for who in (0, 1)]
    assert before[0] - before[1] > 10  # the test's voices do differ
    matched = match_voices(speech, store, str(work))
    assert matched.sample_rate == 24000
    assert {clip.sample_rate for clip in matched.clips} == {24000}
    after = [_loudness(matched.clips[who::2], tmp_path, f"after{who}") for who in (0, 1)]
    assert abs(after[0] - after[1]) <= 0.3
    assert matched.gains[1] == 0.0 and matched.gains[0] == pytest.approx(before[1] - before[0],
                                                                         abs=0.05)
    assert matched.loudness == pytest.approx(tuple(before), abs=0.05)
    # Lengths are kept (resampled to the new rate), so the timeline is what was spoken.
    for old, new in zip(speech.clips, matched.clips, strict=True):
        assert abs(new.duration - old.duration) < 0.001
    # The adjusted clips are kept: a second match makes nothing new.
    count = len(list((tmp_path / "store").rglob("*")))
    again = match_voices(speech, store, str(work))
    assert [c.path for c in again.clips] == [c.path for c in matched.clips]
    assert len(list((tmp_path / "store").rglob("*"))) == count
    assert voice_loudness(speech.clips[::2], store, str(work)) == matched.loudness[0]
