"""The show's cover: drawn from the title when none is given, else a configured image checked as
Apple checks it, and published under a name that changes with the art."""

import io
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from briefing.errors import ConfigError
from briefing.publish import cover
from briefing.publish.cover import COVER_SIZE, ICONS, generate_cover, place_cover

from ..conftest import run_cli


def image_bytes(mode: str, size: tuple[int, int], kind: str = "JPEG", colour: object = None) -> bytes:
    stream = io.BytesIO()
    Image.new(mode, size, colour).save(stream, kind)
    return stream.getvalue()


def test_a_drawn_cover_is_a_square_rgb_jpeg_apple_takes_and_the_same_for_the_same_title():
    data = generate_cover("Valley Daily")
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.mode, image.size) == ("JPEG", "RGB", (COVER_SIZE, COVER_SIZE))
    assert COVER_SIZE == 3000 and len(data) < 512 * 1024
    assert cover.image_problem(data, "cover.jpg") is None
    assert generate_cover("Valley Daily") == data
    assert generate_cover("Harbour Daily") != data


def _luminance(data: bytes, side: int) -> np.ndarray:
    with Image.open(io.BytesIO(data)) as image:
        small = image.resize((side, side), Image.Resampling.LANCZOS).convert("L")
    return np.asarray(small, dtype=float)


def test_the_title_is_still_there_in_a_55_pixel_thumbnail():
    """Light letters on a dark ground: in the thumbnail a phone's list shows, a good share of the
    pixels are far lighter than the ground, over several rows (two lines of text)."""
    pixels = _luminance(generate_cover("Valley Daily"), 55)
    ground = np.median(pixels)
    light = pixels > ground + 100
    assert ground < 80
    assert light.sum() >= 150, light.sum()
    assert np.count_nonzero(light.any(axis=1)) >= 12  # rows with ink: two lines of letters
    # Long titles are set smaller, never beyond three lines or the picture's edges.
    lines, font = cover._fit("The Morning Briefing from the Riverside Valley Newsroom")[1::-1]
    assert len(lines) == 3 and font.size >= 200
    edges = _luminance(generate_cover("W" * 200), COVER_SIZE // 10)
    assert edges[:, :30].max() < 100 and edges[:, -30:].max() < 100


def test_a_title_beyond_ascii_is_set_in_a_face_that_has_its_letters():
    """Pillow's own face has ASCII letters only: `ñ` and Cyrillic would come out as boxes."""
    assert cover._face("Valley Daily") is None
    for title in ("Diario de la mañana", "Новости долины"):
        face = cover._face(title)
        assert face is not None and "DejaVuSans" in face
        assert cover._covers(cover._font(face, 24), title)
        assert not cover._covers(cover._font(None, 24), title)


def test_the_drawn_cover_and_its_icons_are_written_once(tmp_path):
    artwork = place_cover(tmp_path, None, "Valley Daily")
    assert artwork.path == tmp_path / artwork.href and artwork.href.startswith("cover-")
    assert artwork.url("https://example.org/v/") == f"https://example.org/v/{artwork.href}"
    assert artwork.path.read_bytes() == generate_cover("Valley Daily")
    for name, side in ICONS.items():
        with Image.open(tmp_path / name) as icon:
            assert (icon.format, icon.size) == ("PNG", (side, side))
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    assert place_cover(tmp_path, None, "Valley Daily") == artwork
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before
    # A new title is new art, under a new name; the old cover goes.
    renamed = place_cover(tmp_path, None, "Harbour Daily")
    assert renamed.href != artwork.href and not artwork.path.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([renamed.href, *ICONS])


def test_a_configured_image_is_copied_under_the_digest_of_its_bytes(tmp_path):
    output = tmp_path / "episodes"
    output.mkdir()
    art = tmp_path / "art.png"
    art.write_bytes(image_bytes("RGB", (1400, 1400), "PNG", (200, 30, 30)))
    artwork = place_cover(output, str(art), "Valley Daily")
    assert artwork.path is not None and artwork.path.read_bytes() == art.read_bytes()
    assert artwork.href.endswith(".png") and artwork.href != "art.png"
    art.write_bytes(image_bytes("RGB", (1500, 1500), "PNG", (30, 30, 200)))
    changed = place_cover(output, str(art), "Valley Daily")
    assert changed.href != artwork.href and not artwork.path.exists()
    # An address is used as it is: nothing fetched, nothing written, no icons to offer.
    web = place_cover(output, "https://cdn.example.org/art.jpg", "Valley Daily")
    assert (web.href, web.path, web.icons) == ("https://cdn.example.org/art.jpg", None, ())
    assert web.url("https://example.org/") == "https://cdn.example.org/art.jpg"


BAD = {
    "small.jpg": (image_bytes("RGB", (1000, 1000)),
                  "is 1000 by 1000 pixels; Apple needs 1400 to 3000 pixels a side"),
    "cmyk.jpg": (image_bytes("CMYK", (1400, 1400)), "is CMYK; Apple needs RGB"),
    "wide.jpg": (image_bytes("RGB", (1600, 1400)), "is 1600 by 1400 pixels; Apple needs a square"),
    "notes.jpg": (b"not an image at all\n", "is not an image Pillow can read; Apple needs a JPEG or PNG"),
    "png.jpg": (image_bytes("RGB", (1400, 1400), "PNG"), "is a PNG image named .jpg; name it .png"),
    "alpha.png": (image_bytes("RGBA", (1400, 1400), "PNG"),
                  "is RGB with transparency; Apple needs RGB"),
    "art.gif": (image_bytes("P", (1400, 1400), "GIF"), "is a GIF image; Apple needs a JPEG or PNG"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_a_bad_image_is_one_line_exit_1_and_nothing_written(tmp_path, name):
    data, problem = BAD[name]
    (tmp_path / name).write_bytes(data)
    config = tmp_path / "show.toml"
    config.write_text(f'title = "Valley Daily"\noutput = "episodes"\nimage = "{name}"\n'
                      '[[sources]]\npath = "inbox/"\n')
    before = sorted(os.listdir(tmp_path))
    result = run_cli("daily", "--config", config, "--date", "2026-11-24")
    assert result.exit_code == 1
    assert result.output == f"Error: {config}: 'image' {name} {problem}\n"
    assert sorted(os.listdir(tmp_path)) == before  # no output folder, nothing else


@pytest.mark.parametrize(("image", "message"), [
    ("missing.png", "'image' missing.png: no such image file"),
    ("https://cdn.example.org/art", "'image' must end in .jpg, .jpeg or .png"),
    ("ftp://cdn.example.org/art.jpg", "'image' must be a JPEG or PNG file, or an http:// or "
                                       "https:// address with a host, not 'ftp://"),
])
def test_an_image_that_is_not_there_or_not_an_image_address(tmp_path, image, message):
    config = tmp_path / "show.toml"
    config.write_text(f'title = "T"\noutput = "o"\nimage = "{image}"\n[[sources]]\npath = "x"\n')
    from briefing.show_config import load_config

    with pytest.raises(ConfigError) as error:
        load_config(config)
    assert str(error.value).startswith(f"{config}: {message}")


def test_a_cover_the_config_names_inside_the_output_folder_is_never_removed(tmp_path: Path):
    art = tmp_path / "cover-00000000.png"
    art.write_bytes(image_bytes("RGB", (1400, 1400), "PNG"))
    artwork = place_cover(tmp_path, str(art), "Valley Daily")
    assert art.exists() and artwork.path is not None and artwork.path.exists()
