from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import DetailView, FormView, TemplateView

from casereview.accounts.selectors import agencies_for
from casereview.core.concurrency import StaleEditMixin
from casereview.core.views import (
    AuditedObjectMixin,
    FilteredListView,
    PermissionRequiredMixin,
    ServiceFormMixin,
)
from casereview.referrals import services
from casereview.referrals.forms import (
    ChildForm,
    DecisionForm,
    LocalResponseForm,
    NewReferralForm,
    PanelResponseForm,
    ReferralFilterForm,
    ReferralForm,
    SubmissionForm,
)
from casereview.referrals.models import Child, PanelSubmission, Referral
from casereview.referrals.selectors import (
    children_for,
    deadline_states,
    referrals_for,
    register,
    submissions_for,
    timeline,
)

PAGE_SIZE = 50


class ReferralListView(FilteredListView):
    permission = ("view", "referrals")
    template_name = "referrals/referral_list.html"
    page_name = "referral register"

    def filter_form(self) -> ReferralFilterForm:
        return ReferralFilterForm(
            self.request.GET or None, agencies=agencies_for(self.request.user)
        )

    def records(self, filters: dict[str, Any]) -> Any:
        return register(self.request.user, today=timezone.localdate(), **filters)


class ReferralDetailView(AuditedObjectMixin, DetailView):
    template_name = "referrals/referral_detail.html"
    context_object_name = "referral"

    def get_queryset(self) -> Any:
        return referrals_for(self.request.user).prefetch_related("children")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        referral = self.object
        return {
            **super().get_context_data(**kwargs),
            "deadlines": deadline_states(referral, timezone.localdate()),
            "timeline": timeline(referral),
            "decision": getattr(referral, "decision", None),
            "submission": getattr(referral, "panel_submission", None),
        }


class ReferralAddView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    permission = ("add", "referrals")
    template_name = "referrals/referral_form.html"
    form_class = NewReferralForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"agencies": agencies_for(self.request.user), **super().get_form_kwargs()}

    def perform(self, form: NewReferralForm) -> HttpResponse:
        data = dict(form.cleaned_data)
        partnership = self.request.membership.partnership
        pseudonym, sex = data.pop("child_pseudonym"), data.pop("child_sex")
        referral = services.create_referral_with_new_child(
            partnership,
            child={"pseudonym": pseudonym, "sex": sex},
            acting_user=self.request.user,
            **data,
        )
        messages.success(self.request, f"Referral {referral.reference} has been recorded.")
        return redirect("referrals:referral", pk=referral.pk)


class ReferralObjectMixin(AuditedObjectMixin):
    """Finds the referral in the person's reach for the action, or answers 404."""

    action = "change"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.referral = get_object_or_404(referrals_for(request.user, self.action), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {"referral": self.referral, **super().get_context_data(**kwargs)}  # type: ignore[misc]

    def audited_record(self) -> Referral:
        return self.referral


class ReferralChangeView(ReferralObjectMixin, StaleEditMixin, ServiceFormMixin, FormView):
    template_name = "referrals/referral_form.html"
    form_class = ReferralForm

    def versioned_records(self) -> list[Any]:
        return [self.referral]

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"agencies": agencies_for(self.request.user), **super().get_form_kwargs()}

    def get_initial(self) -> dict[str, Any]:
        r = self.referral
        return {
            "received": r.received_partial,
            "referred_by": r.referred_by_id,
            "aware": r.aware_partial,
            "incident_date": r.incident_date_partial,
            "harm": r.harm,
            "suspected_suicide": r.suspected_suicide,
            "death_in_custody": r.death_in_custody,
            "abuse_or_neglect": r.abuse_or_neglect,
            "interagency_concern": r.interagency_concern,
            "framework": r.framework,
            "notified": r.notified_partial,
            "summary": r.summary,
        }

    def perform(self, form: ReferralForm) -> HttpResponse:
        services.change_referral(
            self.referral, acting_user=self.request.user, read_at=self.read_at, **form.cleaned_data
        )
        messages.success(self.request, "The referral has been changed.")
        return redirect("referrals:referral", pk=self.referral.pk)


class ChildAddView(ReferralObjectMixin, ServiceFormMixin, FormView):
    template_name = "referrals/child_form.html"
    form_class = ChildForm

    def perform(self, form: ChildForm) -> HttpResponse:
        services.create_child_in_referral(
            self.referral, acting_user=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, f"{form.cleaned_data['pseudonym']} has been added.")
        return redirect("referrals:referral", pk=self.referral.pk)


class ChildDetailView(AuditedObjectMixin, DetailView):
    template_name = "referrals/child_detail.html"
    context_object_name = "child"

    def get_queryset(self) -> Any:
        return children_for(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        referrals = referrals_for(self.request.user).filter(children=self.object)
        return {**super().get_context_data(**kwargs), "referrals": referrals}


class ChildChangeView(AuditedObjectMixin, StaleEditMixin, ServiceFormMixin, FormView):
    template_name = "referrals/child_form.html"
    form_class = ChildForm

    def versioned_records(self) -> list[Any]:
        return [self.child]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.child = get_object_or_404(children_for(request.user, "change"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        return {name: getattr(self.child, name) for name in services.CHILD_FIELDS}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {"child": self.child, **super().get_context_data(**kwargs)}

    def audited_record(self) -> Child:
        return self.child

    def perform(self, form: ChildForm) -> HttpResponse:
        services.change_child(
            self.child, acting_user=self.request.user, read_at=self.read_at, **form.cleaned_data
        )
        messages.success(self.request, f"{self.child.pseudonym} has been changed.")
        return redirect("referrals:child", pk=self.child.pk)


class DecisionView(ReferralObjectMixin, StaleEditMixin, ServiceFormMixin, FormView):
    template_name = "referrals/decision_form.html"
    form_class = DecisionForm

    def versioned_records(self) -> list[Any]:
        return [getattr(self.referral, "decision", None)]

    def get_initial(self) -> dict[str, Any]:
        decision = getattr(self.referral, "decision", None)
        if decision is None:
            return {}
        return {
            "date": decision.date_partial,
            "outcome": decision.outcome,
            "rationale": decision.rationale,
        }

    def perform(self, form: DecisionForm) -> HttpResponse:
        services.record_decision(
            self.referral, acting_user=self.request.user, read_at=self.read_at, **form.cleaned_data
        )
        messages.success(self.request, "The decision has been recorded.")
        return redirect("referrals:referral", pk=self.referral.pk)


class SubmitToPanelView(
    ReferralObjectMixin, PermissionRequiredMixin, StaleEditMixin, ServiceFormMixin, FormView
):
    permission = ("add", "panel submissions")
    template_name = "referrals/submission_form.html"
    form_class = SubmissionForm

    def versioned_records(self) -> list[Any]:
        return [getattr(self.referral, "panel_submission", None)]

    def get_initial(self) -> dict[str, Any]:
        submission = getattr(self.referral, "panel_submission", None)
        return {"submitted": submission.submitted_partial} if submission else {}

    def perform(self, form: SubmissionForm) -> HttpResponse:
        services.submit_to_national_panel(
            self.referral, acting_user=self.request.user, read_at=self.read_at, **form.cleaned_data
        )
        messages.success(self.request, "The submission to the national panel has been recorded.")
        return redirect("referrals:referral", pk=self.referral.pk)


class LocalResponseView(ReferralObjectMixin, StaleEditMixin, ServiceFormMixin, FormView):
    template_name = "referrals/local_response_form.html"
    form_class = LocalResponseForm

    def versioned_records(self) -> list[Any]:
        return [self.get_submission()]

    def get_submission(self) -> Any:
        return get_object_or_404(
            submissions_for(self.request.user).filter(referral=self.referral), response="contested"
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.get_submission()
        return super().get(request, *args, **kwargs)

    def perform(self, form: LocalResponseForm) -> HttpResponse:
        services.answer_panel_challenge(
            self.get_submission(),
            acting_user=self.request.user,
            read_at=self.read_at,
            **form.cleaned_data,
        )
        messages.success(self.request, "What the partnership did has been recorded.")
        return redirect("referrals:referral", pk=self.referral.pk)


class SubmissionListView(AuditedObjectMixin, PermissionRequiredMixin, TemplateView):
    """The national panel's view: the submissions of every partnership."""

    permission = ("view", "panel submissions")
    template_name = "referrals/submission_list.html"
    page_name = "national panel submissions"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        submissions = submissions_for(self.request.user).order_by("-submitted", "-pk")
        page = Paginator(submissions, PAGE_SIZE).get_page(self.request.GET.get("page"))
        return {**super().get_context_data(**kwargs), "page": page}


class SubmissionDetailView(AuditedObjectMixin, StaleEditMixin, ServiceFormMixin, FormView):
    """A submission as the national panel sees it: the facts, the assessment, the decision,
    and its response, which the panel records here."""

    template_name = "referrals/submission_detail.html"
    form_class = PanelResponseForm
    field_aliases = {"response_note": "note"}

    def versioned_records(self) -> list[Any]:
        return [self.submission]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.submission = get_object_or_404(submissions_for(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def audited_record(self) -> PanelSubmission:
        return self.submission

    def get_initial(self) -> dict[str, Any]:
        return {
            "response": self.submission.response,
            "response_date": self.submission.response_date_partial,
            "note": self.submission.response_note,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        referral: Referral = self.submission.referral
        may_respond = (
            submissions_for(self.request.user, "change").filter(pk=self.submission.pk).exists()
        )
        return {
            **super().get_context_data(**kwargs),
            "submission": self.submission,
            "referral": referral,
            "children": referral.children.all(),
            "decision": getattr(referral, "decision", None),
            "may_respond": may_respond,
        }

    def perform(self, form: PanelResponseForm) -> HttpResponse:
        submission = get_object_or_404(
            submissions_for(self.request.user, "change"), pk=self.submission.pk
        )
        services.record_panel_response(
            submission, acting_user=self.request.user, read_at=self.read_at, **form.cleaned_data
        )
        messages.success(self.request, "Your response has been recorded.")
        return redirect("referrals:submission", pk=submission.pk)


class AssessmentPreviewView(PermissionRequiredMixin, TemplateView):
    """What the guidance would require of the facts on the form, before they are saved.

    The referral form asks for it (with htmx) each time a fact changes.
    """

    permission = ("add", "referrals")
    template_name = "referrals/_assessment_preview.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form = ReferralForm(self.request.GET, agencies=agencies_for(self.request.user))
        form.is_valid()  # the preview uses whatever facts are complete enough
        preview = services.preview_assessment(
            self.request.membership.partnership, form.cleaned_data
        )
        return {**super().get_context_data(**kwargs), "preview": preview}
