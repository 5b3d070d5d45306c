"""Reading Markdown, HTML pages, RSS and Atom feeds, stdin and URLs: text only, no audio."""

import http.server
import io
import json
import logging
import re
import threading

import pytest

from briefing.errors import SourceError
from briefing.sources.feed import read_feed
from briefing.sources.markdown import read_markdown
from briefing.sources.read import NothingToRead, detect_kind, read_sources

from ..conftest import ROOT, run_cli

SEEDS = ROOT / "seeds"
#: Text on the sample page that is not the article; none of it may ever be spoken.
BOILERPLATE = ["cookie", "Accept all", "Advertisement", "Cheap flights", "Summit Bank", "Subscribe",
               "Related stories", "Main Street", "newsletter", "Sign up", "Copyright", "Privacy",
               "Share this story", "Jim from Riverside", "Transport reporter", "tracking", "Home",
               "Sport", "Weather"]


def test_markdown_front_matter_headings_and_what_is_never_read():
    article = read_markdown((SEEDS / "council-budget.md").read_text(), "council-budget.md")
    assert article.title == "Council approves a leaner budget"
    assert (article.author, article.language) == ("Sam Lee", "en")
    assert article.published.date().isoformat() == "2026-11-23"
    assert [s.title for s in article.sections] == [None, "What changes for residents", "What comes next"]
    first = article.sections[0].paragraphs
    assert first[0].startswith("The city council approved a leaner budget on Monday night")
    assert "optimistic forecasts of sales tax revenue." in first[1]  # link text kept, URL not
    text = json.dumps([s.paragraphs for s in article.sections])
    for unread in ("code block", "photo of the council", "Department", "-6 jobs", "**", "]("):
        assert unread not in text


def test_markdown_toml_front_matter_and_no_headings():
    article = read_markdown('+++\ntitle = "Short"\nlang = "es"\n+++\nUno.\n\nDos.\n', "s.md")
    assert (article.title, article.language) == ("Short", "es")
    assert [s.paragraphs for s in article.sections] == [("Uno.",), ("Dos.",)]


def test_markdown_with_bad_front_matter_names_it():
    with pytest.raises(SourceError, match=r"^x.md: the front matter is not valid YAML"):
        read_markdown("---\ntitle: [unclosed\n---\nBody.\n", "x.md")


def test_html_page_keeps_the_article_and_drops_every_bit_of_boilerplate():
    [article] = read_sources([SEEDS / "bridge-reopens.html"]).articles
    assert article.title == "Old Mill Bridge reopens after two years of repairs"
    assert article.author == "Dana Reyes"
    assert article.language == "en"
    assert article.published.date().isoformat() == "2026-11-23"
    assert [s.title for s in article.sections] == [None, "Traffic returns to the old town"]
    text = " ".join(p for s in article.sections for p in s.paragraphs)
    assert text.startswith("The Old Mill Bridge reopened to traffic on Monday morning")
    assert text.endswith("with a walk across the bridge for residents.")
    for junk in BOILERPLATE:
        assert junk.lower() not in text.lower(), junk


def test_rss_items_are_stories_with_content_or_summary():
    articles = read_feed((SEEDS / "valley-times.rss").read_bytes(), "valley-times.rss")
    assert [a.title for a in articles] == ["Library hours extended through the winter",
                                           "Snow expected in the hills on Thursday"]
    library, snow = articles
    # The full content wins over the one-line description.
    assert library.sections[1].paragraphs[0].startswith("The longer hours are paid for by a state grant")
    assert snow.sections[0].paragraphs[0].startswith("Forecasters expect the first snow")
    assert library.link == "https://example.org/library-hours"
    assert library.published.isoformat() == "2026-11-23T09:30:00+00:00"
    assert library.author == "Ana Ortiz" and library.publication == "Valley Times"


def test_atom_entries_and_the_item_limit():
    data = (SEEDS / "riverside-updates.atom").read_bytes()
    articles = read_feed(data, "r.atom")
    assert [a.title for a in articles] == ["New footpath opens along the river",
                                           "Recycling collection moves to Tuesdays"]
    assert articles[0].sections[1].paragraphs == ("The path is lit at night and open to cyclists.",)
    assert articles[0].language == "en"
    assert [a.title for a in read_feed(data, "r.atom", items=1)] == ["New footpath opens along the river"]


REFUSED = "declares XML entities or external references (in its <!DOCTYPE> declaration); refused"
_ENTITIES = '<!ENTITY a0 "dha">' + "".join(f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10))
_ITEM = "<rss version='2.0'><channel><title>t</title><item><title>&a9;</title></item></channel></rss>"
#: RSS 0.91's document type: Netscape's DTD, by its public identifier and its long-dead address.
NETSCAPE = ('<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"'
            '\n "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n')


@pytest.mark.parametrize("data", [
    b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b'<rss version="2.0"><channel><title>x</title><item><title>&xxe;</title>'
    b'<description>a</description></item></channel></rss>',
    f'<?xml version="1.0"?><!DOCTYPE rss [{_ENTITIES}]>{_ITEM}'.encode(),
    # a parameter entity that would fetch a DTD, and entities beside the Netscape DTD
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % ext SYSTEM "http://127.0.0.1:9/x.dtd"> %ext;]>'
    b"<rss version='2.0'><channel><title>t</title><item><title>x</title></item></channel></rss>",
    f'{NETSCAPE[:-2]} [{_ENTITIES}]>{_ITEM}'.encode(),
    # what expat cannot parse, feedparser's lenient parser reads: refused all the same
    f' <?xml version="1.0"?><!DOCTYPE rss [{_ENTITIES}]>{_ITEM}'.encode(),
    f'<?xml version="1.0" encoding="shift_jis"?><!DOCTYPE rss [{_ENTITIES}]>{_ITEM}'.encode(),
    f'<?xml version="1.0" encoding="x-bogus"?><!DOCTYPE rss [{_ENTITIES}]>{_ITEM}'.encode(),
    f'<?xml version="1.0"?><!DOCTYPE rss [{_ENTITIES}]>{_ITEM}'.encode("utf-16"),
])
def test_feed_declaring_entities_or_external_references_is_refused(data):
    with pytest.raises(SourceError, match=f"^evil.xml: the feed {re.escape(REFUSED)} for safety$"):
        read_feed(data, "evil.xml")


def test_an_rss_091_feed_under_the_netscape_dtd_is_read_with_the_entities_it_defines(caplog):
    """The DTD declares HTML's Latin-1 entities, so `&eacute;` is é there, not an error that sends
    the feed to feedparser's lenient parser with a warning."""
    data = (NETSCAPE + '<rss version="0.91"><channel><title>Le Journal</title><language>fr</language>'
            '<item><title>Caf&eacute; ouvert &agrave; Lyon</title><link>https://example.org/cafe</link>'
            "<description>L&#39;&eacute;t&eacute; commence t&ocirc;t &amp; fort.</description></item>"
            "<item><title>Plain</title><description>Le march&eacute; <![CDATA[&eacute;]]></description>"
            "</item></channel></rss>").encode()
    with caplog.at_level(logging.WARNING, logger="briefing"):
        cafe, market = read_feed(data, "old.rss")
    assert (cafe.title, cafe.link, cafe.language) == ("Café ouvert à Lyon", "https://example.org/cafe", "fr")
    assert cafe.sections[0].paragraphs == ("L'été commence tôt & fort.",)
    assert market.sections[0].paragraphs == ("Le marché &eacute;",)  # character data is not markup
    assert caplog.records == []


def test_a_dtd_a_feed_names_is_never_fetched_and_its_entities_never_read(tmp_path):
    fetched = []

    class Dtd(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            fetched.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY secret "LEAKED">')

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Dtd)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    local = tmp_path / "secret.dtd"
    local.write_text('<!ENTITY secret "LEAKED">')
    try:
        for dtd in (f"http://127.0.0.1:{server.server_port}/rss.dtd", local.as_uri()):
            data = (f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{dtd}"><rss version="2.0"><channel>'
                    "<title>T</title><item><title>Quiet day</title><description>Nothing &secret; "
                    "happened.</description></item></channel></rss>").encode()
            [article] = read_feed(data, "x.rss")
            assert article.title == "Quiet day"
            assert "LEAKED" not in repr(article)
    finally:
        server.shutdown()
        server.server_close()
    assert fetched == []


def test_a_feed_in_an_encoding_expat_cannot_read_is_read_by_feedparser():
    feed = ('<?xml version="1.0" encoding="shift_jis"?><rss version="2.0"><channel><title>東京</title>'
            '<item><title>雨のち晴れ</title><description>東京は午後から晴れる見込みです。</description>'
            '</item></channel></rss>').encode("shift_jis")
    [article] = read_feed(feed, "tokyo.xml")
    assert article.title == "雨のち晴れ"
    assert article.sections[0].paragraphs == ("東京は午後から晴れる見込みです。",)


@pytest.mark.parametrize(("data", "message"), [
    (b"<rss version='2.0'><channel><title>Empty</title></channel></rss>", "x: the feed has no items"),
    (b"<?xml version='1.0'?><rss><channel><item><title>Broken", "x: not a valid RSS or Atom feed"),
    (b"<?xml version='1.0'?><catalog><book>Not a feed</book></catalog>", "x: not a valid RSS or Atom feed"),
])
def test_empty_and_malformed_feeds(data, message):
    with pytest.raises(SourceError, match=f"^{message}"):
        read_feed(data, "x")


@pytest.mark.parametrize(("data", "name", "kind"), [
    (b"<?xml version='1.0'?><rss version='2.0'>", "news.txt", "feed"),   # content beats the name
    (b"\xef\xbb\xbf  <feed xmlns='http://www.w3.org/2005/Atom'>", "", "feed"),
    (b"<!DOCTYPE html><html><body>", "page", "html"),
    (b"<html lang='en'>", "story.md", "html"),
    (b"---\ntitle: A\n---\nText", "", "markdown"),
    (b"# Heading\n\nText", "", "markdown"),
    (b"Plain words.\n\nMore.", "", "text"),
    (b"# Not a heading in a .txt", "a.txt", "text"),
    (b"Anything", "https://example.org/feed.rss", "feed"),
])
def test_kind_comes_from_content_then_name(data, name, kind):
    assert detect_kind(data, name) == kind


def test_stdin_is_read_as_a_source():
    page = (SEEDS / "bridge-reopens.html").read_bytes()
    [article] = read_sources(["-"], stdin=io.BytesIO(page)).articles
    assert article.title.startswith("Old Mill Bridge")
    result = run_cli("script", "-", "--date", "2026-11-24", input="# Headline\n\nRead from a pipe.\n")
    assert result.exit_code == 0, result.output
    assert "Read from a pipe." in result.output and "\nHeadline.\n" in result.output


def test_bad_sources_are_skipped_and_named_while_the_rest_are_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Rain is expected by evening.\n")
    empty = tmp_path / "empty.rss"
    empty.write_text("<rss version='2.0'><channel><title>Empty</title></channel></rss>")
    nothing = tmp_path / "nav.html"
    nothing.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    reading = read_sources([good, empty, nothing, tmp_path / "missing.md"])
    assert [a.title for a in reading.articles] == ["Good"]
    assert [s.reason for s in reading.skipped] == [
        f"{empty}: the feed has no items",
        f"{nothing}: no article text found on the page",
        f"{tmp_path / 'missing.md'}: no such file or folder",
    ]
    with pytest.raises(NothingToRead, match=r"^nothing to read: all 2 sources were skipped$"):
        read_sources([empty, nothing])


def test_a_page_read_twice_in_one_process_reads_the_same():
    page = (SEEDS / "bridge-reopens.html").read_bytes()
    readings = [read_sources(["-"], stdin=io.BytesIO(page)).articles[0] for _ in range(8)]
    assert all(reading == readings[0] for reading in readings)


#: Pages with nothing but a site's furniture: a menu, a cookie or consent banner, a footer.
FURNITURE_ONLY = {
    "banner-class.html": "<div class='cookie-banner'><p>We use cookies to improve your experience on "
                         "our site. By continuing to browse you agree to our use of cookies.</p>"
                         "<button>Accept all</button></div>",
    "dialog.html": "<div id='consent' role='dialog'><p>We and our partners use cookies and similar "
                   "technologies to personalise content and ads, and to analyse our traffic.</p>"
                   "<button>Accept</button> <button>Reject</button></div>",
    "cmp.html": "<div id='onetrust-banner-sdk' role='region'><div><p>This site uses cookies. Some are "
                "needed for it to work; others help us understand how you use it.</p></div></div>",
}


@pytest.mark.parametrize("name", sorted(FURNITURE_ONLY))
def test_a_page_of_only_menu_cookie_banner_and_footer_has_no_article(tmp_path, name):
    page = tmp_path / name
    page.write_text("<!DOCTYPE html><html lang='en'><head><title>Valley News</title></head><body>"
                    "<header><a href='/'>Valley News</a></header><nav><ul><li><a href='/'>Home</a>"
                    "</li><li><a href='/sport'>Sport</a></li></ul></nav>" + FURNITURE_ONLY[name] +
                    "<footer><p>Valley News Ltd, 1 Main Street. All rights reserved.</p></footer>"
                    "</body></html>")
    good = tmp_path / "road.html"
    good.write_text("<html><head><title>Road closed</title></head><body><nav><a href='/'>Home</a></nav>"
                    "<article><h1>Road closed</h1><p>The valley road is closed until Friday after a "
                    "landslide near the bridge.</p><p>Drivers should use the coast road.</p></article>"
                    "<footer>Copyright</footer></body></html>")
    reading = read_sources([page, good])
    assert [s.reason for s in reading.skipped] == [f"{page}: no article text found on the page"]
    [article] = reading.articles
    assert [s.paragraphs for s in article.sections] == [
        ("The valley road is closed until Friday after a landslide near the bridge.",),
        ("Drivers should use the coast road.",)]


def test_a_page_with_control_characters_beside_its_furniture_is_read():
    page = (b"<html><body><nav>Home</nav>\x01 tail\x02 text<article><p>The valley road is closed "
            b"until Friday after a landslide\x0b near the bridge.</p></article></body></html>")
    [article] = read_sources(["-"], stdin=io.BytesIO(page)).articles
    assert article.sections[-1].paragraphs[-1].endswith(
        "The valley road is closed until Friday after a landslide near the bridge.")


def test_an_item_with_a_date_feedparser_cannot_read_has_none_and_no_warning(recwarn):
    feed = (b"<rss version='2.0'><channel><title>Wire</title><item><title>Rain</title>"
            b"<pubDate>sometime</pubDate><description>Rain is expected.</description></item>"
            b"</channel></rss>")
    [article] = read_feed(feed, "wire.rss")
    assert article.published is None
    assert not [w for w in recwarn if issubclass(w.category, DeprecationWarning)]


def test_a_feed_item_with_character_references_to_controls_beside_an_image_is_read():
    """lxml decodes `&#1;` into a control character, then refuses to join it to the text before
    an image it drops: the fuzz of the feeds found it."""
    from briefing.sources.html import html_fragment_blocks

    blocks = html_fragment_blocks("<p>One &#1; two</p><img src=x>&#2;tail <b>three</b>")
    assert [b.text for b in blocks] == ["One two", "tail three"]


@pytest.mark.parametrize("reference", [b"&#xD800;", b"&#55296;", b"&#99999999999;", b"&#x110000;",
                                       b"&#x00000000000D800;"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_character_reference_to_no_character_costs_only_that_character(reference, encoding):
    # feedparser's lenient parser called chr() on such a reference and raised (a surrogate could
    # not be encoded, a huge number overflowed): a catch-all failure for the whole feed.
    ref = reference.decode()
    feed = (f"<?xml version='1.0' encoding='{encoding}'?><rss version='2.0'><channel><title>Wire"
            f"</title><item><title>Rain{ref}</title><description>Rain{ref} is expected.</description>"
            "</item><item><title>Wind</title><description>Wind is expected.</description></item>"
            "</channel></rss>").encode(encoding)
    rain, wind = read_feed(feed, "wire.rss")
    assert rain.title == "Rain"
    assert rain.sections[0].paragraphs == ("Rain is expected.",)
    assert wind.title == "Wind"


def test_a_page_of_only_a_consent_banner_by_its_own_name_has_no_article(tmp_path):
    """No usual class of trafilatura's (`class="cookie"`), beside a menu and a footer: still not
    an article, so not read aloud."""
    page = tmp_path / "cookie.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav><div class='cookie'>We use "
                    "cookies. Accept all cookies.</div><footer>Copyright 2026</footer></body></html>")
    result = run_cli("script", page, "--voice", "system")
    assert result.exit_code == 1
    assert result.output.endswith(f"Error: {page}: no article text found on the page\n")
