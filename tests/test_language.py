"""Language: from --lang, the source, or detection; the voice follows it unless one was chosen."""

import json

import pytest

from briefing.language import detect_language

from .conftest import SEED, run_cli

SPANISH = ("El ayuntamiento aprobó el lunes un nuevo presupuesto de 3,2 millones de euros.\n\n"
           "Se espera lluvia en el norte a las 18:00 del martes.\n")
GERMAN = "Der Stadtrat hat am Montag nach einer langen Debatte einen neuen Haushalt beschlossen.\n"


def test_detection():
    assert detect_language(SEED.read_text()) == "en"
    assert detect_language(SPANISH) == "es"
    assert detect_language("Hi.") is None


def test_text_with_no_language_in_it_keeps_the_default(tmp_path):
    # py3langid answers "zxx" (no linguistic content) for a table of numbers, with confidence:
    # no voice speaks it, so a page that is mostly a table could not be built without --voice.
    table = "Results " + " ".join(f"{i} cell" for i in range(1000))
    assert detect_language(table) is None
    page = tmp_path / "table.html"
    rows = "".join(f"<tr><td>{i}</td><td>cell</td></tr>" for i in range(1000))
    page.write_text(f"<html><body><article><h1>Results</h1><table>{rows}</table></article></body></html>")
    result = run_cli("script", page, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["language"] == "en"


def test_spanish_article_gets_a_spanish_voice_and_framing(tmp_path):
    article = tmp_path / "valle.txt"
    article.write_text(SPANISH)
    out = tmp_path / "valle.mp3"
    result = run_cli("-q", "build", article, "--date", "2026-11-24", "-o", out)
    assert result.exit_code == 0, result.output
    manifest = json.loads(out.with_suffix(".json").read_text())
    assert manifest["language"] == "es"
    assert manifest["voice"]["name"] == "spanish-female"
    intro = manifest["segments"][0]
    assert intro["title"] == "Introducción"
    assert intro["sentences"][1]["spoken"] == (
        "Un boletín de noticias del martes, veinticuatro de noviembre de dos mil veintiséis.")


def test_a_language_with_only_a_system_voice(tmp_path):
    article = tmp_path / "rat.txt"
    article.write_text(GERMAN)
    result = run_cli("script", article, "--json")
    assert json.loads(result.output)["language"] == "de"


def test_lang_option_overrides_detection_and_chosen_voice_wins(tmp_path):
    article = tmp_path / "valle.txt"
    article.write_text(SPANISH)
    data = json.loads(run_cli("script", article, "--lang", "en", "--json").output)
    assert data["language"] == "en"
    data = json.loads(run_cli("script", article, "--voice", "system", "--json").output)
    assert data["language"] == "en"


def test_no_voice_for_the_language(tmp_path):
    """A code that is not one ('12') is a usage mistake: see tests/cli/test_commands.py."""
    result = run_cli("build", SEED, "--lang", "qqq", "-o", tmp_path / "x.mp3")
    assert result.exit_code == 1
    assert result.output == ("Error: no voice speaks language 'qqq': add a voice profile with "
                             "language = \"qqq\" to your voices folder (see briefing voices)\n")
    assert list(tmp_path.iterdir()) == []


def test_detection_is_remembered_for_the_text_it_read(tmp_path, monkeypatch):
    """Loading the detector's model is most of a rebuild after an edit: its answer is kept in
    the cache for the text it read, and not kept without the cache."""
    from briefing import language
    from briefing.pipeline import BuildOptions, prepare

    article = tmp_path / "noticia.txt"
    article.write_text("El puerto reabre\n\nEl puerto reabrió el lunes tras una semana de "
                       "tormentas. Los barcos pesqueros salieron antes del amanecer.\n")
    cached = BuildOptions(cache_dir=tmp_path / "cache")
    assert prepare([article], cached).script.language == "es"
    with monkeypatch.context() as patched:
        def refuse():
            raise AssertionError("the detector was loaded again")
        patched.setattr(language, "_identifier", refuse)
        assert prepare([article], cached).script.language == "es"
        with pytest.raises(AssertionError, match="loaded again"):
            prepare([article], BuildOptions(cache=False))
