"""The HTML player, driven in headless Chromium (Debian's, through Playwright), on a real bulletin.

Chromium plays the real MP3 from the file system, so the highlight is checked against the audio's
own clock; axe-core judges the page's accessibility.
"""

import itertools
import json
import shutil
from pathlib import Path

import pytest

#: Chromium as the machine's probe started it: no background networking on a closed network.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--autoplay-policy=no-user-gesture-required"]


@pytest.fixture(scope="module")
def bulletin(harbour: Path) -> Path:
    return harbour


@pytest.fixture(scope="module")
def manifest(bulletin: Path) -> dict:
    return json.loads(bulletin.with_suffix(".json").read_text())


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Debian's chromium is not installed: run scripts/setup --test"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, bulletin: Path):
    context = browser.new_context()
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.goto(bulletin.with_suffix(".html").as_uri())
    opened.wait_for_function("() => document.getElementById('audio').readyState >= 1")
    yield opened
    context.close()
    assert not errors, errors


# Every wait is a function, never a bare expression: Playwright polls an expression with eval(),
# which the page's Content-Security-Policy (rightly) refuses.


def _time(page) -> float:
    return page.evaluate("document.getElementById('audio').currentTime")


def _chapter_starts(manifest: dict) -> list[float]:
    return [segment["start"] for segment in manifest["segments"]]


def test_player_is_written_beside_the_bulletin_and_self_contained(bulletin: Path, manifest: dict):
    html = bulletin.with_suffix(".html").read_text(encoding="utf-8")
    assert manifest["files"]["player"] == "harbour.html"
    assert 'src="harbour.mp3"' in html
    # Nothing to fetch: no address but the MP3 beside it.
    assert "http://" not in html and "https://" not in html and "<link" not in html
    assert html.count("<script") == 1


def test_markup_in_the_source_is_shown_as_text_and_never_runs(page):
    body = page.inner_text("#transcript")
    assert "<script>window.pwned = 1</script>" in body
    assert "<i>nothing</i>" in body
    assert page.evaluate("window.pwned") is None
    assert page.evaluate("document.scripts.length") == 1
    assert page.evaluate("document.querySelectorAll('#transcript i, #transcript b').length") == 0


def test_clicking_a_chapter_seeks_to_its_start(page, manifest: dict):
    starts = _chapter_starts(manifest)
    assert len(starts) >= 3
    buttons = page.locator("button.chapter")
    assert buttons.count() == len(starts)
    buttons.nth(2).click()
    assert _time(page) == pytest.approx(starts[2], abs=0.01)
    assert buttons.nth(2).get_attribute("aria-current") == "true"
    title = manifest["segments"][2]["title"]
    page.wait_for_function(
        "text => document.getElementById('announce').textContent.includes(text)",
        arg=f"3 of {len(starts)}: {title}")


def test_the_highlight_follows_the_audio(page, manifest: dict):
    sentences = [s for segment in manifest["segments"] for s in segment["sentences"]]
    # Two sentences in a row inside one chapter, the second starting after a sentence pause.
    first, second = next((a, b) for a, b in itertools.pairwise(sentences)
                         if a["start"] > 5)
    page.evaluate("t => { const a = document.getElementById('audio'); a.currentTime = t; }",
                  second["start"] - 1.0)
    page.evaluate("document.getElementById('audio').play()")
    page.wait_for_function("() => document.getElementById('audio').currentTime > 0 && "
                           "!document.getElementById('audio').paused")
    current = page.locator(".sentence.current")
    assert current.inner_text() == first["text"]
    assert current.get_attribute("aria-current") == "true"
    # Let the audio run past the next sentence's start: the highlight moves with it.
    page.wait_for_function("t => document.getElementById('audio').currentTime > t",
                           arg=second["start"] + 0.3, timeout=10_000)
    page.wait_for_function("text => document.querySelector('.sentence.current').textContent === text",
                           arg=second["text"], timeout=2_000)
    assert page.locator(".sentence.current").count() == 1
    played = _time(page)
    assert second["start"] <= played < second["end"] + 1.0
    page.evaluate("document.getElementById('audio').pause()")


def test_clicking_a_sentence_seeks_to_it(page, manifest: dict):
    target = manifest["segments"][3]["sentences"][1]
    page.locator(".sentence", has_text=target["text"]).click()
    page.wait_for_function("t => Math.abs(document.getElementById('audio').currentTime - t) < 0.5",
                           arg=target["start"])
    assert page.locator(".sentence.current").inner_text() == target["text"]
    page.evaluate("document.getElementById('audio').pause()")


def test_keyboard_shortcuts(page, manifest: dict):
    starts = _chapter_starts(manifest)
    page.locator("h1").click()  # focus on the page, not on a control
    page.keyboard.press("n")
    assert _time(page) == pytest.approx(starts[1], abs=0.01)
    page.keyboard.press("n")
    assert _time(page) == pytest.approx(starts[2], abs=0.01)
    page.keyboard.press("p")  # at a chapter's start, "previous" goes to the chapter before
    assert _time(page) == pytest.approx(starts[1], abs=0.01)
    page.keyboard.press("ArrowRight")
    assert _time(page) == pytest.approx(starts[1] + 10, abs=0.01)
    page.keyboard.press("ArrowLeft")
    assert _time(page) == pytest.approx(starts[1], abs=0.01)
    page.keyboard.press("+")
    assert page.evaluate("document.getElementById('audio').playbackRate") == 1.25
    assert page.evaluate("document.getElementById('audio').preservesPitch") is True
    page.keyboard.press("-")
    page.keyboard.press("-")
    assert page.evaluate("document.getElementById('audio').playbackRate") == 0.75
    # The button follows the audio element's play and pause events, which come a moment later.
    page.keyboard.press("k")
    page.wait_for_function("() => !document.getElementById('audio').paused && "
                           "document.getElementById('play').textContent === 'Pause'")
    page.keyboard.press("k")
    page.wait_for_function("() => document.getElementById('audio').paused && "
                           "document.getElementById('play').textContent === 'Play'")
    # Every shortcut is listed on the page.
    listed = page.inner_text(".keys")
    for key in ("K or Space", "N", "P", "Right arrow", "Left arrow", "+", "-"):
        assert key in listed


def test_axe_core_finds_no_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_readable_at_200_percent_zoom(browser, bulletin: Path):
    # 200 % zoom of a 1280-pixel window leaves 640 CSS pixels: nothing may need sideways scrolling.
    context = browser.new_context(viewport={"width": 640, "height": 480}, device_scale_factor=2)
    zoomed = context.new_page()
    zoomed.goto(bulletin.with_suffix(".html").as_uri())
    assert zoomed.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert zoomed.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 16
    context.close()


def test_honours_reduced_motion_and_high_contrast(browser, bulletin: Path):
    context = browser.new_context(reduced_motion="reduce", forced_colors="active")
    calm = context.new_page()
    calm.goto(bulletin.with_suffix(".html").as_uri())
    assert calm.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    calm.evaluate("document.querySelector('.sentence').classList.add('current')")
    # In forced colours the highlight uses the system's highlight colours.
    colour = calm.evaluate("getComputedStyle(document.querySelector('.sentence.current')).backgroundColor")
    assert colour != "rgba(0, 0, 0, 0)"
    context.close()
    plain = browser.new_context().new_page()
    plain.goto(bulletin.with_suffix(".html").as_uri())
    assert plain.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "smooth"
    plain.context.close()


def test_the_page_speaks_the_bulletins_language(manifest: dict):
    from briefing.publish.page import to_player_html

    spanish = to_player_html(manifest | {"language": "es"}, "harbour.mp3")
    assert '<html lang="es">' in spanish
    assert "Capítulo siguiente" in spanish and "Atajos de teclado" in spanish
    assert "Next chapter" not in spanish
    # A language the page has no words for falls back to English, and says so in `lang`.
    assert '<html lang="en">' in to_player_html(manifest | {"language": "fi"}, "harbour.mp3")


#: A manifest as a build writes it, cut down to what the page reads.
FRENCH = {
    "title": "Le pont rouvre", "date": "2026-11-24", "language": "fr", "duration": 21.0,
    "voice": {"name": "systeme"},
    "segments": [
        {"title": "Introduction", "start": 0.0,
         "sentences": [{"text": "Le pont rouvre.", "start": 0.2, "end": 1.1}]},
        {"title": "Conclusion", "start": 12.0,
         "sentences": [{"text": "Merci de votre écoute.", "start": 12.4, "end": 13.6}]},
    ],
}


def test_a_french_page_has_french_labels_and_shortcuts():
    from briefing.publish.page import to_player_html

    html = to_player_html(FRENCH, "pont.mp3")
    assert '<html lang="fr">' in html
    for label in ("Aller à la transcription", "<h2 id=\"chapters-heading\">Chapitres</h2>",
                  "<h2 id=\"keys-heading\">Raccourcis clavier</h2>", 'data-chapter="Chapitre"',
                  'data-of="sur"', 'data-play="Lecture" data-pause="Pause"',
                  "Lu par Systeme", "En cours de lecture :",
                  "<dt><kbd>K ou Espace</kbd></dt><dd>Lecture ou pause</dd>",
                  "<dt><kbd>Flèche droite ou L</kbd></dt><dd>Avancer de 10 secondes</dd>"):
        assert label in html, label
    for english in ("Next chapter", "Keyboard shortcuts", "Read by", "Now playing", "or Space"):
        assert english not in html, english


def test_an_italian_page_keeps_the_region_in_lang():
    from briefing.publish.page import to_player_html

    html = to_player_html(FRENCH | {"language": "it-CH"}, "ponte.mp3")
    assert '<html lang="it-CH">' in html
    assert "Capitolo successivo" in html and "Scorciatoie da tastiera" in html
    assert 'data-chapter="Capitolo" data-of="di"' in html


def test_every_language_describes_the_keys_the_player_handles():
    """The shortcut lists are translations of one list: the same keys, in the same order."""
    from briefing.publish.labels import LABELS

    def keys(shown: str) -> list[str]:
        return [k for k in shown.split() if len(k) == 1 and not k.islower()]

    english = [keys(shown) for shown, _ in LABELS["en"].shortcuts]
    assert set(LABELS) == {"en", "es", "fr", "it", "pt", "de"}
    for language, labels in LABELS.items():
        assert [keys(shown) for shown, _ in labels.shortcuts] == english, language
        assert labels.prev in {what for _, what in labels.shortcuts}, language
        assert labels.forward in {what for _, what in labels.shortcuts}, language


def test_a_shortened_story_says_so_and_links_to_the_full_story_escaped():
    """Brief mode's note under a story, in the page's language, with its link escaped; a link that
    is not a web page's is left out."""
    from briefing.publish.page import to_player_html

    story = {"title": "Histoire 1 sur 1 : Le pont", "start": 2.0,
             "sentences": [{"text": "Le pont rouvre.", "start": 2.2, "end": 3.1}],
             "brief": {"kept": 2, "of": 7, "full_story": 'https://example.org/pont?a=1&b="><script>'}}
    segments = [FRENCH["segments"][0], story, FRENCH["segments"][1]]
    html = to_player_html(FRENCH | {"segments": segments}, "pont.mp3")
    assert ('<p class="brief">Raccourci pour tenir dans le temps : 2 phrases sur 7. <a href='
            '"https://example.org/pont?a=1&amp;b=&quot;&gt;&lt;script&gt;">Lire l&#x27;article '
            'complet</a></p>') in html
    story["brief"] = {"kept": 2, "of": 7, "full_story": "javascript:alert(1)"}
    html = to_player_html(FRENCH | {"segments": segments}, "pont.mp3")
    assert "javascript" not in html and "2 phrases sur 7.</p>" in html
    story["brief"] = {"kept": 7, "of": 7}
    assert 'class="brief"' not in to_player_html(FRENCH | {"segments": segments}, "pont.mp3")


def test_axe_core_finds_no_violations_in_the_note_of_a_shortened_story(browser, manifest: dict,
                                                                       tmp_path: Path):
    from axe_playwright_python.sync_playwright import Axe

    from briefing.publish.page import to_player_html

    segments = [dict(s) for s in manifest["segments"]]
    segments[1]["brief"] = {"kept": 1, "of": 4, "full_story": "https://example.org/harbour"}
    page_file = tmp_path / "brief.html"
    page_file.write_text(to_player_html(manifest | {"segments": segments}, "harbour.mp3"))
    context = browser.new_context()
    opened = context.new_page()
    opened.goto(page_file.as_uri())
    note = opened.locator("p.brief")
    assert note.inner_text() == "Shortened to fit: 1 of 4 sentences. Read the full story"
    results = Axe().run(opened)
    context.close()
    assert results.violations_count == 0, results.generate_report()


def test_the_presenters_are_named_as_listeners_know_them_joined_by_the_languages_and():
    """Their display names (a profile's `presenter`, else the name in its voice id, else its
    profile name made a name), never the profile's file name."""
    from briefing.publish.page import to_player_html

    cast = FRENCH | {"presenters": [{"name": "anchor", "voice": "heart", "presenter": "Hannah"},
                                    {"name": "joe", "voice": "joe-us", "presenter": "Joe"}]}
    for language, line in (("fr", "Lu par Hannah et Joe</p>"), ("en", "Read by Hannah and Joe</p>"),
                           ("es", "Leído por Hannah y Joe</p>"), ("de", "Gelesen von Hannah und Joe</p>"),
                           ("ja", "Read by Hannah and Joe</p>")):
        assert line in to_player_html(cast | {"language": language}, "pont.mp3"), language
    english = FRENCH | {"language": "en"}
    for voice, name in (({"name": "anchor", "voice": "heart", "presenter": "Hannah"}, "Hannah"),
                        ({"name": "british-female", "voice": "bf_emma"}, "Emma"),
                        ({"name": "night-desk", "voice": "heart"}, "Night Desk")):
        assert f"Read by {name}</p>" in to_player_html(english | {"voice": voice}, "pont.mp3")


@pytest.mark.parametrize(("language", "date", "written"), [
    ("en", "2026-11-24", "November 24, 2026"), ("es", "2026-11-24", "24 de noviembre de 2026"),
    ("fr", "2026-11-01", "1er novembre 2026"), ("de", "2026-11-24", "24. November 2026"),
    ("pt-BR", "2026-11-24", "24 de novembro de 2026"),
])
def test_the_date_is_written_as_the_bulletins_language_writes_it(language, date, written):
    from briefing.publish.page import to_player_html

    html = to_player_html(FRENCH | {"language": language, "date": date}, "pont.mp3")
    assert f'<p class="meta"><time datetime="{date}">{written}</time> · 0:21 · ' in html
    assert f"<title>Le pont rouvre, {written}</title>" in html


def test_a_date_in_a_language_without_page_words_keeps_its_own_lang():
    """A Japanese bulletin's page has English words, and its date in Japanese, marked so."""
    from briefing.publish.page import to_player_html

    html = to_player_html(FRENCH | {"language": "ja"}, "pont.mp3")
    assert '<html lang="en">' in html
    assert '<time datetime="2026-11-24" lang="ja">2026年11月24日</time>' in html


def test_a_hand_over_line_stands_in_a_paragraph_of_its_own():
    """The last sentence of a segment that the other presenter's follows; not the outro's, and
    none in a bulletin of one voice."""
    import lxml.html

    from briefing.publish.page import to_player_html

    def sentence(text: str, start: float) -> dict:
        return {"text": text, "start": start, "end": start + 0.8}

    segments = [
        {"title": "Intro", "start": 0.0, "voice": "anchor",
         "sentences": [sentence("Good morning.", 0.1), sentence("Here's Joe with the first story.", 1.0)]},
        {"title": "Story", "start": 2.0, "voice": "joe",
         "sentences": [sentence("The bridge reopens.", 2.1), sentence("Back to you, Hannah.", 3.0)]},
        {"title": "Outro", "start": 4.0, "voice": "anchor",
         "sentences": [sentence("Thank you for listening.", 4.1)]},
    ]
    tree = lxml.html.fromstring(to_player_html(FRENCH | {"segments": segments}, "pont.mp3"))
    paragraphs = [[(p.get("class"), [b.text for b in p.iter("button")])
                   for p in section.iter("p")] for section in tree.find_class("segment")]
    assert paragraphs == [
        [(None, ["Good morning."]), ("handover", ["Here's Joe with the first story."])],
        [(None, ["The bridge reopens."]), ("handover", ["Back to you, Hannah."])],
        [(None, ["Thank you for listening."])],
    ]
    alone = [{key: value for key, value in s.items() if key != "voice"} for s in segments]
    assert 'class="handover"' not in to_player_html(FRENCH | {"segments": alone}, "pont.mp3")


def test_an_episode_of_a_show_links_back_and_has_a_card_for_link_previews():
    import lxml.html

    from briefing.publish.page import to_player_html
    from briefing.publish.social import ShowLinks

    base = "https://podcasts.example.org/valley/"
    show = ShowLinks(title="Valley & Hills", page="index.html", feed="feed.xml", base_url=base,
                     cover="cover-1a2b3c4d.jpg", favicon="favicon.png")
    manifest = FRENCH | {"language": "en", "segments": [
        {"kind": "story", "title": "Story 1 of 1: Bridge", "start": 0.0,
         "sentences": [{"text": "The bridge reopens.", "start": 0.1, "end": 1.0}]}]}
    html = to_player_html(manifest, "2026-11-24.mp3", show)
    tree = lxml.html.fromstring(html)
    assert [(a.get("href"), a.text) for a in tree.xpath("//header/p[@class='show']/a")] == [
        ("index.html", "All episodes of Valley & Hills"), ("feed.xml", "Podcast feed (RSS)")]
    assert {m.get("property"): m.get("content") for m in tree.xpath("//meta[@property]")} == {
        "og:type": "article", "og:title": "Le pont rouvre, November 24, 2026",
        "og:site_name": "Valley & Hills", "og:description": "The bridge reopens",
        "og:locale": "en_US", "og:url": base + "2026-11-24.html",
        "og:image": base + "cover-1a2b3c4d.jpg", "og:audio": base + "2026-11-24.mp3",
        "og:audio:type": "audio/mpeg"}
    assert tree.xpath("//link[@rel='icon']/@href") == ["favicon.png"]
    assert tree.xpath("//link[@rel='alternate']/@href") == ["feed.xml"]
    assert "img-src * data:;" in tree.xpath("//meta[@http-equiv]/@content")[0]
    # A show that is not on the web: the links back, but no address that leads nowhere.
    local = to_player_html(manifest, "2026-11-24.mp3", ShowLinks(
        title="Valley", page="index.html", feed="feed.xml", base_url="file:///srv/valley/"))
    assert 'href="index.html"' in local and "og:url" not in local and "file:" not in local
    # A bulletin alone: no links, and a card without addresses.
    alone = lxml.html.fromstring(to_player_html(manifest, "2026-11-24.mp3"))
    assert not alone.xpath("//p[@class='show'] | //link")
    assert sorted(alone.xpath("//meta/@property")) == [
        "og:description", "og:locale", "og:title", "og:type"]
