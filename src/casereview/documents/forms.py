from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from casereview.core.forms import GovUKForm
from casereview.documents import rules

ACCEPT = ".pdf,.docx,.txt,application/pdf,text/plain," + (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)


class UploadForm(GovUKForm):
    file = forms.FileField(
        label="Upload a file",
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        error_messages={
            "required": "Select a file to upload",
            "empty": "The selected file is empty: check that it was saved, and upload it again.",
            "invalid": "Select a file to upload",
        },
    )

    def __init__(self, *args: Any, too_large: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.too_large = too_large  # the file was larger than the limit, and dropped
        limit = rules.in_words(settings.DOCUMENT_MAX_BYTES)
        self.fields["file"].help_text = f"{rules.KEPT[0].upper()}{rules.KEPT[1:]}, up to {limit}"

    def clean(self) -> dict[str, Any] | None:
        if self.too_large:
            self.errors.pop("file", None)
            self.add_error("file", rules.too_large(settings.DOCUMENT_MAX_BYTES))
        return super().clean()

    def upload(self) -> UploadedFile:
        return self.cleaned_data["file"]
