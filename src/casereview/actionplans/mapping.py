"""Recommendations, actions and progress updates as items of the exchange format
(core/mapping.py). A recommendation's actions and an action's updates are lists the exchange
matches by place."""

from casereview.actionplans.models import AgencyAction, ProgressUpdate, Recommendation
from casereview.core.mapping import Field, Kind, RecordMapping

RECOMMENDATION = RecordMapping(
    Recommendation,
    (
        Field("number", Kind.COUNT),
        Field("text"),
        Field("scope", Kind.CODE),
        Field("lead_agency", Kind.OPTIONAL_RECORD, refers_to="agencies"),
        Field("monitored_by", Kind.CODE),
    ),
)
ACTION = RecordMapping(
    AgencyAction,
    (
        Field("text"),
        Field("owner_agency", Kind.RECORD, refers_to="agencies"),
        Field(
            "due",
            Kind.OPTIONAL_PARTIAL_DATE,
            schema_extra=(("description", "A date, or null when no due date is known yet"),),
        ),
        Field("status", Kind.CODE),
        Field("completed", Kind.OPTIONAL_PARTIAL_DATE),
    ),
)
PROGRESS_UPDATE = RecordMapping(
    ProgressUpdate,
    (
        Field(
            "date",
            Kind.OPTIONAL_DATE,
            schema_extra=(("description", "A date, or null when it is not known"),),
        ),
        Field("text"),
    ),
)
