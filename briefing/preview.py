"""A voice preview: a short sample of a voice, with numbers, money and a time, built as a bulletin."""

import datetime as dt
from pathlib import Path

from briefing.atomic import Scratch
from briefing.language import primary
from briefing.options import DEFAULT_OUTPUT_DIR
from briefing.pipeline import BuildOptions, BuildResult, build
from briefing.progress import Progress
from briefing.speech.voices import load_voice

#: What a voice preview says, by language: a headline, a number, money and a time.
PREVIEW_TEXT = {
    "en": "Markets rose 2.5% on Monday, and the city approved a $3.2 million budget. "
          "Rain is expected in the north by 6 p.m.",
    "es": "Las bolsas subieron un 2,5% el lunes y el ayuntamiento aprobó un presupuesto de "
          "3,2 millones de euros. Se espera lluvia en el norte a las 18:00.",
    "fr": "Les marchés ont progressé de 2,5 % lundi et la ville a approuvé un budget de "
          "3,2 millions d'euros. De la pluie est attendue dans le nord vers 18 h.",
    "it": "I mercati sono saliti del 2,5% lunedì e il comune ha approvato un bilancio di "
          "3,2 milioni di euro. È attesa pioggia al nord entro le 18:00.",
    "pt": "As bolsas subiram 2,5% na segunda-feira e a prefeitura aprovou um orçamento de "
          "3,2 milhões de reais. A previsão é de chuva no norte às 18h.",
    "de": "Die Börsen stiegen am Montag um 2,5 %, und die Stadt beschloss einen Haushalt von "
          "3,2 Millionen Euro. Im Norden wird bis 18 Uhr Regen erwartet.",
}


def preview(voice: str, output_dir: Path = DEFAULT_OUTPUT_DIR, progress: Progress | None = None,
            date: dt.date | None = None) -> BuildResult:
    """A short sample of `voice`, written to `<output_dir>/preview-<name>.mp3` with its sidecars."""
    profile = load_voice(voice)
    text = PREVIEW_TEXT.get(primary(profile.language), PREVIEW_TEXT["en"])
    with Scratch("briefing-preview-") as folder:
        source = folder / f"{profile.name}.txt"
        source.write_text(text + "\n", encoding="utf-8")
        options = BuildOptions(voice=voice, title=f"The {profile.name} voice", date=date, chime=False)
        return build([source], output_dir / f"preview-{profile.name}.mp3", options, progress)
