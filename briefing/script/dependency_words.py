"""The words that make a sentence lean on another, per language: what `dependencies` looks for.

One table per language (as `framing` has), so that adding a language is adding an entry here.
Each entry is regular expressions, matched case-insensitively but for `unnamed` and `reported`:
openings that refer back (pronouns, demonstratives, connectives), speech verbs and nouns that say
who said something, a speaker left unsaid or given as a pronoun, and the verb forms of reported
speech. The verb lists are the forms news writes (past and present, third person), not every
form of every verb.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    """The words of one language that make a sentence lean on another."""

    leaning: str
    """Openings of a sentence that refer back: pronouns, demonstratives, connectives."""
    speech: str
    """Speech verbs and nouns, and "according to": words that say who said something."""
    unnamed: str = ""
    """A speech verb whose speaker is a pronoun or left unsaid, in the text outside quotation
    marks ("he said", "a-t-elle déclaré", "sagte er", "…», dijo.")."""
    reported: str = ""
    """Verb forms that mark reported speech without quotation marks (German news puts what
    someone said in the subjunctive: "Die Lage sei ernst"), which needs its attribution as a
    quotation does."""


def _words(*alternatives: str) -> str:
    return "|".join(alternatives)


_EN_SAID = _words("said", "says", "told", "tells", "added", "adds", "explained", "explains",
                  "warned", "warns", "insisted", "insists", "asked", "asks", "argued", "argues",
                  "claimed", "claims", "wrote", "writes", "noted", "recalled", "declared",
                  "replied", "continued", "stressed", "admitted", "announced", "vowed", "urged",
                  "urges", "joked")
_ES_SAID = _words(r"dij(?:o|eron)", r"dicen?", r"afirm(?:ó|a|an|aron)", r"asegur(?:ó|a|an|aron)",
                  r"declar(?:ó|a|an|aron)", r"explic(?:ó|a|an|aron)", r"señal(?:ó|a|an|aron)",
                  r"añad(?:ió|e|en|ieron)", r"agreg(?:ó|a|an|aron)", r"advirti(?:ó|eron)",
                  r"adviert(?:e|en)", r"indic(?:ó|aron)", r"sostuv(?:o|ieron)", r"sostienen?",
                  r"manifest(?:ó|aron)", r"coment(?:ó|aron)", r"subray(?:ó|a|aron)",
                  r"destac(?:ó|aron)", r"insist(?:ió|e|ieron)", r"reconoci(?:ó|eron)",
                  r"apunt(?:ó|aron)", r"pregunt(?:ó|aron)", r"respondi(?:ó|eron)",
                  r"conclu(?:yó|yeron)", r"record(?:ó|aron)", r"denunci(?:ó|a|aron)",
                  r"precis(?:ó|aron)", r"anunci(?:ó|a|aron)", r"prometi(?:ó|eron)",
                  r"critic(?:ó|aron)", r"lament(?:ó|a|aron)", r"admiti(?:ó|eron)",
                  r"expres(?:ó|aron)", r"escribi(?:ó|eron)", r"calific(?:ó|a|aron)",
                  r"cont(?:ó|aron)", r"relat(?:ó|aron)", r"brome(?:ó|aron)")
_FR_SAID = _words("dit", r"déclar(?:e|é|ent|ait)", r"affirm(?:e|é|ent|ait)",
                  r"expliqu(?:e|é|ent|ait)", r"ajout(?:e|é|ent|ait)", r"assur(?:e|é|ent|ait)",
                  r"soulign(?:e|é|ent|ait)", r"indiqu(?:e|é|ent|ait)", r"précis(?:e|é|ent|ait)",
                  r"estim(?:e|é|ent|ait)", r"avert(?:i|it)", r"confi(?:e|é)", "reconnu",
                  r"reconnaît", r"rappel(?:le|é|lent)", r"martel(?:é|le)", r"insist(?:e|é)",
                  r"annonc(?:e|é|ent)", r"promi[st]", r"répon(?:du|d)", r"regrett(?:e|é)",
                  r"dénonc(?:e|é)", "écrit", r"qualifi(?:e|é)", "lancé", "prévenu",
                  r"racont(?:e|é)", r"témoign(?:e|é)")
_IT_SAID = _words("detto", "dichiarato", "affermato", "spiegato", "aggiunto", "sottolineato",
                  "assicurato", "ribadito", "osservato", "precisato", "avvertito", "commentato",
                  "annunciato", "ammesso", "risposto", "scritto", "concluso", "ricordato",
                  "denunciato", "definito", "promesso", "raccontato", r"dic(?:e|ono)", "disse", "dichiara",
                  "afferma", "spiega", "aggiunge", "sottolinea", "assicura", "ribadisce",
                  "osserva", "precisa", "avverte", "commenta", "annuncia", "ammette", "risponde",
                  "scrive", "conclude", "ricorda", "denuncia", "definisce")
_PT_SAID = _words(r"disse(?:ram)?", r"dizem?", r"afirm(?:ou|a|am|aram)", r"declar(?:ou|a|aram)",
                  r"explic(?:ou|a|aram)", r"acrescent(?:ou|a|aram)", r"ressalt(?:ou|a|aram)",
                  r"destac(?:ou|aram)", r"garant(?:iu|e|iram)", r"avali(?:ou|aram)",
                  r"assegur(?:ou|a)", r"sublinh(?:ou|a)", r"lembr(?:ou|aram)", "comentou",
                  r"anunci(?:ou|a|aram)", r"admit(?:iu|e)", r"respond(?:eu|eram)", "escreveu",
                  r"conclu(?:iu|íram)", r"alert(?:ou|a)", r"critic(?:ou|aram)",
                  r"defend(?:eu|eram)", r"reconhec(?:eu|e)", r"prometeu", r"cont(?:ou|aram)",
                  r"relat(?:ou|aram)")
_DE_SAID = _words(r"sagt(?:e|en)?", "gesagt", r"erklärt(?:e|en)?", r"betont(?:e|en)?",
                  r"meint(?:e|en)?", r"warnt(?:e|en)?", r"kritisiert(?:e|en)?",
                  r"versichert(?:e|en)?", r"bestätigt(?:e|en)?", "hinzu", r"teilt(?:e|en)? mit",
                  "mitgeteilt", "sprach", "schrieb", "schreibt", r"antwortet(?:e|en)?",
                  r"kündigt(?:e|en)? an", r"berichtet(?:e|en)?", r"äußert(?:e|en)?",
                  "unterstrich", "unterstreicht", r"fordert(?:e|en)?", r"räumt(?:e|en)? ein")


#: "il" but where it is impersonal ("il y a", "il faut", "il s'agit") and refers to nothing.
_FR_IMPERSONAL = r"il(?!\s+(?:n['\u2019])?y\s+a|\s+faut|\s+s['\u2019]agit|\s+semble|\s+pleut)"


def _unsaid(said: str, named: str) -> str:
    """Outside the quotation, a speech verb first, not followed by its subject: "…», dijo." or
    "…», añadió ante la prensa." (a name or an article after it would be the speaker)."""
    return rf"^[\s,.;:—\u2013-]*(?:{said})\b(?!\s+(?:(?:{named})\b|[A-ZÁÉÍÓÚÀÈÌÒÙÂÊÔÃÕÇÑÄÖÜ]))"


WORDS = {
    "en": Words(
        leaning=_words("he", "she", "they", "it", "his", "her", "their", "its", "him",
                       "them", "this", "that", "these", "those", "but", "however", "also", "and",
                       "yet", "still", "instead", "moreover", "furthermore", "in addition",
                       "besides", "nevertheless", "nonetheless", "even so", "therefore", "thus",
                       "then", "otherwise", "as a result", "by contrast", "on the other hand",
                       "both", "the former", "the latter", "such",
                       r"the (?:words|remarks|comments|warning|message|verdict)"),
        speech=_words(_EN_SAID, "called", "described", "according to", "in a statement",
                      "came from", "words", "remarks", "comments", "statement", "message",
                      "warning", "verdict"),
        # "said he." ends the sentence or a clause; "said they were" is what was said.
        unnamed=rf"\b(?:he|she|they)\s+(?:\w+\s+)?(?:{_EN_SAID})\b|\b(?:{_EN_SAID})\s+(?:he|she"
                r"|they)\s*(?:[.,;:!?]|$)"),
    "es": Words(
        leaning=_words("él", "ella", "ellos", "ellas", "ello", "esto", "este", "esta", "estos",
                       "estas", "eso", "ese", "esa", "esos", "esas", "su", "sus", "lo", "le", "les",
                       "pero", "sin embargo", "no obstante", "además", "también", "asimismo",
                       "por eso", "por ello", "por tanto", "así", "aun así", "en cambio",
                       "por su parte", "entonces", "ambos", "ambas", "allí", "y", "tampoco",
                       "según él", "según ella", "según ellos", "en caso contrario",
                       "de lo contrario", r"las (?:palabras|declaraciones)",
                       r"con (?:esas|estas) palabras", _ES_SAID),
        speech=_words(_ES_SAID, "según", "de acuerdo con", "en declaraciones", "palabras",
                      "mensaje", "declaraciones"),
        unnamed=_unsaid(_ES_SAID, "el|la|los|las|un|una|su|sus|este|esta")),
    "fr": Words(
        leaning=_words(_FR_IMPERSONAL, "elle", "ils", "elles", "lui", "eux", "ce", "cet", "cette",
                       "ces", "cela", "ceci", "ça", "celui", "celle", "ceux", "celles", "son", "sa",
                       "ses", "leur", "leurs", "mais", "cependant", "pourtant", "toutefois",
                       "néanmoins", "en outre", "de plus", "aussi", "ainsi", "donc", "or", "et",
                       "puis", "ensuite", "par ailleurs", "de son côté", "de leur côté", "selon lui",
                       "selon elle", "selon eux", "les deux", "là", r"c['\u2019](?:est|était)",
                       r"les (?:propos|mots|paroles)"),
        speech=_words(_FR_SAID, "selon", "d'après", "propos", "paroles", "mots", "déclaration",
                      "message"),
        unnamed=rf"-t-(?:il|elle|ils|elles)\b|\b(?:{_FR_SAID})-(?:il|elle|ils|elles)\b|\b(?:il|"
                rf"elle|ils|elles)\s+(?:l')?(?:a|ont|avait|avaient)\s+(?:\w+\s+)?(?:{_FR_SAID})"
                r"\b|\bselon (?:lui|elle|eux|elles)\b"),
    "it": Words(
        leaning=_words("lui", "lei", "loro", "egli", "ella", "essi", "esse", "questo", "questa",
                       "questi", "queste", "quello", "quella", "ciò", "suo", "sua", "suoi", "sue",
                       "ma", "però", "tuttavia", "inoltre", "anche", "anzi", "quindi", "perciò",
                       "dunque", "così", "invece", "infatti", "eppure", "e", "entrambi",
                       "secondo lui", "secondo lei", "secondo loro", "ne", "altrimenti",
                       r"le (?:parole|dichiarazioni)", r"ha\s+(?:\w+\s+)?(?:" + _IT_SAID + ")",
                       _IT_SAID),
        speech=_words(_IT_SAID, "secondo", "stando a", "parole", "dichiarazioni", "messaggio"),
        unnamed=_unsaid(rf"(?:ha\s+(?:poi\s+|anche\s+)?)?(?:{_IT_SAID})",
                        "il|lo|la|i|gli|le|l'|un|una|uno")),
    "pt": Words(
        leaning=_words("ele", "ela", "eles", "elas", "este", "esta", "estes", "estas", "isto",
                       "esse", "essa", "esses", "essas", "isso", "aquele", "aquela", "aquilo",
                       "seu", "sua", "seus", "suas", "mas", "porém", "contudo", "entretanto",
                       "no entanto", "todavia", "além disso", "também", "assim", "por isso",
                       "portanto", "ainda assim", "e", "já", "ambos", "segundo ele", "segundo ela",
                       "segundo eles", "caso contrário", r"as (?:palavras|declarações)",
                       _PT_SAID),
        speech=_words(_PT_SAID, "segundo", "conforme", "de acordo com", "palavras",
                      "declarações", "mensagem"),
        unnamed=_unsaid(_PT_SAID, "o|a|os|as|um|uma|seu|sua")),
    "de": Words(
        leaning=_words("er", "sie", "es", "ihr", "ihre", "ihren", "ihrem", "ihrer", "sein", "seine",
                       "seinen", "seinem", "seiner", "dies", "diese", "dieser", "dieses", "diesen",
                       "deren", "dessen", "aber", "doch", "jedoch", "allerdings", "außerdem",
                       "zudem", "auch", "deshalb", "daher", "deswegen", "trotzdem", "dennoch",
                       "damit", "dabei", "dazu", "darin", "darauf", "dafür", "dagegen", "demnach",
                       "und", "beide", "laut ihm", "laut ihr"),
        speech=_words(_DE_SAID, "laut", "zufolge", "nach angaben", r"so (?:der|die|das|ein|eine)",
                      "worte", "aussage", "äußerung", "erklärung"),
        unnamed=rf"\b(?:{_DE_SAID})\s+(?:er|sie)\b|\b(?:er|sie)\s+(?:{_DE_SAID})\b|\bso (?:er|sie)"
                r"\b|\blaut (?:ihm|ihr|ihnen)\b",
        reported=r"\b(?:sei|seien|habe|werde|könne|müsse|wolle|solle|dürfe|gebe|liege|stehe|gehe"
                 r"|komme|bleibe|wisse|brauche|fehle|würden?|wären?|hätten?|stünden?|gäbe|käme)\b"),
    "ja": Words(
        leaning="しかし|また|さらに|一方|そのため|これ|それ|この|その|彼|彼女|ただ|だが|でも|なお|同氏",
        speech="述べ|語っ|語り|説明し|強調し|指摘し|明らかにし|発表し|訴え|と(?:話|言)|によると|によれば"),
    "zh": Words(
        leaning="但|然而|此外|另外|他|她|它|这|那|此|同时|不过|因此|所以|而|其",
        speech="说|表示|称|指出|强调|据|介绍|透露|认为|宣布|提到|回应"),
}
