from django.db import models


class FindingKind(models.TextChoices):
    """What the identifying-details check finds in a review's text. The values are those of
    `casereview check-identifying`'s output (spec/cli.md)."""

    NAME = "name", "Name"
    DATE_OF_BIRTH = "date_of_birth", "Date of birth or death"
    POSTCODE = "postcode", "Postcode"
    ADDRESS = "address", "Street address"
    SCHOOL = "school", "School or nursery"
    PHONE = "phone", "Phone number"
    EMAIL = "email", "Email address"
    NHS_NUMBER = "nhs_number", "NHS number"
    NI_NUMBER = "ni_number", "National Insurance number"
    REFERENCE = "reference", "Case or court reference"
    VEHICLE = "vehicle", "Vehicle registration"
    PSEUDONYM_INCONSISTENT = "pseudonym_inconsistent", "Pseudonym used inconsistently"


class Resolution(models.TextChoices):
    """What the person who reviews an identifying finding decided about it."""

    OPEN = "undecided", "Not yet decided"
    TO_BE_REMOVED = "to_be_removed", "Removed in the next version"
    ACCEPTABLE = "acceptable", "Acceptable"


class SuggestionDecision(models.TextChoices):
    """Whether a suggested theme was taken: only an accepted one is the review's theme."""

    SUGGESTED = "suggested", "Suggested"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
