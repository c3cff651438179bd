"""The colours of the scrutiny comments' statuses in GOV.UK tags (core/statuses.py)."""

from casereview.core.statuses import TAG_COLOURS
from casereview.scrutiny.choices import ScrutinyStatus

TAG_COLOURS.update({ScrutinyStatus.AWAITING: "yellow", ScrutinyStatus.RESPONDED: "green"})
