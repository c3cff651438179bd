"""Learning events as items of the exchange format (core/mapping.py). Their
themes, an event's reviews and its attendance by agency are the exchange's to read and write."""

from casereview.core.mapping import Field, Kind, RecordMapping
from casereview.learning.models import LearningEvent

LEARNING_EVENT = RecordMapping(
    LearningEvent,
    (Field("date", Kind.PARTIAL_DATE), Field("title"), Field("attendance", Kind.COUNT)),
)
