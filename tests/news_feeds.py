"""Three outlets' feeds over four mornings, written for the news desk's tests: what each outlet
lists on each morning (newest first, older items still listed, as real feeds do)."""

from pathlib import Path
from xml.sax.saxutils import escape

#: (id, title, date, paragraphs) of every item any outlet lists.
ITEMS = {
    "post-budget": (
        "Council approves a leaner budget", "2026-11-24T05:00:00Z",
        ["Ashford council approved a leaner budget late on Monday night after a debate that ran "
         "past midnight, cutting spending by four percent.",
         "Councillor Maria Okafor, who chairs the finance committee, said every library branch "
         "would stay open and that the savings came from energy bills and shared offices.",
         "Councillors voted seven to two for the budget. The two who voted against said it "
         "relied on optimistic forecasts of parking income.",
         "The new budget takes effect in April."]),
    "herald-budget": (
        "Ashford budget passes with four percent cut", "2026-11-24T04:30:00Z",
        ["Ashford's councillors passed the town budget by seven votes to two after midnight, "
         "with spending down four percent.",
         "Finance chair Maria Okafor said libraries would not close."]),
    "herald-housing": (
        "Council backs Mill Lane housing plan", "2026-11-24T03:00:00Z",
        ["Ashford council also gave its backing on Monday night to a plan for two hundred homes "
         "on the old dairy site in Mill Lane.",
         "Councillor Maria Okafor said a third of the homes would be let at social rents, and "
         "that building could start next summer.",
         "Residents of Mill Lane had asked for a new crossing and a bus stop, which the "
         "developer agreed to pay for."]),
    "post-footpath": (
        "New footpath opens along the river", "2026-11-23T18:00:00Z",
        ["A new footpath along the River Ash opened on Monday, linking the railway station with "
         "the town park.",
         "The path is wide enough for wheelchairs and pushchairs, and lit after dark.",
         "It took eight months to build and was paid for by a regional transport grant."]),
    "herald-festival": (
        "Harbour festival dates announced", "2026-11-17T09:00:00Z",
        ["The harbour festival will run from the twelfth to the fourteenth of June next year, "
         "its organisers said.",
         "Tickets go on sale in February, with a discount for residents."]),
    "radio-recycling": (
        "Recycling collection moves to Tuesdays", "2026-11-23T20:00:00Z",
        ["From next month, recycling in the east of the town will be collected on Tuesdays "
         "instead of Fridays.",
         "The council said the change lets one lorry cover two districts and saves fuel.",
         "Residents will get a new calendar through the door this week."]),
    "post-storm": (
        "Storm closes the coast road", "2026-11-25T04:00:00Z",
        ["The coast road between Ashford and Cliffe was closed overnight after the storm "
         "brought down trees and flooded the low stretch by the marsh.",
         "Highways crews expect to reopen one lane by the afternoon.",
         "Drivers are asked to use the inland route through Hatton."]),
    "herald-library": (
        "Library extends its opening hours", "2026-11-25T03:00:00Z",
        ["Ashford's central library will open until eight in the evening on weekdays from "
         "January.",
         "The longer hours are paid for by a grant from a local charity, the librarian said."]),
    "herald-footpath-copy": (
        "Riverside path opens to walkers", "2026-11-24T21:00:00Z",
        ["A new footpath along the River Ash opened on Monday, linking the railway station with "
         "the town park.",
         "The path is wide enough for wheelchairs and pushchairs, and lit after dark.",
         "It took eight months to build and was paid for by a regional transport grant."]),
    "radio-bus": (
        "School bus route changes after the holidays", "2026-11-24T22:00:00Z",
        ["The school bus from Hatton will no longer stop at the old quarry after the winter "
         "holidays, the bus company said.",
         "Parents will be told of the new stop by letter, and a crossing guard will be posted "
         "there in the mornings."]),
    "post-bridge": (
        "Repairs begin on the Mill Lane bridge", "2026-11-26T05:00:00Z",
        ["Repairs began on Wednesday on the Mill Lane bridge, which was damaged by a lorry in "
         "October.",
         "The bridge will be closed to cars for three weeks; walkers and cyclists can still "
         "cross."]),
    "herald-storm-reworded": (
        "Fallen trees shut Ashford to Cliffe road", "2026-11-25T05:00:00Z",
        ["Storm damage shut the coast road from Ashford to Cliffe overnight, with fallen trees "
         "and flooding on the low stretch near the marsh.",
         "Highways crews hope to open one lane again by the afternoon.",
         "Drivers should take the inland route via Hatton, police said."]),
    "herald-market": (
        "The Saturday market returns to the square", "2026-11-25T21:00:00Z",
        ["The Saturday market will return to the town square next month after the paving "
         "works finish.",
         "Twenty stalls have signed up, among them three new food traders."]),
}

#: What each outlet's feed lists on each morning, newest first.
MORNINGS = {
    "2026-11-24": {"post": ["post-budget", "post-footpath"],
                   "herald": ["herald-budget", "herald-housing", "herald-festival"],
                   "radio": ["radio-recycling"]},
    "2026-11-25": {"post": ["post-storm", "post-budget", "post-footpath"],
                   "herald": ["herald-library", "herald-footpath-copy", "herald-budget",
                              "herald-housing"],
                   "radio": ["radio-bus", "radio-recycling"]},
    "2026-11-26": {"post": ["post-bridge", "post-storm", "post-budget"],
                   "herald": ["herald-market", "herald-storm-reworded", "herald-library",
                              "herald-footpath-copy"],
                   "radio": ["radio-bus", "radio-recycling"]},
}
MORNINGS["2026-11-27"] = MORNINGS["2026-11-26"]

OUTLETS = {"post": "Valley Post", "herald": "Harbour Herald", "radio": "Riverside Radio"}


def link(item: str) -> str:
    outlet, _, slug = item.partition("-")
    return f"https://{outlet}.example.org/news/{slug}"


def write_feeds(folder: Path, morning: str) -> None:
    """Each outlet's feed as it is on `morning`, at `folder/<outlet>.xml` (RSS 2.0)."""
    import datetime as dt
    from email.utils import format_datetime

    for outlet, listed in MORNINGS[morning].items():
        entries = []
        for item in listed:
            title, when, paragraphs = ITEMS[item]
            date = format_datetime(dt.datetime.fromisoformat(when.replace("Z", "+00:00")))
            body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
            entries.append(f"<item><title>{escape(title)}</title><link>{link(item)}</link>"
                           f'<guid isPermaLink="false">{outlet}:{item}</guid>'
                           f"<pubDate>{date}</pubDate><description>{escape(body)}</description>"
                           "</item>")
        (folder / f"{outlet}.xml").write_text(
            '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            f"<title>{OUTLETS[outlet]}</title><link>https://{outlet}.example.org/</link>"
            f"<description>News</description><language>en</language>{''.join(entries)}"
            "</channel></rss>\n", encoding="utf-8")
