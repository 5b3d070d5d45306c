"""One reader per kind of source; each turns bytes or text into `Article`s.

`sources` decides which reader a source needs (from its content first, then its name) and owns
files, folders, standard input and URLs; readers only parse.
"""
