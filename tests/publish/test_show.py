"""The show page, `<output>/index.html`: made by real daily runs (the tone engine), read back with
lxml, and driven in headless Chromium with axe-core judging it, as the player page is."""

import dataclasses
import datetime as dt
import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest

from briefing.daily import LOCK_NAME
from briefing.publish.cover import Artwork
from briefing.publish.labels import LABELS
from briefing.publish.podcast import Episode, Show
from briefing.publish.show import PAGE_NAME, WORDS, headlines, to_show_html, write_player_pages

from ..conftest import run_cli
from .test_page import browser  # noqa: F401  (the Chromium fixture, shared with the player's tests)

#: A headline with a script in it: the page must show it, never run it.
SCRIPTED = "Harbour <script>window.pwned = 1</script> reopens"
DAYS = ("2026-11-23", "2026-11-24")
SPOKEN = {"2026-11-23": "Monday, November 23, 2026", "2026-11-24": "Tuesday, November 24, 2026"}
#: The tone engine's profile, as the `tone_voice` fixture writes it (that fixture is per test; the
#: browser tests share one show).
TONE = 'engine = "tone"\nlanguage = "en"\nrate = 160\ndescription = "a tone per word, for exact tests"\n'


def write_show(folder: Path, voice: str, keep: int = 7) -> Path:
    """A show of two stories (so each is a story with its headline), one with a script in it."""
    inbox = folder / "inbox"
    inbox.mkdir(exist_ok=True)
    (inbox / "a-harbour.txt").write_text(
        f"{SCRIPTED}\n\nThe harbour reopened on Monday. Ships came in at dawn.\n", encoding="utf-8")
    (inbox / "b-council.txt").write_text(
        "Council approves a leaner budget\n\nThe council approved the budget. It cuts costs by a "
        "tenth.\n", encoding="utf-8")
    config = folder / "show.toml"
    config.write_text(
        f'title = "Valley & Hills Daily"\nvoice = "{voice}"\noutput = "episodes"\nkeep = {keep}\n'
        'language = "en"\n'
        # The same two stories every day: the page is what is tested, not the choice of news.
        'only_new = false\n'
        'description = "Morning news <script>window.pwned = 2</script> from the valley."\n'
        '[[sources]]\npath = "inbox/"\n', encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def show_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two daily runs of the show on two days: its output folder."""
    folder = tmp_path_factory.mktemp("show")
    voices = folder / "voices"
    voices.mkdir()
    (voices / "tone.toml").write_text(TONE)
    config = write_show(folder, "tone")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_VOICES_DIR", str(voices))
        for day in DAYS:
            result = run_cli("daily", "--config", config, "--date", day)
            assert result.exit_code == 0, result.output
    return folder / "episodes"


def parse(folder: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((folder / PAGE_NAME).read_bytes())


def listed_days(tree: lxml.html.HtmlElement) -> list[str]:
    return tree.xpath('//ol[@class="episodes"]/li/article/h3/time/@datetime')


def test_two_daily_runs_list_two_episodes_newest_first(show_dir: Path):
    tree = parse(show_dir)
    assert tree.get("lang") == "en"
    assert tree.findtext(".//h1") == "Valley & Hills Daily"
    assert tree.findtext(".//title") == "Valley & Hills Daily"
    assert listed_days(tree) == ["2026-11-24", "2026-11-23"]
    for article, day in zip(tree.xpath('//ol[@class="episodes"]/li/article'), reversed(DAYS),
                            strict=True):
        manifest = json.loads((show_dir / f"{day}.json").read_text())
        assert article.xpath("./ul[@class='headlines']/li/text()") == [
            SCRIPTED, "Council approves a leaner budget"]
        assert article.xpath("./h3/time/text()") == [SPOKEN[day]]
        minutes, seconds = divmod(int(manifest["duration"]), 60)
        assert article.xpath("./p[@class='meta']/time/text()") == [f"{minutes}:{seconds:02d}"]
        assert article.xpath("./audio[@controls]/@src") == [f"{day}.mp3"]
        assert article.xpath(".//ul[@class='files']//a/@href") == [
            f"{day}.html", f"{day}.vtt", f"{day}.mp3"]
    assert tree.xpath("//header//a/@href") == ["feed.xml"]
    assert tree.xpath("//link[@rel='alternate']/@href") == ["feed.xml"]


def test_every_link_is_relative_and_resolves_to_a_file_beside_the_page(show_dir: Path):
    tree = parse(show_dir)
    targets = tree.xpath("//@href | //@src")
    assert len(targets) > 10
    for target in targets:
        if target.startswith("#"):
            assert tree.get_element_by_id(target[1:]) is not None
            continue
        parts = urlsplit(target)
        assert not parts.scheme and not parts.netloc and "/" not in parts.path, target
        assert (show_dir / unquote(parts.path)).is_file(), target
    # Nothing to fetch from anywhere, and nothing that runs.
    html = (show_dir / PAGE_NAME).read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html and "<script" not in html


def test_the_page_is_rewritten_only_when_it_changes_and_follows_pruning(tmp_path, tone_voice):
    config = write_show(tmp_path, tone_voice, keep=1)
    page = tmp_path / "episodes" / PAGE_NAME
    result = run_cli("daily", "--config", config, "--date", DAYS[0], "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["page_written"] is True
    before = page.stat()
    result = run_cli("daily", "--config", config, "--date", DAYS[0], "--json")
    summary = json.loads(result.stdout)
    assert (summary["built"], summary["page"], summary["page_written"]) == (False, str(page), False)
    after = page.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    # The next day's run with `keep = 1` removes the first episode: the page no longer lists it.
    result = run_cli("daily", "--config", config, "--date", DAYS[1], "--json")
    assert json.loads(result.stdout)["page_written"] is True
    tree = parse(tmp_path / "episodes")
    assert listed_days(tree) == [DAYS[1]]
    assert not any(DAYS[0] in target for target in tree.xpath("//@href | //@src"))


def test_a_page_that_is_not_a_file_is_refused_before_any_work(tmp_path, tone_voice):
    config = write_show(tmp_path, tone_voice)
    episodes = tmp_path / "episodes"
    (episodes / PAGE_NAME).mkdir(parents=True)
    result = run_cli("daily", "--config", config, "--date", DAYS[0])
    assert result.exit_code == 1
    assert result.output == (f"Error: {episodes / PAGE_NAME}: is a folder, where the show page "
                             "would go; move it away, or give the show another `output` folder in "
                             "its config\n")
    assert sorted(p.name for p in episodes.iterdir()) == [LOCK_NAME, PAGE_NAME]


@pytest.fixture
def page(browser, show_dir: Path):  # noqa: F811
    context = browser.new_context()
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.on("console", lambda message: message.type == "error" and errors.append(message.text))
    opened.goto((show_dir / PAGE_NAME).as_uri())
    yield opened
    context.close()
    assert not errors, errors


def test_axe_core_finds_no_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_a_script_in_a_headline_shows_as_text_and_never_runs(page):
    shown = page.inner_text("main")
    assert shown.count(SCRIPTED) == 2
    assert "Morning news <script>window.pwned = 2</script> from the valley." in page.inner_text("header")
    assert page.evaluate("window.pwned") is None
    assert page.evaluate("document.scripts.length") == 0


def test_every_control_is_reached_with_the_keyboard_in_order(page):
    """Tab goes through the skip link, the feed link, then each episode's player and links, in
    the order they are read; the skip link moves the focus to the episodes."""
    # (The link inside an audio element is for browsers without one: it is not shown.)
    wanted = page.evaluate("[...document.querySelectorAll('a[href]:not(audio a), audio')].map("
                           "e => e.outerHTML.slice(0, 80))")
    reached: list[str] = []
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement === document.body ? null : "
                                "document.activeElement.outerHTML.slice(0, 80)")
        if focused is None or (reached and focused == wanted[0]):
            break
        if not reached or reached[-1] != focused:  # the audio element's own controls
            reached.append(focused)
    assert reached == wanted
    page.reload()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "episodes"


def test_readable_at_200_percent_zoom(browser, show_dir: Path):  # noqa: F811
    context = browser.new_context(viewport={"width": 640, "height": 480}, device_scale_factor=2)
    zoomed = context.new_page()
    zoomed.goto((show_dir / PAGE_NAME).as_uri())
    assert zoomed.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert zoomed.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 16
    context.close()


def _episode(folder: Path, day: str, manifest: dict) -> Episode:
    mp3 = folder / f"{day}.mp3"
    mp3.write_bytes(b"")
    return Episode(mp3, manifest, dt.datetime.combine(dt.date.fromisoformat(day), dt.time(6),
                                                      tzinfo=dt.UTC))


MANIFEST = {
    "date": "2026-11-24", "language": "es", "duration": 3725.4,
    "files": {"player": "2026-11-24.html", "transcripts": {"vtt": "2026-11-24.vtt"}},
    "segments": [
        {"kind": "intro", "title": "Introducción", "sentences": [{"text": "Hola."}]},
        {"kind": "story", "title": "Historia 1 de 1: El puente", "sentences": [
            {"text": "El puente reabre en EE.UU."}, {"text": "Los coches pasan."}]},
    ],
}


def test_the_page_speaks_the_shows_language(tmp_path):
    show = Show(title="Diario del Valle", author="A", description="Noticias.", base_url="x/",
                link="x/", language="es")
    html = to_show_html(show, [_episode(tmp_path, "2026-11-24", MANIFEST)])
    assert '<html lang="es">' in html
    for words in ("Episodios", "Duración", "En este episodio:", "martes, 24 de noviembre de 2026",
                  '<time datetime="PT1H2M5S">1:02:05</time>', "<li>El puente reabre en EE.UU.</li>"):
        assert words in html, words
    # A language without words of its own gets English ones, and the headlines keep their own.
    finnish = to_show_html(dataclasses.replace(show, language="fi"),
                           [_episode(tmp_path, "2026-11-24", MANIFEST | {"language": "fi"})])
    assert '<html lang="en">' in finnish and "Tuesday, November 24, 2026" in finnish
    assert 'class="headlines" aria-labelledby="episode-2026-11-24-covers" lang="fi"' in finnish


def test_links_go_only_to_files_beside_the_episode(tmp_path):
    """A manifest naming files elsewhere (or missing ones) gets no link to them."""
    (tmp_path / "2026-11-24.html").write_text("player")
    (tmp_path.parent / "secret.vtt").write_text("WEBVTT\n")
    manifest = MANIFEST | {"files": {"player": "2026-11-24.html", "transcripts": {
        "vtt": "../secret.vtt", "srt": str(tmp_path.parent / "secret.vtt"), "txt": "gone.txt"}}}
    tree = lxml.html.fromstring(to_show_html(
        Show(title="T", author="A", description="D", base_url="x/", link="x/"),
        [_episode(tmp_path, "2026-11-24", manifest)]))
    assert tree.xpath("//ul[@class='files']//a/@href") == ["2026-11-24.html", "2026-11-24.mp3"]


def test_an_empty_folder_says_so():
    html = to_show_html(Show(title="T", author="A", description="D", base_url="x/", link="x/"), [])
    assert "<p>No episodes yet.</p>" in html and "<ol" not in html


def test_headlines_keep_a_final_abbreviation_and_fall_back_to_sections():
    assert headlines(MANIFEST) == ["El puente reabre en EE.UU."]
    one_article = {"segments": [{"kind": "intro", "title": "Intro", "sentences": []},
                                {"kind": "section", "title": "The port", "sentences": []}]}
    assert headlines(one_article) == ["The port"]
    story = {"kind": "story", "title": "x", "sentences": [{"text": "Prices rise."}]}
    assert headlines({"segments": [story]}) == ["Prices rise"]


def test_every_language_of_the_player_has_the_show_pages_words():
    assert set(WORDS) == set(LABELS)


WEB = "https://podcasts.example.org/valley/"


def test_a_show_on_the_web_has_its_cover_feed_address_apps_and_card(tmp_path):
    show = Show(title="Valley & Hills", author="A", description="Morning news.\n\nFrom the valley.",
                base_url=WEB, link=WEB, language="es")
    html = to_show_html(show, [_episode(tmp_path, "2026-11-24", MANIFEST)],
                        cover="cover-1a2b3c4d.jpg", favicon="favicon.png")
    tree = lxml.html.fromstring(html)
    assert tree.xpath("//header//img/@src") == ["cover-1a2b3c4d.jpg"]
    assert tree.xpath("//header//img/@alt") == ["Portada de Valley & Hills"]
    field = tree.get_element_by_id("feed-url")
    assert (field.get("value"), "readonly" in field.attrib) == (WEB + "feed.xml", True)
    assert tree.xpath("//label[@for='feed-url']/text()") == [
        "La dirección del feed, para pegarla en cualquier aplicación de pódcast:"]
    assert tree.xpath("//h2[@id='subscribe-heading']/text()") == ["Suscribirse"]
    apps = tree.xpath("//ul[@class='apps']/li/a")
    assert [a.text for a in apps] == ["Apple Podcasts", "Overcast", "Pocket Casts", "AntennaPod",
                                      "Podcast Addict", "gPodder"]
    assert apps[0].get("href") == "podcast://podcasts.example.org/valley/feed.xml"
    assert {m.get("property"): m.get("content") for m in tree.xpath("//meta[@property]")} == {
        "og:type": "website", "og:title": "Valley & Hills",
        "og:description": "Morning news. From the valley.", "og:locale": "es_ES", "og:url": WEB,
        "og:image": WEB + "cover-1a2b3c4d.jpg"}
    assert tree.xpath("//link[@rel='icon']/@href") == ["favicon.png"]
    assert "img-src * data:;" in tree.xpath("//meta[@http-equiv]/@content")[0]
    assert "<script" not in html


def test_without_a_cover_or_a_web_address_the_page_still_works(tmp_path):
    """No cover given: no image (unless the show's artwork is on the web); a folder not on the
    web: the feed's relative link, but no address to copy nor app links."""
    local = Show(title="T", author="A", description="D", base_url="file:///srv/t/",
                 link="file:///srv/t/")
    tree = lxml.html.fromstring(to_show_html(local, []))
    assert not tree.xpath("//img | //input | //ul[@class='apps'] | //meta[@property='og:url']")
    assert tree.xpath("//section[@class='subscribe']//a/@href") == ["feed.xml"]
    imaged = dataclasses.replace(local, artwork=Artwork("https://cdn.example.org/valley.jpg"))
    assert lxml.html.fromstring(to_show_html(imaged, [])).xpath("//img/@src") == [
        "https://cdn.example.org/valley.jpg"]
    assert not lxml.html.fromstring(to_show_html(local, [], cover="../x.jpg")).xpath("//img")


def test_the_episodes_pages_link_back_to_the_show_and_are_written_only_when_they_change(show_dir):
    player = show_dir / f"{DAYS[1]}.html"
    tree = lxml.html.fromstring(player.read_bytes())
    assert tree.xpath("//header/p[@class='show']/a/@href") == ["index.html", "feed.xml"]
    manifest = json.loads(player.with_suffix(".json").read_text())
    episode = Episode(player.with_suffix(".mp3"), manifest, dt.datetime(2026, 11, 24, 6, tzinfo=dt.UTC))
    [cover] = show_dir.glob("cover-*.jpg")  # as the daily run gave it to the pages
    show = Show(title="Valley & Hills Daily", author="A", description="D",
                base_url=show_dir.resolve().as_uri() + "/", link="x",
                artwork=Artwork(cover.name, cover, ("favicon.png", "apple-touch-icon.png")))
    before = player.stat()
    assert write_player_pages(show, [episode]) == []
    assert player.stat().st_mtime_ns == before.st_mtime_ns
    assert write_player_pages(dataclasses.replace(show, title="Renamed"), [episode]) == [player]
    assert "All episodes of Renamed" in player.read_text(encoding="utf-8")
