"""Which sentences lean on which, per language: what brief mode keeps together (see `brief`).

Each case is a short story and, for each sentence, the sentences it leans on directly, worked
out by hand as an editor would: a pronoun or a connective leans on the sentence before, a
quotation carried over leans on where it opened, and a quotation leans on the sentence that says
who said it unless it says so itself.
"""

import pytest

from briefing.script.dependencies import MAX_NEEDS, dependencies, direct_needs, quoting

#: (language, sentences, what each leans on directly).
CASES = [
    # A pronoun, a connective, and a quotation whose speaker is "he", named the sentence before.
    ("en", ["The council met on Monday.", "Its leader, Ann Wu, spoke first.",
            "She said the budget was tight.", "However, the vote was won.",
            '"It was close," he said.'],
     [set(), {0}, {1}, {2}, {3}]),
    # A quotation that names its speaker needs nothing; the next one, unattributed, needs it.
    ("en", ["Nurses went back to work.", '"We wanted safe wards," said Grace Okoye.',
            '"Nobody listened."', "Patients were told on Friday."],
     [set(), set(), {1}, set()]),
    # A quotation opened in one sentence and closed with its speaker in the next.
    ("en", ["The river rose.", '"We could not see them.', 'The fog was thick," said Fiona Grant.'],
     [set(), {2}, {1}]),
    # Attribution alone, after the quotation and pointing back at it.
    ("en", ["Climbers were rescued.", '"They did the right thing."',
            "That was the verdict of police inspector Neil Ross."],
     [set(), {0, 2}, {1}]),
    # A new sentence with its own speech verb does not attribute the quotation before it.
    ("en", ["Floods hit three towns.", "'We have heard promises,' said Mark Evans.",
            "'What we have not seen is a spade.'", "The agency said work would start in spring."],
     [set(), set(), {1}, set()]),
    # Introduced by a colon, the speaker is named; "said they were" is what was said.
    ("en", ["The stadium was approved.", 'The chairman was jubilant: "This is our best night."',
            "Doctors said they were pleased."],
     [set(), set(), set()]),
    # Apostrophes are no quotation marks, and neither is an inch.
    ("en", ["The residents' homes are safe.", "It is the council's plan.", "A 12\" pipe burst."],
     [set(), {0}, set()]),
    # Spanish: the speaker left unsaid ("…", dijo.) is named in the sentence before; a sentence
    # opening with a speech verb or "Según él" leans back.
    ("es", ["La consejera, Marta Ruiz, defendió el cierre.", "Aseguró que habrá más médicos.",
            '"No cerramos nada", afirmó.', '"Es un error", dijo Carmen López.',
            "Según ella, el centro está lejos.", "Sin embargo, la protesta siguió."],
     [set(), {0}, {1}, set(), {3}, {4}]),
    # Spanish typographic marks, and attribution alone after the quotation.
    ("es", ["Datania recurrirá.", "«Estamos en desacuerdo con la decisión».",
            "Así lo afirmó un portavoz de la empresa."],
     [set(), {2}, {1}]),
    # French: spaced guillemets (as straight marks, as the sources give them) and "a-t-il".
    ("fr", ["Le ministre, Paul Girard, a parlé.", "Il a appelé au dialogue.",
            '" La porte reste ouverte ", a-t-il assuré.', '" Nous ne lâcherons rien.',
            '" La grève continuera ", a prévenu Julie Moreau.'],
     [set(), {0}, {1}, {4}, {3}]),
    # An impersonal "il" ("il n'y a") refers to nothing before.
    ("fr", ["Un loup a été filmé.", "« Il n'y a aucun danger. »",
            "C'est le message de la préfecture.", "Elle demande de rester prudent."],
     [set(), {2}, {1}, {2}]),
    # Italian: "ha aggiunto" with no speaker after it, within a quotation carried on.
    ("it", ["La presidente, Anna Ferri, ha parlato.", '"Non uscite di casa.',
            '"Le prossime ore saranno difficili", ha aggiunto.', "Tuttavia, non ci sono feriti.",
            "Ne sono esentati i residenti."],
     [set(), {2}, {0, 1}, {2}, {3}]),
    # Portuguese.
    ("pt", ["O vereador, João Pires, defendeu a medida.", '"É justo", afirmou.',
            "Segundo ele, as casas são caras.", "Além disso, faltam casas.",
            '"Vamos recorrer", garantiu Ana Lopes.'],
     [set(), {0}, {1}, {2}, set()]),
    # German: „…“ and »…«, "sagte er", and reported speech in the subjunctive, no marks.
    ("de", ["Der Streik begann am Mittwoch.", "„Wir haben keine Wahl“, sagte Claus Weber.",
            "Die Bahn habe kein Angebot gemacht.", "»Das ist falsch«, sagte sie.",
            "Er warnte aber vor Leichtsinn."],
     [set(), set(), {1}, {2}, {3}]),
    ("de", ["Die Lage entspannt sich.", "Die Arbeiten würden Wochen dauern, so der Bürgermeister.",
            "Viele Keller stünden unter Wasser."],
     [set(), set(), {1}]),
    # Japanese and Chinese: connectives and pronouns with no spaces, 「」 carried on.
    ("ja", ["市議会が予算を可決した。", "しかし、反対も多かった。", "「橋は来年できる。",
            "安全だ」と市長は述べた。"],
     [set(), {0}, {3}, {2}]),
    ("zh", ["市议会通过了预算。", "但是反对者很多。", "他说桥明年建成。"],
     [set(), {0}, {1}]),
    # A language without lists still keeps a quotation carried on with where it opened.
    ("nl", ["De brug gaat dicht.", '"We wachten al jaren.', 'Niemand luistert," zegt Anna.'],
     [set(), {0}, {1}]),
]


@pytest.mark.parametrize(("language", "sentences", "expected"), CASES,
                         ids=[f"{c[0]}-{n}" for n, c in enumerate(CASES)])
def test_what_each_sentence_leans_on(language, sentences, expected):
    assert direct_needs(sentences, language) == expected


def test_needs_are_followed_to_the_end():
    """A sentence needs what the sentences it needs need: "He added…" after "He said…" after the
    sentence naming him."""
    sentences = ["Lead.", "The chief, Tom Reilly, spoke.", "He said the bridge was unsafe.",
                 "He added that it would close."]
    assert dependencies(sentences) == (frozenset(), frozenset(), frozenset({1}),
                                       frozenset({1, 2}))


def test_a_quotation_carries_on_over_a_paragraph_only_as_the_convention_says():
    """A quotation left open at a paragraph's end goes on when the next paragraph opens with a
    quotation mark; otherwise its closing mark was lost, and the next paragraph is on its own."""
    carried = ['"We have waited ten years.', '"Every winter we are told next year," she said.']
    assert direct_needs(carried, "en", paragraphs={1}) == [{1}, {0}]
    lost = ["The strike began.", '"This strike is wrong.', "Commuters were hit as well."]
    assert direct_needs(lost, "en", paragraphs={1, 2}) == [set(), {0}, set()]
    assert direct_needs(lost, "en") == [set(), {0}, {1}]  # one paragraph: it is carried


@pytest.mark.parametrize(("text", "carried", "left_open", "outside"), [
    ('"Yes," she said.', False, "", " she said."),
    ('It will be ready in May," she said.', True, "", " she said."),
    ("“We will build it.", False, "“", ""),
    ('" On ne sait pas ", a confié Sophie.', False, "", ", a confié Sophie."),
    ("une grève « irresponsable ».", False, "", "une grève ."),
    ("„Wir“, sagte er.", False, "", ", sagte er."),
    ("»Wir«, sagte er.", False, "", ", sagte er."),
    ("'We don't know,' she said.", False, "", " she said."),
    ("It is 1990's music.", False, "", "It is 1990's music."),
])
def test_quoting_tells_opening_from_closing_marks(text, carried, left_open, outside):
    language = "de" if "Wir" in text else "en"
    found = quoting(text, language=language)
    assert (found.carried, found.open, found.outside) == (carried, left_open, outside)
    assert found.quoted == (text != "It is 1990's music.")


def test_a_long_chain_is_followed_only_so_far():
    """Thousands of sentences each leaning on the one before: the needs stop past `MAX_NEEDS`,
    so the work and the memory stay linear (followed to the end, they were quadratic)."""
    sentences = ["The index opened flat."] + [f"It rose {n} points." for n in range(5000)]
    found = dependencies(sentences)
    assert found[5] == frozenset(range(5))
    assert max(len(needs) for needs in found) == MAX_NEEDS + 1
