from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from casereview.core.forms import GovUKForm
from casereview.exchange.limits import MAX_UPLOAD_BYTES, size_problem

TOO_LARGE = (
    f"The selected file is larger than {MAX_UPLOAD_BYTES // 1024 // 1024} MB: the import takes "
    "files of up to that size. Split the records into smaller files and import each in turn."
)


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

    def __init__(self, *args: Any, too_large: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.too_large = too_large  # the file was larger than the limit, and dropped

    def clean_document(self) -> UploadedFile:
        upload = self.cleaned_data["document"]
        name = (upload.name or "").lower()
        if not name.endswith((".json", ".xlsx")):
            raise forms.ValidationError("The selected file must be a .json or an .xlsx file")
        if (problem := size_problem(upload.size)) is not None:
            raise forms.ValidationError(problem)
        return upload

    def clean(self) -> dict[str, Any] | None:
        if self.too_large:
            self.errors.pop("document", None)
            self.add_error("document", TOO_LARGE)
        return super().clean()


class ConfirmForm(GovUKForm):
    """Nothing to fill in: the button says what happens."""
