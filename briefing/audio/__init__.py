"""Audio: clips and pauses laid out, encoded to MP3 at the loudness target, and checked.

`assembly` lays the bulletin out with its timeline; `parts` cuts it for encoding; `loudness` and
`levels` measure; `encode` settles the gain and encodes the parts (`mp3`: one part through
ffmpeg, and its frames); `quality` is the gate every bulletin passes before it is published.
"""
