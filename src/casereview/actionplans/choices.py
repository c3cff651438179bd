from django.db import models


class Scope(models.TextChoices):
    MULTI_AGENCY = "multi_agency", "Multi-agency"
    SINGLE_AGENCY = "single_agency", "Single agency"


class MonitoringGroup(models.TextChoices):
    EXECUTIVE = "executive", "Executive group"
    PAQA = "paqa", "Performance, audit and quality assurance subgroup"
    OTHER_SUBGROUP = "other_subgroup", "Another subgroup"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    VERIFIED = "verified", "Verified"
    CANCELLED = "cancelled", "Cancelled"


OPEN_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)


class Rag(models.TextChoices):
    RED = "red", "Red: overdue"
    AMBER = "amber", "Amber: due soon with no recent update"
    GREEN = "green", "Green"
