"""The words around the news in each language: intro, headlines, chapter titles, outro and the date.

Every expected string here is written out by hand, as a newsreader of the language would say it;
the sentences' printed text is checked (what the transcript shows), since numbers are put into
words later, by `verbalize`.
"""

import datetime as dt
import json
import re

import pytest
from babel.dates import format_date

from briefing.script.compose import BRIEF_HEADLINES, build_script
from briefing.script.framing import FRAMING, date_locale, framing_for, spoken_date
from briefing.sources.article import Article, Section

from ..conftest import run_cli

DAY = dt.date(2026, 11, 24)  # a Tuesday
LANGUAGES = ("en", "es", "fr", "it", "pt", "de", "ja", "zh")

#: Per language: three headlines, then what the bulletin must say around them on DAY.
CASES = {
    "en": {
        "headlines": ("Bridge reopens", "Council passes the budget", "Rain on the way"),
        "intro": "Introduction", "closing": "Closing",
        "briefing": "A news briefing for Tuesday, November 24, 2026.",
        "outro": "That was Bridge reopens, a news briefing for Tuesday, November 24, 2026.",
        "thanks": "Thank you for listening.",
        "list": "In this briefing: Bridge reopens; Council passes the budget; and Rain on the way.",
        "stories": ("Story 1 of 3: Bridge reopens", "Story 2 of 3: Council passes the budget",
                    "Story 3 of 3: Rain on the way"),
        "untitled": "News briefing",
        "outro3": "That was your news briefing for Tuesday, November 24, 2026.", "generic": "news briefing",
    },
    "es": {
        "headlines": ("Reabre el puente", "El pleno aprueba el presupuesto", "Llega la lluvia"),
        "intro": "Introducción", "closing": "Cierre",
        "briefing": "Un boletín de noticias del martes, 24 de noviembre de 2026.",
        "outro": "Esto fue Reabre el puente, un boletín de noticias del martes, 24 de noviembre "
                 "de 2026.",
        "thanks": "Gracias por escucharnos.",
        "list": "En este boletín: Reabre el puente; El pleno aprueba el presupuesto; y Llega la "
                "lluvia.",
        "stories": ("Noticia 1 de 3: Reabre el puente",
                    "Noticia 2 de 3: El pleno aprueba el presupuesto",
                    "Noticia 3 de 3: Llega la lluvia"),
        "untitled": "Boletín de noticias",
        "outro3": "Este fue el boletín de noticias del martes, 24 de noviembre de 2026.",
        "generic": "boletín de noticias",
    },
    "fr": {
        "headlines": ("Le pont rouvre", "Le conseil vote le budget", "La pluie arrive"),
        "intro": "Introduction", "closing": "Conclusion",
        "briefing": "Un bulletin d'information du mardi 24 novembre 2026.",
        "outro": "C'était Le pont rouvre, un bulletin d'information du mardi 24 novembre 2026.",
        "thanks": "Merci de votre écoute.",
        "list": "Dans ce bulletin : Le pont rouvre; Le conseil vote le budget; et La pluie arrive.",
        "stories": ("Sujet 1 sur 3 : Le pont rouvre", "Sujet 2 sur 3 : Le conseil vote le budget",
                    "Sujet 3 sur 3 : La pluie arrive"),
        "untitled": "Bulletin d'information",
        "outro3": "C'était le bulletin d'information du mardi 24 novembre 2026.",
        "generic": "bulletin d'information",
    },
    "it": {
        "headlines": ("Riapre il ponte", "Il consiglio approva il bilancio", "Arriva la pioggia"),
        "intro": "Introduzione", "closing": "Chiusura",
        "briefing": "Notiziario di martedì 24 novembre 2026.",
        "outro": "Questo era Riapre il ponte, il notiziario di martedì 24 novembre 2026.",
        "thanks": "Grazie per l'ascolto.",
        "list": "In questo notiziario: Riapre il ponte; Il consiglio approva il bilancio; e "
                "Arriva la pioggia.",
        "stories": ("Notizia 1 di 3: Riapre il ponte",
                    "Notizia 2 di 3: Il consiglio approva il bilancio",
                    "Notizia 3 di 3: Arriva la pioggia"),
        "untitled": "Notiziario",
        "outro3": "Questo era il notiziario di martedì 24 novembre 2026.", "generic": "notiziario",
    },
    "pt": {
        "headlines": ("Ponte é reaberta", "Câmara aprova o orçamento", "Chuva chega amanhã"),
        "intro": "Abertura", "closing": "Encerramento",
        "briefing": "Boletim de notícias de terça-feira, 24 de novembro de 2026.",
        "outro": "Este foi Ponte é reaberta, o boletim de notícias de terça-feira, 24 de "
                 "novembro de 2026.",
        "thanks": "Obrigado por nos ouvir.",
        "list": "Neste boletim: Ponte é reaberta; Câmara aprova o orçamento; e Chuva chega "
                "amanhã.",
        "stories": ("Notícia 1 de 3: Ponte é reaberta", "Notícia 2 de 3: Câmara aprova o orçamento",
                    "Notícia 3 de 3: Chuva chega amanhã"),
        "untitled": "Boletim de notícias",
        "outro3": "Este foi o boletim de notícias de terça-feira, 24 de novembro de 2026.",
        "generic": "boletim de notícias",
    },
    "de": {
        "headlines": ("Brücke wieder offen", "Stadtrat beschließt Haushalt", "Regen zieht auf"),
        "intro": "Einleitung", "closing": "Schluss",
        "briefing": "Nachrichten vom Dienstag, 24. November 2026.",
        "outro": "Das war Brücke wieder offen, die Nachrichten vom Dienstag, 24. November 2026.",
        "thanks": "Vielen Dank fürs Zuhören.",
        "list": "In dieser Ausgabe: Brücke wieder offen; Stadtrat beschließt Haushalt; und Regen "
                "zieht auf.",
        "stories": ("Meldung 1 von 3: Brücke wieder offen",
                    "Meldung 2 von 3: Stadtrat beschließt Haushalt",
                    "Meldung 3 von 3: Regen zieht auf"),
        "untitled": "Nachrichtenüberblick",
        "outro3": "Das waren die Nachrichten vom Dienstag, 24. November 2026.", "generic": "nachrichten",
    },
    "ja": {
        "headlines": ("橋が再開通", "市議会が予算を可決", "雨の予報"),
        "intro": "はじめに", "closing": "おわりに",
        "briefing": "2026年11月24日火曜日のニュースです。",
        "outro": "以上、橋が再開通、2026年11月24日火曜日のニュースでした。",
        "thanks": "お聞きいただき、ありがとうございました。",
        "list": "今回のニュースは、橋が再開通、市議会が予算を可決、そして雨の予報です。",
        "stories": ("ニュース1/3：橋が再開通", "ニュース2/3：市議会が予算を可決", "ニュース3/3：雨の予報"),
        "untitled": "ニュース",
        "outro3": "以上、2026年11月24日火曜日のニュースでした。", "generic": "ニュース",
    },
    "zh": {
        "headlines": ("大桥重新通车", "市议会通过预算", "降雨将至"),
        "intro": "开场", "closing": "结束",
        "briefing": "这里是2026年11月24日星期二的新闻简报。",
        "outro": "以上就是大桥重新通车，2026年11月24日星期二的新闻简报。",
        "thanks": "感谢收听。",
        "list": "本期内容：大桥重新通车；市议会通过预算；以及降雨将至。",
        "stories": ("第1条，共3条：大桥重新通车", "第2条，共3条：市议会通过预算",
                    "第3条，共3条：降雨将至"),
        "untitled": "新闻简报",
        "outro3": "以上就是2026年11月24日星期二的新闻简报。", "generic": "新闻简报",
    },
}


def _article(headline: str) -> Article:
    """A story of two sections whose own headings (taken as they are) are the middle chapters."""
    return Article(headline, (Section(("Text A.",), "Section A"), Section(("Text B.",), "Section B")),
                   "story.txt")


def _texts(segment) -> list[str]:
    return [sentence.text for sentence in segment.sentences]


def test_every_language_has_a_case_and_a_table():
    assert set(FRAMING) == set(CASES) == set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_article_is_framed_in_its_language(language: str):
    case = CASES[language]
    script = build_script([_article(case["headlines"][0])], DAY, language=language)
    assert [s.title for s in script.segments] == [
        case["intro"], "Section A", "Section B", case["closing"]]
    stop = FRAMING[language].stop  # "。" in Chinese and Japanese
    assert _texts(script.segments[0]) == [f"{case['headlines'][0]}{stop}", case["briefing"]]
    assert _texts(script.segments[-1]) == [case["outro"], case["thanks"]]
    assert script.title == case["headlines"][0] and script.language == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_three_stories_are_framed_in_their_language(language: str):
    case = CASES[language]
    script = build_script([_article(h) for h in case["headlines"]], DAY, language=language)
    assert script.title == case["untitled"]
    assert [s.title for s in script.segments] == [case["intro"], *case["stories"], case["closing"]]
    stop = FRAMING[language].stop
    # With no title of its own, the bulletin does not open on its generic title: the sentence
    # after it would say the same again ("News briefing. A news briefing for…").
    assert _texts(script.segments[0]) == [case["briefing"], case["list"]]
    assert _texts(script.segments[-1]) == [case["outro3"], case["thanks"]]
    # Each story still opens with its own headline, as a sentence.
    assert [_texts(s)[0] for s in script.segments[1:-1]] == [f"{h}{stop}" for h in case["headlines"]]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("title", [None, "FRAMING", "CASE"])
def test_a_generic_title_is_said_once(language: str, title: str | None):
    """Untitled, or titled with the generic title itself (in any case), the intro and the outro
    each say the generic words once: the words of the framing, not the title, carry them."""
    case, words = CASES[language], FRAMING[language]
    given = {None: None, "FRAMING": words.untitled, "CASE": words.untitled.upper()}[title]
    script = build_script([_article(h) for h in case["headlines"]], DAY, title=given,
                          language=language)
    intro, outro = _texts(script.segments[0])[:-1], _texts(script.segments[-1])
    for said in (intro, outro):
        assert " ".join(said).casefold().count(case["generic"].casefold()) == 1, said
    assert script.title == (given or case["untitled"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_says_the_untitled_outro(language: str):
    assert "{title}" not in FRAMING[language].outro_untitled
    assert "{date}" in FRAMING[language].outro_untitled


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "and 6 more stories."), ("es", "y 6 noticias más."), ("fr", "et 6 autres sujets."),
    ("it", "e altre 6 notizie."), ("pt", "e mais 6 notícias."), ("de", "und 6 weitere Meldungen."),
    ("ja", "そしてほか6件のニュースです。"), ("zh", "以及另外6条新闻。"),
])
def test_the_brief_rundown_names_at_most_three_headlines(language: str, expected: str):
    """Brief mode's rundown is short: three headlines at most, the rest counted."""
    articles = [_article(f"Titel {n}") for n in range(8)]
    intro = build_script(articles, DAY, language=language,
                         max_headlines=BRIEF_HEADLINES).segments[0]
    words = FRAMING[language]
    assert intro.sentences[-1].text.endswith(f"Titel 1{words.separator}{expected}")
    assert re.findall(r"Titel \d", intro.sentences[-1].text) == ["Titel 0", "Titel 1"]
    three = build_script(articles[:3], DAY, language=language, max_headlines=BRIEF_HEADLINES)
    assert re.findall(r"Titel \d", three.segments[0].sentences[-1].text) == [
        "Titel 0", "Titel 1", "Titel 2"]


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "and 3 more stories."), ("es", "y 3 noticias más."), ("fr", "et 3 autres sujets."),
    ("it", "e altre 3 notizie."), ("pt", "e mais 3 notícias."), ("de", "und 3 weitere Meldungen."),
    ("ja", "そしてほか3件のニュースです。"), ("zh", "以及另外3条新闻。"),
])
def test_a_long_headline_list_counts_the_rest_in_the_language(language: str, expected: str):
    articles = [_article(f"Titel {n}") for n in range(8)]
    intro = build_script(articles, DAY, language=language).segments[0]
    assert intro.sentences[-1].text.endswith(f"Titel 4{FRAMING[language].separator}{expected}")


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "Thursday, January 1, 2026"),
    ("es", "jueves, 1 de enero de 2026"),
    ("fr", "jeudi 1er janvier 2026"),
    ("it", "giovedì 1º gennaio 2026"),
    ("pt", "quinta-feira, 1º de janeiro de 2026"),
    ("de", "Donnerstag, 1. Januar 2026"),
    ("ja", "2026年1月1日木曜日"),
    ("zh", "2026年1月1日星期四"),
])
def test_the_first_of_the_month_as_each_language_writes_it(language: str, expected: str):
    assert spoken_date(dt.date(2026, 1, 1), language) == expected


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "Sunday, March 8, 2026"),
    ("es", "domingo, 8 de marzo de 2026"),
    ("fr", "dimanche 8 mars 2026"),
    ("it", "domenica 8 marzo 2026"),
    ("pt", "domingo, 8 de março de 2026"),
    ("de", "Sonntag, 8. März 2026"),
    ("ja", "2026年3月8日日曜日"),
    ("zh", "2026年3月8日星期日"),
])
def test_no_leading_zero_and_lower_case_where_the_language_writes_it(language: str, expected: str):
    assert spoken_date(dt.date(2026, 3, 8), language) == expected


def test_a_german_bulletin_speaks_the_german_date():
    script = build_script([_article("Brücke wieder offen")], dt.date(2026, 10, 3), language="de")
    assert script.segments[0].sentences[1].text == "Nachrichten vom Samstag, 3. Oktober 2026."
    assert script.segments[-1].sentences[0].text == (
        "Das war Brücke wieder offen, die Nachrichten vom Samstag, 3. Oktober 2026.")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_day_of_the_year_is_babels_full_date(language: str):
    """All weekday and month names come from the CLDR through Babel; only the first of the month
    is changed, and only where the language writes it as an ordinal."""
    day = dt.date(2027, 1, 1)
    while day.year == 2027:
        text = spoken_date(day, language)
        babel = format_date(day, format="full", locale=date_locale(language))
        if day.day != 1:
            assert text == babel
        assert not re.search(r"(?<!\d)0\d", text), text
        assert text[0].islower() == (language in ("es", "fr", "it", "pt")), text
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(("language", "expected"), [
    ("en-GB", "Tuesday, 24 November 2026"),   # the region's own order
    ("de-AT", "Dienstag, 24. November 2026"),
    ("pt-PT", "terça-feira, 24 de novembro de 2026"),
    ("en-ZZ", "Tuesday, November 24, 2026"),  # a region Babel does not know: the table's locale
    ("EN", "Tuesday, November 24, 2026"),
])
def test_a_language_tag_with_a_region_dates_as_the_region_does(language: str, expected: str):
    assert spoken_date(DAY, language) == expected


def test_austrian_german_has_its_own_month_name():
    assert spoken_date(dt.date(2027, 1, 7), "de-AT") == "Donnerstag, 7. Jänner 2027"
    assert spoken_date(dt.date(2027, 1, 7), "de") == "Donnerstag, 7. Januar 2027"


@pytest.mark.parametrize("language", ["nl", "fi", "sv-SE"])
def test_an_unknown_language_falls_back_to_english(language: str):
    assert framing_for(language) is FRAMING["en"]
    script = build_script([_article(h) for h in CASES["en"]["headlines"]], DAY, language=language)
    assert [s.title for s in script.segments] == ["Introduction", *CASES["en"]["stories"], "Closing"]
    assert _texts(script.segments[0]) == [CASES["en"]["briefing"], CASES["en"]["list"]]
    assert script.language == language


#: The body of a short article per language (under the first headline of its case), for the CLI.
BODIES = {
    "en": "The old bridge opened again this morning after repairs.",
    "es": "El viejo puente volvió a abrir esta mañana tras las obras.",
    "fr": "Le vieux pont a rouvert ce matin après des travaux.",
    "it": "Il vecchio ponte ha riaperto stamattina dopo i lavori.",
    "pt": "A velha ponte voltou a abrir hoje de manhã depois das obras.",
    "de": "Die alte Brücke ist seit heute Morgen nach Bauarbeiten offen.",
    "ja": "古い橋は工事を終えて、今朝ふたたび通れるようになりました。",
    "zh": "这座老桥经过维修，今天上午重新开放。",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_script_command_frames_the_bulletin_in_the_language(tmp_path, language: str):
    case = CASES[language]
    headline = case["headlines"][0]
    source = tmp_path / "story.txt"
    source.write_text(f"{headline}\n\n{BODIES[language]}\n", encoding="utf-8")
    result = run_cli("script", source, "--lang", language, "--date", "2026-11-24", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["language"] == language
    segments = data["segments"]
    assert [s["title"] for s in segments][::len(segments) - 1] == [case["intro"], case["closing"]]
    intro = [s["text"] for s in segments[0]["sentences"]]
    assert intro == [f"{headline}{FRAMING[language].stop}", case["briefing"]]
    assert [s["text"] for s in segments[-1]["sentences"]] == [case["outro"], case["thanks"]]
    text = run_cli("script", source, "--lang", language, "--date", "2026-11-24").output
    assert f"== 1. {case['intro']} [intro] ==" in text
    assert f"== 3. {case['closing']} [outro] ==" in text
