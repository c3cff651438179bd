"""The colours of the referrals' statuses in GOV.UK tags (core/statuses.py)."""

from casereview.core.statuses import TAG_COLOURS
from casereview.referrals.choices import DecisionOutcome, Outcome, PanelResponse

TAG_COLOURS.update(
    {
        # what the criteria engine advises
        Outcome.REVIEW_REQUIRED: "red",
        Outcome.CONSIDER_REVIEW: "orange",
        Outcome.CRITERIA_NOT_MET: "grey",
        Outcome.INSUFFICIENT_INFORMATION: "purple",
        # decisions
        DecisionOutcome.REVIEW_COMMISSIONED: "blue",
        DecisionOutcome.ALTERNATIVE_REVIEW: "turquoise",
        DecisionOutcome.NO_REVIEW: "grey",
        # national panel
        PanelResponse.AWAITING: "yellow",
        PanelResponse.AGREED: "green",
        PanelResponse.CONTESTED: "red",
    }
)
