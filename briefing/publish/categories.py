"""Apple Podcasts' categories: the only `itunes:category` values a directory files a show under.

Apple (support page 1691) lists 19 categories, most with subcategories, and ignores a value it
does not know, so a show with a misspelt category is listed under none: a show's config names one
from this table as `Main/Sub` (`News/Daily News`) or `Main` (`Technology`), and anything else is
refused with the closest entry named.
"""

import difflib

#: Each category with its subcategories, spelt exactly as Apple spells them.
CATEGORIES: dict[str, tuple[str, ...]] = {
    "Arts": ("Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"),
    "Business": ("Careers", "Entrepreneurship", "Investing", "Management", "Marketing",
                 "Non-Profit"),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": ("Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition",
                         "Sexuality"),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": ("Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies",
                "Home & Garden", "Video Games"),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": ("Business News", "Daily News", "Entertainment News", "News Commentary", "Politics",
             "Sports News", "Tech News"),
    "Religion & Spirituality": ("Buddhism", "Christianity", "Hinduism", "Islam", "Judaism",
                                "Religion", "Spirituality"),
    "Science": ("Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics",
                "Natural Sciences", "Nature", "Physics", "Social Sciences"),
    "Society & Culture": ("Documentary", "Personal Journals", "Philosophy", "Places & Travel",
                          "Relationships"),
    "Sports": ("Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey",
               "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness",
               "Wrestling"),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
}

DEFAULT_CATEGORY = "News/Daily News"


def _entries() -> dict[str, tuple[str, str | None]]:
    """Every value a config may give, by its case-folded spelling."""
    entries: dict[str, tuple[str, str | None]] = {}
    for main, subs in CATEGORIES.items():
        entries[main.casefold()] = (main, None)
        for sub in subs:
            entries[f"{main}/{sub}".casefold()] = (main, sub)
    return entries


def parse_category(value: str) -> tuple[str, str | None]:
    """(category, subcategory or None) for `Main/Sub` or `Main`, in Apple's spelling whatever the
    case written; a `ValueError` naming the closest entry when Apple has no such category (a
    subcategory alone, `Daily News`, is found under its category)."""
    entries = _entries()
    key = "/".join(part.strip() for part in value.split("/")).casefold()
    if key in entries:
        return entries[key]
    names = {"/".join(filter(None, entry)): entry for entry in entries.values()}
    # A subcategory written alone, or a near miss, is compared with each entry and with each
    # subcategory's own name.
    by_sub = {sub.casefold(): name for name, (_, sub) in names.items() if sub}
    main, _, sub = key.partition("/")
    mains = {name.casefold(): name for name in CATEGORIES}
    if key in by_sub:
        closest = by_sub[key]
    elif main in mains and sub:
        # A known category with an unknown subcategory: a near spelling of one of its own, or
        # the category alone.
        own = {f"{mains[main]}/{s}".casefold(): f"{mains[main]}/{s}" for s in CATEGORIES[mains[main]]}
        match = difflib.get_close_matches(key, list(own), n=1, cutoff=0.75)
        closest = own[match[0]] if match else mains[main]
    else:
        candidates = {name.casefold(): name for name in names} | by_sub
        match = difflib.get_close_matches(key, list(candidates), n=1, cutoff=0)
        closest = candidates[match[0]] if match else DEFAULT_CATEGORY
    raise ValueError(f"the closest to {value!r} is {closest!r}")
