"""The colours of the actions' RAG ratings in GOV.UK tags (core/statuses.py): red, amber as
orange, green; the tag always says the word too, so colour is never the only sign."""

from casereview.actionplans.choices import Rag
from casereview.core.statuses import TAG_COLOURS

TAG_COLOURS.update({Rag.RED: "red", Rag.AMBER: "orange", Rag.GREEN: "green"})
