"""One reader per kind of source; each turns bytes or text into `Article`s.

`sources` decides which reader a source needs (from its content first, then its name) and owns
files, folders, standard input and URLs; readers only parse. `sources` imports each reader when
a source of its kind turns up: trafilatura and feedparser take a quarter of a second to import,
which a rebuild of a text file should not pay.
"""

#: Feed entries read per feed unless told otherwise.
DEFAULT_ITEMS = 10
