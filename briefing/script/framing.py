"""The words around the news, in the bulletin's language: intro, headlines, chapter titles, outro.

One table per language, so adding a language means adding one entry here and nothing elsewhere.
Dates are written by Babel from the Unicode CLDR, as the locale writes them, and read aloud as
words later by the normalization of the script (`verbalize`), like any date in an article.
"""

import datetime as dt
import re
from dataclasses import dataclass

from babel import localedata
from babel.dates import format_date

from briefing.language import primary


@dataclass(frozen=True)
class Framing:
    """The words around the news, in one language."""

    intro: str
    """The first chapter's title."""
    closing: str
    """The last chapter's title."""
    briefing: str
    """The intro's sentence after the title: `A news briefing for {date}.`"""
    outro: str
    """`That was {title}, a news briefing for {date}.`"""
    outro_untitled: str
    """The outro of a bulletin with the generic title (`untitled`), which `outro` would say twice:
    `That was your news briefing for {date}.`"""
    thanks: str
    untitled: str
    """The title of a several-story bulletin with nothing better to go by."""
    headlines: str
    """Introduces the list of stories: `In this briefing: {list}.`"""
    and_word: str
    more: str
    """The end of a long headline list: `and {count} more stories`."""
    story: str
    """A story's chapter title: `Story {number} of {total}: {title}`."""
    locale: str
    """The Babel locale whose full date the intro speaks, unless the bulletin's language tag names
    a region Babel knows (`en-GB` writes `Tuesday 24 November 2026`)."""
    first_day: str = ""
    """How the first day of a month is written where it is an ordinal in speech and print (French
    `1er janvier`, said "premier"); empty where the plain number is right."""
    stop: str = "."
    """The full stop that ends the bulletin's title and a headline read as a sentence."""
    separator: str = "; "
    """Between the headlines of the intro's list."""
    space: str = " "
    """Between words: none in Chinese and Japanese, which write without spaces."""


FRAMING = {
    "en": Framing(
        intro="Introduction", closing="Closing", briefing="A news briefing for {date}.",
        outro="That was {title}, a news briefing for {date}.",
        outro_untitled="That was your news briefing for {date}.", thanks="Thank you for listening.",
        untitled="News briefing", headlines="In this briefing: {list}.", and_word="and",
        more="{count} more stories", story="Story {number} of {total}: {title}", locale="en_US"),
    "es": Framing(
        intro="Introducción", closing="Cierre", briefing="Un boletín de noticias del {date}.",
        outro="Esto fue {title}, un boletín de noticias del {date}.",
        outro_untitled="Este fue el boletín de noticias del {date}.",
        thanks="Gracias por escucharnos.", untitled="Boletín de noticias",
        headlines="En este boletín: {list}.", and_word="y", more="{count} noticias más",
        story="Noticia {number} de {total}: {title}", locale="es_ES"),
    "fr": Framing(
        intro="Introduction", closing="Conclusion", briefing="Un bulletin d'information du {date}.",
        outro="C'était {title}, un bulletin d'information du {date}.",
        outro_untitled="C'était le bulletin d'information du {date}.",
        thanks="Merci de votre écoute.", untitled="Bulletin d'information",
        headlines="Dans ce bulletin : {list}.", and_word="et", more="{count} autres sujets",
        story="Sujet {number} sur {total} : {title}", locale="fr_FR", first_day="1er"),
    "it": Framing(
        intro="Introduzione", closing="Chiusura", briefing="Notiziario di {date}.",
        outro="Questo era {title}, il notiziario di {date}.",
        outro_untitled="Questo era il notiziario di {date}.", thanks="Grazie per l'ascolto.",
        untitled="Notiziario", headlines="In questo notiziario: {list}.", and_word="e",
        more="altre {count} notizie", story="Notizia {number} di {total}: {title}",
        locale="it_IT", first_day="1º"),
    # Written for Brazil; every word of it is also right in Portugal.
    "pt": Framing(
        intro="Abertura", closing="Encerramento", briefing="Boletim de notícias de {date}.",
        outro="Este foi {title}, o boletim de notícias de {date}.",
        outro_untitled="Este foi o boletim de notícias de {date}.",
        thanks="Obrigado por nos ouvir.", untitled="Boletim de notícias",
        headlines="Neste boletim: {list}.", and_word="e", more="mais {count} notícias",
        story="Notícia {number} de {total}: {title}", locale="pt_BR", first_day="1º"),
    "de": Framing(
        intro="Einleitung", closing="Schluss", briefing="Nachrichten vom {date}.",
        outro="Das war {title}, die Nachrichten vom {date}.",
        outro_untitled="Das waren die Nachrichten vom {date}.", thanks="Vielen Dank fürs Zuhören.",
        untitled="Nachrichtenüberblick", headlines="In dieser Ausgabe: {list}.", and_word="und",
        more="{count} weitere Meldungen", story="Meldung {number} von {total}: {title}",
        locale="de_DE"),
    "ja": Framing(
        intro="はじめに", closing="おわりに", briefing="{date}のニュースです。",
        outro="以上、{title}、{date}のニュースでした。", outro_untitled="以上、{date}のニュースでした。",
        thanks="お聞きいただき、ありがとうございました。",
        untitled="ニュース", headlines="今回のニュースは、{list}です。", and_word="そして",
        more="ほか{count}件のニュース", story="ニュース{number}/{total}：{title}", locale="ja_JP",
        stop="。", separator="、", space=""),
    # Simplified characters, as written in mainland China and read in Mandarin.
    "zh": Framing(
        intro="开场", closing="结束", briefing="这里是{date}的新闻简报。",
        outro="以上就是{title}，{date}的新闻简报。", outro_untitled="以上就是{date}的新闻简报。",
        thanks="感谢收听。", untitled="新闻简报",
        headlines="本期内容：{list}。", and_word="以及", more="另外{count}条新闻",
        story="第{number}条，共{total}条：{title}", locale="zh_Hans_CN", stop="。", separator="；",
        space=""),
}


def framing_for(language: str) -> Framing:
    """The framing in `language`; English for languages without one yet."""
    return FRAMING.get(primary(language), FRAMING["en"])


#: The day of the month in a written date: a number standing alone (the year has four digits).
_DAY_ONE = re.compile(r"(?<!\d)1(?!\d)")


def date_locale(language: str) -> str:
    """The Babel locale for dates in `language`: its own region if Babel knows it, else the
    framing's locale (so a language without a framing gets the English date of its framing)."""
    words = framing_for(language)
    code, _, region = language.replace("_", "-").partition("-")
    if primary(language) in FRAMING and region:
        candidate = f"{code.lower()}_{region.upper()}"
        if localedata.exists(candidate):
            return candidate
    return words.locale


def spoken_date(date: dt.date, language: str = "en", width: str = "full") -> str:
    """The full date as the language writes it: `Tuesday, November 24, 2026`,
    `martes, 24 de noviembre de 2026`, `jeudi 1er janvier 2026`, `Dienstag, 24. November 2026`;
    with `width="long"`, without the weekday, as a page heads a dated piece (`1er janvier 2026`)."""
    text = format_date(date, format=width, locale=date_locale(language))
    first = framing_for(language).first_day
    if first and date.day == 1:
        text = _DAY_ONE.sub(first, text, count=1)
    return text
