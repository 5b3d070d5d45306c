"""Open Graph tags and the links that subscribe in podcast apps: absolute addresses only where the
show is on the web, every value escaped."""

import pytest

from briefing.publish.social import Card, absolute, icon_link, og_locale, open_graph, subscribe_links

FEED = "https://podcasts.example.org/valley/feed.xml"


def test_each_common_app_gets_its_own_kind_of_link():
    assert subscribe_links(FEED, "Valley & Hills") == [
        ("Apple Podcasts", "podcast://podcasts.example.org/valley/feed.xml"),
        ("Overcast", f"overcast://x-callback-url/add?url={FEED}"),
        ("Pocket Casts", f"https://pcasts.in/feed/{FEED}"),
        ("AntennaPod", f"https://antennapod.org/deeplink/subscribe?url={FEED}&title=Valley%20%26%20Hills"),
        ("Podcast Addict", "https://podcastaddict.com/feed/"
                           "https%3A%2F%2Fpodcasts.example.org%2Fvalley%2Ffeed.xml"),
        ("gPodder", f"https://gpodder.net/subscribe?url={FEED}"),
    ]


def test_a_feed_with_a_query_of_its_own_stays_one_value():
    links = dict(subscribe_links("https://example.org/feed?show=1&fmt=rss", "T"))
    assert links["gPodder"] == "https://gpodder.net/subscribe?url=https://example.org/feed%3Fshow%3D1%26fmt%3Drss"


@pytest.mark.parametrize("feed", ["file:///srv/valley/feed.xml", "feed.xml", "javascript:alert(1)"])
def test_a_feed_not_on_the_web_gets_no_app_links(feed):
    assert subscribe_links(feed, "T") == []


def test_addresses_are_absolute_only_on_the_web():
    base = "https://podcasts.example.org/valley/"
    assert absolute(base, "2026-11-24 news.mp3") == base + "2026-11-24%20news.mp3"
    assert absolute(base, "https://cdn.example.org/cover.jpg") == "https://cdn.example.org/cover.jpg"
    assert absolute("file:///srv/valley/", "x.mp3") is None
    assert absolute(None, "x.mp3") is None
    assert absolute(base, "../secret.jpg") is None and absolute(base, None) is None


@pytest.mark.parametrize(("language", "locale"), [
    ("en", "en_US"), ("es", "es_ES"), ("pt-BR", "pt_BR"), ("zh", "zh_CN"), ("ja", "ja_JP"),
    ("fi", "fi_FI"), ("xx-not", "en_US"),
])
def test_the_locale_is_language_and_territory(language, locale):
    assert og_locale(language) == locale


def test_the_card_escapes_and_leaves_out_what_it_lacks():
    tags = open_graph(Card(kind="website", title='Valley "Daily" <b>', description="Morning\n news",
                           language="es"))
    assert tags == ('<meta property="og:type" content="website">\n'
                    '<meta property="og:title" content="Valley &quot;Daily&quot; &lt;b&gt;">\n'
                    '<meta property="og:description" content="Morning news">\n'
                    '<meta property="og:locale" content="es_ES">')


@pytest.mark.parametrize(("favicon", "link"), [
    ("favicon.png", '<link rel="icon" href="favicon.png" type="image/png">'),
    ("https://example.org/i.ico?v=2", '<link rel="icon" href="https://example.org/i.ico?v=2" '
                                      'type="image/x-icon">'),
    ("../icon.png", ""), ("javascript:alert(1)", ""), (None, ""),
])
def test_the_icon_is_a_file_beside_the_page_or_on_the_web(favicon, link):
    assert icon_link(favicon) == link
