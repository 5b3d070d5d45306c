"""The spoken script: articles in, ordered segments of sentences with pauses and chapter titles out.

Pure: no audio, no files. `compose` lays out intro, stories or sections and outro; `verbalize`
writes numbers, money, dates and abbreviations as a newsreader says them (the shared `rules`, one
`wording_*` table per language, `acronyms`); `sentences` splits text.
"""
