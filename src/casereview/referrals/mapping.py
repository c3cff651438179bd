"""Children, referrals, decisions, rapid reviews and national panel submissions as items of
the exchange format (core/mapping.py). A referral's reference, children, decision, rapid
review, submission and assessment, and a rapid review's agencies, are the exchange's to read
and write: they are records of their own, or given."""

from casereview.core.mapping import Field, Kind, RecordMapping
from casereview.referrals.choices import Consideration, SafeguardingPartner
from casereview.referrals.models import Child, Decision, PanelSubmission, RapidReview, Referral

CHILD = RecordMapping(
    Child,
    (
        Field("pseudonym"),
        Field("sex", Kind.CODE),
        Field("age_years", Kind.OPTIONAL_COUNT),
        Field("age_months", Kind.OPTIONAL_COUNT),
        Field("ethnicity", Kind.OPTIONAL_TEXT),
        Field("disability_or_sen", Kind.CODE),
        Field("cp_plan_at_incident", Kind.CODE),
        Field("looked_after_at_incident", Kind.CODE),
        Field("csc_involvement", Kind.CODE),
    ),
)
REFERRAL = RecordMapping(
    Referral,
    (
        Field("received", Kind.PARTIAL_DATE),
        Field("referred_by", Kind.RECORD, refers_to="agencies"),
        Field("aware", Kind.OPTIONAL_PARTIAL_DATE),
        Field("incident_date", Kind.OPTIONAL_PARTIAL_DATE),
        Field("harm", Kind.CODE),
        Field("suspected_suicide", Kind.FLAG),
        Field("death_in_custody", Kind.FLAG),
        Field("abuse_or_neglect", Kind.CODE),
        Field("interagency_concern", Kind.CODE),
        Field("framework", Kind.OPTIONAL_CODE),
        Field("notified", Kind.OPTIONAL_PARTIAL_DATE),
        Field("summary"),
    ),
)
DECISION = RecordMapping(
    Decision,
    (
        Field("date", Kind.PARTIAL_DATE),
        Field("outcome", Kind.CODE),
        Field("review", Kind.OPTIONAL_RECORD, refers_to="reviews"),
        Field(
            "rationale",
            Kind.OPTIONAL_TEXT,
            schema_extra=(("description", "The reasons, or null where they were not recorded"),),
        ),
        # Version 2 (from wt2018): absent from a version 1 document.
        Field("considerations", Kind.CODES, choices=Consideration),
    ),
)
RAPID_REVIEW = RecordMapping(
    RapidReview,
    (
        Field("meeting", Kind.OPTIONAL_PARTIAL_DATE),
        Field("sent_to_panel", Kind.OPTIONAL_PARTIAL_DATE),
        Field("recommendation", Kind.CODE),
        Field("immediate_actions", Kind.OPTIONAL_TEXT),
        Field("signed_off_by", Kind.CODES, choices=SafeguardingPartner),
    ),
)
PANEL_SUBMISSION = RecordMapping(
    PanelSubmission,
    (
        Field("submitted", Kind.PARTIAL_DATE),
        Field("response", Kind.CODE),
        Field("response_date", Kind.OPTIONAL_PARTIAL_DATE),
        Field("local_response", Kind.OPTIONAL_TEXT),
    ),
)
