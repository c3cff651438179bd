from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

from casereview.core.forms import GovUKForm

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class UploadForm(GovUKForm):
    document = forms.FileField(
        label="Upload a file",
        help_text="An exchange document (.json) or the spreadsheet template filled in (.xlsx), "
        "up to 50 MB",
        error_messages={
            "required": "Select a file to import",
            "empty": "The selected file is empty",
            "invalid": "Select a file to import",
        },
    )

    def clean_document(self) -> UploadedFile:
        upload = self.cleaned_data["document"]
        name = (upload.name or "").lower()
        if not name.endswith((".json", ".xlsx")):
            raise forms.ValidationError("The selected file must be a .json or an .xlsx file")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 50 MB")
        return upload


class ConfirmForm(GovUKForm):
    """Nothing to fill in: the button says what happens."""
