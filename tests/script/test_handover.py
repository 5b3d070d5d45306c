"""Two presenters in the script: who speaks what, and the hand-over where the voice changes."""

import datetime as dt
from dataclasses import replace

import pytest

from briefing.script.compose import Pauses, build_script, render_text
from briefing.script.handover import HANDOVER, cast_script, speakers
from briefing.sources.article import Article, Section

from ..conftest import tone_script


def _cast(script, respell=(None, None)):
    return cast_script([script, script], ["first-voice", "second-voice"], ["Adam", "Emma"],
                       list(respell))


def test_the_first_opens_and_closes_and_the_stories_alternate():
    script = tone_script(sections=1, sentences=2, stories=4)
    cast = _cast(script)
    kinds = [(s.kind, s.voice) for s in cast.segments]
    assert kinds == [("intro", "first-voice"), ("story", "second-voice"),
                     ("story", "first-voice"), ("story", "second-voice"),
                     ("story", "first-voice"), ("outro", "first-voice")]
    assert speakers(script) == [0, 1, 0, 1, 0, 0]


def test_a_hand_over_line_ends_each_segment_before_the_voice_changes():
    script = tone_script(sections=1, sentences=2, stories=3)
    cast = _cast(script)
    last = [segment.sentences[-1].text for segment in cast.segments]
    assert last[0] == "Here's Emma with the first story."
    assert last[1] == "Here's Adam with the next story."
    assert last[2] == "Here's Emma with the next story."
    # The third story (Emma's) hands back to Adam, who closes.
    assert last[3] == "Back to you, Adam."
    assert last[4] == script.segments[4].sentences[-1].text  # the outro: no change after it
    # Each line is one more sentence, spoken with its normal words; the pause before the next
    # segment moves after it, and the segment's last sentence gets a paragraph's pause.
    for before, after in zip(script.segments[:4], cast.segments[:4], strict=True):
        assert len(after.sentences) == len(before.sentences) + 1
        assert after.sentences[-1].pause_after == before.sentences[-1].pause_after
        assert after.sentences[-2].pause_after == script.pauses.paragraph
    assert cast.word_count > script.word_count


def test_no_hand_over_where_the_same_presenter_goes_on():
    """With an even number of stories the last is the first presenter's, who goes on to close."""
    script = tone_script(sections=1, sentences=1, stories=2)
    cast = _cast(script)
    assert [s.voice for s in cast.segments] == ["first-voice", "second-voice", "first-voice",
                                                "first-voice"]
    assert cast.segments[2].sentences == script.segments[2].sentences
    assert cast.segments[1].sentences[-1].text == "Here's Adam with the next story."


def test_a_one_article_bulletin_is_read_by_the_second_presenter():
    script = tone_script(sections=3, sentences=2, stories=1)
    cast = _cast(script)
    assert [s.voice for s in cast.segments] == ["first-voice", *["second-voice"] * 3,
                                                "first-voice"]
    assert cast.segments[0].sentences[-1].text == "Over to Emma."
    assert cast.segments[3].sentences[-1].text == "Back to you, Adam."


@pytest.mark.parametrize("language", sorted(HANDOVER))
def test_the_hand_over_is_in_the_bulletins_language(language):
    article = [Article(f"Titre {n}", (Section(("Une phrase. Une autre phrase.",)),), f"{n}.txt")
               for n in range(2)]
    script = build_script(article, dt.date(2026, 11, 24), Pauses(), language=language)
    cast = _cast(script)
    words = HANDOVER[language]
    assert cast.segments[0].sentences[-1].text == words.first.format(name="Emma")
    assert cast.segments[1].sentences[-1].text == words.next.format(name="Adam")
    assert "{name}" not in "".join(s.text for _, s in cast.sentences())


def test_each_segment_is_said_with_its_presenters_lexicon():
    """The same script built with each presenter's pronunciations: each segment comes from its
    own speaker's, and the hand-over line uses the leaving presenter's."""
    script = tone_script(sections=1, sentences=1, stories=2)
    upper = replace(script, segments=tuple(
        replace(seg, sentences=tuple(replace(s, spoken=s.speech.upper()) for s in seg.sentences))
        for seg in script.segments))
    cast = cast_script([script, upper], ["a", "b"], ["Adam", "Emma"], [None, str.upper])
    assert cast.segments[1].sentences[0].speech == script.segments[1].sentences[0].speech.upper()
    assert cast.segments[2].sentences[0].speech == script.segments[2].sentences[0].speech
    assert cast.segments[1].sentences[-1].speech == "HERE'S ADAM WITH THE NEXT STORY."
    assert cast.segments[0].sentences[-1].speech == "Here's Emma with the first story."


def test_the_script_view_names_each_segments_voice():
    cast = _cast(tone_script(sections=1, sentences=1, stories=2))
    text = render_text(cast)
    assert "[intro, first-voice]" in text and "[story, second-voice]" in text
