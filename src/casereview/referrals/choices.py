from django.db import models


class Harm(models.TextChoices):
    DEATH = "death", "The child died"
    SERIOUS_HARM = "serious_harm", "The child was seriously harmed"
    OTHER = "other", "Other harm"


class AbuseOrNeglect(models.TextChoices):
    KNOWN = "known", "Known"
    SUSPECTED = "suspected", "Suspected"
    NOT_SUSPECTED = "not_suspected", "Not suspected"
    UNKNOWN = "unknown", "Not known yet"


class Framework(models.TextChoices):
    WT2010 = "wt2010", "Working Together 2010"
    WT2013 = "wt2013", "Working Together 2013"
    WT2015 = "wt2015", "Working Together 2015"
    WT2018 = "wt2018", "Working Together 2018"
    WT2023 = "wt2023", "Working Together 2023"
    WALES_CPR = "wales_cpr", "Child Practice Reviews (Wales)"
    SCOTLAND_LR = "scotland_lr", "Learning reviews (Scotland)"
    NI_CMR = "ni_cmr", "Case Management Reviews (Northern Ireland)"


class Outcome(models.TextChoices):
    """What the criteria engine advises."""

    REVIEW_REQUIRED = "review_required", "Review required"
    CONSIDER_REVIEW = "consider_review", "Consider a review"
    CRITERIA_NOT_MET = "criteria_not_met", "Criteria not met"
    INSUFFICIENT_INFORMATION = "insufficient_information", "More information needed"


class DecisionOutcome(models.TextChoices):
    """What the partnership decided."""

    REVIEW_COMMISSIONED = "review_commissioned", "Review commissioned"
    ALTERNATIVE_REVIEW = "alternative_review", "Alternative review"
    NO_REVIEW = "no_review", "No review"


class PanelResponse(models.TextChoices):
    AWAITING = "awaiting", "Awaiting response"
    AGREED = "agreed", "Agreed"
    CONTESTED = "contested", "Contested"
    MORE_INFORMATION = "more_information", "Asks for more information"
    NATIONAL_REVIEW = "national_review", "Considers a national review"


class RapidReviewRecommendation(models.TextChoices):
    """What a rapid review recommends (Working Together 2018 and later)."""

    LCSPR = "lcspr", "A local child safeguarding practice review"
    NO_LCSPR = "no_lcspr", "No local child safeguarding practice review"
    UNDECIDED = "undecided", "Not decided yet"


class SafeguardingPartner(models.TextChoices):
    """The three safeguarding partners, who each agree a rapid review."""

    LOCAL_AUTHORITY = "local_authority", "Local authority"
    POLICE = "police", "Police"
    HEALTH = "health", "Health (integrated care board)"


class Consideration(models.TextChoices):
    """What the safeguarding partners must take into account in deciding on a local review
    (Working Together 2018 and later)."""

    IMPROVEMENTS_NEEDED = (
        "improvements_needed",
        "It highlights improvements needed to safeguard and promote the welfare of children",
    )
    RECURRENT_THEMES = "recurrent_themes", "It highlights recurrent themes in safeguarding"
    MULTI_AGENCY_CONCERN = (
        "multi_agency_concern",
        "It highlights concerns about two or more organisations working together",
    )
    PANEL_SUGGESTED = (
        "panel_suggested",
        "The Panel concluded a local review may be more appropriate than a national one",
    )
    OTHER = "other", "Other matters"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NOT_RECORDED = "not_recorded", "Not recorded"


class CscInvolvement(models.TextChoices):
    CURRENT = "current", "Current"
    PREVIOUS = "previous", "Previous"
    NEVER = "never", "Never"
    UNKNOWN = "unknown", "Not known"


class ReferralDocumentKind(models.TextChoices):
    """What an agency sends about a referred case for the rapid review."""

    AGENCY_REPORT = "agency_report", "Agency report"
    CHRONOLOGY = "agency_chronology", "Chronology"
    OTHER = "other_referral_paper", "Other"
