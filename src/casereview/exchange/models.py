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
    """

    class Holds(models.TextChoices):
        FILE = "file", "the uploaded JSON file"
        DOCUMENT = "document", "the document read from a workbook, as JSON"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    holds = models.CharField(max_length=8, choices=Holds.choices)
    compressed = models.BinaryField()

    permission_resource = "imports"

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.file_name}, uploaded {self.uploaded_at:%Y-%m-%d %H:%M}"
