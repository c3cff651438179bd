"""The pages before publication: a version's identifying-details check and the decision on
each finding, the names the partnership accepts, and the themes suggested from a review's
text."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from casereview.core.concurrency import StaleEditMixin
from casereview.core.views import (
    AuditedObjectMixin,
    PermissionRequiredMixin,
    RecordMixin,
    ServiceFormMixin,
)
from casereview.documents.selectors import files_for
from casereview.publication import services
from casereview.publication.choices import SuggestionDecision
from casereview.publication.forms import (
    AcceptableNameForm,
    FindingDecisionForm,
    SuggestionDecisionForm,
)
from casereview.publication.selectors import (
    acceptable_names_for,
    findings_for,
    suggestions_for,
)
from casereview.reviews.selectors import reviews_for


class CheckView(RecordMixin, TemplateView):
    """One version's identifying-details check: what was found, where, and what was decided
    about each, with the other versions of the document."""

    selector = staticmethod(files_for)
    context_object_name = "file"
    template_name = "publication/check.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        file = self.object
        check = getattr(file, "identifying_check", None)
        findings = (
            findings_for(self.request.user)
            .filter(identifying_check=check)
            .order_by("page", "paragraph", "pk")
            if check
            else []
        )
        return {
            **super().get_context_data(**kwargs),
            "document": file.document,
            "review": file.document.review,
            "check": check,
            "findings": findings,
            "open": sum(1 for finding in findings if finding.is_open),
            "versions": file.document.files.order_by("-version"),
            "may_decide": self.may("publish"),
        }

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Check this version again, against the pseudonyms and accepted names as they are now."""
        try:
            check = services.check_identifying_details(self.object, acting_user=self.request.user)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
            return redirect("publication:check", pk=self.object.pk)
        found = check.findings.count()
        words = f"{found} finding{'' if found == 1 else 's'}" if found else "no identifying details"
        messages.success(request, f"Checked again: {words}.")
        return redirect("publication:check", pk=self.object.pk)


class FindingView(RecordMixin, StaleEditMixin, ServiceFormMixin, FormView):
    """Decide one finding: removed in the next version, or acceptable with a reason."""

    selector = staticmethod(findings_for)
    action = "publish"
    context_object_name = "finding"
    template_name = "publication/finding_form.html"
    form_class = FindingDecisionForm

    def get_initial(self) -> dict[str, Any]:
        finding = self.object
        decided = not finding.is_open
        return {"resolution": finding.resolution if decided else None, "reason": finding.reason}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        file = self.object.identifying_check.file
        return {**super().get_context_data(**kwargs), "file": file, "review": file.document.review}

    def perform(self, form: FindingDecisionForm) -> HttpResponse:
        decided = services.decide_finding(
            self.object, acting_user=self.request.user, read_at=self.read_at, **form.cleaned_data
        )
        finding, places = decided[0], len(decided)
        where = f" for the {places} places it was found" if places > 1 else ""
        messages.success(
            self.request, f"Your decision on “{finding.text}” has been recorded{where}."
        )
        check_page = reverse("publication:check", args=[finding.identifying_check.file_id])
        return redirect(f"{check_page}#finding-{finding.pk}")


class AcceptableNamesView(AuditedObjectMixin, PermissionRequiredMixin, ServiceFormMixin, FormView):
    """The names the partnership accepts in its published reports, and a form to add one."""

    permission = ("publish", "reviews")
    template_name = "publication/acceptable_names.html"
    form_class = AcceptableNameForm
    page_name = "names acceptable in published reports"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "names": acceptable_names_for(self.request.user),
        }

    def perform(self, form: AcceptableNameForm) -> HttpResponse:
        partnership = self.request.user.active_membership.partnership  # type: ignore[union-attr]
        added = services.add_acceptable_name(
            partnership, form.cleaned_data["name"], acting_user=self.request.user
        )
        messages.success(self.request, f"{added.name} has been added to the acceptable names.")
        return redirect("publication:acceptable-names")


class RemoveAcceptableNameView(RecordMixin, TemplateView):
    """Take a name off the list, after asking."""

    selector = staticmethod(acceptable_names_for)
    action = "publish"
    context_object_name = "listed"
    template_name = "publication/remove_acceptable_name.html"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        services.remove_acceptable_name(self.object, acting_user=self.request.user)
        messages.success(request, f"{self.object.name} has been taken off the acceptable names.")
        return redirect("publication:acceptable-names")


class SuggestedThemesView(RecordMixin, TemplateView):
    """The themes suggested from the review's text, each with the sentences that support
    it, to accept or reject; and a button to suggest again from its text as it is now."""

    selector = staticmethod(reviews_for)
    context_object_name = "review"
    template_name = "publication/suggested_themes.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        suggestions = suggestions_for(self.request.user).filter(review=self.object)
        return {
            **super().get_context_data(**kwargs),
            "suggested": [s for s in suggestions if s.decision == SuggestionDecision.SUGGESTED],
            "decided": [s for s in suggestions if s.decision != SuggestionDecision.SUGGESTED],
            "may_change": self.may("change"),
        }

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Suggest again, from the review's text as it is now."""
        if not self.may("change"):
            raise PermissionDenied
        made = services.suggest_themes(self.object, acting_user=self.request.user)
        if made:
            words = f"{len(made)} theme{'s' if len(made) != 1 else ''} suggested"
            messages.success(request, f"{words} from the review's text.")
        else:
            messages.success(request, "The review's text suggests no theme it does not have.")
        return redirect("publication:suggested-themes", pk=self.object.pk)


class DecideSuggestionView(RecordMixin, ServiceFormMixin, FormView):
    """Accept or reject one suggested theme (the list's buttons post here)."""

    selector = staticmethod(suggestions_for)
    action = "change"
    context_object_name = "suggestion"
    template_name = "publication/suggestion_form.html"
    form_class = SuggestionDecisionForm

    def perform(self, form: SuggestionDecisionForm) -> HttpResponse:
        accept = form.cleaned_data["accept"]
        suggestion = services.decide_suggestion(
            self.object, accept=accept, acting_user=self.request.user
        )
        done = "is now one of the review's themes" if accept else "will not be suggested again"
        messages.success(self.request, f"{suggestion.theme.label} {done}.")
        return redirect("publication:suggested-themes", pk=suggestion.review_id)
