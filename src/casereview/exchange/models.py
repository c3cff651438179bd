from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from casereview.core.tenancy import PartnershipOwned


class PendingImport(PartnershipOwned):
    """A document uploaded on the import page, kept between the check and the confirmation.

    Not a record of the partnership: it is removed once confirmed, and an upload clears its
    uploader's older ones. The document is read and checked again when confirmed.

    What is kept is compressed with zlib (ADR 0009): a JSON file's own bytes, or the document
    read from a workbook, as JSON. Keeping the document in a JSON column cost a second,
    serialised copy of a 50 MB document in memory.

    A spreadsheet from the partnership's own tracker is kept as it was uploaded (.xlsx or
    .csv), with the mapping of its sheets, columns and values that its uploader is choosing,
    step by step (exchange.trackers.TrackerMapping, as JSON).
    """

    class Holds(models.TextChoices):
        FILE = "file", "the uploaded JSON file"
        DOCUMENT = "document", "the document read from a workbook, as JSON"
        TRACKER = "tracker", "a spreadsheet from the partnership's own tracker"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    holds = models.CharField(max_length=8, choices=Holds.choices)
    compressed = models.BinaryField()
    mapping = models.JSONField(default=dict, blank=True)  # a tracker's, being chosen

    permission_resource = "imports"

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.file_name}, uploaded {self.uploaded_at:%Y-%m-%d %H:%M}"


class SavedTrackerMapping(PartnershipOwned):
    """How a partnership's own tracker maps to the service's records: its sheets, columns and
    values (exchange.trackers.TrackerMapping, as JSON), saved when an import with it is
    confirmed, so that the next upload of the same tracker goes straight to the check."""

    mapping = models.JSONField()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now=True)

    permission_resource = "imports"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partnership"], name="one_tracker_mapping_each")
        ]

    def __str__(self) -> str:
        return f"Tracker mapping of {self.partnership_id}, saved {self.saved_at:%Y-%m-%d %H:%M}"
