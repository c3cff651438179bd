from django.db import models


class AgencyKind(models.TextChoices):
    POLICE = "police", "Police"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    LEGAL = "legal", "Legal services"
    LOCAL_AUTHORITY_OTHER = "local_authority_other", "Local authority (other)"
    VOLUNTARY = "voluntary", "Voluntary sector"
    NATIONAL_PANEL = "national_panel", "National panel"
    OTHER = "other", "Other"


class Role(models.TextChoices):
    MANAGER = "manager", "Partnership business manager"
    PANEL_MEMBER = "panel_member", "Subgroup member"
    AGENCY_LEAD = "agency_lead", "Agency lead"
    SCRUTINY = "scrutiny", "Board and scrutiny member"
    REVIEWER = "reviewer", "Independent reviewer"
    NATIONAL_PANEL = "national_panel", "National panel member"


class InvitationKind(models.TextChoices):
    """What a single-use link lets its person do."""

    JOIN = "join", "Join a partnership"
    NEW_PASSWORD = "new_password", "Set a new password"
