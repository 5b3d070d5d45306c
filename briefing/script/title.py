"""What a bulletin title given by the user (`--title`, a daily show's `title`) must be.

The title is spoken in the intro and the outro and becomes the ID3, feed and page title, so an
empty one, one with a control character or one as long as an article fails only at the engine or
the feed, after the work is done: it is refused up front instead. A long title is refused rather
than cut, because a cut the user did not ask for would be published under their name; the limit
is generous for a title and far below a pasted article.
"""

import unicodedata

from briefing.sources.article import speakable

#: The longest title accepted, in characters.
MAX_TITLE_CHARS = 200


def title_problem(title: str) -> str | None:
    """Why `title` cannot be a bulletin's title, as the end of a sentence; None when it can."""
    if not title.strip():
        return "is empty; give the words the bulletin is called by"
    if any(unicodedata.category(char) == "Cc" for char in title):
        return "contains a control character (a line break, a tab or another); write it on one line"
    if not speakable(title):
        return "has no word to say (only symbols or emoji); give one with words"
    if len(title) > MAX_TITLE_CHARS:
        return (f"is {len(title):,} characters long; give at most {MAX_TITLE_CHARS} (it is spoken "
                "in the intro and the outro and shown as the title in players)")
    return None
