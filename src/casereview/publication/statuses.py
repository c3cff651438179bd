"""The colour of an undecided finding in GOV.UK tags (core/statuses.py)."""

from casereview.core.statuses import TAG_COLOURS
from casereview.publication.choices import Resolution

TAG_COLOURS.update({Resolution.OPEN: "orange"})
