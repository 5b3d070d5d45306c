"""Brief mode's choice of sentences: real sumy TextRank, real scripts, the pipeline's own estimate."""

import datetime as dt
import re
import tomllib
from pathlib import Path

import pytest

from briefing.audio.assembly import estimate_duration
from briefing.errors import TooLongError
from briefing.script.brief import NUMBER, POSITION, QUOTE, fit, shortened, values
from briefing.script.compose import Pauses, Script, build_script
from briefing.script.dependencies import MAX_NEEDS
from briefing.script.sentences import split_sentences
from briefing.sources.article import Article, Section
from briefing.sources.read import read_sources

RATE = 150
DATE = dt.date(2026, 11, 24)
LANGUAGES = Path(__file__).resolve().parent.parent / "languages"

#: Three stories, lead first, each sentence of its own paragraph or two to a paragraph.
STORIES = {
    "Council agrees a harbour budget": [
        "The town council approved a harbour budget of 4.2 million pounds on Monday night.",
        "The plan pays for new pontoons and a repaired sea wall.",
        "Councillors voted 14 to 6 in favour, with two abstentions.",
        "\"This is the biggest investment in the harbour for a generation,\" said the leader.",
        "Opponents argued that the money should go to the roads of the old town instead.",
        "The finance committee said the roads would get their own plan in the spring.",
        "Fishing crews welcomed the harbour decision but asked for work outside the summer.",
        "The harbour master said the first contracts would be signed in January.",
    ],
    "Ferry timetable changes": [
        "The island ferry will run a reduced winter timetable from next Monday.",
        "Sailings will drop from eight a day to five, with the last boat at a quarter past six.",
        "The operator blamed rising fuel costs and a shortage of trained crew.",
        "Islanders have started a petition asking for the late ferry sailing to be kept.",
        "The island's doctor warned that patients would struggle to get home.",
        "The county transport board will meet the ferry operator on Friday.",
    ],
    "Volunteers plant trees by the river": [
        "More than two hundred volunteers planted a thousand young trees along the river.",
        "The saplings will help hold the river banks together and shade the water.",
        "The river trust organised the day with help from three local schools.",
        "The trust says the trees will also slow floodwater during heavy rain.",
        "It plans another planting day in March, further upstream on the river.",
        "Families can sponsor a tree for ten pounds.",
        "Anglers have reported more trout in the river since the first trees were planted.",
    ],
}


def articles(stories: dict[str, list[str]] = STORIES) -> list[Article]:
    made = []
    for number, (title, sentences) in enumerate(stories.items()):
        paragraphs = tuple(" ".join(sentences[i:i + 2]) for i in range(0, len(sentences), 2))
        made.append(Article(title, (Section(paragraphs),), f"story-{number}.txt",
                            link=f"https://example.org/{number}"))
    return made


def compose(chosen: list[Article], stories: bool = True, language: str = "en") -> Script:
    return build_script(chosen, DATE, Pauses(), language=language, stories=stories)


def estimate(script: Script) -> float:
    return estimate_duration(script, RATE)


def brief(chosen: list[Article], limit: float, mode: str = "shorten", stories: bool = True,
          language: str = "en"):
    return fit(chosen, lambda a: compose(a, stories, language), estimate, limit, 60 / RATE, mode,
               limit / 60)


def bodies(script: Script) -> list[list[str]]:
    return [[s.text for s in seg.sentences[1:]] for seg in script.segments if seg.kind == "story"]


def test_every_story_keeps_its_headline_and_lead_then_sentences_in_their_order():
    full = compose(articles())
    limit = estimate(full) * 0.6
    fitted = brief(articles(), limit)
    assert estimate(fitted.script) <= limit
    assert fitted.dropped == [] and len(fitted.articles) == 3
    originals = [[s.text for s in seg.sentences] for seg in full.segments if seg.kind == "story"]
    stories = [seg for seg in fitted.script.segments if seg.kind == "story"]
    for segment, original, title in zip(stories, originals, STORIES, strict=True):
        said = [s.text for s in segment.sentences]
        assert said[0] == f"{title}." and said[1] == STORIES[title][0]
        assert said == [text for text in original if text in said]  # whole sentences, in order
        assert segment.cut is not None and segment.cut.title == title
        assert segment.cut.kept == len(said) - 1 and segment.cut.total == len(STORIES[title])
        assert segment.cut.link == segment.link
    assert {c.title for c in shortened(fitted.script)} <= set(STORIES)
    assert len(shortened(fitted.script)) >= 2
    # The time is shared: every story keeps more than its lead.
    assert all(len(body) > 1 for body in bodies(fitted.script))


def test_pauses_keep_the_shape_of_the_story():
    """A sentence that goes takes its pause along to the one before it: a paragraph's end stays
    a paragraph's pause, a story's end the story pause."""
    fitted = brief(articles(), estimate(compose(articles())) * 0.6)
    pauses = Pauses()
    for segment in fitted.script.segments:
        if segment.kind == "story":
            assert segment.sentences[-1].pause_after == pauses.story
            assert {s.pause_after for s in segment.sentences} <= {
                pauses.sentence, pauses.paragraph, pauses.story}


def test_a_bulletin_that_fits_is_not_touched():
    full = compose(articles())
    fitted = brief(articles(), estimate(full) + 1)
    assert fitted.script == full and shortened(fitted.script) == []


def test_the_same_text_gives_the_same_cut():
    limit = estimate(compose(articles())) * 0.55
    first, second = brief(articles(), limit), brief(articles(), limit)
    assert first.script.to_dict() == second.script.to_dict()
    assert first.script != compose(articles())


def test_earlier_stories_get_more_of_the_time():
    """Three copies of one story: the first keeps at least as much as the second, and so on."""
    story = STORIES["Council agrees a harbour budget"]
    same = {f"Story {n}": story for n in range(3)}
    fitted = brief(articles(same), estimate(compose(articles(same))) * 0.55)
    kept = [len(body) for body in bodies(fitted.script)]
    assert kept == sorted(kept, reverse=True) and kept[0] > kept[-1]


def test_a_quotation_and_a_figure_are_valued():
    lead = "The council met on Monday."
    plain = "The harbour plan would help the whole town, the leader said."
    quoted = "\u201cThe harbour plan would help the whole town,\u201d the leader said."
    # The same words (the quotation marks are not words): only the quotation makes the difference.
    with_quote = values([lead, quoted, "Ships came in."], "en")
    without = values([lead, plain, "Ships came in."], "en")
    assert with_quote[1] == pytest.approx(without[1] * (1 + QUOTE))
    # Two sentences that share their words alike are equally central: the later one, with a
    # figure, is worth more than the earlier one without.
    found = values([lead, "The vote was close, dozens against.",
                    "The vote was close, 37 against."])
    assert found[2] / found[1] == pytest.approx((1 + NUMBER) * (1 + POSITION) / (1 + 2 * POSITION))
    assert found[2] > found[1]


def test_the_lead_is_worth_most_and_later_sentences_less_alike():
    same = ["The river trust planted trees."] * 4
    found = values(same)
    assert found == sorted(found, reverse=True) and found[0] == pytest.approx(1.0)


def test_stories_are_left_out_only_when_headlines_and_leads_do_not_fit():
    leads = {title: sentences[:1] for title, sentences in STORIES.items()}
    least = estimate(compose(articles(leads)))
    fitted = brief(articles(), least + 0.01)
    assert fitted.dropped == [] and bodies(fitted.script) == [s[:1] for s in leads.values()]
    fitted = brief(articles(), least - 0.01)
    assert [a.title for a in fitted.dropped] == ["Volunteers plant trees by the river"]
    assert len(bodies(fitted.script)) == 2 and estimate(fitted.script) <= least - 0.01
    assert all(len(body) >= 1 for body in bodies(fitted.script))


def test_fit_drop_leaves_out_whole_stories_and_shortens_none():
    full = compose(articles())
    fitted = brief(articles(), estimate(full) * 0.75, mode="drop")
    assert [a.title for a in fitted.dropped] == ["Volunteers plant trees by the river"]
    assert bodies(fitted.script) == [STORIES[t] for t in list(STORIES)[:2]]
    assert shortened(fitted.script) == []


def test_too_long_even_for_the_first_headline_and_lead():
    with pytest.raises(TooLongError, match=r"^the first story, cut to its headline and lead, lasts "
                       r"about [\d.]+ minutes, more than --max-minutes 0\.1$"):
        brief(articles(), 6.0)


def test_one_story_is_shortened_across_its_sections():
    """A one-story bulletin has a chapter per section: sections left empty go, the lead stays."""
    sentences = STORIES["Council agrees a harbour budget"]
    article = Article("Harbour", tuple(Section((s,), title=f"Part {n}") for n, s in enumerate(sentences)),
                      "harbour.txt", link="https://example.org/harbour")
    full = compose([article], stories=False)
    fitted = brief([article], estimate(full) * 0.6, stories=False)
    sections = [seg for seg in fitted.script.segments if seg.kind == "section"]
    assert sections[0].title == "Part 0" and sections[0].sentences[0].text == sentences[0]
    assert 1 < len(sections) < len(sentences)
    assert sections[0].cut is not None and sections[0].cut.total == len(sentences)
    assert sections[0].cut.kept == len(sections) and sections[0].cut.link == article.link
    assert estimate(fitted.script) <= estimate(full) * 0.6


@pytest.mark.parametrize("language", ["en", "es", "fr", "it", "pt", "de"])
def test_every_shipped_language_is_summarized_offline(language):
    """The stemmers and stop words come with sumy and nltk: no data is downloaded (this sandbox
    has no network), and each language's story is cut to its lead and best sentences."""
    title, *paragraphs = [p for p in (LANGUAGES / f"{language}.txt").read_text().split("\n\n") if p]
    sentences = [s for p in paragraphs for s in split_sentences(p, language)]
    assert len(sentences) >= 4
    found = values(sentences, language)
    assert len(found) == len(sentences) and all(v > 0 for v in found)
    story = Article(title.strip(), (Section(tuple(paragraphs)),), f"{language}.txt")
    other = Article("Otra", (Section(tuple(paragraphs[:1])),), "b.txt")
    full = compose([story, other], language=language)
    fitted = brief([story, other], estimate(full) * 0.75, language=language)
    cut = fitted.script.segments[1].cut
    assert cut is not None and 1 <= cut.kept < cut.total == len(sentences)
    assert fitted.script.segments[1].sentences[1].text == sentences[0]


@pytest.mark.parametrize("mode", ["shorten", "drop"])
def test_the_stories_that_fit_are_found_by_halving_not_one_at_a_time(mode):
    """300 stories, of which a few fit: a handful of scripts are composed (about two for each
    halving), where leaving out one story at a time composed one for each story left out. The
    stories kept are the same as one at a time would keep: the most that fit, from the first."""
    many = [Article(title=f"Notice {n}", source=f"{n}.txt", sections=(Section((
        f"The ferry number {n} leaves at seven from Monday. Tickets cost {n} pounds.",)),))
            for n in range(300)]
    composed = []

    def counted(chosen: list[Article]) -> Script:
        composed.append(len(chosen))
        return compose(chosen)

    fitted = fit(many, counted, estimate, 60, 60 / RATE, mode)
    assert len(composed) <= 2 * 9 + 3  # 2 ** 9 > 300
    kept = len(fitted.articles)
    assert 1 <= kept < 300 and fitted.dropped == many[kept:]
    assert estimate(fitted.script) <= 60
    one_more = compose(many[: kept + 1])
    if mode == "drop":
        assert estimate(one_more) > 60


def test_music_takes_its_time_from_the_speech_and_the_message_adds_it_up():
    """Intro and outro music last as long whatever the cut: the speech is fitted in what they
    leave, and when even the headlines do not fit the message counts the music in its sum."""
    full = compose(articles())
    limit = estimate(full) + 1.0
    assert shortened(brief(articles(), limit).script) == []
    music = estimate(full) * 0.4
    fitted = fit(articles(), compose, estimate, limit, 60 / RATE, music=music)
    assert shortened(fitted.script) and estimate(fitted.script) + music <= limit
    with pytest.raises(TooLongError) as caught:
        fit(articles(), compose, estimate, 60.0, 60 / RATE, asked=1.0, music=40.0)
    said = re.fullmatch(r"the first story, cut to its headline and lead, lasts about ([\d.]+) "
                        r"minutes \(([\d.]+) of speech and ([\d.]+) of intro and outro music\), "
                        r"more than --max-minutes 1", str(caught.value))
    assert said, str(caught.value)
    total, speech, played = (float(said[n]) for n in (1, 2, 3))
    assert played == 0.7 and speech > 0.3 and total == pytest.approx(speech + played) and total > 1


#: Quote-heavy stories per language, and what an editor must keep with each of their sentences.
QUOTES = Path(__file__).resolve().parent.parent / "brief"
NEEDS = tomllib.loads((QUOTES / "needs.toml").read_text(encoding="utf-8"))
#: Each language's bulletin is cut to these fractions of its full length: 22 cuts in all.
FRACTIONS = {"en": (0.3, 0.4, 0.5, 0.6, 0.75), "es": (0.3, 0.4, 0.5, 0.6, 0.75),
             "fr": (0.5, 0.65, 0.8), "it": (0.5, 0.65, 0.8), "pt": (0.5, 0.65, 0.8),
             "de": (0.5, 0.65, 0.8)}
#: A quotation mark as the script prints it (the sources make every one straight): a double one,
#: or a single one that opens a word (not an apostrophe).
_QUOTATION = re.compile(r"\"|(?:^|\s)'\w")


def _quote_articles(language: str) -> list[Article]:
    reading = read_sources([QUOTES / f"quotes-{language}.rss"])
    assert [a.language for a in reading.articles] == [language] * len(reading.articles)
    return reading.articles


def _named(sentences: list[str], opening: str, story: str) -> int:
    """The one sentence of `story` that begins with `opening`."""
    found = [n for n, text in enumerate(sentences) if text.startswith(opening)]
    assert len(found) == 1, f"{story}: {opening!r} begins {len(found)} sentences"
    return found[0]


@pytest.mark.parametrize("language", list(FRACTIONS))
def test_a_kept_quotation_keeps_who_said_it_and_a_leaning_sentence_what_it_leans_on(language):
    """The editor's rules on hand-marked stories, at several lengths: every sentence kept has what
    an editor says it needs kept too (its attribution, the sentence it leans on), and every
    story keeps its lead. The cuts do shorten, and do keep quotations."""
    chosen = _quote_articles(language)
    full = compose(chosen, language=language)
    bodies_in_full = {seg.title.split(": ", 1)[1]: [s.text for s in seg.sentences[1:]]
                      for seg in full.segments if seg.kind == "story"}
    needs = {}
    for story, sentences in bodies_in_full.items():
        marked = NEEDS[language][story]
        needs[story] = {_named(sentences, opening, story): {_named(sentences, n, story) for n in need}
                        for opening, need in marked.items()}
        quoted = {n for n, text in enumerate(sentences) if _QUOTATION.search(text)}
        assert quoted <= set(needs[story]), [sentences[n] for n in quoted - set(needs[story])]
    kept_quotes = shortened_stories = 0
    for fraction in FRACTIONS[language]:
        fitted = brief(chosen, estimate(full) * fraction, language=language)
        for segment in fitted.script.segments:
            if segment.kind != "story":
                continue
            story = segment.title.split(": ", 1)[1]
            sentences = bodies_in_full[story]
            kept = {sentences.index(s.text) for s in segment.sentences[1:]}
            assert 0 in kept, f"{story} at {fraction}: the lead is gone"
            for n in kept:
                missing = needs[story].get(n, set()) - kept
                assert not missing, (f"{story} at {fraction}: {sentences[n]!r} is kept without "
                                     f"{[sentences[m] for m in missing]}")
            kept_quotes += sum(1 for n in kept if _QUOTATION.search(sentences[n]))
            shortened_stories += len(kept) < len(sentences)
    assert kept_quotes >= len(FRACTIONS[language]) and shortened_stories >= len(FRACTIONS[language])


def test_a_sentence_is_kept_only_with_all_it_leans_on():
    """A story whose every sentence leans on the one before: what is kept is a run from the lead,
    never a sentence without the one before it, and none that needs more than `MAX_NEEDS`."""
    chain = {"Markets": ["The index opened flat on Monday."]
             + [f"It then rose {n} points as trading went on." for n in range(1, 30)]}
    full = compose(articles(chain), stories=False)
    for fraction in (0.3, 0.6, 0.9):
        fitted = brief(articles(chain), estimate(full) * fraction, stories=False)
        said = [s.text for seg in fitted.script.segments if seg.kind == "section"
                for s in seg.sentences]
        assert said == chain["Markets"][: len(said)] and 1 <= len(said) <= MAX_NEEDS + 1
