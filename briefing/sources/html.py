"""HTML pages: the article's own text, found by trafilatura; title, byline and date from metadata.

Navigation, cookie banners, advertising, related links and footers are what trafilatura exists to
leave out; its XML output keeps headings (`<head>`) apart from paragraphs, so a page's
subheadings become sections just as Markdown headings do.

But trafilatura keeps boilerplate when nothing else is left (it will not prune away most of a
page), so a page of only a menu, a cookie banner and a footer came out as "We use cookies...".
What a page marks as not its content is therefore removed before trafilatura looks: the landmarks
that are never the article (navigation, dialogs, complementary parts, the site's banner and
footer, hidden elements) and what trafilatura itself takes for cookie and consent banners. A page
with nothing left has no article.
"""

from collections.abc import Callable
from urllib.parse import urljoin

import trafilatura
import trafilatura.settings
from lxml import etree
from lxml import html as lxml_html
from lxml.etree import XPath

from briefing.sources.article import Article, Block, article_from_blocks, parse_when
from briefing.sources.textclean import printable

#: trafilatura's own judgement of consent banners (CMP vendors, cookie-banner classes) and page
#: furniture; with a trafilatura without it, the landmarks below judge alone.
_BOILERPLATE: XPath | None = getattr(trafilatura.settings, "BASIC_CLEAN_XPATH", None)
#: Elements of trafilatura's XML whose text is read, in document order.
_READ = {"head", "p", "item", "quote"}
#: What a page declares is not its content: ARIA landmarks and elements around the article, dialogs
#: (where consent banners live), what is hidden, and what names itself a cookie or consent banner.
_NOT_CONTENT = XPath(
    "//nav | //dialog | //aside | //body/header | //body/footer | //*[@hidden]"
    " | //*[@aria-modal='true'] | //*[@role='navigation' or @role='banner' or @role='contentinfo'"
    " or @role='complementary' or @role='search' or @role='dialog' or @role='alertdialog']"
    # A consent banner by its own name, whatever framework made it (class="cookie", id="consent").
    " | //*[contains(translate(concat(' ', @class, ' ', @id), 'COKIENST', 'cokienst'), 'cookie')"
    " or contains(translate(concat(' ', @class, ' ', @id), 'COKIENST', 'cokienst'), 'consent')]")


def read_page(data: bytes | str, origin: str, url: str | None = None) -> Article | None:
    """One article from a web page; None when the page has no article text.

    trafilatura's `deduplicate` is off: it remembers text across calls in the process, so a page
    read a second time (a batch, a daily run, the tests) lost its article to the "duplicates"
    and kept the boilerplate.
    """
    tree = trafilatura.load_html(data)
    if tree is None:
        return None
    boilerplate = _boilerplate(tree)
    if boilerplate:
        _printable(tree)  # lxml refuses to join a tail that holds control characters to its neighbour
    for element in boilerplate:
        element.drop_tree()  # its tail, text that follows it, stays
    xml = trafilatura.extract(tree, url=url, output_format="xml", include_comments=False,
                              include_tables=False, include_images=False, include_links=False,
                              with_metadata=False, deduplicate=False)
    if not xml:
        return None
    blocks = _xml_blocks(xml)
    # Annotated as taking str or a parsed tree, but bytes are read too (decoded by its `load_html`).
    meta = trafilatura.extract_metadata(data, default_url=url)  # type: ignore[arg-type]
    title = (meta.title if meta else None) or None
    return article_from_blocks(
        blocks, origin, title,
        language=_page_language(data),
        author=(meta.author if meta else None) or None,
        published=parse_when(meta.date if meta else None),
        link=url or (meta.url if meta else None) or None,
        publication=(meta.sitename if meta else None) or None,
        # og:image (or twitter:image), which pages may give relative to themselves.
        image=urljoin(url or "", meta.image) if meta and meta.image else None,
    )


def _boilerplate(tree: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """The outermost elements of `tree` that are not the article (see the module's docstring)."""
    found = dict.fromkeys(_NOT_CONTENT(tree))
    if _BOILERPLATE is not None:
        found.update(dict.fromkeys(_BOILERPLATE(tree)))
    return [e for e in found if e.getparent() is not None and not any(a in found for a in e.iterancestors())]


def _printable(tree: lxml_html.HtmlElement) -> None:
    """Remove control characters from the text of `tree`, which lxml keeps when it parses bytes."""
    for element in tree.iter():
        if element.text and printable(element.text) != element.text:
            element.text = printable(element.text)
        if element.tail and printable(element.tail) != element.tail:
            element.tail = printable(element.tail)


def _xml_blocks(xml: str) -> list[Block]:
    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    blocks = []
    for element in (main if main is not None else root).iter(*_READ):
        if element.tag == "p" and (parent := element.getparent()) is not None and parent.tag in _READ:
            continue  # a paragraph inside a quote or list item is read with its parent
        text = " ".join("".join(element.itertext()).split())
        if not text:
            continue
        level = int(element.get("rend", "h2")[1:] or 2) if element.tag == "head" else 0
        blocks.append(Block(text, level))
    return blocks


def html_fragment_blocks(fragment: str) -> list[Block]:
    """Paragraphs and headings of an HTML fragment (a feed item's content), as plain text."""
    fragment = printable(fragment)  # lxml refuses a string with control characters
    if "<" not in fragment:
        return [Block(p) for p in fragment.split("\n\n")]
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return [Block(fragment)]
    silenced = root.xpath(".//script|.//style|.//figure|.//table|.//pre|.//img")
    if silenced:
        _printable(root)  # character references (&#1;) give control characters the join refuses
    for silent in silenced:
        silent.drop_tree()
    blocks: list[Block] = []
    loose: list[str] = []

    def flush() -> None:
        if "".join(loose).strip():
            blocks.append(Block(" ".join("".join(loose).split())))
        loose.clear()

    _walk(root, blocks, loose, flush)
    flush()
    return blocks


_BLOCK_TAGS = {"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
               "section", "article", "br"}


def _walk(element: lxml_html.HtmlElement, blocks: list[Block], loose: list[str],
          flush: Callable[[], None]) -> None:
    """Text outside block elements is gathered into paragraphs; each block element ends one."""
    if element.text:
        loose.append(element.text)
    for child in element:
        if not isinstance(child.tag, str):  # comments, processing instructions
            if child.tail:
                loose.append(child.tail)
            continue
        tag = child.tag.lower()
        if tag in _BLOCK_TAGS:
            flush()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                text = " ".join(child.text_content().split())
                if text:
                    blocks.append(Block(text, int(tag[1])))
            else:
                _walk(child, blocks, loose, flush)
                flush()
        else:
            _walk(child, blocks, loose, flush)
        if child.tail:
            loose.append(child.tail)


def _page_language(data: bytes | str) -> str | None:
    try:
        root = lxml_html.document_fromstring(data)
    except (etree.ParserError, ValueError):
        return None
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    return lang.strip() or None if lang else None
