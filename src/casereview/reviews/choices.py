from django.db import models


class ReviewType(models.TextChoices):
    SCR = "scr", "Serious case review"
    SCR_DHR = "scr_dhr", "Serious case review and domestic homicide review"
    PARTNERSHIP_REVIEW = "partnership_review", "Partnership review"
    RAPID_REVIEW = "rapid_review", "Rapid review"
    LCSPR = "lcspr", "Local child safeguarding practice review"
    NATIONAL_REVIEW = "national_review", "National review"
    DHR = "dhr", "Domestic homicide review"
    SAR = "sar", "Safeguarding adults review"
    CHILD_PRACTICE_REVIEW_CONCISE = "child_practice_review_concise", "Concise child practice review"
    CHILD_PRACTICE_REVIEW_EXTENDED = (
        "child_practice_review_extended",
        "Extended child practice review",
    )
    LEARNING_REVIEW = "learning_review", "Learning review"
    CASE_MANAGEMENT_REVIEW = "case_management_review", "Case management review"
    MULTI_AGENCY_AUDIT = "multi_agency_audit", "Multi-agency audit"
    SINGLE_AGENCY_REVIEW = "single_agency_review", "Single-agency review"
    OTHER = "other", "Other"


class Methodology(models.TextChoices):
    SCIE_SYSTEMS = "scie_systems", "SCIE systems model"
    REVIEWER_LED = "reviewer_led", "Reviewer-led"
    WT2010_IMR = "wt2010_imr", "Working Together 2010 style (IMRs and overview report)"
    SILP = "silp", "Significant Incident Learning Process (SILP)"
    APPRECIATIVE_INQUIRY = "appreciative_inquiry", "Appreciative inquiry"
    HYBRID = "hybrid", "Hybrid"
    OTHER = "other", "Other"


class ReviewStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ON_HOLD = "on_hold", "On hold"
    COMPLETED = "completed", "Completed"
    PUBLISHED = "published", "Published"
    NOT_PUBLISHED = "not_published", "Not published"


class ParallelProcessKind(models.TextChoices):
    CRIMINAL_PROCEEDINGS = "criminal_proceedings", "Criminal proceedings"
    INQUEST = "inquest", "Inquest"
    DHR = "dhr", "Domestic homicide review"
    DISCIPLINARY = "disciplinary", "Disciplinary process"
    OTHER = "other", "Other"


class ParallelProcessStatus(models.TextChoices):
    ONGOING = "ongoing", "Ongoing"
    CONCLUDED = "concluded", "Concluded"


class DocumentKind(models.TextChoices):
    OVERVIEW_REPORT = "overview_report", "Overview report"
    EXECUTIVE_SUMMARY = "executive_summary", "Executive summary"
    LEARNING_SUMMARY = "learning_summary", "Learning summary"
    ACTION_PLAN = "action_plan", "Action plan"
    PROGRESS_REPORT = "progress_report", "Progress report"
    OTHER = "other", "Other"
