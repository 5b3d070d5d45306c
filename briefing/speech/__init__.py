"""Speech: the script's sentences spoken by an engine, at the profile's pace, through the cache.

`voices` and `lexicon` read profiles and pronunciations; `engines` hold the engines behind one
interface; `synthesis` trims and checks clips and searches a speed factor; `speaker` speaks what the
`cache` lacks, here or in workers; `pace` sets a whole script's speed on top of the speaker.
"""
