"""The whole pipeline as one function, usable without the command line.

sources -> script -> synthesis -> assembly -> loudness/encode -> tags, transcript, manifest.
Outputs are written to hidden temporary files beside their destination and renamed into place only
when the MP3 decodes, its length fits the words and its loudness is on target: a failed or
interrupted build leaves nothing behind, and never replaces a good earlier bulletin with a bad one.
"""

import contextlib
import datetime as dt
import logging
import os
import tempfile
import wave
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from . import __version__
from .assembly import Chapter, assemble
from .encode import EncodeSettings, encode_at_target
from .engines import open_engine
from .engines.base import SAMPLE_WIDTH
from .errors import OutputError
from .ffmpeg import find_tool
from .language import primary, resolve_language
from .lexicon import load_lexicon
from .loudness import PRESETS, Measurement
from .manifest import to_manifest
from .script import Pauses, Script, build_script, spoken_date
from .sources import read_sources
from .synthesis import synthesize_at_rate
from .tags import TagInfo, write_tags
from .transcript import to_webvtt
from .verify import verify_mp3
from .voices import DEFAULT_VOICE, VoiceProfile, load_voice, search_dirs, voice_for_language

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
DEFAULT_OUTPUT_DIR = Path("output")


@dataclass(frozen=True)
class BuildOptions:
    """Every choice a build makes; `None` means the voice profile's value or the default."""

    voice: str | None = None
    """Profile name or path to a `.toml` profile."""
    rate: int | None = None
    """Words per minute."""
    title: str | None = None
    date: dt.date | None = None
    """The bulletin's date, spoken in the intro; today if not given."""
    encoding: str = "utf-8"
    language: str | None = None
    """Language code; None to take it from the sources or detect it."""
    read_urls: bool = True
    """Read web and e-mail addresses aloud ("example dot org"), or leave them out of the speech."""
    sentence_pause: float | None = None
    paragraph_pause: float | None = None
    segment_pause: float | None = None
    chime: bool = True
    """A short generated chime between segments."""
    loudness: str = "podcast"
    """A key of `loudness.PRESETS`."""
    bitrate: str = "64k"
    artist: str = "briefing"
    album: str = "News briefing"


@dataclass(frozen=True)
class BuildResult:
    mp3: Path
    transcript: Path
    manifest: Path
    duration: float
    measurement: Measurement
    chapters: tuple[Chapter, ...]
    words: int


def prepare(sources: list[Path], options: BuildOptions) -> tuple[VoiceProfile, Script]:
    """Read the sources and build the script: everything before audio, for `build` and `script`."""
    articles = read_sources(sources, options.encoding, options.title)
    if options.voice:
        profile = load_voice(options.voice)
        language = resolve_language(options.language, [a.language for a in articles], "",
                                    profile.language)
    else:
        text = "\n".join(p for a in articles for s in a.sections for p in s.paragraphs)
        language = resolve_language(options.language, [a.language for a in articles], text,
                                    load_voice(DEFAULT_VOICE).language)
        profile = voice_for_language(language)
    if options.rate is not None:
        profile = replace(profile, rate=options.rate)
    base = profile.pauses
    pauses = Pauses(
        sentence=_first(options.sentence_pause, base.sentence),
        paragraph=_first(options.paragraph_pause, base.paragraph),
        segment=_first(options.segment_pause, base.segment),
    )
    lexicon = load_lexicon(profile, search_dirs())
    script = build_script(articles, options.date or dt.date.today(), pauses, options.title,
                          language, lexicon.apply, options.read_urls)
    return profile, script


def default_output(sources: list[Path]) -> Path:
    """`output/<stem of the first source>.mp3`."""
    first = sources[0]
    stem = first.resolve().name if first.is_dir() else first.stem
    return DEFAULT_OUTPUT_DIR / f"{stem or 'bulletin'}.mp3"


def build(
    sources: list[Path],
    output: Path | None = None,
    options: BuildOptions | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Build a bulletin from `sources`; return where it went and what was measured."""
    options = options or BuildOptions()
    target = PRESETS[options.loudness]
    profile, script = prepare(sources, options)
    find_tool("ffmpeg")
    find_tool("ffprobe")
    mp3 = output or default_output(sources)
    _check_writable(mp3)
    vtt, manifest = mp3.with_suffix(".vtt"), mp3.with_suffix(".json")

    with open_engine(profile) as engine:
        clips = synthesize_at_rate(script, engine, profile.rate, progress)
        engine_version = engine.version
    pcm, timeline = assemble(script, clips, options.chime)
    del clips

    temps: list[Path] = []
    try:
        tmp_mp3, tmp_vtt, tmp_json = (_temp_beside(path, temps) for path in (mp3, vtt, manifest))
        with tempfile.TemporaryDirectory(prefix="briefing-") as workdir:
            wav_path = os.path.join(workdir, "bulletin.wav")
            _write_wav(wav_path, pcm, timeline.sample_rate)
            del pcm
            measurement = encode_at_target(
                wav_path, str(tmp_mp3), timeline.sample_rate, target,
                EncodeSettings(bitrate=options.bitrate), progress,
            )
        write_tags(str(tmp_mp3), TagInfo(
            title=f"{script.title}, {spoken_date(script.date, script.language)}",
            artist=options.artist,
            album=options.album,
            date=script.date.isoformat(),
            comment=f"Read aloud by briefing {__version__} from {', '.join(map(str, sources))}",
            language=script.language,
            encoder=f"briefing {__version__}, {engine_version}",
        ), timeline.chapters)
        duration = verify_mp3(str(tmp_mp3), timeline, script.word_count)
        tmp_vtt.write_text(to_webvtt(timeline), encoding="utf-8")
        voice = {"name": profile.name, "engine": profile.engine, "engine_version": engine_version,
                 "voice": profile.voice, "language": profile.language, "rate": profile.rate}
        files = {"mp3": mp3.name, "transcript": vtt.name}
        tmp_json.write_text(
            to_manifest(script, timeline, measurement, target, voice, files,
                        [str(s) for s in sources]),
            encoding="utf-8",
        )
        for tmp, final in ((tmp_vtt, vtt), (tmp_json, manifest), (tmp_mp3, mp3)):
            os.replace(tmp, final)
    finally:
        for tmp in temps:
            tmp.unlink(missing_ok=True)
    if progress:
        progress("done", 1, 1)
    return BuildResult(mp3=mp3, transcript=vtt, manifest=manifest, duration=duration,
                       measurement=measurement, chapters=timeline.chapters,
                       words=script.word_count)


#: What a voice preview says, by language: a headline, a number, money and a time.
PREVIEW_TEXT = {
    "en": "Markets rose 2.5% on Monday, and the city approved a $3.2 million budget. "
          "Rain is expected in the north by 6 p.m.",
    "es": "Las bolsas subieron un 2,5% el lunes y el ayuntamiento aprobó un presupuesto de "
          "3,2 millones de euros. Se espera lluvia en el norte a las 18:00.",
}


def preview(voice: str, output_dir: Path = DEFAULT_OUTPUT_DIR, progress: Progress | None = None,
            date: dt.date | None = None) -> BuildResult:
    """A short sample of `voice`, written to `<output_dir>/preview-<name>.mp3` with its sidecars."""
    profile = load_voice(voice)
    text = PREVIEW_TEXT.get(primary(profile.language), PREVIEW_TEXT["en"])
    with tempfile.TemporaryDirectory(prefix="briefing-preview-") as folder:
        source = Path(folder) / f"{profile.name}.txt"
        source.write_text(text + "\n", encoding="utf-8")
        options = BuildOptions(voice=voice, title=f"The {profile.name} voice", date=date, chime=False)
        return build([source], output_dir / f"preview-{profile.name}.mp3", options, progress)


def _first(value: float | None, fallback: float) -> float:
    return fallback if value is None else value


def _check_writable(path: Path) -> None:
    """Fail before any audio work if the output cannot be written."""
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name such as {path / 'bulletin.mp3'}")
    existing = next(p for p in (path.parent, *path.parent.parents) if p.exists())
    if not existing.is_dir():
        raise OutputError(f"{path}: cannot write there ({existing} is a file, not a folder)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}."):
            pass
    except OSError as exc:
        raise OutputError(f"{path}: cannot write there ({exc.strerror or exc})") from None


def _temp_beside(path: Path, temps: list[Path]) -> Path:
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(handle)
    temps.append(Path(name))
    # mkstemp makes files private (0600); the finished files get the permissions of any new file.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(name, 0o666 & ~umask)
    return Path(name)


def _write_wav(path: str, pcm: bytes, sample_rate: int) -> None:
    with contextlib.closing(wave.open(path, "wb")) as wav:
        wav.setnchannels(1)
        wav.setsampwidth(SAMPLE_WIDTH)
        wav.setframerate(sample_rate)
        wav.writeframes(pcm)
