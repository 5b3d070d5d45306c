"""The Kokoro engine: every shipped Kokoro voice speaking its language with the real model.

Kokoro speaks about 1.5 to 2 times faster than real time on one core, so the sentences are short
and each voice is opened once for the module (the model's session is shared between them).
"""

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

import kokoro_onnx
import numpy as np
import pytest

from briefing.errors import VoiceError
from briefing.script.compose import count_words
from briefing.speech.cache import ClipStore
from briefing.speech.engines.kokoro import PEAK_CEILING, KokoroEngine, to_pcm16
from briefing.speech.speaker import Speaker
from briefing.speech.synthesis import tidy
from briefing.speech.voices import VoiceProfile, list_profiles, load_voice

from ..conftest import DATE, SEED, ebur128, run_cli

SENTENCES = {
    "en": "The city council approved a new budget on Monday after a long debate.",
    "es": "El ayuntamiento aprobó el lunes un nuevo presupuesto tras un largo debate.",
    "fr": "Le conseil municipal a approuvé lundi un nouveau budget après un long débat.",
    "it": "Il consiglio comunale ha approvato lunedì un nuovo bilancio dopo un lungo dibattito.",
    "pt": "A câmara municipal aprovou na segunda-feira um novo orçamento após um longo debate.",
}
SHIPPED = {
    "american-male": ("am_michael", "en-US"), "british-female": ("bf_emma", "en-GB"),
    "british-male": ("bm_george", "en-GB"), "spanish-female": ("ef_dora", "es"),
    "spanish-male": ("em_alex", "es"), "french-female": ("ff_siwis", "fr"),
    "italian-female": ("if_sara", "it"), "italian-male": ("im_nicola", "it"),
    "brazilian-female": ("pf_dora", "pt-BR"), "brazilian-male": ("pm_alex", "pt-BR"),
}


@pytest.fixture(scope="module")
def engines() -> Iterator[dict[str, KokoroEngine]]:
    """Each voice's engine, opened when a test first asks for it and closed after the module."""
    opened: dict[str, KokoroEngine] = {}
    yield opened
    for engine in opened.values():
        engine.close()


def engine_for(engines: dict[str, KokoroEngine], name: str) -> KokoroEngine:
    if name not in engines:
        engines[name] = KokoroEngine(load_voice(name), threads=1)
    engines[name].set_speed(1.0)
    return engines[name]


def samples(clip) -> np.ndarray:
    return np.frombuffer(clip.samples, dtype="<i2").astype(np.int32)


def test_the_shipped_kokoro_profiles():
    kokoro = {p.name: (p.voice, p.language) for p in list_profiles() if p.engine == "kokoro"}
    assert kokoro == SHIPPED
    assert all(load_voice(name).rate == 160 and load_voice(name).description for name in SHIPPED)


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_each_voice_speaks_its_language(engines, name):
    profile = load_voice(name)
    sentence = SENTENCES[profile.language[:2]]
    clip = tidy(engine_for(engines, name).synthesize(sentence))
    assert clip.sample_rate == 24000
    wpm = count_words(sentence) * 60 / clip.duration
    assert 110 <= wpm <= 260, f"{name}: {clip.duration:.2f} s, {wpm:.0f} words a minute"
    pcm = np.abs(samples(clip))
    assert pcm.max() < 32767, f"{name} reaches full scale"
    assert np.sum(pcm >= pcm.max() - 1) <= 2, f"{name}: a flat top at the peak, as clipping makes"
    assert np.sqrt(np.mean(pcm.astype(float) ** 2)) > 1000, f"{name}: hardly any sound"


def test_a_voice_past_full_scale_is_scaled_whole_not_clipped(engines, monkeypatch):
    """if_sara's raw output passes full scale on this sentence: every sample is scaled alike."""
    raw: list[np.ndarray] = []
    create = kokoro_onnx.Kokoro.create

    def spy(self, *args, **kwargs):
        audio, rate = create(self, *args, **kwargs)
        raw.append(audio)
        return audio, rate

    monkeypatch.setattr(kokoro_onnx.Kokoro, "create", spy)
    clip = engine_for(engines, "italian-female").synthesize(SENTENCES["it"])
    peak = float(np.max(np.abs(raw[0])))
    assert peak > 1.0
    pcm = samples(clip)
    assert np.abs(pcm).max() == round(PEAK_CEILING * 32767)
    expected = np.round(raw[0].astype(np.float64) * PEAK_CEILING * 32767 / peak)
    assert np.max(np.abs(pcm - expected)) <= 1


def test_float_audio_becomes_16_bit_without_clipping():
    wave = np.sin(np.linspace(0, 60, 2400)).astype(np.float32)
    loud = np.frombuffer(to_pcm16(wave * 1.27), dtype="<i2")
    assert np.abs(loud).max() == round(PEAK_CEILING * 32767)
    assert np.corrcoef(loud, wave)[0, 1] > 0.9999  # the same shape: nothing was cut off
    quiet = np.frombuffer(to_pcm16(wave * 0.5), dtype="<i2")
    assert np.array_equal(quiet, np.round(wave * 0.5 * 32767).astype("<i2"))  # left as it is


def test_the_speed_factor_changes_the_length(engines):
    engine = engine_for(engines, "spanish-female")
    engine.set_speed(0.8)
    slow = tidy(engine.synthesize(SENTENCES["es"])).duration
    engine.set_speed(1.25)
    fast = tidy(engine.synthesize(SENTENCES["es"])).duration
    assert 1.3 <= slow / fast <= 1.8, (slow, fast)


def test_lexicon_phonemes_reach_the_model_as_written(engines):
    engine = engine_for(engines, "british-male")
    phonemes = engine.phonemes("Troops left [[ kɛɹsˈɔn ]] today.")
    assert "kɛɹsˈɔn" in phonemes and "[" not in phonemes
    assert phonemes.startswith(engine.phonemes("Troops left").rstrip())
    assert engine.phonemes("Kherson") != "kɛɹsˈɔn"


def test_a_profiles_phoneme_lexicon_reaches_kokoro(engines, tmp_path, monkeypatch):
    (tmp_path / "reportera.toml").write_text(
        'engine = "kokoro"\nvoice = "ef_dora"\nlanguage = "es"\n'
        '[lexicon]\nKherson = "[[ xeɾsˈon ]]"\n', encoding="utf-8")
    monkeypatch.setenv("BRIEFING_VOICES_DIR", str(tmp_path))
    article = tmp_path / "jerson.txt"
    article.write_text("Las tropas salieron de Kherson el lunes por la mañana.\n", encoding="utf-8")
    script = json.loads(run_cli("script", article, "--voice", "reportera", "--json").output)
    spoken = [s["spoken"] for seg in script["segments"] for s in seg["sentences"]]
    sentence = next(s for s in spoken if "xeɾsˈon" in s)
    assert "xeɾsˈon" in engine_for(engines, "spanish-female").phonemes(sentence)


def test_shared_respellings_reach_kokoro_voices():
    script = json.loads(run_cli("script", SEED, "--voice", "british-female",
                                "--json").output)
    spoken = " ".join(s["spoken"] for seg in script["segments"] for s in seg["sentences"])
    assert "Kehr-sohn" in spoken and "Kherson" not in spoken


@pytest.mark.parametrize(("fields", "message"), [
    ({"voice": "xx_nobody", "language": "es"},
     "voice 'bad': no Kokoro voice 'xx_nobody' (there are: am_michael, bf_emma, bm_george, ef_dora, "
     "em_alex, ff_siwis, if_sara, im_nicola, pf_dora, pm_alex)"),
    ({"voice": "ef_dora", "language": "de"},
     "voice 'bad': Kokoro does not speak 'de' (it speaks: en, en-gb, en-us, es, fr, fr-fr, it, pt, "
     "pt-br, pt-pt)"),
    ({"voice": "", "language": "es"},
     "voice 'bad': a Kokoro profile needs voice = \"NAME\", e.g. \"ef_dora\" (see voices/kokoro/NOTICE)"),
])
def test_profile_mistakes_are_voice_errors(fields, message):
    with pytest.raises(VoiceError) as caught:
        KokoroEngine(VoiceProfile(name="bad", engine="kokoro", **fields))
    assert str(caught.value) == message


def test_an_italian_bulletin_through_the_cli(tmp_path):
    """A whole build with the voice that passes full scale: the manifest names it and the MP3
    passes the quality gate (again, on its own) at the podcast loudness."""
    article = tmp_path / "bilancio.txt"
    article.write_text("Il consiglio comunale ha approvato lunedì un nuovo bilancio.\n\n"
                       "I cittadini chiedono più autobus e strade migliori.\n", encoding="utf-8")
    out = tmp_path / "bilancio.mp3"
    result = run_cli("-q", "build", article, "--voice", "italian-female", "--lang", "it",
                     "--date", DATE, "-o", out)
    assert result.exit_code == 0, result.output
    manifest = json.loads(out.with_suffix(".json").read_text())
    assert (manifest["voice"]["name"], manifest["voice"]["engine"]) == ("italian-female", "kokoro")
    assert "kokoro-v1.0.int8.onnx" in manifest["voice"]["engine_version"]
    assert manifest["language"] == "it"
    check = run_cli("check", out)
    assert check.exit_code == 0, check.output
    measured = ebur128(out)
    assert abs(measured.integrated - -16) <= 1 and measured.true_peak <= -1


@pytest.mark.parametrize("jobs", [1, 2])
def test_jobs_sets_the_threads_of_the_engine_in_this_process(jobs, tmp_path):
    """`--jobs 1` is one core: a second onnxruntime thread cost more CPU time than it saved."""
    with Speaker(load_voice("spanish-female"), ClipStore(tmp_path), jobs) as speaker:
        options = speaker.engine._tts.sess.get_session_options()
        assert options.intra_op_num_threads == min(jobs, os.cpu_count() or 1)


def test_a_voice_file_that_is_not_a_voice_is_refused_before_it_is_spoken(tmp_path):
    """Zeros of the right size spoke gibberish; noise ran for minutes before the engine failed; a
    file of gigabytes was read before its size was looked at; a shipped voice damaged in place was
    used. Each is one `VoiceError` now, from the file alone."""
    import shutil

    from briefing.speech.engines.kokoro import STYLE_SHAPE, load_style
    from briefing.speech.voices import search_dirs

    size = int(np.prod(STYLE_SHAPE)) * 4
    zeros, noise, huge = tmp_path / "zeros.bin", tmp_path / "noise.bin", tmp_path / "huge.bin"
    zeros.write_bytes(bytes(size))
    noise.write_bytes(np.random.default_rng(1).normal(0, 1, size // 4).astype("<f4").tobytes())
    with huge.open("wb") as stream:  # sparse: three gigabytes that take no room
        stream.truncate(3 * 2**30)
    for path, why in ((zeros, "all alike"), (noise, "noise"), (huge, r"style vectors\)")):
        with pytest.raises(VoiceError, match=why):
            load_style(path, "bad")
    shipped = next(d / "kokoro" for d in search_dirs() if (d / "kokoro" / "SHA256SUMS").is_file())
    for voice in sorted(shipped.glob("*.bin")):
        assert load_style(voice, voice.stem).shape == STYLE_SHAPE  # every shipped voice is pinned
    copy = tmp_path / "kokoro"
    shutil.copytree(shipped, copy)
    damaged = copy / "ef_dora.bin"
    data = bytearray(damaged.read_bytes())
    data[1000] ^= 0x01  # one bit, in place: same size
    damaged.write_bytes(bytes(data))
    with pytest.raises(VoiceError, match=r"is damaged \(its SHA-256 is not the one SHA256SUMS pins\)"):
        load_style(damaged, "spanish-female")


def test_a_model_damaged_in_place_is_repaired_before_any_speech(tmp_path):
    """The real model, its bytes changed in place with its size and time kept (as a disk error
    does): the build says it joined the model again, speaks with the repaired one, and passes the
    quality gate. Its own process, so no session loaded by other tests is reused."""
    import subprocess
    import sys

    from briefing.speech.engines.kokoro_model import MODEL_SHA256

    env = {**os.environ, "BRIEFING_DATA_DIR": str(tmp_path / "data")}
    join = "from briefing.speech.engines.kokoro_model import model_path; print(model_path())"
    model = Path(subprocess.run([sys.executable, "-c", join], env=env, check=True,
                                capture_output=True, text=True).stdout.strip())
    before = model.stat()
    with model.open("r+b") as stream:
        stream.seek(before.st_size // 2)
        stream.write(bytes(4096))
    os.utime(model, ns=(before.st_atime_ns, before.st_mtime_ns))
    article = tmp_path / "budget.txt"
    article.write_text("Council passes the budget\n\nThe city council approved the budget.\n")
    out = tmp_path / "out" / "budget.mp3"
    built = subprocess.run([sys.executable, "-m", "briefing", "-q", "build", article, "--voice",
                            "american-male", "--date", DATE, "--jobs", "2", "--cache-dir",
                            tmp_path / "cache", "-o", out], env=env, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert built.stderr.count("was damaged; it was joined again from its parts") == 1, built.stderr
    assert hashlib.sha256(model.read_bytes()).hexdigest() == MODEL_SHA256
    assert [p.name for p in model.parent.iterdir()] == [model.name]
    check = run_cli("check", out)
    assert check.exit_code == 0, check.output
