"""English news copy: quarters, decades, abbreviated dates, acronyms, numbers and time zones, as a
newsreader says them (golden text)."""

import pytest

from briefing.script.verbalize import normalize

QUARTERS = [
    ("Profits rose in Q1.", "Profits rose in the first quarter."),
    ("Q3 2025 sales beat forecasts.", "third quarter of twenty twenty-five sales beat forecasts."),
    ("Its Q2 and Q4 results.", "Its second quarter and fourth quarter results."),
    ("The FY2025 outlook.", "The fiscal year twenty twenty-five outlook."),
]
DECADES = [
    ("Music of the 1990s.", "Music of the nineteen nineties."),
    ("A 1990s-era law.", "A nineteen nineties-era law."),
    ("Back in the '90s and the ’80s.", "Back in the nineties and the eighties."),
    ("In the 2000s and the 2010s.", "In the two thousands and the twenty tens."),
    ("Built in the 1900s by people in their 20s.",
     "Built in the nineteen hundreds by people in their twenties."),
]
DATES = [
    ("It opens Jan. 14.", "It opens January fourteenth."),
    ("Polls close Sept. 3, 2025.", "Polls close September third, twenty twenty-five."),
    ("Mon., Jan. 14 is a holiday.", "Monday, January fourteenth is a holiday."),
    ("Due Wed., Dec. 2 and Feb. 2026.", "Due Wednesday, December second and February twenty twenty-six."),
    ("On the 21st and the 22nd.", "On the twenty-first and the twenty-second."),
]
ACRONYMS = [
    ("WFP staff left.", "W F P staff left."),
    ("The U.N. and the U.S. agreed.", "The U N and the U S agreed."),
    ("The F.B.I. said so.", "The F B I said so."),
    ("NATO, UNESCO, NASA, UNICEF, OPEC, FIFA and AIDS groups.",
     "NATO, UNESCO, NASA, UNICEF, OPEC, FIFA and AIDS groups."),
    ("After COVID-19, the WFP's NGOs grew.", "After COVID-nineteen, the W F P's N G O's grew."),
    ("The G7 met at COP28 about CO2.", "The G seven met at COP twenty-eight about C O two."),
    ("BREAKING NEWS: a fire in the IMF.", "BREAKING NEWS: a fire in the I M F."),
    ("MARKETS RALLY", "MARKETS RALLY"),
    ("Pope John XXIII met Henry VIII.", "Pope John the Twenty-Third met Henry the Eighth."),
]
WORDS = [
    ("He lives at No. 10 and won Nos. 3 and 4.", "He lives at number ten and won numbers three and four."),
    ("The answer was No.", "The answer was No."),
    ("Smith vs. Jones and Roe v. Wade.", "Smith versus Jones and Roe versus Wade."),
    ("From St. Louis to Downing St. today.", "From Saint Louis to Downing Street today."),
    ("It cost $1.01 or £2.50.", "It cost one dollar and one cent or two pounds and fifty pence."),
]
TIME_ZONES = [
    ("Polls close at 3 p.m. ET.", "Polls close at three P M Eastern Time."),
    ("At 9 a.m. PT and 11 a.m. CT.", "At nine A M Pacific Time and eleven A M Central Time."),
    ("The deadline is 14:00 GMT.", "The deadline is fourteen hundred G M T."),
    ("Launch at 18:30 UTC, 19:30 CET.",
     "Launch at eighteen thirty U T C, nineteen thirty Central European Time."),
    ("It starts at 7:00 and 20:00.", "It starts at seven o'clock and twenty hundred."),
    ("He had 2 CT scans.", "He had two C T scans."),
]


@pytest.mark.parametrize(("printed", "spoken"),
                         QUARTERS + DECADES + DATES + ACRONYMS + WORDS + TIME_ZONES)
def test_english_news(printed, spoken):
    assert normalize(printed, "en") == spoken


def test_a_long_number_is_read_digit_by_digit():
    spoken = normalize("Case 12345678901234567 and 123456789012345.", "en")
    assert spoken == ("Case one two three four five six seven eight nine zero one two three four five six "
                      "seven and one hundred twenty-three trillion four hundred fifty-six billion seven "
                      "hundred eighty-nine million twelve thousand three hundred forty-five.")
