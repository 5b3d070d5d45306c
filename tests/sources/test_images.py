"""A story's own picture, read from its feed item or its page, for the chapter's image."""

import json

from briefing.sources.feed import read_feed
from briefing.sources.html import read_page
from briefing.sources.jsonfeed import read_json_feed

BODY = "<p>The harbour stayed open all night while crews unloaded grain and steel.</p>"

FEED = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:media="http://search.yahoo.com/mrss/"
     xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>Harbour Gazette</title><link>https://example.org/</link>
  <item><title>Enclosed</title><link>https://example.org/a</link>
    <enclosure url="https://example.org/a.mp3" type="audio/mpeg" length="1"/>
    <enclosure url="https://example.org/a.jpg" type="image/jpeg" length="1"/>
    <content:encoded><![CDATA[{BODY}]]></content:encoded></item>
  <item><title>Thumbnail</title><link>https://example.org/news/b</link>
    <media:thumbnail url="/pictures/b.png" width="600" height="400"/>
    <content:encoded><![CDATA[{BODY}]]></content:encoded></item>
  <item><title>Media</title><link>https://example.org/c</link>
    <media:content url="https://example.org/c.mp4" medium="video"/>
    <media:content url="https://example.org/c.webp" medium="image"/>
    <content:encoded><![CDATA[{BODY}]]></content:encoded></item>
  <item><title>Itunes</title><link>https://example.org/d</link>
    <itunes:image href="https://example.org/d.jpg"/>
    <content:encoded><![CDATA[{BODY}]]></content:encoded></item>
  <item><title>Plain</title><link>https://example.org/e</link>
    <enclosure url="https://example.org/e.mp3" type="audio/mpeg" length="1"/>
    <content:encoded><![CDATA[{BODY}]]></content:encoded></item>
  <item><title>Scripted</title><link>https://example.org/f</link>
    <media:thumbnail url="javascript:alert(1)"/>
    <content:encoded><![CDATA[{BODY}]]></content:encoded></item>
</channel></rss>
"""


def test_a_feed_items_own_picture_is_its_image():
    articles = read_feed(FEED.encode(), "gazette.rss")
    assert {a.title: a.image for a in articles} == {
        "Enclosed": "https://example.org/a.jpg",  # the image enclosure, not the audio one
        "Thumbnail": "https://example.org/pictures/b.png",  # relative to the item's link
        "Media": "https://example.org/c.webp",
        "Itunes": "https://example.org/d.jpg",
        "Plain": None,
        "Scripted": None,  # only a web address is ever a picture
    }


def test_a_pages_og_image_is_its_image():
    page = ("<html><head><title>Harbour news</title>"
            "<meta property='og:image' content='/img/harbour.jpg'></head>"
            f"<body><article><h1>Harbour news</h1>{BODY * 3}</article></body></html>")
    article = read_page(page, "page.html", url="https://example.org/news/harbour")
    assert article is not None and article.image == "https://example.org/img/harbour.jpg"
    without = read_page(page.replace("og:image", "og:other"), "page.html")
    assert without is not None and without.image is None


def test_a_json_feed_items_image_is_its_image():
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Gazette",
            "items": [{"id": "1", "title": "Pictured", "url": "https://example.org/p",
                       "image": "https://example.org/p.jpg", "content_html": BODY},
                      {"id": "2", "title": "Bannered", "url": "https://example.org/q",
                       "banner_image": "https://example.org/q.jpg", "content_html": BODY},
                      {"id": "3", "title": "Bare", "content_html": BODY}]}
    articles = read_json_feed(json.dumps(feed).encode(), "gazette.json", 10)
    assert [a.image for a in articles] == ["https://example.org/p.jpg", "https://example.org/q.jpg",
                                           None]
