"""One colour per status, everywhere: GOV.UK tag colours by status code.

Core knows no app's enumerations: each app gives the colours of its own statuses
(referrals/statuses.py). The words below are the pages' own (a deadline's state, a decision
still pending), not stored codes.
"""

TAG_COLOURS: dict[str, str] = {
    # decisions
    "pending": "yellow",
    # deadlines
    "overdue": "red",
    "due_soon": "orange",
    "done": "green",
    "upcoming": "blue",
}
