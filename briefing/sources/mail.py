"""E-mail newsletters: one message (`.eml`) or a mailbox (`.mbox`), each message one story.

A newsletter is written for a mail client, not a listener: its headers say who sent it to whom and
how, its body is wrapped in MIME, and its HTML is furniture around a few paragraphs (a preheader
hidden for the inbox preview, "View in browser", layout tables, social icons, an unsubscribe footer
naming the subscriber's address). So only the subject (the headline) and the sender's display
name (the outlet) are taken from the headers; the body is decoded by the standard `email` package
(RFC 2047 words, charsets, base64 and quoted-printable); the HTML part is read without its
furniture (see `mailhtml`), and the plain-text part, when there is no HTML or nothing is left of
it, without its signature, links and footer lines. Whatever is left is scrubbed of e-mail
addresses, since a listener has no use for one and a subscriber's own address must never be
spoken or published.

An mbox's messages are read newest first (by their Date header; undated ones last, in file
order), as a feed lists its items, so that `items` keeps the latest issues.
"""

import dataclasses
import datetime as dt
import email.policy
import email.utils
import re
from email.header import decode_header, make_header
from email.message import EmailMessage, Message, MIMEPart
from email.parser import BytesHeaderParser, BytesParser

from briefing.errors import SourceError
from briefing.sources.article import Article, Block, Section, Skipped, article_from_blocks
from briefing.sources.html import html_fragment_blocks
from briefing.sources.mailhtml import is_furniture, without_addresses, without_furniture
from briefing.sources.textclean import split_blocks

#: A mailbox's "From " line, which begins each message (at the start, or after a blank line).
_FROM_LINE = re.compile(rb"^From [^\r\n]*\r?\n", re.M)
#: A body line escaped by an mboxrd writer, so that it is not taken for a "From " line.
_ESCAPED_FROM = re.compile(rb"^>(>*From )", re.M)
#: What mail clients put before a forwarded or replied-to subject.
_SUBJECT_PREFIX = re.compile(r"^(?:\s*(?:re|fwd?|aw|wg|tr)\s*(?:\[\d+\])?\s*:\s*)+", re.I)
#: A plain-text signature begins with a line of "-- " (RFC 3676); many clients trim the space.
_SIGNATURE = re.compile(r"^-- ?$", re.M)
#: A web address in plain text, with the brackets or parentheses newsletters put around it.
_PLAIN_URL = re.compile(r"[<(\[]?\b(?:https?|ftp|mailto):[^\s<>()\[\]]+[>)\]]?", re.I)
#: Mail-sending subdomains that name no outlet (news.valleytimes.example is Valley Times's).
_MAIL_LABELS = {"mail", "email", "e-mail", "news", "newsletter", "newsletters", "list", "lists", "info",
                "send", "mailer", "bounce", "em", "m", "mg", "reply", "noreply", "no-reply"}
#: Errors the standard parser's header classes raise on headers too broken to parse.
_HEADER_ERRORS = (ValueError, IndexError, TypeError, AttributeError, LookupError)


def read_mail(kind: str, data: bytes, source: str, origin: str,
              items: int) -> list[Article | Skipped]:
    """One story from an `email` message, or up to `items` from an `mbox`, newest first; a
    mailbox's message with nothing to read is `Skipped` in its place."""
    if kind != "mbox":
        message = BytesParser(policy=email.policy.default).parsebytes(data)
        return [_message_article(message, source, origin)]
    messages = _mbox_messages(data)
    if not messages:
        raise SourceError(f"{origin}: the mailbox holds no messages")
    got: list[Article | Skipped] = []
    for number, raw in _newest_first(messages)[:items]:
        message = BytesParser(policy=email.policy.default).parsebytes(raw)
        subject = _subject(message)
        name = f"{origin} ({subject or f'message {number}'})"
        try:
            got.append(_message_article(message, name, name))
        except SourceError as exc:
            got.append(Skipped(name, str(exc)))
    if not any(isinstance(item, Article) for item in got):
        raise SourceError(f"{origin}: none of the mailbox's messages has any text to read aloud")
    return got


def _mbox_messages(data: bytes) -> list[bytes]:
    """Each message of a mailbox, without its "From " line and with mboxrd's escapes undone. A
    "From " line counts only at the start or after a blank line, so a body line that an mboxo
    writer left unescaped does not split its message in two."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    starts = [m for m in _FROM_LINE.finditer(data)
              if m.start() == 0 or data.endswith((b"\n\n", b"\n\r\n"), 0, m.start())]
    messages = []
    for here, after in zip(starts, [*starts[1:], None], strict=False):
        raw = data[here.end(): after.start() if after else len(data)]
        if raw.strip():
            messages.append(_ESCAPED_FROM.sub(rb"\1", raw))
    return messages


def _newest_first(messages: list[bytes]) -> list[tuple[int, bytes]]:
    """(number in the file, message) pairs, the newest first by Date; undated ones last, in file
    order. Only the headers are parsed here, so a large mailbox costs one full parse per story."""
    parser = BytesHeaderParser(policy=email.policy.default)
    dated = []
    for number, raw in enumerate(messages, 1):
        when = _date(parser.parsebytes(raw))
        dated.append((when is None, -when.timestamp() if when else 0.0, number, raw))
    dated.sort(key=lambda entry: entry[:3])
    return [(number, raw) for _, _, number, raw in dated]


def _message_article(message: EmailMessage, source: str, origin: str) -> Article:
    """The story a message tells: its HTML body cleaned of newsletter furniture, else its plain
    text; the subject its headline and the sender's name its outlet."""
    subject = _subject(message)
    article = _scrubbed(_html_article(message, source, subject)) or \
        _scrubbed(_plain_article(message, source, subject))
    if article is None:
        raise SourceError(f"{origin}: the message has no text to read aloud (no text or HTML body, "
                          "or only a newsletter's links and footer)")
    language = (_header(message, "Content-Language").split(",")[0].strip() or None)
    return dataclasses.replace(
        article,
        title=subject or article.title,
        publication=_sender(message),
        published=_date(message) or article.published,
        guid=_header(message, "Message-ID").strip(" <>") or None,
        language=article.language or language,
    )


def _html_article(message: EmailMessage, source: str, subject: str) -> Article | None:
    """The HTML body's story, read as a feed item's HTML is: every paragraph and heading that the
    furniture's removal left. Not by the page reader, which looks for a web page's one main
    block: a digest's stories sit in table cells of their own, and it dropped their headings."""
    part = message.get_body(preferencelist=("html",))
    html = _content(part) if part is not None else ""
    cleaned = without_furniture(html) if html.strip() else None
    if cleaned is None:
        return None
    body, language = cleaned
    return article_from_blocks(html_fragment_blocks(body), source, subject or None, language=language)


def _plain_article(message: EmailMessage, source: str, subject: str) -> Article | None:
    part = message.get_body(preferencelist=("plain",))
    text = _content(part) if part is not None else ""
    signature = _SIGNATURE.search(text)
    if signature:
        text = text[: signature.start()]
    lines = [_PLAIN_URL.sub("", line) for line in text.splitlines()]
    blocks = [Block(block) for block in split_blocks("\n".join(lines))]
    return article_from_blocks(blocks, source, subject or None)


def _content(part: MIMEPart) -> str:
    """A text part's content, decoded from its transfer encoding and charset; a charset Python does
    not know is read as UTF-8, what is not UTF-8 replaced."""
    try:
        content = part.get_content()
    except (LookupError, ValueError, AssertionError, KeyError):
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else ""


def _scrubbed(article: Article | None) -> Article | None:
    """The article without the footer paragraphs the HTML cleaning could not tell apart (they
    came out joined to others' text, or from a plain-text body) and without e-mail addresses;
    None when nothing is left."""
    if article is None:
        return None
    sections = []
    for section in article.sections:
        paragraphs = tuple(p for p in map(without_addresses, section.paragraphs)
                           if p and not is_furniture(p))
        if paragraphs:
            title = without_addresses(section.title) if section.title else None
            sections.append(Section(paragraphs, title or None))
    return dataclasses.replace(article, sections=tuple(sections),
                               title=without_addresses(article.title).rstrip(" ,;:")) \
        if sections else None


def _header(message: Message, name: str) -> str:
    """A header's decoded value ("" when absent); a header the parser's classes fail on is
    decoded from its raw RFC 2047 words instead."""
    try:
        value = message.get(name)
        return " ".join(str(value).split()) if value is not None else ""
    except _HEADER_ERRORS:
        pass
    raw = next((v for k, v in message.raw_items() if k.lower() == name.lower()), "")
    try:
        return " ".join(str(make_header(decode_header(str(raw)))).split())
    except _HEADER_ERRORS:
        return " ".join(str(raw).split())


def _subject(message: Message) -> str:
    return without_addresses(_SUBJECT_PREFIX.sub("", _header(message, "Subject")))


def _sender(message: Message) -> str | None:
    """The sender's display name (the outlet), never the address; without a name, the outlet's
    domain, e.g. valleytimes.example for news@mail.valleytimes.example."""
    try:
        value = message.get("From")
        addresses = getattr(value, "addresses", ()) if value is not None else ()
        name, address = (addresses[0].display_name, addresses[0].addr_spec) if addresses else ("", "")
    except _HEADER_ERRORS:
        name, address = email.utils.parseaddr(_header(message, "From"))
    name = without_addresses(" ".join(name.split()).strip(" \"'"))
    if name:
        return name
    domain = address.rpartition("@")[2].strip().lower().rstrip(".")
    labels = domain.split(".")
    while len(labels) > 2 and labels[0] in _MAIL_LABELS:
        labels = labels[1:]
    return ".".join(labels) if "@" in address and domain else None


def _date(message: Message) -> dt.datetime | None:
    """The Date header as an aware time (one without a zone is taken as UTC); None when absent or
    unreadable."""
    raw = _header(message, "Date")
    try:
        when = email.utils.parsedate_to_datetime(raw) if raw else None
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is not None and when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when
