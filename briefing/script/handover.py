"""Two presenters: who speaks each segment, and the line that hands over where the voice changes.

The first presenter opens and closes the bulletin; the stories alternate between the two, the
second presenter taking the first story, so that both are heard however few stories there are (a
one-article bulletin's sections all go to the second). Where the voice changes, the presenter who
is leaving says a short line naming the next one, in the bulletin's language, as newsreaders do:
"Here's Emma with the next story." The line ends the leaving presenter's segment, so each segment
keeps one voice.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from briefing.language import primary
from briefing.script.compose import Script, Segment, Sentence, count_words
from briefing.script.verbalize import normalize


@dataclass(frozen=True)
class Handover:
    """The hand-over lines of one language; `{name}` is the next presenter's name."""

    first: str
    """From the intro to the first story."""
    next: str
    """From one story to the next."""
    over: str
    """From the intro to the one article of a one-story bulletin."""
    back: str
    """From the last story back to the first presenter, who closes."""


HANDOVER = {
    "en": Handover(first="Here's {name} with the first story.",
                   next="Here's {name} with the next story.",
                   over="Over to {name}.", back="Back to you, {name}."),
    "es": Handover(first="Con la primera noticia, {name}.",
                   next="Con la siguiente noticia, {name}.",
                   over="Le paso la palabra a {name}.", back="Te devuelvo la palabra, {name}."),
    "fr": Handover(first="{name} avec le premier sujet.", next="{name} avec le sujet suivant.",
                   over="Je passe la parole à {name}.", back="À vous, {name}."),
    "it": Handover(first="Con la prima notizia, {name}.",
                   next="Con la prossima notizia, {name}.",
                   over="Passo la parola a {name}.", back="A te la linea, {name}."),
    "pt": Handover(first="Com a primeira notícia, {name}.",
                   next="Com a próxima notícia, {name}.",
                   over="Passo a palavra para {name}.", back="De volta com você, {name}."),
    "de": Handover(first="{name} mit der ersten Meldung.", next="{name} mit der nächsten Meldung.",
                   over="Ich gebe ab an {name}.", back="Zurück zu dir, {name}."),
}


def handover_for(language: str) -> Handover:
    """The hand-over lines in `language`; English for languages without them yet."""
    return HANDOVER.get(primary(language), HANDOVER["en"])


def speakers(script: Script) -> list[int]:
    """Which presenter speaks each segment: 0 for the intro and outro, the stories alternating
    from 1; every section of a one-article bulletin is 1's."""
    order, stories = [], 0
    for segment in script.segments:
        if segment.kind in ("intro", "outro"):
            order.append(0)
        elif segment.kind == "story":
            order.append(1 - stories % 2)
            stories += 1
        else:
            order.append(1)
    return order


def _line(words: Handover, segment: Segment, following: Segment, name: str) -> str:
    if following.kind == "outro":
        return words.back.format(name=name)
    if following.kind != "story":
        return words.over.format(name=name)
    return (words.first if segment.kind == "intro" else words.next).format(name=name)


def cast_script(scripts: Sequence[Script], voices: Sequence[str], names: Sequence[str],
                respell: Sequence[Callable[[str], str] | None], urls: bool = True,
                acronyms: Sequence[Mapping[str, str] | None] = ()) -> Script:
    """The bulletin for two presenters: `scripts` is the same script built once with each
    presenter's lexicon (each segment is taken from its speaker's), `voices` their profile names
    (put on the segments) and `names` what they are called in the hand-over lines, which are said
    with the leaving presenter's `respell` and `acronyms`."""
    script = scripts[0]
    words = handover_for(script.language)
    order = speakers(script)
    segments: list[Segment] = []
    for index, who in enumerate(order):
        segment = scripts[who].segments[index]
        if index + 1 < len(order) and order[index + 1] != who:
            last = segment.sentences[-1]
            text = _line(words, segment, script.segments[index + 1], names[order[index + 1]])
            said = normalize(text, script.language, urls,
                             acronyms[who] if who < len(acronyms) else None)
            spell = respell[who]
            line = Sentence(text=text, pause_after=last.pause_after,
                            spoken=spell(said) if spell else said, words=count_words(said))
            sentences = (*segment.sentences[:-1],
                         replace(last, pause_after=script.pauses.paragraph), line)
            segment = replace(segment, sentences=sentences)
        segments.append(replace(segment, voice=voices[who]))
    return replace(script, segments=tuple(segments))
