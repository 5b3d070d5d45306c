"""ID3 tags and chapters, read back with ffprobe and mutagen: tables of contents of any size."""

import json
import re
import subprocess
from pathlib import Path

import pytest
from mutagen.id3 import ID3, CTOCFlags

from briefing.audio.assembly import Chapter
from briefing.errors import OutputError
from briefing.publish.tags import TOC_LIMIT, TagInfo, _contents, check_tags, write_tags

from ..conftest import DATE, ffprobe, run_cli

INFO = TagInfo(title="Many chapters", artist="briefing", album="News briefing", date=DATE,
               comment="a test")


def silent_mp3(path: Path, seconds: float) -> Path:
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "anullsrc=r=22050:cl=mono",
                    "-t", str(seconds), "-c:a", "libmp3lame", "-b:a", "32k", str(path)], check=True)
    return path


def table_order(tags: ID3) -> list[str]:
    """The chapter IDs in the order a reader that follows the tables of contents finds them,
    checking on the way that every table is within the one-byte limit."""
    tables = {frame.element_id: frame for frame in tags.getall("CTOC")}
    [top] = [frame for frame in tables.values() if frame.flags & CTOCFlags.TOP_LEVEL]

    def walk(element: str) -> list[str]:
        if element not in tables:
            return [element]
        assert len(tables[element].child_element_ids) <= TOC_LIMIT
        return [leaf for child in tables[element].child_element_ids for leaf in walk(child)]

    return walk(top.element_id)


@pytest.mark.parametrize("count", [TOC_LIMIT, TOC_LIMIT + 1, 1000])
def test_chapters_beyond_one_table_read_back_whole_and_in_order(tmp_path, count):
    mp3 = silent_mp3(tmp_path / "many.mp3", count * 0.25 + 1)
    chapters = tuple(Chapter(f"Story {n}: café № {n}", n * 0.25, (n + 1) * 0.25)
                     for n in range(count))
    write_tags(str(mp3), INFO, chapters)

    read = ffprobe(mp3, "-show_chapters")["chapters"]
    assert [c["tags"]["title"] for c in read] == [c.title for c in chapters]
    assert [(float(c["start_time"]), float(c["end_time"])) for c in read] == \
        [(c.start, c.end) for c in chapters]

    tags = ID3(mp3)
    chaps = {frame.element_id: frame for frame in tags.getall("CHAP")}
    found = [chaps[element] for element in table_order(tags)]
    assert [(f.start_time, f.end_time, str(f.sub_frames["TIT2"])) for f in found] == \
        [(round(c.start * 1000), round(c.end * 1000), c.title) for c in chapters]
    assert len(tags.getall("CTOC")) == (1 if count <= TOC_LIMIT else 1 + -(-count // TOC_LIMIT))
    assert str(ID3(mp3)["TIT2"]) == "Many chapters"


def test_tables_nest_deeper_when_even_the_groups_do_not_fit_in_one():
    ids = [f"chp{n}" for n in range(TOC_LIMIT * TOC_LIMIT + 7)]
    tables = _contents(ids, "Chapters")
    assert tables[0].element_id == "toc" and tables[0].flags & CTOCFlags.TOP_LEVEL
    by_id = {table.element_id: table for table in tables}
    assert len(by_id) == len(tables)
    assert all(len(table.child_element_ids) <= TOC_LIMIT for table in tables)

    def walk(element: str) -> list[str]:
        return [leaf for child in by_id[element].child_element_ids
                for leaf in (walk(child) if child in by_id else [child])]

    assert walk("toc") == ids


def test_a_thousand_paragraphs_make_a_bulletin_with_every_chapter(tmp_path, tone_voice):
    """Each paragraph of a plain text is a chapter: a thousand of them used to fail after all the
    work, when the one table of contents could not count them."""
    source = tmp_path / "many.txt"
    source.write_text("Many items\n\n" + "".join(f"Item {n} was read.\n\n" for n in range(1000)))
    out = tmp_path / "out" / "many.mp3"
    result = run_cli("-q", "build", source, "--voice", tone_voice, "--date", DATE, "-o", out,
                     "--no-chime", "--paragraph-pause", "0.1", "--segment-pause", "0.1")
    assert result.exit_code == 0, result.output
    manifest = json.loads(out.with_suffix(".json").read_text())
    read = ffprobe(out, "-show_chapters")["chapters"]
    assert len(read) == len(manifest["segments"]) == 1002
    assert [(c["tags"]["title"], float(c["start_time"]), float(c["end_time"])) for c in read] == \
        [(s["title"], s["start"], s["end"]) for s in manifest["segments"]]
    assert read[500]["tags"]["title"] == "Item 499 was read"


def test_tags_that_cannot_be_written_are_refused_with_a_message():
    check_tags(INFO, [f"Story {n}" for n in range(1000)])  # fine: any number of chapters
    with pytest.raises(OutputError, match="ID3 tags cannot hold"):
        check_tags(INFO, ["Introduction", "Bad \udcff title"])


NEWS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>https://example.org/</link>
<item><title>Harbour stays open</title><link>https://example.org/harbour</link>
  <enclosure url="https://example.org/harbour.jpg" type="image/jpeg" length="1"/>
  <description>The harbour stayed open all night. Crews unloaded grain and steel.</description></item>
<item><title>Café reopens</title><link>https://example.org/café</link>
  <description>The café on the quay reopened on Monday. Its owners said trade was good.</description>
</item></channel></rss>
"""


def jpeg(path: Path, colour: tuple[int, int, int]) -> Path:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1400, 1400), colour).save(path, quality=80)
    return path


def test_chapters_link_their_stories_and_the_tags_name_every_engine_and_the_cover(tmp_path,
                                                                                  tone_voice):
    """Two presenters on two engines, a cover, stories with links (one with a picture), sources
    given by absolute paths: what a podcast app and mutagen read back."""
    import datetime as dt

    from briefing.options import BuildOptions
    from briefing.pipeline import build

    feed = tmp_path / "private" / "inbox" / "news.rss"
    feed.parent.mkdir(parents=True)
    feed.write_text(NEWS, encoding="utf-8")
    cover = jpeg(tmp_path / "private" / "cover.jpg", (20, 60, 120))
    out = tmp_path / "out" / "news.mp3"
    options = BuildOptions(presenters=(tone_voice, "system"), date=dt.date(2026, 11, 24),
                           cover=cover)
    build([str(feed.resolve())], out, options)

    manifest = json.loads(out.with_suffix(".json").read_text())
    tags = ID3(out)
    engines = [p["engine_version"] for p in manifest["presenters"]]
    assert len(set(engines)) == 2 and manifest["voice"]["presenter"] == "Tone"
    assert all(engine in str(tags["TSSE"]) for engine in engines)
    # Local sources by their name alone, in the tags and the manifest.
    assert manifest["sources"] == ["news.rss"]
    assert "news.rss" in str(tags["COMM::eng"]) and "private" not in str(tags["COMM::eng"])
    [picture] = tags.getall("APIC")
    assert (picture.data, picture.mime, picture.type) == (cover.read_bytes(), "image/jpeg", 3)
    # Each story's chapter links to its page (WXXX inside its CHAP); the intro and outro do not.
    chaps = sorted(tags.getall("CHAP"), key=lambda frame: frame.start_time)
    links = [[w.url for w in chap.sub_frames.getall("WXXX")] for chap in chaps]
    assert links == [[s["link"].replace("é", "%C3%A9")] if "link" in s else []
                     for s in manifest["segments"]]
    assert links[1:3] == [["https://example.org/harbour"], ["https://example.org/caf%C3%A9"]]
    chapters = json.loads(out.with_suffix(".chapters.json").read_text())["chapters"]
    assert [(c.get("url"), c.get("img")) for c in chapters] == [
        (None, None), ("https://example.org/harbour", "https://example.org/harbour.jpg"),
        ("https://example.org/café", None), (None, None)]
    assert manifest["segments"][1]["image"] == "https://example.org/harbour.jpg"
    probed = ffprobe(out, "-show_chapters")["chapters"]
    assert [c["tags"]["title"] for c in probed] == [s["title"] for s in manifest["segments"]]
    # Each cue says who speaks it.
    vtt = out.with_suffix(".vtt").read_text()
    names = {p["name"]: p["presenter"] for p in manifest["presenters"]}
    spans = re.findall(r"-->.*\n<v ([^>]+)>", vtt)
    assert spans and set(spans) == {"Tone", "Sam"}
    assert spans[0] == names[manifest["segments"][0]["voice"]]
    result = run_cli("check", out)
    assert result.exit_code == 0, result.output


def test_the_cover_is_part_of_the_fingerprint_by_its_bytes(tmp_path, tone_voice):
    from briefing.options import BuildOptions
    from briefing.pipeline import prepare

    source = tmp_path / "news.txt"
    source.write_text("Harbour news\n\nThe harbour stayed open all night.\n")
    blue, copy = jpeg(tmp_path / "blue.jpg", (0, 0, 200)), tmp_path / "copy.jpg"
    copy.write_bytes(blue.read_bytes())
    red = jpeg(tmp_path / "red.jpg", (200, 0, 0))
    prepared = prepare([source], BuildOptions(voice=tone_voice))
    print_of = {name: prepared.fingerprint(BuildOptions(voice=tone_voice, cover=cover))
                for name, cover in (("none", None), ("blue", blue), ("copy", copy), ("red", red))}
    assert print_of["blue"] == print_of["copy"]
    assert len({print_of["none"], print_of["blue"], print_of["red"]}) == 3


def test_sources_are_named_without_their_folders_and_addresses_as_given():
    from briefing.publish.manifest import source_label

    assert [source_label(s) for s in ("/home/ana/shows/valley/inbox/", Path("/srv/news.rss"),
                                      "notes.md", "-", "https://example.org/a/feed.xml")] == \
        ["inbox", "news.rss", "notes.md", "-", "https://example.org/a/feed.xml"]
