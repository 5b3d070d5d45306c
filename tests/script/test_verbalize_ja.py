"""Japanese as a newsreader says it: figures read in Japanese with their counters, and every word
in kana, since espeak-ng reads kana but says "Chinese letter" for each kanji."""

import re

import pytest

from briefing.script.compose import HAN
from briefing.script.verbalize import normalize

from ..conftest import ROOT

CASES = [
    ("建設費は約1,200億円です。", "ケンセツヒワ ヤク センニヒャクオクエンデス。"),
    ("2025年の利用者は1日あたり3万5千人です。",
     "ニセンニジュウゴネンノ リヨーシャワ イチニチアタリ サンマンゴセンニンデス。"),
    ("運賃は3.5%上がります。", "ウンチンワ サンテンゴパーセント アガリマス。"),
    ("11月24日に開業しました。", "ジュウイチガツニジュウヨッカニ カイギョー シマシタ。"),
    ("市は24日、発表しました。", "シワ ニジュウヨッカ、 ハッピョー シマシタ。"),
    ("所要時間は約20分です。", "ショヨー ジカンワ ヤク ニジュップンデス。"),
    ("18時30分と18:30と9時5分。", "ジュウハチジサンジュップント ジュウハチジサンジュップント クジゴフン。"),
    ("4人と1人と2人が、3千万円を払いました。",
     "ヨニント ヒトリト フタリガ、 サンゼンマンエンヲ ハライマシタ。"),
    ("3か月と6分と14日間。", "サンカゲツト ロップント ジュウヨッカカン。"),
    ("4年前の2024年。", "ヨネン マエノ ニセンニジュウヨネン。"),
    ("価格は$5でした。", "カカクワ ゴドルデシタ。"),
]


@pytest.mark.parametrize(("printed", "spoken"), CASES)
def test_japanese(printed: str, spoken: str):
    assert normalize(printed, "ja") == spoken


def test_the_japanese_article_is_spoken_in_kana_without_digits():
    """No digit is left for espeak-ng to read in English, and no kanji for it to call a
    "Chinese letter"."""
    text = (ROOT / "tests" / "languages" / "ja.txt").read_text(encoding="utf-8")
    for line in filter(None, text.splitlines()):
        said = normalize(line, "ja")
        assert not re.search(rf"[\d{HAN}]", said), said


def test_without_janome_a_japanese_script_is_one_line_naming_the_extra(monkeypatch):
    """Janome is an extra (its dictionary is large): without it, one line says how to install it."""
    import sys
    from pathlib import Path

    from briefing.script import wording_ja

    from ..conftest import run_cli

    monkeypatch.setitem(sys.modules, "janome.tokenizer", None)  # as if it were not installed
    wording_ja._tokenizer.cache_clear()
    try:
        result = run_cli("script", Path(__file__).parents[1] / "languages" / "ja.txt", "--lang", "ja")
    finally:
        wording_ja._tokenizer.cache_clear()
    assert result.exit_code != 0
    assert result.output.splitlines() == [
        "Error: reading Japanese needs Janome; install it with: pip install 'briefing[ja]'"]
