"""Chinese as a Mandarin newsreader says it: figures in characters (num2words has no Chinese, and
espeak-ng reads "3.5%" as "san wu percent"), a year digit by digit, a percentage before its number."""

import re

import pytest

from briefing.script.verbalize import normalize
from briefing.script.wording_zh import chinese_number

from ..conftest import ROOT

CASES = [
    ("这项工程耗资约1,200亿元。", "这项工程耗资约一千二百亿元。"),
    ("预计2025年每天将有3.5万名乘客。", "预计二〇二五年每天将有三点五万名乘客。"),
    ("票价将上涨3.5%。", "票价将上涨百分之三点五。"),
    ("会议在18:30开始，18:05结束，18:00散场。", "会议在十八点三十分开始，十八点零五分结束，十八点散场。"),
    ("共有10005人，110000人和1020人。", "共有一万零五人，十一万人和一千零二十人。"),
    ("价格是$5和HK$3.5亿。", "价格是五美元和三点五亿港元。"),
    ("2026年11月24日星期二", "二〇二六年十一月二十四日星期二"),
]


@pytest.mark.parametrize(("printed", "spoken"), CASES)
def test_chinese(printed: str, spoken: str):
    assert normalize(printed, "zh") == spoken


@pytest.mark.parametrize(("value", "said"), [
    (0, "零"), (7, "七"), (10, "十"), (12, "十二"), (20, "二十"), (105, "一百零五"),
    (1020, "一千零二十"), (10000, "一万"), (10005, "一万零五"), (100000005, "一亿零五"),
    (120000000000, "一千二百亿"), (1000000000000, "一万亿"), (20030000, "二千零三万"),
])
def test_chinese_numbers(value: int, said: str):
    assert chinese_number(value) == said


@pytest.mark.parametrize("language", ["zh", "zh-CN", "zh-Hans", "zh-TW"])
def test_every_chinese_tag_is_read_in_chinese(language: str):
    assert normalize("上涨3.5%", language) == "上涨百分之三点五"


def test_the_chinese_article_keeps_no_digit():
    text = (ROOT / "tests" / "languages" / "zh.txt").read_text(encoding="utf-8")
    for line in filter(None, text.splitlines()):
        said = normalize(line, "zh")
        assert not re.search(r"\d", said), said
