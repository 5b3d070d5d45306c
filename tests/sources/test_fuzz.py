"""Fuzzing every reader, sentence splitting and `briefing script`/`build` with Hypothesis.

Whatever a source holds (control characters, broken markup, entities, odd encodings, links of
every scheme, random bytes), reading ends in articles that can be spoken or in briefing's own
`SourceError`, never another exception; the command line exits 0, 1 or 3 with no traceback and no
catch-all message, and a build that fails leaves nothing behind.

A few hundred examples in all by default (CI included: `CI` set makes them the same every run);
`BRIEFING_FUZZ_EXAMPLES=2000 pytest tests/sources/test_fuzz.py` runs thousands.
"""

import base64
import io
import json
import os
import quopri
import re
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from briefing.errors import SourceError
from briefing.script.sentences import split_sentences
from briefing.sources.read import Reading, read_sources

from ..conftest import DATE, run_cli

#: Examples per reader; the command-line fuzzes run fewer, the build fuzz a tenth.
EXAMPLES = int(os.environ.get("BRIEFING_FUZZ_EXAMPLES") or 100)
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=bool(os.environ.get("CI")),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])

CONTROLS = ["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f", "\u2028",
            "\u2029", "\ufeff", "\u200b", "\ufffe", "\uffff", "\ufffd", "\u202e", "\u00ad"]
WORDS = ["The", "council", "met", "on", "Monday", "Dr.", "U.S.", "3.5", "$1.99", "4,50 €", "10:30",
         "a.m.", "1990", "XIV", "NATO", "km/h", "50%", "—", "–", "--", "…", "“quoted”", "‘single’",
         "https://example.org/a?b=1&c=2", "news@example.org", "&amp;", "&#0;", "&#1;", "&lt;b&gt;",
         "<b>", "</p>", "Ünïcödé", "東京は晴れ", "مرحبا", "Привет", "🙂", "*", "#", "|", "`", "'", '"',
         "(", ")", "[", "]", "\\", ".", "!", "?", ";", ":", ",", "\t", "  ", "\n", "\r\n"]
LINKS = ["https://example.org/story", "http://example.org", "javascript:alert(1)", "data:text/html,x",
         "file:///etc/passwd", "/relative", "", "http://[::1/x", "https://exa mple.org", "ftp://x",
         "http://example.org:99999/", "mailto:a@b.c", "\x00http://x"]

#: Mostly words; now and then a control character (more would make every text look binary).
word = st.one_of(*[st.sampled_from(WORDS * 30 + CONTROLS)] * 4,
                 st.text(st.characters(exclude_categories=["Cc", "Cs"]), max_size=6))
sentence = st.lists(word, max_size=12).map(" ".join)
paragraph = st.lists(sentence, min_size=1, max_size=4).map(". ".join)


def escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def markdown(draw: st.DrawFn) -> str:
    front = draw(st.sampled_from(["", "yaml", "toml", "broken"]))
    head = ""
    if front == "yaml":
        head = (f"---\ntitle: {draw(sentence)!r}\nlang: {draw(st.sampled_from(['en', 'xx', '', '1']))}\n"
                f"link: {draw(st.sampled_from(LINKS))!r}\ndate: {draw(st.sampled_from(['2026-11-24', 'x']))}"
                f"\nauthor: {draw(st.sampled_from(['Ann', '[1, 2]', '{a: b}', '~']))}\n---\n")
    elif front == "toml":
        head = f'+++\ntitle = "{draw(sentence)}"\n+++\n'
    elif front == "broken":
        head = draw(st.sampled_from(["---\n: : :\n---\n", "---\n- a\n---\n", "+++\nx =\n+++\n"]))
    blocks = draw(st.lists(st.one_of(
        paragraph,
        sentence.map(lambda s: "#" * (len(s) % 7 + 1) + " " + s),
        sentence.map(lambda s: f"- {s}\n- [{s}](javascript:x)"),
        sentence.map(lambda s: f"```\n{s}\n```"),
        sentence.map(lambda s: f"<div>{s}</div>"),
        sentence.map(lambda s: f"| {s} | b |\n|---|---|\n| c | d |"),
        sentence.map(lambda s: f"> {s}\n![{s}](x.png)"),
    ), max_size=6))
    return head + "\n\n".join(blocks)


TAGS = ["p", "div", "article", "main", "nav", "footer", "header", "aside", "section", "h1", "h2",
        "h3", "span", "b", "a", "ul", "li", "script", "style", "table", "dialog", "blockquote", "br"]
ATTRIBUTES = ["", " role='dialog'", " role='main'", " class='cookie-banner'", " hidden",
              " class='content'", " lang='fr'", " id='main'", " href='javascript:x'"]


@st.composite
def html_element(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(TAGS))
    children = [draw(st.one_of(paragraph.map(escaped), paragraph))]
    if depth < 3:
        children += draw(st.lists(html_element(depth + 1), max_size=3))
    return f"<{tag}{draw(st.sampled_from(ATTRIBUTES))}>{''.join(children)}</{tag}>"


@st.composite
def html_page(draw: st.DrawFn) -> str:
    head = draw(st.sampled_from(["<!DOCTYPE html>", "", "<?xml version='1.0'?>"]))
    title = draw(sentence)
    body = "".join(draw(st.lists(html_element(), max_size=4)))
    meta = draw(st.sampled_from(["", "<meta property='og:url' content='javascript:x'>",
                                 "<meta name='author' content='\x00'>"]))
    return (f"{head}<html lang='{draw(st.sampled_from(['en', 'de', '', 'x' * 40]))}'><head><title>"
            f"{escaped(title)}</title>{meta}</head><body>{body}</body></html>")


@st.composite
def feed(draw: st.DrawFn) -> bytes:
    atom = draw(st.booleans())
    items = []
    for _ in range(draw(st.integers(0, 4))):
        title = draw(st.one_of(sentence.map(escaped), sentence.map(lambda s: f"<![CDATA[{s}]]>"),
                               st.sampled_from(["&#0;", "&#0;&#2;", "", "&bogus;"])))
        body = draw(st.one_of(paragraph.map(escaped), html_element().map(escaped),
                              html_element().map(lambda h: f"<![CDATA[{h}]]>")))
        link = escaped(draw(st.sampled_from(LINKS)))
        date = draw(st.sampled_from(["Mon, 24 Nov 2026 06:00:00 GMT", "2026-11-24T06:00:00Z", "x", ""]))
        if atom:
            items.append(f"<entry><title>{title}</title><link href='{link}'/><updated>{date}</updated>"
                         f"<content type='html'>{body}</content></entry>")
        else:
            items.append(f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>"
                         f"<description>{body}</description></item>")
    channel = escaped(draw(sentence))
    document = (f"<feed xmlns='http://www.w3.org/2005/Atom'><title>{channel}</title>{''.join(items)}</feed>"
                if atom else f"<rss version='2.0'><channel><title>{channel}</title>{''.join(items)}"
                             f"</channel></rss>")
    prologue = draw(st.sampled_from(["", " ", "<!DOCTYPE rss [<!ENTITY a 'b'>]>",
                                     "<!DOCTYPE rss SYSTEM 'http://127.0.0.1:9/x.dtd'>"]))
    encoding = draw(st.sampled_from(["utf-8", "latin-1", "shift_jis", "utf-16", "x-bogus"]))
    document = f"<?xml version='1.0' encoding='{encoding}'?>{prologue}" + document
    if draw(st.booleans()):
        document = document[: draw(st.integers(0, len(document)))]  # cut short
    codec = encoding if encoding != "x-bogus" else "utf-8"
    return document.encode(codec, "replace")


FROMS = ["Valley Times <news@valleytimes.example>", "news@mail.valleytimes.example", "<>", "broken <",
         "=?utf-8?q?Caf=C3=A9_Post?= <a@b.example>", '"a@b.example" <a@b.example>', "", "x@"]
MAIL_DATES = ["Tue, 24 Nov 2026 06:00:00 +0000", "24 Nov 2026", "x", "", "Tue, 24 Nov 99999 99:99:99"]


def _body(text: str, subtype: str, charset: str, encoding: str) -> bytes:
    """One MIME text part: its headers and `text` in `charset` and transfer `encoding`."""
    raw = text.encode("utf-8" if charset == "x-bogus" else charset, "replace")
    data = base64.encodebytes(raw) if encoding == "base64" else \
        quopri.encodestring(raw) if encoding == "quoted-printable" else raw
    return (f"Content-Type: text/{subtype}; charset={charset}\nContent-Transfer-Encoding: {encoding}"
            "\n\n").encode() + data


@st.composite
def mail(draw: st.DrawFn) -> bytes:
    """A message as newsletters and broken senders write them: odd headers, any part structure,
    any charset and transfer encoding."""
    subject = draw(st.one_of(sentence, st.sampled_from(["=?utf-8?b?Q2Fmw6k=?=", "=?x-bogus?q?a?=",
                                                        "=?utf-8?q?unclosed", "a@b.example news"])))
    headers = (f"From: {draw(st.sampled_from(FROMS))}\nTo: joe@example.com\nSubject: {subject}\n"
               f"Date: {draw(st.sampled_from(MAIL_DATES))}\nMIME-Version: 1.0\n")
    parts = [_body(draw(st.one_of(paragraph, html_page())), draw(st.sampled_from(["plain", "html"])),
                   draw(st.sampled_from(["utf-8", "latin-1", "utf-16", "x-bogus"])),
                   draw(st.sampled_from(["7bit", "base64", "quoted-printable", "x-bogus"])))
             for _ in range(draw(st.integers(0, 3)))]
    kind = draw(st.sampled_from(["alternative", "mixed", "related", "single"]))
    if kind == "single" and parts:
        document = headers.encode("utf-8", "surrogatepass") + parts[0]
    else:
        body = b"".join(b"--b1\n" + part + b"\n" for part in parts) + \
            draw(st.sampled_from([b"--b1--\n", b""]))
        document = headers.encode("utf-8", "surrogatepass") + \
            f'Content-Type: multipart/{kind}; boundary="b1"\n\n'.encode() + body
    if draw(st.booleans()):
        document = document[: draw(st.integers(0, len(document)))]  # cut short
    return document


@st.composite
def json_feed(draw: st.DrawFn) -> bytes:
    """A JSON Feed whose values are sometimes of the wrong type, or JSON that is no feed."""
    junk = st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
        max_leaves=8)
    value = st.one_of(sentence, paragraph, html_element(), st.sampled_from(LINKS), junk)
    keys = ["id", "url", "title", "content_html", "content_text", "summary", "date_published",
            "date_modified", "language", "author", "authors"]
    items = draw(st.lists(st.dictionaries(st.sampled_from(keys), value, max_size=8), max_size=4))
    feed = {"version": draw(st.sampled_from(["https://jsonfeed.org/version/1.1",
                                             "https://jsonfeed.org/version/1", "x"])),
            "title": draw(value), "items": draw(st.one_of(st.just(items), junk))}
    return json.dumps(feed).encode()


#: What an OPML entry may name, the network left out: nothing listed may be fetched from outside.
OPML_ENTRIES = ["feeds/a.rss", "./feeds/a.rss", "missing.xml", "file:feeds/a.rss", "file:///etc/passwd",
                "file://elsewhere/x", "javascript:alert(1)", "data:text/xml,x", "", "  ", "/", ".",
                "subs.opml", "http://127.0.0.1:9/feed.xml", "\x00x", "a&amp;b", "%2e%2e/x"]


@st.composite
def opml(draw: st.DrawFn) -> bytes:
    """An OPML list of local feeds and what names none, outlines nested in folders."""
    outlines = draw(st.lists(st.one_of(
        st.sampled_from(OPML_ENTRIES).map(lambda v: f'<outline xmlUrl="{escaped(v)}"/>'),
        st.sampled_from(OPML_ENTRIES).map(lambda v: f'<outline text="f"><outline xmlurl="{escaped(v)}"/>'
                                                     "</outline>"),
        sentence.map(lambda s: f'<outline text="{escaped(s)}"/>')), max_size=5))
    head = draw(st.sampled_from(["", '<?xml version="1.0"?>', '<!DOCTYPE opml [<!ENTITY a "b">]>']))
    document = f'{head}<opml version="2.0"><body>{"".join(outlines)}</body></opml>'
    if draw(st.booleans()):
        document = document[: draw(st.integers(0, len(document)))]
    return document.encode("utf-8", "replace")


def read(data: bytes, suffix: str | None) -> Reading | None:
    """Read `data` from a file with `suffix` (standard input when None): a `Reading`, or None when
    briefing said in its own words why it could not."""
    try:
        if suffix is None:
            return read_sources(["-"], stdin=io.BytesIO(data))
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"story{suffix}"
            path.write_bytes(data)
            return read_sources([path])
    except SourceError as exc:
        assert str(exc) and "\n" not in str(exc)
        event("read: SourceError")
        return None


def unwritable(ch: str) -> bool:
    """A control character, a lone surrogate or a noncharacter: what cannot be spoken or written."""
    return unicodedata.category(ch) in ("Cc", "Cs") or (ord(ch) & 0xFFFE) == 0xFFFE \
        or 0xFDD0 <= ord(ch) < 0xFDF0


def assert_speakable(reading: Reading | None) -> None:
    """Every article of `reading` has only what can be spoken, shown and linked."""
    if reading is None:
        return
    event(f"read: {len(reading.articles)} articles, {len(reading.skipped)} skipped")
    assert reading.articles
    for article in reading.articles:
        texts = [article.title, *(s.title or "x" for s in article.sections),
                 *(p for s in article.sections for p in s.paragraphs)]
        for text in texts:
            assert text == text.strip() and any(ch.isalnum() for ch in text), repr(text)
            assert not any(unwritable(ch) for ch in text), repr(text)
        assert article.link is None or article.link.startswith(("http://", "https://"))
    for skipped in reading.skipped:
        assert "\n" not in skipped.reason


@FUZZ
@given(st.one_of(paragraph, st.lists(paragraph).map("\n\n".join), st.text()),
       st.sampled_from(["utf-8", "latin-1", "utf-16"]))
def test_plain_text(text, encoding):
    errors = "surrogatepass" if encoding.startswith("utf") else "replace"
    assert_speakable(read(text.encode(encoding, errors), ".txt"))


@FUZZ
@given(markdown())
def test_markdown(text):
    assert_speakable(read(text.encode("utf-8", "surrogatepass"), ".md"))


@FUZZ
@given(html_page())
def test_html_pages(page):
    assert_speakable(read(page.encode("utf-8", "surrogatepass"), ".html"))


@FUZZ
@given(feed())
def test_feeds(data):
    assert_speakable(read(data, ".xml"))


#: An e-mail address, which no text read from a message may hold.
ADDRESS = re.compile(r"\w@\w")


@FUZZ
@given(st.lists(mail(), min_size=1, max_size=3), st.booleans())
def test_mail(messages, mbox):
    data = b"".join(b"From x Tue Nov 24 06:00:00 2026\n" + m + b"\n" for m in messages) if mbox \
        else messages[0]
    reading = read(data, ".mbox" if mbox else ".eml")
    assert_speakable(reading)
    for article in reading.articles if reading else []:
        for text in [article.title, article.publication or "", *(s.title or "" for s in article.sections),
                     *(p for s in article.sections for p in s.paragraphs)]:
            assert not ADDRESS.search(text), repr(text)


@FUZZ
@given(json_feed())
def test_json_feeds(data):
    assert_speakable(read(data, ".json"))


@FUZZ
@given(opml(), feed())
def test_opml(data, listed):
    try:
        with tempfile.TemporaryDirectory() as folder:
            (Path(folder) / "feeds").mkdir()
            (Path(folder) / "feeds" / "a.rss").write_bytes(listed)
            (Path(folder) / "subs.opml").write_bytes(data)
            reading = read_sources([Path(folder) / "subs.opml"])
    except SourceError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert_speakable(reading)


@FUZZ
@given(st.one_of(st.binary(max_size=2000), feed(), html_page().map(str.encode), mail(), json_feed(),
                 opml()),
       st.sampled_from([None, ".txt", ".md", ".html", ".rss", ".unknown", ".eml", ".mbox", ".json",
                        ".opml"]))
def test_any_bytes_as_any_kind_or_on_standard_input(data, suffix):
    assert_speakable(read(data, suffix))


@FUZZ
@given(st.one_of(paragraph, st.text()), st.sampled_from(["en", "fr", "de", "ja", "xx", ""]))
def test_sentence_splitting(text, language):
    for piece in split_sentences(text, language):
        assert piece == piece.strip() and any(ch.isalnum() for ch in piece)


SOURCES = st.one_of(
    st.tuples(st.just(".txt"), st.lists(paragraph, max_size=4).map("\n\n".join).map(str.encode)),
    st.tuples(st.just(".md"), markdown().map(lambda t: t.encode("utf-8", "surrogatepass"))),
    st.tuples(st.just(".html"), html_page().map(lambda t: t.encode("utf-8", "surrogatepass"))),
    st.tuples(st.just(".rss"), feed()),
    st.tuples(st.just(".eml"), mail()),
    st.tuples(st.just(".json"), json_feed()),
)


def assert_cli(result) -> None:
    """Exit 0, 1 or 3; on 1, one `Error:` line; never a traceback or the catch-all message."""
    event(f"exit {result.exit_code}")
    assert result.exit_code in (0, 1, 3), result.output
    assert "Traceback" not in result.output and "unexpected failure" not in result.output
    if result.exit_code == 1:
        assert result.stderr.splitlines()[-1].startswith("Error: "), result.stderr


def _write(folder: Path, sources: list[tuple[str, bytes]]) -> list[Path]:
    """Each source as a file of its kind in `folder`."""
    paths = [folder / f"story{number}{suffix}" for number, (suffix, _) in enumerate(sources)]
    for path, (_, data) in zip(paths, sources, strict=True):
        path.write_bytes(data)
    return paths


@settings(FUZZ, max_examples=max(EXAMPLES // 2, 10))
@given(st.lists(SOURCES, min_size=1, max_size=3), st.booleans())
def test_script_command(sources, as_json):
    with tempfile.TemporaryDirectory() as folder:
        paths = _write(Path(folder), sources)
        result = run_cli("script", *paths, "--date", DATE, *(["--json"] if as_json else []))
        assert_cli(result)
        assert sorted(Path(folder).iterdir()) == sorted(paths)  # nothing written beside them


@settings(FUZZ, max_examples=max(EXAMPLES // 10, 5))
@given(st.lists(SOURCES, min_size=1, max_size=2))
def test_build_command(tone_voice, sources):
    with tempfile.TemporaryDirectory() as folder:
        paths = _write(Path(folder), sources)
        out = Path(folder) / "out"
        result = run_cli("-q", "build", *paths, "--voice", tone_voice, "--date", DATE,
                         "-o", out / "bulletin.mp3")
        assert_cli(result)
        written = sorted(p.name for p in out.iterdir()) if out.exists() else []
        if result.exit_code == 1:
            assert written == []
        else:
            assert "bulletin.mp3" in written
