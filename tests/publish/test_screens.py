"""Both pages of a daily show on the web, as a desktop and a phone show them: a real daily run
(two tone presenters, so there are hand-overs) with a `base_url` and a cover, opened in headless
Chromium at 1280 and 390 px wide. axe-core finds nothing at either width, a phone never scrolls
sideways, and a full-page screenshot of each is saved (into pytest's temporary folder, or the folder
`BRIEFING_SCREENSHOTS` names) to be looked at: in 32 colours, small enough to keep in the repository
(`docs/screenshots/`).
"""

import io
import itertools
import json
import os
import struct
from pathlib import Path

import lxml.html
import pytest

from briefing.publish.show import PAGE_NAME

from ..conftest import run_cli
from .test_page import browser  # noqa: F401  (the Chromium fixture, shared with the player's tests)

WEB = "https://podcasts.example.org/valley/"
DAY = "2026-11-24"
WIDTHS = (1280, 390)
#: What each page's screenshots are called.
SHOTS = {PAGE_NAME: "show", f"{DAY}.html": "player"}


def _tone(presenter: str) -> str:
    return (f'engine = "tone"\nlanguage = "en"\nrate = 160\npresenter = "{presenter}"\n'
            'description = "a tone per word, for exact tests"\n')


@pytest.fixture(scope="module")
def show_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One episode read by Hannah and Joe, published at `WEB` with a cover there."""
    folder = tmp_path_factory.mktemp("screens")
    voices = folder / "voices"
    voices.mkdir()
    (voices / "tone-hannah.toml").write_text(_tone("Hannah"))
    (voices / "tone-joe.toml").write_text(_tone("Joe"))
    inbox = folder / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Harbour reopens after the storms\n\nThe harbour reopened on "
                                 "Monday. Ships came in at dawn.\n", encoding="utf-8")
    (inbox / "b.txt").write_text("Council approves a leaner budget for the coming year\n\nThe "
                                 "council approved the budget. It cuts costs by a tenth.\n",
                                 encoding="utf-8")
    config = folder / "valley.toml"
    config.write_text(
        'title = "Valley & Hills Daily"\nauthor = "Valley Newsroom"\noutput = "episodes"\n'
        f'language = "en"\nbase_url = "{WEB}"\nimage = "{WEB}cover.png"\n'
        'presenters = ["tone-hannah", "tone-joe"]\n'
        'description = "The morning news from the valley and the hills, read aloud."\n'
        '[[sources]]\npath = "inbox/"\n', encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_VOICES_DIR", str(voices))
        result = run_cli("daily", "--config", config, "--date", DAY)
    assert result.exit_code == 0, result.output
    return folder / "episodes"


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    named = os.environ.get("BRIEFING_SCREENSHOTS")
    folder = Path(named) if named else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _cover() -> bytes:
    """The show's cover, served in place of the web (the tests run offline)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 600), (11, 79, 156))
    ImageDraw.Draw(image).text((60, 250), "VALLEY", fill="white", font_size=110)
    data = io.BytesIO()
    image.save(data, "PNG")
    return data.getvalue()


def test_the_player_of_a_daily_episode_names_its_presenters_and_links_back(show_dir: Path):
    tree = lxml.html.fromstring((show_dir / f"{DAY}.html").read_bytes())
    assert tree.xpath("//p[@class='meta']/text()")[-1].endswith("Read by Hannah and Joe")
    assert tree.xpath("//p[@class='meta']/time/text()") == ["November 24, 2026"]
    assert tree.xpath("//header/p[@class='show']/a/@href") == [PAGE_NAME, "feed.xml"]
    manifest = json.loads((show_dir / f"{DAY}.json").read_text())
    voices = [segment["voice"] for segment in manifest["segments"]]
    changes = sum(a != b for a, b in itertools.pairwise(voices))
    assert changes >= 2
    handovers = tree.xpath("//p[@class='handover']/button/text()")
    assert len(handovers) == changes
    assert handovers[0] == "Here's Joe with the first story."
    cards = {m.get("property"): m.get("content") for m in tree.xpath("//meta[@property]")}
    assert (cards["og:audio"], cards["og:image"]) == (WEB + f"{DAY}.mp3", WEB + "cover.png")


def _save_small(png: bytes, path: Path) -> None:
    """A screenshot in 32 colours: a third of its size, and text as sharp."""
    from PIL import Image

    Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=32).save(path, optimize=True)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(SHOTS))
def test_each_page_at_each_width_is_accessible_fits_and_is_photographed(
        browser, show_dir: Path, screenshots: Path, name: str, width: int):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": width, "height": 800})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    cover = _cover()
    opened.route(f"{WEB}**", lambda route: route.fulfill(body=cover, content_type="image/png"))
    opened.goto((show_dir / name).as_uri())
    if name == PAGE_NAME:  # the cover came from the "web"
        opened.wait_for_function("() => document.querySelector('img.cover').naturalWidth === 600")
    results = Axe().run(opened)
    assert results.violations_count == 0, results.generate_report()
    assert opened.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot = screenshots / f"{SHOTS[name]}-{width}.png"
    _save_small(opened.screenshot(full_page=True), shot)
    context.close()
    assert not errors, errors
    shown_width, height = struct.unpack(">II", shot.read_bytes()[16:24])
    assert shown_width == width and height > 800
