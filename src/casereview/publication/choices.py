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
