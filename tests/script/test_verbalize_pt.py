"""Portuguese as a newsreader says it, in Brazil and in Portugal: golden text for each class."""

import pytest

from briefing.script.verbalize import normalize

BOTH = [
    # numbers
    ("Foram 12.000 pessoas.", "Foram doze mil pessoas."),
    ("Um rombo de 4,8 milhões e 3,25 vezes mais.",
     "Um rombo de quatro vírgula oito milhões e três vírgula vinte e cinco vezes mais."),
    ("De 10-20 feridos e 21 mortos.", "De dez a vinte feridos e vinte e um mortos."),
    # money
    ("O café custa R$ 4,50.", "O café custa quatro reais e cinquenta centavos."),
    ("Custa R$ 1,00 ou R$ 0,50.", "Custa um real ou cinquenta centavos."),
    ("Um contrato de R$ 2.500 e de US$ 3 milhões.",
     "Um contrato de dois mil e quinhentos reais e de três milhões de dólares."),
    ("Um lucro de R$ 1,5 milhão e de R$ 50 mil.",
     "Um lucro de um vírgula cinco milhão de reais e de cinquenta mil reais."),
    # percentages
    ("A inflação foi de 4,8%.", "A inflação foi de quatro vírgula oito por cento."),
    ("Subiu 2,5 % e caiu 1%.", "Subiu dois vírgula cinco por cento e caiu um por cento."),
    # times
    ("Aberto das 5h às 23h.", "Aberto das cinco horas às vinte e três horas."),
    ("A sessão começa às 18h30 e acaba às 22h.",
     "A sessão começa às dezoito horas e trinta minutos e acaba às vinte e duas horas."),
    ("À 1h e às 21:01.", "À uma hora e às vinte e uma horas e um minuto."),
    # dates and ordinals
    ("Em 24 de novembro de 2026 choveu.", "Em vinte e quatro de novembro de dois mil e vinte e seis choveu."),
    ("No 1º de dezembro e em 1.º de janeiro.", "No primeiro de dezembro e em primeiro de janeiro."),
    ("Ficou em 1º, ela em 2ª, o 3º e a 21ª edição.",
     "Ficou em primeiro, ela em segunda, o terceiro e a vigésima primeira edição."),
    ("Pedro II e João VI no século XXI.", "Pedro segundo e João sexto no século vinte e um."),
    # years
    ("Em 1990 e em 2026.", "Em mil novecentos e noventa e em dois mil e vinte e seis."),
    ("De 1939-1945.", "De mil novecentos e trinta e nove a mil novecentos e quarenta e cinco."),
    # abbreviations
    ("O Sr. Silva e a Sra. Costa.", "O senhor Silva e a senhora Costa."),
    ("O Dr. Souza, a Dra. Lima e a Profa. Alves.", "O doutor Souza, a doutora Lima e a professora Alves."),
    ("Na Av. Paulista, n.º 5, nº 7, etc.", "Na avenida Paulista, número cinco, número sete, etcétera."),
    ("Os EUA e a ONU.", "Os Estados Unidos e a ONU."),
]
BRAZIL = [
    ("Foram 16 votos em 2019.", "Foram dezesseis votos em dois mil e dezenove."),
    ("Em 1999.", "Em mil novecentos e noventa e nove."),
    ("Custa 4,50 € e fica a 5 km.", "Custa quatro euros e cinquenta centavos e fica a cinco quilômetros."),
    ("Bento XVI falou.", "Bento dezesseis falou."),
]
PORTUGAL = [
    ("Foram 16 votos em 2019.", "Foram dezasseis votos em dois mil e dezanove."),
    ("Custa 4,50 € e fica a 5 km.", "Custa quatro euros e cinquenta cêntimos e fica a cinco quilómetros."),
    ("Bento XVI falou.", "Bento dezasseis falou."),
]


@pytest.mark.parametrize("language", ["pt-BR", "pt"])
@pytest.mark.parametrize(("printed", "spoken"), BOTH)
def test_portuguese(language, printed, spoken):
    assert normalize(printed, language) == spoken


@pytest.mark.parametrize(("printed", "spoken"), BRAZIL)
def test_brazil(printed, spoken):
    assert normalize(printed, "pt-BR") == spoken
    assert normalize(printed, "pt_BR") == spoken


@pytest.mark.parametrize(("printed", "spoken"), PORTUGAL)
def test_portugal(printed, spoken):
    assert normalize(printed, "pt-PT") == spoken
    assert normalize(printed, "pt") == spoken
