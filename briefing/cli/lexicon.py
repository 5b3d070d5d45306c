"""`briefing lexicon draft`: an entry for a name, drafted from espeak-ng in the name's own
language, printed for a person to listen to and keep (or mend) in their `lexicon.toml`."""

import click

from briefing.cli.common import errors_as_messages, print_result
from briefing.speech.phonemes import draft as draft_name


@click.group()
def lexicon() -> None:
    """Pronunciations: draft a lexicon entry for a name the voices say wrong."""


@lexicon.command()
@click.argument("name")
@click.option("--from", "language", required=True, metavar="LANG",
              help="The name's own language, as espeak-ng names it: tr, uk, pt-br, es-419 (Latin "
              "American Spanish) …; `espeak-ng --voices` lists them.")
@click.option("--spelled", metavar="TEXT",
              help="The name as its own language writes it, when the news spells it otherwise "
              "(Сибіга for Sybiha: espeak-ng's uk voice reads Latin letters as English).")
@errors_as_messages
def draft(name: str, language: str, spelled: str | None) -> None:
    """Print a lexicon entry for NAME (as the news prints it): espeak-ng's reading in its own
    language, mapped to English sounds for Piper and Kokoro (ipa), to misaki's for hibari
    (misaki), and a respelling for the other voices (words).

    \b
    It is a draft: listen to it before you keep it, e.g.
      briefing lexicon draft Türkiye --from tr >> ~/.config/briefing/voices/lexicon.toml
      echo "Talks in Türkiye." | briefing say - --voice anchor
    """
    entry = draft_name(name, language, spelled)
    if entry.switched:
        click.echo(f"Note: espeak-ng read {spelled or name!r} with another language's rules, not "
                   f"{language}'s; give --spelled with the name as {language} writes it.", err=True)
    print_result(entry.as_toml(), nl=False)
