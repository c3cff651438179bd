from __future__ import annotations

from typing import Any

from django import forms

from casereview.core.forms import DateField, GovUKForm


class CommentForm(GovUKForm):
    text = forms.CharField(
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        help_text="What the partnership should consider or answer. Name no child or family member.",
    )
    date = DateField(
        label="Date of the comment",
        help_text="For example, 27 3 2026. Today's date unless the comment was made earlier.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = "Enter the comment"
        self.fields["date"].error_messages["required"] = "Enter the date of the comment"


class ResponseForm(GovUKForm):
    response = forms.CharField(
        label="The partnership's response",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
    )
    responded_on = DateField(label="Date of the response", help_text="For example, 27 3 2026")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["response"].error_messages["required"] = "Enter the partnership's response"
        self.fields["responded_on"].error_messages["required"] = "Enter the date of the response"
