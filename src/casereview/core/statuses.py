"""One colour per status, everywhere: GOV.UK tag colours by status code."""

TAG_COLOURS = {
    # what the criteria engine advises
    "review_required": "red",
    "consider_review": "orange",
    "criteria_not_met": "grey",
    "insufficient_information": "purple",
    # decisions
    "review_commissioned": "blue",
    "alternative_review": "turquoise",
    "no_review": "grey",
    "pending": "yellow",
    # national panel
    "awaiting": "yellow",
    "agreed": "green",
    "contested": "red",
    # deadlines
    "overdue": "red",
    "due_soon": "orange",
    "done": "green",
    "upcoming": "blue",
}
