"""The colours of a file's text states in GOV.UK tags (core/statuses.py)."""

from casereview.core.statuses import TAG_COLOURS
from casereview.documents.choices import TextState

TAG_COLOURS.update({TextState.UNREADABLE: "orange", TextState.WAITING: "grey"})
