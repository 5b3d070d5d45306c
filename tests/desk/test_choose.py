"""The desk's steps on their own: topics, age, running order, `max_stories`, and `choose`."""

import datetime as dt

from briefing.desk.age import too_old
from briefing.desk.choose import BUILD_RULES, Rules, choose
from briefing.desk.history import History, seen_mark
from briefing.desk.order import at_most, running_order
from briefing.desk.topics import mentioned, off_topic
from briefing.publish.manifest import load_manifest
from briefing.sources.article import Outlet

from .test_duplicates import story

AT = dt.datetime(2026, 11, 24, 6, tzinfo=dt.UTC)


def test_topics_match_whole_words_and_phrases_in_any_case_and_language():
    council = story("Le CONSEIL vote", "L'école de la rue Haute ferme ses portes.", "fr")
    assert mentioned(council, ["conseil"]) == "conseil"
    assert mentioned(council, ["ÉCOLE de la"]) == "ÉCOLE de la"
    assert mentioned(council, ["cole", "rue  haute"]) == "rue  haute"  # whole words; any spacing
    assert off_topic(council, [], ["vote"]) == 'excluded by topic "vote"'
    assert off_topic(council, ["budget"], []) == "not about any included topic"
    assert off_topic(council, ["école"], ["budget"]) is None
    tokyo = story("東京の天気", "東京都では明日、雪が降る見込みです。", "ja")
    assert mentioned(tokyo, ["雪"]) == "雪"  # no spaces between words: found inside the text


def test_age_counts_from_publication_or_first_sight():
    week_ago = AT - dt.timedelta(days=7)
    assert too_old(week_ago, None, AT, 48) == "older than 48 hours"
    assert too_old(AT - dt.timedelta(hours=47), None, AT, 48) is None
    assert too_old(None, None, AT, 48) is None  # never seen: new
    assert too_old(None, AT - dt.timedelta(hours=49), AT, 48) == "older than 48 hours"
    assert too_old(dt.datetime(2026, 11, 17), None, AT, 48.5) == "older than 48.5 hours"


def test_the_story_most_outlets_carry_leads_then_the_newest():
    old = story("Old", "x", published="2026-11-23T01:00:00Z")
    new = story("New", "y", published="2026-11-24T01:00:00Z")
    undated = story("Undated", "z")
    big = story("Big", "w", published="2026-11-22T01:00:00Z", also=(Outlet("Herald"),))
    assert [a.title for a in running_order([old, undated, new, big])] == [
        "Big", "New", "Old", "Undated"]
    assert [a.title for a in running_order([old, undated, new, big], "sources")] == [
        "Old", "Undated", "New", "Big"]
    kept, over = at_most([old, new, big], 2)
    assert [a.title for a in kept] == ["Old", "New"]
    assert [(o.title, o.reason) for o in over] == [("Big", "over max_stories (2)")]


def test_a_build_only_merges(tmp_path):
    week_ago = story("Harbour festival dates", "The festival runs in June.",
                     published="2026-11-17T09:00:00Z")
    other = story("Ferry timetable", "The ferry leaves at seven.", published="2026-11-24T01:00:00Z")
    selection = choose([week_ago, other], BUILD_RULES, "en")
    assert [a.title for a in selection.articles] == [week_ago.title, other.title]
    assert selection.left_out == []


def test_an_undated_story_is_remembered_from_the_first_morning_it_is_seen(tmp_path):
    undated = story("Choir seeks tenors", "The town choir is looking for tenors.",
                    link="https://post.example.org/choir")
    with History(tmp_path, load_manifest) as history:
        first = choose([undated], Rules(), "en", history, AT.date(), AT)
        assert [a.title for a in first.articles] == [undated.title]
        assert first.seen == {seen_mark(undated): AT}
        assert seen_mark(undated) == "link:https://post.example.org/choir"
        with history.transaction():
            history.record(AT.date(), {"segments": []}, first.seen)
        # Not told (say it was over max_stories): still news the next day, too old after two.
        later = AT + dt.timedelta(days=1)
        assert choose([undated], Rules(), "en", history, later.date(), later).articles
        much_later = AT + dt.timedelta(days=3)
        [left_out] = choose([undated], Rules(), "en", history, much_later.date(),
                            much_later).left_out
        assert left_out.reason == "older than 48 hours"
