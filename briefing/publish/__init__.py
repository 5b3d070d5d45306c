"""Publishing: the files beside a bulletin's MP3, and putting them all in place at once.

`tags` (ID3 and chapters), `transcript` (WebVTT, SRT, text), `manifest` (JSON), `chapters`
(Podcasting 2.0), `page` (the accessible HTML player, with `assets/`), `podcast` (the feed),
`show` (a daily show's page, `index.html`), and `files`, which writes them under temporary names
and renames them into place.
"""
