"""E-mail newsletters (.eml, .mbox): the stories are spoken, the envelope and the furniture never."""

import datetime as dt
import email.policy
import re
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

import pytest

from briefing.errors import SourceError
from briefing.sources.article import Article, Skipped
from briefing.sources.mail import read_mail
from briefing.sources.mailhtml import is_furniture, without_addresses
from briefing.sources.read import detect_kind, read_sources

from ..conftest import DATE, ffprobe, run_cli

#: Words of the headers and the furniture: none may be spoken.
NEVER_SPOKEN = ("boundary", "content-type", "content-transfer", "mime-version", "@", "base64",
                "quoted-printable", "=?utf-8", "=c3", "=20", "joe", "example.com", "preview of",
                "view in browser", "unsubscribe", "manage preferences", "you are receiving",
                "forward to a friend", "facebook", "twitter", "follow us", "read more", "message-id",
                "valleytimes.example", "1 main street")

PREHEADER = "Preview of today: gates, markets and more inside"


def newsletter_html(stories: list[tuple[str, list[str]]]) -> str:
    """A newsletter as services send them: layout tables, a hidden preheader, a "View in browser"
    link, social links and an unsubscribe footer naming the subscriber."""
    cells = "".join(
        f'<tr><td class="story" style="padding:12px"><h2><a href="https://valleytimes.example/s/{n}">'
        f'{title}</a></h2>{"".join(f"<p>{p}</p>" for p in paragraphs)}'
        f'<p><a href="https://valleytimes.example/s/{n}">Read more</a></p></td></tr>'
        for n, (title, paragraphs) in enumerate(stories))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Valley Times</title>
<style>.preheader {{ display: none !important; }}</style></head>
<body style="margin:0">
<div class="preheader" style="display:none;max-height:0;overflow:hidden;mso-hide:all">{PREHEADER}</div>
<span style="font-size:0;opacity:0">&#847; &zwnj; &#847; &zwnj;</span>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td align="center">
<table width="600" cellpadding="0" cellspacing="0" border="0">
<tr><td style="font-size:11px;text-align:right">
<a href="https://valleytimes.example/web/1">View in browser</a></td></tr>
<tr><td><img src="https://valleytimes.example/logo.png" alt="Valley Times logo" width="200"></td></tr>
{cells}
<tr><td>Follow us: <a href="https://facebook.com/valleytimes">Facebook</a> |
<a href="https://twitter.com/valleytimes">Twitter</a></td></tr>
<tr><td style="font-size:11px;color:#888">You are receiving this because you subscribed to Valley Times.
This email was sent to <a href="mailto:joe@example.com">joe@example.com</a>.<br>
<a href="https://valleytimes.example/u?e=joe%40example.com">Unsubscribe</a> |
<a href="https://valleytimes.example/prefs">Manage preferences</a> |
<a href="https://valleytimes.example/fwd">Forward to a friend</a><br>Valley Times, 1 Main Street</td></tr>
</table></td></tr></table>
<img src="https://valleytimes.example/open.gif?u=joe%40example.com" width="1" height="1" alt="">
</body></html>"""


def newsletter_text(stories: list[tuple[str, list[str]]]) -> str:
    body = "\n\n".join(f"{title}\n\n" + "\n\n".join(paragraphs) for title, paragraphs in stories)
    return (f"View this email in your browser (https://valleytimes.example/web/1)\n\n{body}\n\n"
            "-- \nValley Times\nUnsubscribe: https://valleytimes.example/u\n")


def newsletter(subject: str, stories: list[tuple[str, list[str]]], date: str,
               html_encoding: str = "base64", text_encoding: str = "quoted-printable",
               html: bool = True) -> EmailMessage:
    """A multipart/alternative newsletter from Valley Times to joe@example.com."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = Address("Valley Times", "news", "valleytimes.example")
    message["To"] = Address("Joe Reader", "joe", "example.com")
    message["Subject"] = subject  # non-ASCII: written as RFC 2047 encoded words
    message["Date"] = date
    message["Message-ID"] = f"<{abs(hash(subject))}@mail.valleytimes.example>"
    message["List-Unsubscribe"] = "<mailto:unsubscribe@valleytimes.example>"
    message.set_content(newsletter_text(stories), cte=text_encoding)
    if html:
        message.add_alternative(newsletter_html(stories), subtype="html", cte=html_encoding)
    return message


FLOOD = ("Flood gates open at dawn",
         ["The river authority opened the flood gates at dawn on Tuesday, after three days of heavy "
          "rain upstream. Café owners on the quay cheered.",
          "Engineers said the water level fell by forty centimetres before noon."])
MARKET = ("Market day moves to Thursday",
          ["The weekly market moves to Thursdays from next month, the traders' association said."])
CHOIR = ("Choir seeks tenors", ["The town choir is looking for tenors before its winter concert."])
SCHOOL = ("School roof repaired", ["The primary school's roof was repaired over the weekend."])


def spoken(result_output: str) -> str:
    return result_output.casefold()


def sentences(paragraphs: list[str]) -> list[str]:
    """The sentences of `paragraphs`, as the script prints them: one a line."""
    return [s.casefold() for p in paragraphs for s in re.split(r"(?<=\.) ", p)]


def write(path: Path, message: EmailMessage) -> Path:
    data = message.as_bytes()
    assert b"Content-Transfer-Encoding" in data
    path.write_bytes(data)
    return path


def test_an_eml_newsletter_speaks_its_stories_and_nothing_of_its_envelope(tmp_path):
    eml = write(tmp_path / "issue.eml", newsletter("Valley news: café quay floods — and markets",
                                                   [FLOOD, MARKET], "Tue, 24 Nov 2026 06:00:00 +0000"))
    assert b"=?utf-8?" in eml.read_bytes() and b"base64" in eml.read_bytes()
    result = run_cli("script", eml, "--date", DATE)
    assert result.exit_code == 0, result.output
    text = spoken(result.stdout)
    for never in NEVER_SPOKEN:
        assert never not in text, never
    assert "valley news: café quay floods, and markets" in text  # the decoded subject
    for title, paragraphs in (FLOOD, MARKET):
        assert f". {title} [section] ==" in result.stdout
        for sentence in sentences(paragraphs):
            assert sentence in text


def test_the_message_gives_the_stories_metadata_and_never_an_address(tmp_path):
    message = newsletter("Flood gates open", [FLOOD], "Tue, 24 Nov 2026 06:00:00 +0100",
                         html_encoding="quoted-printable", text_encoding="base64")
    [article] = read_sources([write(tmp_path / "flood.eml", message)]).articles
    assert article.title == "Flood gates open"
    assert article.publication == "Valley Times"
    assert article.published == dt.datetime(2026, 11, 24, 5, tzinfo=dt.UTC)
    assert article.language == "en" and article.author is None
    assert [s.title for s in article.sections] == ["Flood gates open at dawn"]
    assert article.sections[0].paragraphs == tuple(FLOOD[1])


def test_a_plain_text_message_without_its_signature_and_footer(tmp_path):
    message = newsletter("=?iso-8859-1?q?Caf=E9_news?=", [FLOOD, CHOIR], "Mon, 23 Nov 2026 07:00:00 GMT",
                         html=False)
    # An encoded subject written as it arrives, and a body in latin-1.
    del message["Subject"]
    message["Subject"] = "Café news"
    message.set_content(newsletter_text([FLOOD, CHOIR]) + "Sent to joe@example.com\n",
                        charset="iso-8859-1", cte="quoted-printable")
    [article] = read_sources([write(tmp_path / "plain.eml", message)]).articles
    assert article.title == "Café news"
    paragraphs = [p for s in article.sections for p in s.paragraphs]
    assert paragraphs == [FLOOD[0], *FLOOD[1], CHOIR[0], *CHOIR[1]]


def test_an_mbox_gives_one_story_a_message_newest_first(tmp_path):
    issues = [newsletter("Flood gates open", [FLOOD], "Mon, 23 Nov 2026 06:00:00 +0000"),
              newsletter("Choir seeks tenors", [CHOIR], "Wed, 25 Nov 2026 06:00:00 +0000"),
              newsletter("School roof repaired", [SCHOOL], "Tue, 24 Nov 2026 06:00:00 +0000")]
    # A body line that begins with "From " is escaped in an mbox (">From "), and read back as it was.
    issues[2].get_body(("plain",)).set_content(
        "School roof repaired\n\nFrom Monday the school is open again.\n", cte="7bit")
    issues[2].get_body(("html",)).set_content(
        "<p>The primary school's roof was repaired over the weekend.</p>\n"
        "From the head teacher: thank you.\n", subtype="html", cte="7bit")
    mbox = tmp_path / "valley.mbox"
    mbox.write_bytes(b"".join(
        b"From news@valleytimes.example Mon Nov 23 06:00:00 2026\n"
        + re.sub(rb"(?m)^(>*From )", rb">\1", m.as_bytes(policy=email.policy.SMTP.clone(linesep="\n")))
        + b"\n" for m in issues))
    assert detect_kind(mbox.read_bytes()) == "mbox"

    articles = read_mail("mbox", mbox.read_bytes(), str(mbox), str(mbox), 10)
    assert [a.title for a in articles if isinstance(a, Article)] == [
        "Choir seeks tenors", "School roof repaired", "Flood gates open"]
    school = articles[1]
    assert isinstance(school, Article)
    assert [p for s in school.sections for p in s.paragraphs] == [
        "The primary school's roof was repaired over the weekend.", "From the head teacher: thank you."]
    assert len(read_mail("mbox", mbox.read_bytes(), str(mbox), str(mbox), 2)) == 2

    result = run_cli("script", mbox, "--date", DATE)
    assert result.exit_code == 0, result.output
    assert len([line for line in result.stdout.splitlines() if "[story" in line]) == 3
    text = spoken(result.stdout)
    for never in NEVER_SPOKEN:
        assert never not in text, never
    assert "valley times" in text  # the sender, the bulletin's title when all its stories share it
    for sentence in sentences([*FLOOD[1], *CHOIR[1]]):
        assert sentence in text


def test_a_message_with_no_body_is_one_line_and_the_other_source_is_read(tmp_path):
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"From: Valley Times <news@valleytimes.example>\nSubject: Nothing\n"
                      b"Date: Tue, 24 Nov 2026 06:00:00 +0000\n\n")
    good = tmp_path / "good.txt"
    good.write_text("Rain is expected by evening.\n")
    result = run_cli("script", empty, good, "--date", DATE)
    assert result.exit_code == 3, result.output
    assert result.stderr == (f"Skipped: {empty}: the message has no text to read aloud (no text or "
                             "HTML body, or only a newsletter's links and footer)\n")
    assert "Rain is expected by evening." in result.stdout


def test_an_mbox_message_without_text_is_skipped_in_its_place(tmp_path):
    data = (b"From a Mon Nov 23 06:00:00 2026\nFrom: news@mail.valleytimes.example\nSubject: Empty\n\n\n"
            b"From b Mon Nov 23 07:00:00 2026\nFrom: news@mail.valleytimes.example\nSubject: Full\n"
            b"Content-Type: text/plain; charset=unknown-8bit\n\nThe ferry leaves at seven.\n")
    got = read_mail("mbox", data, "m.mbox", "m.mbox", 10)
    assert got[0] == Skipped("m.mbox (Empty)", "m.mbox (Empty): the message has no text to read aloud "
                             "(no text or HTML body, or only a newsletter's links and footer)")
    assert isinstance(got[1], Article) and got[1].publication == "valleytimes.example"
    assert got[1].sections[0].paragraphs == ("The ferry leaves at seven.",)
    with pytest.raises(SourceError, match=r"^m.mbox: the mailbox holds no messages$"):
        read_mail("mbox", b"From nobody\n\n", "m.mbox", "m.mbox", 10)


@pytest.mark.parametrize(("paragraph", "furniture"), [
    ("Unsubscribe | Manage preferences", True),
    ("You're receiving this email because you signed up at our website.", True),
    ("Having trouble viewing this email? View it online.", True),
    ("© 2026 Valley Times. All rights reserved.", True),
    ("Facebook · Instagram · X", True),
    ("The council voted to unsubscribe the town from the regional bus scheme, a move that "
     "residents had asked for at three public meetings over the summer; the vote was close, and "
     "the mayor said the savings would go to school transport, which has been short of drivers "
     "since the spring, and to repairs of the old mill road.", False),
    ("The ferry leaves at seven.", False),
])
def test_the_small_print_is_known_by_its_words(paragraph, furniture):
    assert is_furniture(paragraph) is furniture


def test_addresses_are_taken_out_of_text():
    assert without_addresses("This email was sent to joe@example.com.") == "This email was sent to."
    assert without_addresses("Write to us (mailto:letters@valleytimes.example) today") == \
        "Write to us today"


def test_an_eml_newsletter_becomes_an_mp3(tmp_path):
    eml = write(tmp_path / "issue.eml", newsletter("Market news", [MARKET],
                                                   "Tue, 24 Nov 2026 06:00:00 +0000"))
    out = tmp_path / "issue.mp3"
    result = run_cli("-q", "build", eml, "--voice", "system", "--date", DATE, "-o", out)
    assert result.exit_code == 0, result.output
    assert float(ffprobe(out, "-show_format")["format"]["duration"]) > 3


def html_only(subject: str, html: str, text: str | None = None) -> bytes:
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = "news@mail.valleytimes.example"
    message["Subject"] = subject
    if text is not None:
        message.set_content(text)
        message.add_alternative(html, subtype="html")
    else:
        message.set_content(html, subtype="html")
    return message.as_bytes()


def test_a_footer_of_small_print_and_a_postal_address_is_left_out_whole():
    """As one newsletter service writes it: the address in blocks of its own inside the footer."""
    html = """<html><body><span class="mcnPreviewText" style="display:none; font-size:0px;
    line-height:0px; max-height:0px; opacity:0; visibility:hidden; mso-hide:all;">Preview here</span>
    <table><tr><td><table><tr><td><h1>Weekly digest</h1>
    <p>The council met on Monday and agreed the budget for next year after a long debate.</p></td></tr>
    </table><table><tr><td><a href="https://www.twitter.com/vt"><img alt="Twitter"></a>
    <a href="https://valleytimes.example">Website</a></td></tr></table>
    <table><tr><td><em>Copyright © 2026 Valley Times, All rights reserved.</em><br>
    You are receiving this email because you opted in via our website.<br><br>
    <strong>Our mailing address is:</strong><br><div class="vcard"><span>Valley Times</span>
    <div class="adr"><div>1 Main Street</div><span>Valley</span></div></div><br>
    <a href="x">Add us to your address book</a><br><br>Want to change how you receive these emails?<br>
    You can <a href="x">update your preferences</a> or <a href="x">unsubscribe from this list</a>.
    </td></tr></table></td></tr></table></body></html>"""
    [article] = read_mail("email", html_only("Digest", html), "d.eml", "d.eml", 10)
    assert isinstance(article, Article) and article.publication == "valleytimes.example"
    assert [(s.title, s.paragraphs) for s in article.sections] == [
        ("Weekly digest", ("The council met on Monday and agreed the budget for next year after a "
                           "long debate.",))]


def test_html_of_only_furniture_falls_back_to_the_plain_text():
    html = '<p><a href="https://valleytimes.example/web">View in browser</a></p><p>Unsubscribe</p>'
    [article] = read_mail("email", html_only("Ferry", html, "The ferry leaves at seven.\n"),
                          "f.eml", "f.eml", 10)
    assert isinstance(article, Article)
    assert article.sections[0].paragraphs == ("The ferry leaves at seven.",)


def test_an_address_in_the_heading_that_titles_a_message_is_not_spoken(tmp_path):
    """No subject: the first heading is the headline, and the subscriber's address in it is
    dropped like any other."""
    message = tmp_path / "digest.eml"
    message.write_text(
        "From: Valley Times <news@mail.valleytimes.example>\nTo: jo.reader@example.com\n"
        "Date: Mon, 7 Dec 2026 08:00:00 +0000\nMIME-Version: 1.0\n"
        "Content-Type: text/html; charset=utf-8\n\n<html><body><h1>Your digest, "
        "jo.reader@example.com</h1><p>The council approved the new budget on Monday after a long "
        "debate that lasted until midnight.</p></body></html>\n")
    result = run_cli("script", message, "--voice", "system")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Your digest (")
    assert "reader" not in result.stdout and "example" not in result.stdout
