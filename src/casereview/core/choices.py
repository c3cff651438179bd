import functools

from django.db import models


class AuditAction(models.TextChoices):
    VIEW = "view", "Viewed"
    CREATE = "create", "Created"
    CHANGE = "change", "Changed"
    DELETE = "delete", "Deleted"
    EXPORT = "export", "Exported"
    DOWNLOAD = "download", "Downloaded"
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Failed to sign in"
    LOCKED_OUT = "locked_out", "Locked out after repeated failures"
    SIGN_OUT = "sign_out", "Signed out"


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class Nation(models.TextChoices):
    """The UK nation a partnership is in: its guidance, and its bank holidays."""

    ENGLAND = "england", "England"
    WALES = "wales", "Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern_ireland", "Northern Ireland"


class YesNoUnknown(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Not known"


SIGN_IN_ACTIONS = (AuditAction.SIGN_IN_FAILED, AuditAction.LOCKED_OUT)


@functools.cache
def _labels(choices: type[models.TextChoices]) -> dict[str, str]:
    return dict(choices.choices)


def label_of(choices: type[models.TextChoices], value: str) -> str:
    """A code's label, as a record's get_FOO_display() gives it (the code itself if it is not
    one of the choices), without building the field's choices again on every call: a
    register's rows ask for hundreds."""
    return _labels(choices).get(value, value)
