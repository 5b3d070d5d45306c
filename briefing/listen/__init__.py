"""Listening instead of reading: `briefing play` and `briefing say` in the terminal.

`playback` keeps the position in a bulletin and says what is heard; `sound` is where the sound
goes (a device through ffplay, or nowhere); `keyboard` reads single keys; `say` reads a script
aloud sentence by sentence.
"""
