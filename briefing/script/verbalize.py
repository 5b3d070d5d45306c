"""News-aware text normalization: what a newsreader says for what a newspaper prints.

Every engine gets the same spoken words, so "$318.5 million", "6:30 a.m.", "World War II",
"12.000" (Spanish), "7 h 30" (French) or "24. November" (German) sound right whatever the voice,
and the heard rate can be counted in real words. Rules run in a fixed order, most specific first:
addresses, the language's own patterns, then the shared ones (`rules`), then acronyms. English,
Spanish, French, Italian, Portuguese (European and Brazilian), German, Japanese and Chinese have
their own tables (`wording_*`); any other language gets English's rules, as before. English
written outside the United States (`en-GB`, `en-AU`, …) reads "3/4/2025" day first.
"""

import re
from collections.abc import Callable, Mapping
from functools import lru_cache, partial

from briefing.script.acronyms import read_acronyms
from briefing.script.rules import address_rule, shared_rules
from briefing.script.wording import Rule, Wording
from briefing.script.wording_de import German
from briefing.script.wording_en import BritishEnglish, English
from briefing.script.wording_es import Spanish
from briefing.script.wording_fr import French
from briefing.script.wording_it import Italian
from briefing.script.wording_ja import Japanese
from briefing.script.wording_pt import BrazilianPortuguese, Portuguese
from briefing.script.wording_zh import Chinese

LANGUAGES: dict[str, Wording] = {w.code: w for w in (
    English(), BritishEnglish(), Spanish(), French(), Italian(), Portuguese(), BrazilianPortuguese(),
    German(), Japanese(), Chinese())}


#: English regions that write dates day first, as Britain does.
DAY_FIRST_ENGLISH = ("en-gb", "en-uk", "en-ie", "en-au", "en-nz", "en-in", "en-za")


def wording_for(code: str) -> Wording:
    """The table for a language tag: `pt-BR` by its region, else by its primary language."""
    tag = code.replace("_", "-").lower()
    if tag.startswith(DAY_FIRST_ENGLISH):
        tag = "en-gb"
    for key in (tag, tag.split("-")[0]):
        for wording in LANGUAGES.values():
            if wording.code.lower() == key:
                return wording
    return LANGUAGES["en"]


@lru_cache(maxsize=16)
def _rules(code: str, urls: bool) -> list[Rule]:
    wording = LANGUAGES[code]
    return [address_rule(wording, urls), *wording.early_rules(), *shared_rules(wording),
            *wording.late_rules()]


def _unless_empty(replace: Callable[[re.Match[str]], str], match: re.Match[str]) -> str:
    """What `replace` makes of a match; nothing for an empty match."""
    return replace(match) if match.group(0) else ""


def normalize(text: str, language: str = "en", urls: bool = True,
              acronyms: Mapping[str, str] | None = None) -> str:
    """The words to speak for `text` in `language`; `urls=False` drops web and e-mail addresses.

    `acronyms` maps an acronym in capitals to how it is read, "word" or "letters" (the user's
    lexicon), over the language's own list of acronyms read as words.
    """
    wording = wording_for(language)
    for pattern, replace in _rules(wording.code, urls):
        text = pattern.sub(partial(_unless_empty, replace), text)
    text = wording.finish(read_acronyms(text, wording.acronym_words, acronyms or {}))
    return re.sub(r"\s{2,}", " ", text).strip()
