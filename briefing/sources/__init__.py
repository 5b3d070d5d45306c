"""Sources: files, folders, standard input and URLs read into `Article`s (the first stage).

`read` decides what each source is and owns files, folders, stdin and URLs (`fetch`); one module
per kind parses it (`text`, `markdown`, `html`, `feed`), all making the `article` model, with
`textclean` for quotes, dashes and white space. `read` imports each parser only when a source of
its kind turns up: trafilatura and feedparser are slow to import.
"""
