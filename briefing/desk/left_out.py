"""A story the desk did not put in the bulletin, and why, in words a listener's editor reads."""

from dataclasses import dataclass

#: The most characters of a headline a line shows.
SHOWN = 100


@dataclass(frozen=True)
class LeftOut:
    title: str
    """The story's headline."""
    source: str
    """Where it came from, as the reader named it."""
    reason: str
    """Why: "told on 2026-11-24", "older than 48 hours", "duplicate of "<headline>"",
    "excluded by topic "<word>"", "over max_stories (8)"."""

    def line(self) -> str:
        """One line for people: the headline (cut, as a headline may be very long), then why."""
        title = self.title if len(self.title) <= SHOWN else self.title[: SHOWN - 1] + "…"
        return f"{title}: {self.reason}"

    def to_dict(self) -> dict[str, str]:
        return {"title": self.title, "source": self.source, "reason": self.reason}
