"""The facts a partnership's tracker may hold, and the words trackers use for them.

A row of a case sheet holds a referral (keyed by the tracker's own case reference), its child,
its decision and the review it led to; a row of an action sheet names its case (so its
review), a recommendation by its number, and an action. Each field has the label a manager
reads, the kind of value it holds, its codes (for a choice) and the other words trackers use
for it in their headers; `VALUE_WORDS` holds the words they use for each code ("Died",
"CSPR", "Blue (complete)"). Defaults for what a tracker does not say are in convert.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from casereview.accounts.choices import AgencyKind
from casereview.actionplans.choices import ActionStatus
from casereview.referrals.choices import AbuseOrNeglect, DecisionOutcome, Harm, Sex
from casereview.reviews.choices import Methodology, ReviewStatus, ReviewType

TEXT, DATE, CODE, AGENCY, INTEGER, REFERENCE = (
    "text",
    "date",
    "code",
    "agency",
    "integer",
    "reference",
)
CASE_KEY = "referral.reference"


class Holds(models.TextChoices):
    CASES = "cases", "Cases: one row a case referred"
    ACTIONS = "actions", "Actions: one row an action"
    IGNORE = "ignore", "Nothing to import"


@dataclass(frozen=True)
class TrackerField:
    key: str
    label: str
    kind: str
    codes: tuple[tuple[str, str], ...] = ()
    synonyms: tuple[str, ...] = ()
    required: bool = False


def _codes(choices: type[models.TextChoices]) -> tuple[tuple[str, str], ...]:
    return tuple((str(value), str(label)) for value, label in choices.choices)


CASE_REFERENCE = TrackerField(
    CASE_KEY,
    "Case reference",
    REFERENCE,
    synonyms=(
        "case ref",
        "case reference",
        "reference",
        "ref",
        "case number",
        "case no",
        "case id",
        "scr ref",
        "review ref",
        "review reference",
        "id",
    ),
    required=True,
)

CASE_FIELDS = (
    CASE_REFERENCE,
    TrackerField(
        "child.pseudonym",
        "Child (pseudonym)",
        TEXT,
        synonyms=(
            "child",
            "child pseudonym",
            "pseudonym",
            "child name",
            "name of child",
            "subject",
        ),
    ),
    TrackerField("child.sex", "Sex", CODE, _codes(Sex), ("sex", "gender")),
    TrackerField("child.age_years", "Age (years)", INTEGER, synonyms=("age", "age at incident")),
    TrackerField("child.ethnicity", "Ethnicity", TEXT, synonyms=("ethnicity", "ethnic origin")),
    TrackerField(
        "referral.received",
        "Date referred",
        DATE,
        synonyms=(
            "date referred",
            "referral date",
            "date of referral",
            "referral received",
            "date received",
            "received",
            "date referral received",
        ),
        required=True,
    ),
    TrackerField(
        "referral.incident_date",
        "Date of incident",
        DATE,
        synonyms=("incident date", "date of incident", "date of death", "date of serious harm"),
    ),
    TrackerField(
        "referral.aware",
        "Date the partnership became aware",
        DATE,
        synonyms=("date aware", "date became aware", "aware", "date la aware"),
    ),
    TrackerField(
        "referral.notified",
        "Date notified",
        DATE,
        synonyms=("date notified", "notified", "notification date", "date notified to ofsted"),
    ),
    TrackerField(
        "referral.referred_by",
        "Referred by",
        AGENCY,
        synonyms=("referred by", "referrer", "referring agency", "referral from", "source"),
    ),
    TrackerField(
        "referral.harm",
        "Died or seriously harmed",
        CODE,
        _codes(Harm),
        ("harm", "died or seriously harmed", "death or serious harm", "nature of harm"),
    ),
    TrackerField(
        "referral.abuse_or_neglect",
        "Abuse or neglect",
        CODE,
        _codes(AbuseOrNeglect),
        ("abuse or neglect", "abuse or neglect known or suspected", "abuse neglect"),
    ),
    TrackerField(
        "referral.summary",
        "Summary",
        TEXT,
        synonyms=("summary", "case summary", "brief summary", "circumstances", "details"),
    ),
    TrackerField(
        "decision.outcome",
        "Decision",
        CODE,
        _codes(DecisionOutcome),
        ("decision", "outcome of decision", "decision outcome", "outcome", "review decision"),
    ),
    TrackerField(
        "decision.date",
        "Decision date",
        DATE,
        synonyms=("decision date", "date of decision", "date decided", "decided"),
    ),
    TrackerField(
        "decision.rationale",
        "Rationale",
        TEXT,
        synonyms=(
            "rationale",
            "reason",
            "reasons",
            "reasons for decision",
            "rationale for decision",
        ),
    ),
    TrackerField(
        "review.type",
        "Review type",
        CODE,
        _codes(ReviewType),
        ("review type", "type of review", "type"),
    ),
    TrackerField(
        "review.title",
        "Review title",
        TEXT,
        synonyms=("title", "review title", "review name", "published as"),
    ),
    TrackerField(
        "review.methodology",
        "Methodology",
        CODE,
        _codes(Methodology),
        ("methodology", "method", "model", "review model"),
    ),
    TrackerField(
        "review.lead_reviewer",
        "Lead reviewer",
        TEXT,
        synonyms=("lead reviewer", "reviewer", "independent reviewer", "author", "reviewers"),
    ),
    TrackerField(
        "review.commissioned",
        "Date commissioned",
        DATE,
        synonyms=("date commissioned", "commissioned", "commissioning date", "review commissioned"),
    ),
    TrackerField(
        "review.status",
        "Review status",
        CODE,
        _codes(ReviewStatus),
        ("status", "review status", "current status", "stage"),
    ),
    TrackerField(
        "review.signed_off",
        "Signed off by the board",
        DATE,
        synonyms=(
            "signed off",
            "date signed off",
            "sign off",
            "sign off date",
            "date signed off by board",
            "board sign off",
        ),
    ),
    TrackerField(
        "review.published",
        "Date published",
        DATE,
        synonyms=("published", "date published", "publication date", "publication"),
    ),
)

ACTION_FIELDS = (
    CASE_REFERENCE,
    TrackerField(
        "recommendation.number",
        "Recommendation number",
        INTEGER,
        synonyms=(
            "rec no",
            "recommendation number",
            "recommendation no",
            "rec number",
            "rec",
            "number",
            "no",
        ),
        required=True,
    ),
    TrackerField(
        "recommendation.text",
        "Recommendation",
        TEXT,
        synonyms=("recommendation", "recommendation text", "recommendations"),
    ),
    TrackerField(
        "action.text",
        "Action",
        TEXT,
        synonyms=(
            "action",
            "actions",
            "action to be taken",
            "agreed action",
            "action required",
            "what will be done",
        ),
        required=True,
    ),
    TrackerField(
        "action.owner_agency",
        "Agency responsible",
        AGENCY,
        synonyms=(
            "lead agency",
            "responsible agency",
            "agency responsible",
            "agency",
            "action owner",
            "owner",
            "lead",
        ),
    ),
    TrackerField(
        "action.due",
        "Due date",
        DATE,
        synonyms=("due date", "due", "target date", "deadline", "timescale", "by when"),
    ),
    TrackerField(
        "action.status",
        "Action status",
        CODE,
        _codes(ActionStatus),
        ("status", "rag", "rag rating", "rag status", "progress", "action status"),
    ),
    TrackerField(
        "action.completed",
        "Date completed",
        DATE,
        synonyms=("completed", "date completed", "completion date", "date closed"),
    ),
    TrackerField(
        "action.update",
        "Latest update",
        TEXT,
        synonyms=(
            "update",
            "updates",
            "latest update",
            "progress update",
            "comments",
            "progress notes",
            "commentary",
        ),
    ),
)

FIELDS: dict[str, tuple[TrackerField, ...]] = {
    Holds.CASES: CASE_FIELDS,
    Holds.ACTIONS: ACTION_FIELDS,
}
BY_KEY: dict[str, TrackerField] = {f.key: f for fields in FIELDS.values() for f in fields}

# The words trackers use for each code (compared in lower case, without punctuation).
VALUE_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "referral.harm": {
        Harm.DEATH: ("died", "death", "deceased", "fatal", "child died"),
        Harm.SERIOUS_HARM: ("serious harm", "seriously harmed", "serious injury", "injured"),
    },
    "decision.outcome": {
        DecisionOutcome.REVIEW_COMMISSIONED: (
            "review",
            "commission review",
            "commissioned",
            "review commissioned",
            "yes",
            "scr",
            "lcspr",
            "cspr",
            "criteria met",
        ),
        DecisionOutcome.ALTERNATIVE_REVIEW: ("alternative", "alternative review", "other review"),
        DecisionOutcome.NO_REVIEW: (
            "no review",
            "no",
            "nfa",
            "no further action",
            "criteria not met",
            "not met",
        ),
    },
    "review.type": {
        ReviewType.SCR: ("scr", "serious case review"),
        ReviewType.LCSPR: (
            "lcspr",
            "cspr",
            "local cspr",
            "child safeguarding practice review",
            "local child safeguarding practice review",
        ),
        ReviewType.SCR_DHR: ("scr dhr", "scr and dhr", "joint scr dhr"),
        ReviewType.DHR: ("dhr", "domestic homicide review"),
        ReviewType.SAR: ("sar", "safeguarding adults review"),
        ReviewType.RAPID_REVIEW: ("rapid review", "rr"),
        ReviewType.LEARNING_REVIEW: ("learning review", "local learning review", "llr", "lr"),
        ReviewType.MULTI_AGENCY_AUDIT: ("multi agency audit", "audit", "maa"),
        ReviewType.CASE_MANAGEMENT_REVIEW: ("cmr", "case management review"),
        ReviewType.CHILD_PRACTICE_REVIEW_CONCISE: ("concise cpr", "concise review", "concise"),
        ReviewType.CHILD_PRACTICE_REVIEW_EXTENDED: ("extended cpr", "extended review"),
    },
    "review.status": {
        ReviewStatus.ACTIVE: ("active", "open", "ongoing", "in progress", "underway", "live"),
        ReviewStatus.ON_HOLD: ("on hold", "paused"),
        ReviewStatus.COMPLETED: ("completed", "complete", "closed", "signed off", "finished"),
        ReviewStatus.PUBLISHED: ("published",),
        ReviewStatus.NOT_PUBLISHED: ("not published", "unpublished", "not to be published"),
    },
    "review.methodology": {
        Methodology.SCIE_SYSTEMS: ("scie", "systems", "scie learning together"),
        Methodology.SILP: ("silp",),
        Methodology.WT2010_IMR: ("imr", "imrs", "traditional"),
    },
    "action.status": {
        ActionStatus.NOT_STARTED: ("not started", "not yet started", "ns"),
        ActionStatus.IN_PROGRESS: (
            "in progress",
            "g",
            "green",
            "a",
            "amber",
            "r",
            "red",
            "on track",
            "started",
            "ongoing",
            "open",
        ),
        ActionStatus.COMPLETED: (
            "completed",
            "complete",
            "blue",
            "blue complete",
            "b",
            "done",
            "closed",
            "achieved",
        ),
        ActionStatus.VERIFIED: ("verified", "impact evidenced"),
        ActionStatus.CANCELLED: ("cancelled", "withdrawn", "superseded"),
    },
    "child.sex": {
        Sex.FEMALE: ("female", "f", "girl"),
        Sex.MALE: ("male", "m", "boy"),
        Sex.NOT_RECORDED: ("not recorded", "unknown", "not known"),
    },
    "referral.abuse_or_neglect": {
        AbuseOrNeglect.KNOWN: ("known", "yes", "confirmed"),
        AbuseOrNeglect.SUSPECTED: ("suspected",),
        AbuseOrNeglect.NOT_SUSPECTED: ("not suspected", "no"),
    },
}
# Words that say a value is not known (a pending decision, a status not yet set).
NOT_KNOWN_WORDS = ("", "pending", "awaiting", "awaiting decision", "tbc", "n/a", "na", "?", "-")

# The words for each kind of agency, to find "Police" among the partnership's agencies.
AGENCY_KIND_WORDS: dict[str, tuple[str, ...]] = {
    AgencyKind.POLICE: ("police", "constabulary"),
    AgencyKind.CHILDRENS_SOCIAL_CARE: (
        "childrens social care",
        "csc",
        "social care",
        "childrens services",
        "social services",
        "social work",
    ),
    AgencyKind.HEALTH: ("health", "nhs", "icb", "ccg", "hospital", "gp", "health visiting"),
    AgencyKind.EDUCATION: ("education", "school", "schools"),
    AgencyKind.PROBATION: ("probation",),
    AgencyKind.LEGAL: ("legal", "legal services"),
    AgencyKind.VOLUNTARY: ("voluntary", "charity", "voluntary sector"),
}
