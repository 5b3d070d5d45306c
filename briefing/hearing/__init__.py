"""Hearing a bulletin back before it airs: a recognizer listens, and what it heard is compared
with the script, sentence by sentence.

`recognizer` runs faster-whisper (the optional `verify` extra) on Whisper base from PyPI
(`model`); `align` gives the words heard to the sentences by time; `words` and `compare` decide
whether a sentence was heard as written, forgiving what a listener would not hear as a mistake;
`listen` hears a bulletin and hears again, alone, what was heard wrong; `bulletin` is what a build
and `check --listen` call.
"""
