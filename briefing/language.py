"""Which language a bulletin is in: `--lang`, else the source's own metadata, else detection.

Detection uses py3langid, whose model ships inside the package (offline, fast). Short or mixed
text gives no confident answer; then the default voice's language is kept rather than a guess.
"""

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from briefing.errors import SourceError

if TYPE_CHECKING:  # imported when first needed: loading the model takes a while
    from py3langid.langid import LanguageIdentifier

#: Detection must be at least this sure, on at least this many characters, to be believed.
MIN_CONFIDENCE, MIN_CHARS = 0.8, 40
#: How much text detection reads.
SAMPLE_CHARS = 4000
#: Codes the model gives that name no language: "zxx" is "no linguistic content" (a table of numbers).
NOT_A_LANGUAGE = frozenset({"zxx"})


@lru_cache(maxsize=1)
def _identifier() -> "LanguageIdentifier":
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detector_version() -> str:
    """What decides detection's answers: the model's package and this module's thresholds."""
    from importlib.metadata import version

    return f"py3langid {version('py3langid')} {MIN_CONFIDENCE} {MIN_CHARS} {sorted(NOT_A_LANGUAGE)}"


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of `text`, or None when the text is too short or detection unsure."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return None
    code, confidence = _identifier().classify(sample)
    return code if confidence >= MIN_CONFIDENCE and code not in NOT_A_LANGUAGE else None


def check_language_code(code: str) -> str:
    """A tag such as `en`, `es` or `pt-BR`, lower-cased primary part; `SourceError` otherwise."""
    primary, _, region = code.replace("_", "-").partition("-")
    if not (primary.isalpha() and 2 <= len(primary) <= 3) or (region and not region.isalnum()):
        raise SourceError(f"{code!r} is not a language code; use one such as en, es or pt-BR")
    return primary.lower() + (f"-{region.upper()}" if region else "")


def resolve_language(option: str | None, metadata: list[str | None], text: str,
                     default: str,
                     detect: Callable[[str], str | None] | None = None) -> str:
    """`option` if given, else the sources' own language, else detected (by `detect`, which
    defaults to `detect_language`), else `default`."""
    if option:
        return check_language_code(option)
    declared = [m for m in metadata if m]
    if declared:
        return check_language_code(declared[0])
    return (detect or detect_language)(text) or default


def primary(code: str) -> str:
    """The primary language of a tag, lower case: `es` for `es-ES`, `es_ES` or `ES`."""
    return code.replace("_", "-").split("-")[0].lower()
