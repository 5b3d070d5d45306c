"""A newsletter's HTML without its furniture, for the page reader; and the footer's words.

Newsletters are laid out for mail clients, which ignore most CSS, so they are built of nested
tables, and everything a subscriber should not see in the message itself is hidden with inline
styles: the preheader (the line an inbox shows beside the subject) is `display:none`, sized
to nothing, or transparent. The page reader knows web pages, not this: it drops tables (where a
newsletter's whole text is) and reads hidden text. So, before it looks, hidden elements go,
tables that lay out the page become plain blocks whose text flows as paragraphs (a table of
figures, with a caption or header cells, stays a table and is left out as every table is), and
the paragraphs that are only links ("View in browser", "Read more", a row of social icons) or
the subscription's small print ("Unsubscribe", "You are receiving this because...") are removed.
The same words are looked for again in the paragraphs that come out (`is_furniture`), since a
plain-text body, or text the page reader joined to its neighbours, has no markup to go by.
"""

import re

from lxml import etree
from lxml import html as lxml_html

from briefing.sources.textclean import clean_inline, printable

#: Inline styles that hide an element from the reader but not from a parser.
_HIDDEN_STYLE = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all"
    r"|(?:max-height|max-width|font-size|opacity|line-height)\s*:\s*0(?:\.0+)?(?:px|pt|em|rem|%)?"
    r"\s*(?:!important)?\s*(?:;|$))", re.I)
#: Class names and ids newsletter templates give their preheader.
_HIDDEN_NAME = re.compile(r"pre-?header|preview-?text|preview-?line|hidden-?preview", re.I)
#: Block elements: the units a paragraph-level test looks at.
_BLOCKS = ("p", "div", "td", "th", "li", "center", "section", "blockquote")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: Social networks whose links make up a newsletter's "follow us" footer.
_SOCIAL = re.compile(r"^https?://(?:[\w-]+\.)*(?:facebook|fb|twitter|x|instagram|linkedin|youtube|youtu"
                     r"|tiktok|pinterest|threads|bsky|mastodon|whatsapp|t)\.(?:com|me|be|net|app|social)"
                     r"(?:[/?#]|$)", re.I)
_SOCIAL_NAMES = re.compile(r"^(?:\W*\b(?:facebook|twitter|x|instagram|linkedin|youtube|tiktok|pinterest"
                           r"|threads|bluesky|mastodon|whatsapp|telegram|rss)\b)+\W*$", re.I)
#: The subscription's small print, in the words newsletter services use.
_FURNITURE = re.compile(
    r"unsubscri|manage\s+(?:your\s+)?(?:e-?mail\s+|newsletter\s+)?(?:preferences|subscriptions?|settings)"
    r"|update\s+(?:your\s+)?(?:e-?mail\s+)?(?:preferences|profile|subscription)"
    r"|(?:e-?mail|subscription|newsletter)\s+(?:preferences|settings)"
    r"|(?:you\s+are|you're|you\s+were|you\s+have\s+been)\s+(?:receiving|sent|subscribed)"
    r"|you\s+(?:received|got)\s+this|receiving\s+this\s+(?:e-?mail|message|newsletter)"
    r"|(?:this|the)\s+(?:e-?mail|message|newsletter)\s+(?:was|is\s+being)\s+sent"
    r"|because\s+you\s+(?:signed\s+up|subscribed|opted\s+in|registered)"
    r"|forward\s+(?:this\s+(?:e-?mail|newsletter|message)\s+|it\s+)?to\s+a\s+friend"
    r"|(?:was|were)\s+forwarded\s+to\s+you|sign\s+up\s+(?:here|for\s+free)"
    r"|view\s+(?:this\s+(?:e-?mail|newsletter|message|issue)\s+|it\s+)?(?:in\s+(?:your|a|the)\s+)?"
    r"(?:web\s+)?browser|view\s+(?:this\s+\w+\s+|it\s+)?online|view\s+as\s+a\s+web\s*page"
    r"|trouble\s+(?:viewing|reading)\s+this|(?:our|the)\s+mailing\s+address\s+is"
    r"|how\s+you\s+receive\s+(?:these|our|this)\s+(?:e-?mails?|messages?|newsletters?)|add\s+us\s+to\s+your\s+(?:address\s+book|contacts|safe)"
    r"|(?:follow|find|like|join|connect\s+with)\s+us\s*(?:on\b|:|$)|all\s+rights\s+reserved|^\s*(?:©|\(c\)|copyright\b)",
    re.I)
#: Small print is short: a longer paragraph that uses these words once is a story about them, and
#: a footer that uses them again and again is longer (a postal address, a reason, links).
_FURNITURE_WORDS = 45
_FOOTER_WORDS = 150
#: An e-mail address, and the mailto: that may come before it.
_ADDRESS = re.compile(r"(?:mailto:)?[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*", re.I)
#: What an address leaves behind: empty brackets, a space before punctuation.
_LEFT_OVER = re.compile(r"[<(\[]\s*[>)\]]|\s+(?=[.,;:!?])")


def without_furniture(html: str) -> tuple[str, str | None] | None:
    """The newsletter's body as an HTML fragment with its furniture removed (see the module's
    docstring), and the language its root declares; None when it is not HTML at all."""
    try:
        root = lxml_html.document_fromstring(printable(html))
    except (etree.ParserError, ValueError):
        return None
    etree.strip_elements(root, etree.Comment, "script", "style", "title", "head", with_tail=False)
    for element in [e for e in root.iter() if isinstance(e.tag, str) and _hidden(e)]:
        element.drop_tree()
    for table in list(root.iter("table")):
        if _layout(table):
            _unwrap(table)
    for link in list(root.iter("a")):
        if _SOCIAL.match(link.get("href", "").strip()) and len(link.text_content().split()) <= 3:
            link.drop_tree()
    for element in list(root.iter(*_BLOCKS)):
        if element.getparent() is not None and _furniture_block(element):
            element.drop_tree()
    body = root.find("body")
    if body is None:
        body = root
    body.tag = "div"
    language = (root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip()
    return str(lxml_html.tostring(body, encoding="unicode")), language or None


def is_furniture(paragraph: str) -> bool:
    """True for a newsletter's small print: unsubscribing, preferences, why you receive it, view
    it in a browser, forward it, follow us, copyright; or a row of social networks' names."""
    if _SOCIAL_NAMES.match(paragraph):
        return True
    return len(paragraph.split()) <= _FURNITURE_WORDS and bool(_FURNITURE.search(paragraph))


def without_addresses(text: str) -> str:
    """`text`, cleaned, with every e-mail address taken out (cleaned first, so that no invisible
    character the cleaning removes later can hide an address from the search)."""
    text = clean_inline(text)
    if "@" not in text:
        return text
    return " ".join(_LEFT_OVER.sub("", _ADDRESS.sub("", text)).split())


def _hidden(element: lxml_html.HtmlElement) -> bool:
    return (element.get("hidden") is not None or element.get("aria-hidden", "").lower() == "true"
            or bool(_HIDDEN_STYLE.search(element.get("style", "")))
            or bool(_HIDDEN_NAME.search(f"{element.get('class', '')} {element.get('id', '')}")))


def _layout(table: lxml_html.HtmlElement) -> bool:
    """A table that lays out the message, not one of figures: one that says so, holds another
    table, or has neither a caption nor header cells."""
    if table.get("role", "").lower() in ("presentation", "none"):
        return True
    if table.find(".//table") is not None:
        return True
    return table.find("caption") is None and not table.xpath("./tr/th | ./*/tr/th")


def _unwrap(table: lxml_html.HtmlElement) -> None:
    """The table's own rows and cells (not those of a table inside it) become blocks."""
    for row in table.xpath("./tr | ./*/tr"):
        for cell in row.xpath("./td | ./th"):
            cell.tag = "div"
        row.tag = "div"
    for group in table.xpath("./thead | ./tbody | ./tfoot | ./caption"):
        group.tag = "div"
    table.tag = "div"


def _furniture_block(element: lxml_html.HtmlElement) -> bool:
    """True for a block that is only links (not one holding a heading: a linked headline is the
    story's), or the small print. One mention of it condemns only an innermost block, and several
    only a short block without paragraphs, so that a footer inside the block that holds the whole
    message takes only itself away."""
    if any(True for _ in element.iter(*_HEADINGS)):
        return False
    text = " ".join(element.text_content().split())
    if not text:
        return False
    if element.find(".//a") is not None and not any(ch.isalnum() for ch in _unlinked(element)):
        return True
    if is_furniture(text) and not any(True for _ in element.iterdescendants(*_BLOCKS)):
        return True
    # A footer: small print again and again, its postal address perhaps in blocks of its own,
    # but no paragraph of a story.
    return len(text.split()) <= _FOOTER_WORDS and len(_FURNITURE.findall(text)) >= 2 \
        and not any(True for _ in element.iterdescendants("p"))


def _unlinked(element: lxml_html.HtmlElement) -> str:
    """The text of `element` that is not inside a link."""
    if element.tag == "a":
        return ""
    parts = [element.text or ""] if isinstance(element.tag, str) else []
    for child in element:
        parts.append(_unlinked(child) if isinstance(child.tag, str) else "")
        parts.append(child.tail or "")
    return "".join(parts)
