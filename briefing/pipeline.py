"""The whole pipeline as one function, usable without the command line.

sources -> script -> synthesis -> assembly (-> heard back, with `verify`) -> loudness/encode ->
tags, transcript, manifest.
Outputs are written to hidden temporary files beside their destination and renamed into place only
when the MP3 decodes, its length fits the words and its loudness is on target: a failed or
interrupted build leaves nothing behind, and never replaces a good earlier bulletin with a bad one.
"""

import contextlib
import datetime as dt
import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from briefing.atomic import Scratch
from briefing.audio.assembly import estimate_duration, layout, with_pauses
from briefing.audio.encode import (
    OUTPUT_RATE,
    EncodeSettings,
    Prefetch,
    bulletin_gain,
    encode_parts,
    soundtrack,
)
from briefing.audio.loudness import PRESETS
from briefing.audio.music import check_music, music_identity, music_manifest, music_seconds
from briefing.audio.parts import moved, plan_parts
from briefing.audio.presenters import Presenters
from briefing.audio.quality import check_bulletin, require
from briefing.desk.choose import BUILD_RULES, choose
from briefing.desk.history import told_entries
from briefing.desk.left_out import LeftOut
from briefing.errors import TooLongError
from briefing.ffmpeg import find_tool
from briefing.hearing.bulletin import hear_build
from briefing.hearing.recognizer import require as require_recognizer
from briefing.language import resolve_language
from briefing.options import BuildOptions, default_output
from briefing.progress import Progress
from briefing.publish.files import Staging, check_outputs
from briefing.publish.manifest import source_label, to_manifest, voice_entry
from briefing.publish.tags import bulletin_tags, check_tags, write_tags
from briefing.rebuild import input_fingerprint, previous_manifest, rebuild_of, remembered_detection
from briefing.result import BuildResult, unchanged
from briefing.script.brief import Fitted, fit, shortened
from briefing.script.compose import BRIEF_HEADLINES, MAX_HEADLINES, Pauses, Script, build_script
from briefing.sources.article import Article
from briefing.sources.read import Limits, Reading, Skipped, read_sources
from briefing.speech.cache import digest, file_digest, open_store
from briefing.speech.lexicon import Lexicon, load_lexicon
from briefing.speech.pace import RATE_TOLERANCE, pace_factor, synthesize_at_rate
from briefing.speech.presenters import cast_compose, load_cast
from briefing.speech.speaker import Speaker, default_jobs
from briefing.speech.voices import VoiceProfile, default_language, load_voice, search_dirs, voice_for_language
from briefing.version import __version__

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class Prepared:
    """Everything decided before any audio: the voice, the script, and what was left out."""

    profile: VoiceProfile
    script: Script
    articles: list[Article]
    """The stories in the script, in order."""
    skipped: list[Skipped]
    """Sources that gave nothing, with the reason."""
    dropped: list[Article] = field(default_factory=list)
    """Stories left out to fit `max_minutes`, in their original order."""
    compose: Callable[[list[Article]], Script] | None = None
    """Builds the script for another choice of stories."""
    refit: Callable[[float], Fitted] | None = None
    """Fits the stories to a number of seconds again (when the real bulletin came out longer
    than the estimate for `max_minutes`)."""
    cast: tuple[VoiceProfile, ...] = ()
    """The two presenters (`profile` is the first), or empty for one voice."""
    left_out: list[LeftOut] = field(default_factory=list)
    """Stories the desk left out (duplicates of another), with why."""

    def fingerprint(self, options: "BuildOptions", version: str = __version__) -> str:
        """A digest of everything the files depend on: the same fingerprint, the same bulletin.
        Of the first fit, which a build stores even when it fits again, so the next `prepare`
        matches it; `version` is briefing's, or an earlier one's whose manifest is compared."""
        chosen = {key: getattr(options, key) for key in _OUTPUT_OPTIONS}
        music = music_identity(options.music)
        cast = {"cast": [asdict(p) for p in self.cast]} if self.cast else {}
        cover = {"cover": file_digest(options.cover)} if options.cover else {}  # its bytes
        return digest({"briefing": version, "script": self.script.to_dict(),
                       "voice": asdict(self.profile), "options": chosen,
                       **({"music": music} if music else {}), **cast, **cover})


#: Options that change the files but not the script (which carries everything else).
_OUTPUT_OPTIONS = ("chime", "loudness", "bitrate", "artist", "album", "transcripts")


def read(sources: Sequence[str | Path], options: BuildOptions,
         stdin: BinaryIO | None = None) -> Reading:
    """Read the sources into articles (the first step of `prepare`)."""
    return read_sources(sources, options.encoding, options.title, options.items, stdin,
                        Limits.of(options.fetch_timeout, options.fetch_max_mb, options.max_pages,
                                  options.max_mb))


def prepare(sources: Sequence[str | Path], options: BuildOptions,
            stdin: BinaryIO | None = None, reading: Reading | None = None,
            voice_chosen: Callable[[VoiceProfile], None] | None = None) -> Prepared:
    """Read the sources (unless `reading` is what they gave) and build the script: everything
    before audio, for `build` and `script`. `voice_chosen` is told the voice as soon as it is
    known, before the script is built."""
    reading = reading or read(sources, options, stdin)
    articles = reading.articles
    chosen_voice = options.presenters[0] if options.presenters else options.voice
    if chosen_voice:
        profile = load_voice(chosen_voice)
        language = resolve_language(options.language, [a.language for a in articles], "",
                                    profile.language)
    else:
        text = "\n".join(p for a in articles for s in a.sections for p in s.paragraphs)
        detect = remembered_detection(options.cache, options.cache_dir)
        language = resolve_language(options.language, [a.language for a in articles], text,
                                    default_language(), detect)
        profile = voice_for_language(language)
    left_out: list[LeftOut] = []
    several = len(articles) > 1
    if several and options.merge_duplicates:
        selection = choose(articles, BUILD_RULES, language)
        articles, left_out = selection.articles, selection.left_out
    if options.rate is not None:
        profile = replace(profile, rate=options.rate)
    cast = load_cast(options.presenters, language, profile.rate) if options.presenters else ()
    if voice_chosen is not None:
        voice_chosen(profile)
    base = profile.pauses
    pauses = Pauses(
        sentence=_first(options.sentence_pause, base.sentence),
        paragraph=_first(options.paragraph_pause, base.paragraph),
        segment=_first(options.segment_pause, base.segment),
        story=_first(options.story_pause, base.story),
    )
    lexicon = load_lexicon(profile, search_dirs())
    date = options.date or dt.date.today()

    def compose_with(chosen: list[Article], lexicon: Lexicon = lexicon) -> Script:
        return build_script(chosen, date, pauses, options.title, language, lexicon.apply,
                            options.read_urls, stories=several, acronyms=lexicon.acronyms,
                            max_headlines=MAX_HEADLINES if options.max_minutes is None else BRIEF_HEADLINES)

    compose: Callable[[list[Article]], Script] = (
        cast_compose(compose_with, cast, options.read_urls) if cast else compose_with)
    refit = None
    if options.max_minutes is not None:
        # Calibration lands within RATE_TOLERANCE of the rate: estimate with the slowest pace.
        slowest = profile.rate * (1 - RATE_TOLERANCE)

        def estimate(script: Script) -> float:
            return estimate_duration(script, slowest, options.chime)

        refit = functools.partial(fit, articles, compose, estimate, seconds_per_word=60 / slowest,
                                  mode=options.fit, asked=options.max_minutes,
                                  music=music_seconds(options.music))
    fitted = refit(options.max_minutes * 60) if refit and options.max_minutes \
        else Fitted(compose(articles), list(articles))
    return Prepared(profile, fitted.script, fitted.articles, reading.skipped, fitted.dropped,
                    compose, refit, cast, left_out)


def build(
    sources: Sequence[str | Path],
    output: Path | None = None,
    options: BuildOptions | None = None,
    progress: Progress | None = None,
    prepared: Prepared | None = None,
    stdin: BinaryIO | None = None,
    speaker_for: Callable[[VoiceProfile], Speaker] | None = None,
    extra: dict | None = None,
) -> BuildResult:
    """Build a bulletin from `sources` (or an already `prepared` script); return where it went
    and what was measured. `speaker_for` gives a `Speaker` for a profile, so many builds can share
    worker processes and a store; the caller closes those; `extra` adds keys to the manifest."""
    options = options or BuildOptions()
    target = PRESETS[options.loudness]
    mp3 = output or default_output(sources)
    check_outputs(mp3, options.transcripts)
    settings, jobs = EncodeSettings(bitrate=options.bitrate), options.jobs or default_jobs()
    with contextlib.ExitStack() as stack:
        workdir = str(stack.enter_context(Scratch()))
        voices: dict[str, Speaker] = {}

        def speaker_of(profile: VoiceProfile) -> Speaker:
            """The speaker for the bulletin's voice, made once (its workers live with it)."""
            if profile.name not in voices:
                if speaker_for is not None:
                    voices[profile.name] = speaker_for(profile)
                else:
                    store = (next(iter(voices.values())).store if voices else
                             open_store(options.cache, options.cache_dir, Path(workdir) / "clips"))
                    voices[profile.name] = stack.enter_context(
                        Speaker(profile, store, jobs, options.executor))
            return voices[profile.name]

        def voice_chosen(profile: VoiceProfile) -> None:
            # A first build in this voice speaks everything: its workers start now and load
            # their models while the script is built. (A rebuild may need a sentence or two,
            # spoken here without starting them.)
            if speaker_for is None and not rebuild_of(previous, profile):
                speaker_of(profile).start()

        inputs, previous = None, None
        if prepared is None:
            previous = previous_manifest(mp3)
            reading = read(sources, options, stdin)
            music_id = music_identity(options.music)
            inputs = input_fingerprint(sources, reading, asdict(options), options.voice,
                                       options.presenters, {"music": music_id} if music_id else {})
            done = unchanged(previous, mp3, inputs, options, reading.skipped)
            if done is not None:
                return done
        check_music(options.music)  # before any voice starts
        if options.verify:
            require_recognizer()  # one line saying how to install it, before any speech
        if prepared is None:
            prepared = prepare(sources, options, reading=reading, voice_chosen=voice_chosen)
        profile, script = prepared.profile, prepared.script
        articles, dropped = list(prepared.articles), list(prepared.dropped)
        find_tool("ffmpeg")
        find_tool("ffprobe")
        source_names = [source_label(s) for s in sources]
        tags_of = functools.partial(bulletin_tags, artist=options.artist, album=options.album,
                                    sources=source_names, cover=options.cover)
        # The tags are made at the very end: whatever cannot go in them must fail now, not after
        # all the speech.
        check_tags(tags_of(script), [segment.title for segment in script.segments])
        limit = options.max_minutes * 60 if options.max_minutes is not None else None
        staging = stack.enter_context(Staging(mp3, options.transcripts, sources))
        speaker = speaker_of(profile)
        store = speaker.store
        speaker.fresh.clear()
        cast = Presenters(prepared.cast, [speaker_of(p) for p in prepared.cast], profile.rate,
                          target, workdir, jobs, progress)
        early: Prefetch | None = None  # two presenters' clips are known only once both spoke
        if cast:
            clips, factor, gain = cast.speak(script)
            music = soundtrack(options.music, target, gain)
        else:
            factor = pace_factor(script, speaker, profile.rate)
            gain = bulletin_gain(script, speaker, factor, target, workdir)
            music = soundtrack(options.music, target, gain)
            with Prefetch(script, options.chime, gain, target, settings, store, jobs,
                          music) as early:
                clips, factor = synthesize_at_rate(script, speaker, profile.rate, progress,
                                                   factor, early)
        pieces, cuts, timeline = layout(script, clips, options.chime, music)
        budget = limit
        while limit is not None and budget is not None and timeline.duration > limit \
                and prepared.refit:
            # The estimate was a little short: fit again to a budget cut as much as the bulletin
            # was over (what was already spoken comes back from the store).
            budget = budget * limit / timeline.duration - 1.0
            fitted = prepared.refit(budget)
            script, articles, dropped = fitted.script, fitted.articles, fitted.dropped
            if cast:
                clips, factor, gain = cast.speak(script)
            else:
                clips, factor = synthesize_at_rate(script, speaker, profile.rate, progress)
            pieces, cuts, timeline = layout(script, clips, options.chime, music)
            if not cast:
                gain = bulletin_gain(script, speaker, factor, target, workdir)
        heard = hear_build(script, clips, pieces, timeline.sentences, None if cast else speaker,
                           factor, jobs, options.verify_strict, progress) if options.verify else None
        if heard and heard.changed:  # sentences spoken again, more slowly
            clips = heard.clips
            pieces, cuts, timeline = layout(script, clips, options.chime, music)
        spoken = cast.spoken if cast else sum(clip.path in speaker.fresh for clip in clips)
        cached = len(clips) - spoken
        log.debug("%d sentences spoken (%d with calibration), %d from the cache", spoken,
                  speaker.spoken, cached)
        if speaker_for is None:
            for each in voices.values():
                each.close()  # the workers' models are not needed for encoding
        if limit is not None and timeline.duration > limit:
            raise TooLongError(f"the bulletin lasts {timeline.duration / 60:.1f} minutes, more "
                               f"than --max-minutes {options.max_minutes:g}")
        tmp_mp3 = staging.temporary(mp3)
        parts = plan_parts(pieces, cuts, timeline.sample_rate)
        encoded = encode_parts(parts, str(tmp_mp3), target, settings, store, gain, jobs,
                               progress, early.encoded if early else None)
        log.debug("%d of %d parts from the store", encoded.reused, len(parts))
        timeline = moved(with_pauses(timeline, clips), parts, encoded.frames, OUTPUT_RATE)
        measurement = encoded.measurement
        if options.cache:
            store.trim()
        write_tags(str(tmp_mp3), tags_of(script, engines=[v.version for v in voices.values()]),
                   timeline.chapters)
        voice = voice_entry(profile, speaker.version, factor)
        extra = {
            "fingerprint": prepared.fingerprint(options),
            "skipped": [s.reason for s in prepared.skipped],
            "left_out": [a.title for a in dropped],
            "told": told_entries(articles, script.language),
            **({"inputs": inputs} if inputs else {}),
            "mp3_sha256": file_digest(tmp_mp3),
            **({"music": music_manifest(timeline.music, options.music)} if music else {}),
            **({"presenters": cast.manifest()} if cast else {}),
            **({"verify": heard.verdict.manifest()} if heard else {}),
            **(extra or {}),
        }
        data = to_manifest(script, timeline, measurement, target, voice, staging.names(),
                           source_names, extra, heard.verdict.sentence_keys() if heard else ())
        if progress:
            progress("check", 0, 1)
        # Checked as the temporary file, reported as the file it becomes (it is gone after).
        report = replace(check_bulletin(tmp_mp3, data, target, measurement, encoded.levels),
                         path=str(mp3))
        require(report, mp3)
        staging.publish(tmp_mp3, data, script, timeline, options.artist)
    if progress:
        progress("done", 1, 1)
    final = staging.final
    transcripts = {kind: final[kind] for kind in options.transcripts}
    return BuildResult(mp3=mp3, transcript=transcripts[options.transcripts[0]],
                       manifest=final["manifest"], chapters_json=final["chapters"],
                       duration=report.duration or 0.0, measurement=measurement,
                       chapters=timeline.chapters,
                       words=script.word_count, report=report, skipped=prepared.skipped,
                       dropped=[a.title for a in dropped], spoken=spoken, cached=cached,
                       parts=len(encoded.frames), parts_reused=encoded.reused,
                       transcripts=transcripts, player=final["player"],
                       shortened=shortened(script), left_out=prepared.left_out,
                       verify=heard.verdict if heard else None)


def _first(value: float | None, fallback: float) -> float:
    return fallback if value is None else value
