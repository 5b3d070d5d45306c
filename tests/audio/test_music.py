"""Music in the layout: the intro and outro moving the timeline, the bed under the speech (down
while a clip plays, up in the long pauses), decoding with real ffmpeg, and the gate's allowance."""

import subprocess
from pathlib import Path

import numpy as np
import pytest

from briefing.audio.assembly import LEAD_IN, assemble, layout
from briefing.audio.loudness import PRESETS
from briefing.audio.music import (
    IN_PAUSES_DB,
    LONG_PAUSE,
    UNDER_SPEECH_DB,
    MusicChoice,
    Soundtrack,
    bed_points,
    check_music,
    music_identity,
)
from briefing.audio.parts import part_key, plan_parts
from briefing.audio.quality import _segments, _speech_floor
from briefing.errors import MusicError

from ..conftest import tone_clips, tone_script

#: The speech's loudness the music is levelled against (the tone engine's words are about this).
SPEECH_LUFS = -9.0


def _db(samples: np.ndarray) -> float:
    return float(10 * np.log10(np.mean(samples.astype(np.float64) ** 2) + 1e-12))


def tone_file(folder: Path, seconds: float, freq: float = 1000.0, name: str = "tone.ogg") -> Path:
    """A sine made by ffmpeg and encoded (Vorbis, stereo, 48 kHz): nothing like the bulletin's PCM."""
    path = folder / name
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"sine=frequency={freq}:sample_rate=48000:duration={seconds}", "-ac", "2",
                    "-c:a", "libvorbis", str(path)], check=True)
    return path


def test_the_bed_is_down_under_speech_and_up_only_in_long_pauses():
    rate = 1000
    speech = [(300, 1300), (1650, 2500), (4500, 5500)]  # a 0.35 s pause, then a 2 s one
    points = bed_points(speech, 0, 6100, rate, final=True)
    frames = [frame for frame, _ in points]
    assert frames == sorted(set(frames))
    curve = np.interp(np.arange(6101), frames, [gain for _, gain in points])
    duck = 10 ** (-(UNDER_SPEECH_DB - IN_PAUSES_DB) / 20)
    assert curve[0] == 0.0 and curve[-1] == 0.0  # in from nothing, out to nothing
    for first, last in speech:
        assert np.allclose(curve[first - 100:last + 100], duck)  # down around every sentence
    assert np.allclose(curve[1300:1650], duck)  # a sentence pause: stays down
    assert 1650 - 1300 < LONG_PAUSE * rate < 4500 - 2500
    assert np.allclose(curve[3000:4000], 1.0)  # a long pause: up
    partial = bed_points(speech[:2], 0, 2700, rate, final=False)
    assert partial[-1] == (2700, duck)  # more speech may follow: held down, not faded out


def test_intro_and_outro_music_move_the_timeline_and_the_bed_lies_under_the_speech():
    script = tone_script(sections=2, sentences=2, stories=2)
    clips = tone_clips(script)
    plain_pcm, plain = assemble(script, clips, chime=True)
    music = Soundtrack(MusicChoice("jingle", "jingle", "pad"), SPEECH_LUFS)
    pcm, timeline = assemble(script, clips, chime=True, music=music)
    rate = timeline.sample_rate
    intro, bed, outro = (next(m for m in timeline.music if m.kind == kind)
                         for kind in ("intro", "bed", "outro"))
    assert intro.start == 0.0 and intro.end == bed.start and 3.5 < intro.end < 4.5
    assert outro.start == bed.end and timeline.duration == outro.end
    shift = intro.end
    assert [round(s.start - shift, 6) for s in timeline.sentences] == \
        [round(s.start, 6) for s in plain.sentences]
    assert timeline.chapters[0].start == 0.0
    assert [round(c.start - shift, 6) for c in timeline.chapters[1:]] == \
        [round(c.start, 6) for c in plain.chapters[1:]]
    audio = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    speech = np.frombuffer(plain_pcm, dtype="<i2").astype(np.float64)
    offset = round(shift * rate)
    under = audio[offset:offset + speech.size] - speech  # the bed alone
    assert np.abs(under).max() > 0
    while_speaking = np.concatenate([under[round(s.start * rate):round(s.end * rate)]
                                     for s in plain.sentences])
    spoken = np.concatenate([speech[round(s.start * rate):round(s.end * rate)]
                             for s in plain.sentences])
    assert _db(spoken) - _db(while_speaking) >= 18
    # The pause between the two stories is long: the bed rises there.
    story_break = next(c for c in plain.chapters if c.title.startswith("Story 2"))
    rise = under[round((story_break.start - 0.3) * rate):round((story_break.start + 0.1) * rate)]
    assert _db(rise) - _db(while_speaking) > 6
    # Intro and outro: faded in and out, at most their length.
    assert np.abs(audio[:round(0.01 * rate)]).max() < 0.05 * np.abs(audio[:offset]).max()
    assert np.abs(audio[-round(0.01 * rate):]).max() < 0.01 * np.abs(audio[:offset]).max()


def test_parts_know_their_bed_and_the_same_music_gives_the_same_parts():
    script = tone_script(sections=3, sentences=3)
    clips = tone_clips(script)

    def keys(choice: MusicChoice) -> list[str]:
        pieces, cuts, timeline = layout(script, clips, True, Soundtrack(choice, SPEECH_LUFS))
        return [part_key(part, -3.0, -2.5, {}) for part in
                plan_parts(pieces, cuts, timeline.sample_rate)]

    with_pad = keys(MusicChoice(bed="pad"))
    assert with_pad == keys(MusicChoice(bed="pad"))
    assert with_pad != keys(MusicChoice(bed="jingle"))
    pieces, cuts, timeline = layout(script, clips, True)
    assert with_pad != [part_key(part, -3.0, -2.5, {}) for part in
                        plan_parts(pieces, cuts, timeline.sample_rate)]


def test_a_music_file_is_decoded_to_the_bulletins_pcm_cut_and_faded(tmp_path):
    source = tone_file(tmp_path, 30.0)
    script = tone_script(sections=1, sentences=1)
    clips = tone_clips(script)
    music = Soundtrack(MusicChoice(intro=str(source), seconds=5.0), SPEECH_LUFS)
    pcm, timeline = assemble(script, clips, chime=False, music=music)
    intro = timeline.music[0]
    assert intro.kind == "intro" and intro.end == pytest.approx(5.0, abs=1e-3)
    rate = timeline.sample_rate
    audio = np.frombuffer(pcm, dtype="<i2").astype(np.float64)[:round(5.0 * rate)]
    spectrum = np.abs(np.fft.rfft(audio))
    assert abs(np.argmax(spectrum) * rate / audio.size - 1000) < 2  # the tone, resampled
    middle = _db(audio[round(2 * rate):round(3 * rate)])
    assert _db(audio[-round(0.05 * rate):]) < middle - 20  # faded out at its end
    assert _db(audio[:round(0.05 * rate)]) < middle - 10  # and faded in
    # Levelled: MUSIC_UNDER_SPEECH under the speech's loudness (a 1 kHz tone: LUFS about dBFS).
    assert middle - 20 * np.log10(32768) == pytest.approx(SPEECH_LUFS - 2.0, abs=1.5)
    lead_in = round(LEAD_IN * rate) * 2
    assert pcm[round(5.0 * rate) * 2:][:lead_in] == b"\x00" * lead_in  # then the lead-in


def test_missing_unreadable_and_silent_music_is_one_clear_error(tmp_path):
    text = tmp_path / "notes.mp3"
    text.write_text("not audio at all\n")
    image = tmp_path / "cover.png"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=red:s=8x8",
                    "-frames:v", "1", str(image)], check=True)
    cases = {
        str(tmp_path / "missing.wav"): "no such file for the bed",
        str(tmp_path): "is a folder",
        str(text): "not audio ffmpeg can read|has no audio in it",
        str(image): "has no audio in it",
    }
    for source, message in cases.items():
        with pytest.raises(MusicError, match=message) as caught:
            check_music(MusicChoice(bed=source))
        assert "\n" not in str(caught.value)
    check_music(MusicChoice("jingle", "jingle", "pad"))  # the generated ones need no file
    silent = tmp_path / "silence.wav"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono",
                    "-t", "3", str(silent)], check=True)
    with pytest.raises(MusicError, match="the bed is silent"):  # found before any speech
        check_music(MusicChoice(bed=str(silent)))
    with pytest.raises(MusicError, match="is silent"):
        Soundtrack(MusicChoice(bed=str(silent)), SPEECH_LUFS).at(16000)


def test_the_music_identity_follows_the_files_bytes(tmp_path):
    source = tone_file(tmp_path, 2.0)
    first = music_identity(MusicChoice(bed=str(source)))
    tone_file(tmp_path, 2.0, freq=500.0)
    assert music_identity(MusicChoice(bed=str(source))) != first
    assert music_identity(MusicChoice()) is None


def test_the_gate_does_not_take_the_bed_for_speech():
    target = PRESETS["podcast"]
    bed_only = np.full(200, target.integrated - UNDER_SPEECH_DB, dtype=np.float32)  # 4 s
    manifest = {"segments": [{"sentences": [{"text": "A silent sentence.", "start": 1.0,
                                             "end": 3.0}]}],
                "music": [{"kind": "bed", "start": 0.0, "end": 4.0,
                           "under_speech_db": UNDER_SPEECH_DB}]}
    without_bed = {"segments": manifest["segments"]}
    # The plain floor would hear the bed as speech; the gate, told of the bed, does not.
    assert _segments(bed_only, without_bed, _speech_floor(without_bed, target)).ok
    check = _segments(bed_only, manifest, _speech_floor(manifest, target))
    assert not check.ok and "is silent" in check.detail
    speaking = bed_only.copy()
    speaking[50:150] = target.integrated - 4
    assert _segments(speaking, manifest, _speech_floor(manifest, target)).ok


def test_a_float_file_above_full_scale_is_measured_and_levelled_like_any_other(tmp_path):
    """A 32-bit float WAV may go above 1.0; ebur128 measures it above 0 LUFS, which was taken for
    no measurement at all, and the music was called silent. Levelled, it is the same music as the
    16-bit file of the same tone."""
    files = {}
    for name, volume, codec in (("hot", 16, "pcm_f32le"), ("plain", 4, "pcm_s16le")):
        files[name] = tmp_path / f"{name}.wav"
        subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i",
                        "sine=frequency=1000:sample_rate=48000:duration=6", "-af",
                        f"volume={volume}", "-c:a", codec, str(files[name])], check=True)
    peak = np.abs(np.frombuffer(files["hot"].read_bytes()[-48_000 * 4:], dtype="<f4")).max()
    assert peak == pytest.approx(2.0, abs=0.01)  # a sine of amplitude 1/8, 16 times louder
    levelled = {}
    for name, path in files.items():
        check_music(MusicChoice(intro=str(path), bed=str(path)))
        tracks = Soundtrack(MusicChoice(intro=str(path), bed=str(path)), SPEECH_LUFS).at(16000)
        assert tracks.bed is not None
        levelled[name] = (np.frombuffer(tracks.intro, dtype="<i2"), tracks.bed.loop)
    for hot, plain in zip(levelled["hot"], levelled["plain"], strict=True):
        assert hot.size == plain.size and _db(hot) == pytest.approx(_db(plain), abs=0.05)
