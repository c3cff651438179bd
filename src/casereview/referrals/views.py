from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import FormView, TemplateView, View

from casereview.accounts.middleware import PartnershipRequest
from casereview.accounts.selectors import agencies_for, known_areas
from casereview.accounts.views import AgencyChoicesMixin
from casereview.core import audit
from casereview.core.choices import AuditAction
from casereview.core.concurrency import StaleEditMixin
from casereview.core.sections import sections_for
from casereview.core.views import (
    FilteredListView,
    PermissionRequiredMixin,
    RecordMixin,
    ServiceFormMixin,
)
from casereview.referrals import documents, services
from casereview.referrals.choices import Framework
from casereview.referrals.filters import ReferralFilter
from casereview.referrals.forms import (
    ChildForm,
    DecisionForm,
    LocalResponseForm,
    NewReferralForm,
    PanelResponseForm,
    RapidReviewForm,
    ReferralDocumentForm,
    ReferralForm,
    SendToPanelForm,
    SignOffForm,
    SubmissionForm,
)
from casereview.referrals.models import RapidReview, Referral, ReferralDocument
from casereview.referrals.selectors import (
    children_for,
    deadline_states,
    leadership,
    likely_duplicates,
    pseudonyms_of,
    rapid_reviews_for,
    referral_records,
    register,
    submission_register,
    submissions_for,
    timeline,
)

# The editions of the guidance that have rapid reviews and the matters for a local review.
SINCE_2018 = (Framework.WT2018, Framework.WT2023)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ReferralListView(FilteredListView):
    permission = ("view", "referrals")
    template_name = "referrals/referral_list.html"
    page_name = "referral register"
    filterset_class = ReferralFilter
    selector = staticmethod(register)

    def rows_shown(self, rows: list[Referral]) -> None:
        pseudonyms = pseudonyms_of(rows)
        for referral in rows:
            referral.pseudonyms = pseudonyms.get(referral.pk, [])


class ReferralPage(RecordMixin):
    """A page about one referral in the person's reach."""

    selector = staticmethod(referral_records)
    context_object_name = "referral"


class ReferralDetailView(ReferralPage, TemplateView):
    template_name = "referrals/referral_detail.html"

    def records(self) -> QuerySet[Referral]:
        documents = ReferralDocument.objects.select_related("agency")
        return super().records().prefetch_related("children", Prefetch("documents", documents))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        referral = self.object
        return {
            **super().get_context_data(**kwargs),
            "deadlines": deadline_states(referral, timezone.localdate()),
            "timeline": timeline(referral),
            "decision": getattr(referral, "decision", None),
            "submission": getattr(referral, "panel_submission", None),
            "rapid_review": getattr(referral, "rapid_review", None),
            "leadership": leadership(referral),
            "has_rapid_review": referral.assessed_framework in SINCE_2018,
            "sections": sections_for("referral", self.request.user, referral),
            "rapid_review_clock": next(
                (
                    d
                    for d in deadline_states(referral, timezone.localdate())
                    if d.name == "rapid_review_by"
                ),
                None,
            ),
        }


class AreaChoicesMixin:
    """A referral form that suggests the local authority areas of every partnership in the
    service, and warns, once saved, of an area none of them covers."""

    def get_form_kwargs(self) -> dict[str, Any]:
        self.areas = known_areas()
        names = [area.name for area in self.areas.values()]
        return {"areas": names, **super().get_form_kwargs()}  # type: ignore[misc]

    def warn_of_unknown_areas(self, referral: Referral) -> None:
        unknown = leadership(referral, self.areas).unknown_areas
        if unknown:
            messages.warning(
                self.request,  # type: ignore[attr-defined]
                f"No partnership in the service covers {' or '.join(unknown)}. Check the "
                "spelling: if it is right, that area's partnership is not yet in the service.",
            )


class ReferralAddView(
    AreaChoicesMixin, AgencyChoicesMixin, PermissionRequiredMixin, ServiceFormMixin, FormView
):
    permission = ("add", "referrals")
    request: PartnershipRequest
    template_name = "referrals/referral_form.html"
    form_class = NewReferralForm

    def perform(self, form: NewReferralForm) -> HttpResponse:
        data = dict(form.cleaned_data)
        partnership = self.request.membership.partnership
        pseudonym, sex = data.pop("child_pseudonym"), data.pop("child_sex")
        record_anyway = data.pop("record_anyway", False)
        data.pop("duplicates_shown", None)
        incident = data.get("incident_date")
        duplicates = likely_duplicates(
            self.request.user,
            pseudonym=pseudonym,
            incident_date=incident.first_day if incident is not None else None,
        )
        if duplicates and not record_anyway:
            for duplicate in duplicates:  # the page names each: a read of it
                audit.record(AuditAction.VIEW, actor=self.request.user, obj=duplicate)
            form.warn_of([duplicate.reference for duplicate in duplicates])
            context = self.get_context_data(form=form, duplicates=duplicates)
            return self.render_to_response(context, status=400 if form.errors else 200)
        referral = services.create_referral_with_new_child(
            partnership,
            child={"pseudonym": pseudonym, "sex": sex},
            acting_user=self.request.user,
            **data,
        )
        messages.success(self.request, f"Referral {referral.reference} has been recorded.")
        self.warn_of_unknown_areas(referral)
        return redirect("referrals:referral", pk=referral.pk)


class ReferralFormPage(ReferralPage):
    """A form that changes a referral, or adds to it: the referral must be in reach to change."""

    action = "change"


class ReferralChangeView(
    AreaChoicesMixin,
    AgencyChoicesMixin,
    ReferralFormPage,
    StaleEditMixin,
    ServiceFormMixin,
    FormView,
):
    template_name = "referrals/referral_form.html"
    form_class = ReferralForm

    def get_initial(self) -> dict[str, Any]:
        r = self.object
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
            **{name: getattr(r, name) for name in services.AREA_FACTS},
        }

    def perform(self, form: ReferralForm) -> HttpResponse:
        services.change_referral(
            self.object, acting_user=self.request.user, read_at=self.read_at, **form.cleaned_data
        )
        messages.success(self.request, "The referral has been changed.")
        self.warn_of_unknown_areas(self.object)
        return redirect("referrals:referral", pk=self.object.pk)


class ChildAddView(ReferralFormPage, ServiceFormMixin, FormView):
    template_name = "referrals/child_form.html"
    form_class = ChildForm

    def perform(self, form: ChildForm) -> HttpResponse:
        services.create_child_in_referral(
            self.object, acting_user=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, f"{form.cleaned_data['pseudonym']} has been added.")
        return redirect("referrals:referral", pk=self.object.pk)


class ReferralDocumentAddView(AgencyChoicesMixin, ReferralFormPage, ServiceFormMixin, FormView):
    """Record a document an agency sent about the case; then its page, to upload its file."""

    template_name = "referrals/document_form.html"
    form_class = ReferralDocumentForm

    def perform(self, form: ReferralDocumentForm) -> HttpResponse:
        document = services.add_referral_document(
            self.object, acting_user=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, f"The document {document.title} has been added.")
        return redirect("documents:referral-document", pk=document.pk)


class ChildPage(RecordMixin):
    """A page about one child in the person's reach."""

    selector = staticmethod(children_for)
    context_object_name = "child"


class ChildDetailView(ChildPage, TemplateView):
    template_name = "referrals/child_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        referrals = referral_records(self.request.user).filter(children=self.object)
        return {**super().get_context_data(**kwargs), "referrals": referrals}


class ChildChangeView(ChildPage, StaleEditMixin, ServiceFormMixin, FormView):
    template_name = "referrals/child_form.html"
    form_class = ChildForm
    action = "change"

    def get_initial(self) -> dict[str, Any]:
        return {name: getattr(self.object, name) for name in services.CHILD_FIELDS}

    def perform(self, form: ChildForm) -> HttpResponse:
        services.change_child(
            self.object, acting_user=self.request.user, read_at=self.read_at, **form.cleaned_data
        )
        messages.success(self.request, f"{self.object.pseudonym} has been changed.")
        return redirect("referrals:child", pk=self.object.pk)


class DecisionView(ReferralFormPage, StaleEditMixin, ServiceFormMixin, FormView):
    template_name = "referrals/decision_form.html"
    form_class = DecisionForm

    def versioned_records(self) -> list[Any]:
        return [getattr(self.object, "decision", None)]

    def get_form_kwargs(self) -> dict[str, Any]:
        asks = self.object.assessed_framework in SINCE_2018
        return {**super().get_form_kwargs(), "asks_considerations": asks}

    def get_initial(self) -> dict[str, Any]:
        decision = getattr(self.object, "decision", None)
        if decision is None:
            return {}
        return {
            "date": decision.date_partial,
            "outcome": decision.outcome,
            "rationale": decision.rationale,
            "considerations": decision.considerations,
        }

    def perform(self, form: DecisionForm) -> HttpResponse:
        services.record_decision(
            self.object, acting_user=self.request.user, read_at=self.read_at, **form.cleaned_data
        )
        messages.success(self.request, "The decision has been recorded.")
        return redirect("referrals:referral", pk=self.object.pk)


class SubmitToPanelView(
    ReferralFormPage, PermissionRequiredMixin, StaleEditMixin, ServiceFormMixin, FormView
):
    permission = ("add", "panel submissions")
    template_name = "referrals/submission_form.html"
    form_class = SubmissionForm

    def versioned_records(self) -> list[Any]:
        return [getattr(self.object, "panel_submission", None)]

    def get_initial(self) -> dict[str, Any]:
        submission = getattr(self.object, "panel_submission", None)
        return {"submitted": submission.submitted_partial} if submission else {}

    def get_form_kwargs(self) -> dict[str, Any]:
        asks = services.asks_notification_with_submission(self.object)
        return {**super().get_form_kwargs(), "asks_notification": asks}

    def perform(self, form: SubmissionForm) -> HttpResponse:
        services.submit_to_national_panel(
            self.object, acting_user=self.request.user, read_at=self.read_at, **form.cleaned_data
        )
        messages.success(self.request, "The submission to the national panel has been recorded.")
        return redirect("referrals:referral", pk=self.object.pk)


class LocalResponseView(ReferralFormPage, StaleEditMixin, ServiceFormMixin, FormView):
    """The partnership's reply to the national panel's response: only for a referral whose
    submission the panel answered with a question or a challenge."""

    template_name = "referrals/local_response_form.html"
    form_class = LocalResponseForm

    def records(self) -> QuerySet[Referral]:
        asks = services.ASKS_FOR_REPLY
        return super().records().filter(panel_submission__response__in=asks)

    def get_initial(self) -> dict[str, Any]:
        return {"local_response": self.object.panel_submission.local_response}

    def versioned_records(self) -> list[Any]:
        return [self.object.panel_submission]

    def perform(self, form: LocalResponseForm) -> HttpResponse:
        services.answer_panel_challenge(
            self.object.panel_submission,
            acting_user=self.request.user,
            read_at=self.read_at,
            **form.cleaned_data,
        )
        messages.success(self.request, "The partnership's reply has been recorded.")
        return redirect("referrals:referral", pk=self.object.pk)


class SubmissionListView(FilteredListView):
    """The national panel's view: the submissions of every partnership."""

    permission = ("view", "panel submissions")
    template_name = "referrals/submission_list.html"
    page_name = "national panel submissions"
    selector = staticmethod(submission_register)
    keyset = True


class SubmissionDetailView(RecordMixin, StaleEditMixin, ServiceFormMixin, FormView):
    """A submission as the national panel sees it: the facts, the assessment, the decision,
    and its response, which the panel records here (only those who may change it)."""

    selector = staticmethod(submissions_for)
    context_object_name = "submission"
    template_name = "referrals/submission_detail.html"
    form_class = PanelResponseForm
    field_aliases = {"response_note": "note"}

    def get_form_kwargs(self) -> dict[str, Any]:
        framework = self.object.referral.assessed_framework
        return {**super().get_form_kwargs(), "framework": framework}

    def get_initial(self) -> dict[str, Any]:
        return {
            "response": self.object.response,
            "response_date": self.object.response_date_partial,
            "note": self.object.response_note,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        referral: Referral = self.object.referral
        return {
            **super().get_context_data(**kwargs),
            "referral": referral,
            "children": referral.children.all(),
            "decision": getattr(referral, "decision", None),
            "rapid_review": rapid_reviews_for(self.request.user).filter(referral=referral).first(),
            "may_respond": self.may("change"),
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.may("change"):
            raise Http404
        return super().post(request, *args, **kwargs)

    def perform(self, form: PanelResponseForm) -> HttpResponse:
        services.record_panel_response(
            self.object, acting_user=self.request.user, read_at=self.read_at, **form.cleaned_data
        )
        messages.success(self.request, "Your response has been recorded.")
        return redirect("referrals:submission", pk=self.object.pk)


class AssessmentPreviewView(PermissionRequiredMixin, TemplateView):
    """What the guidance would require of the facts on the form, before they are saved.

    The referral form asks for it (with htmx) each time a fact changes.
    """

    permission = ("add", "referrals")
    request: PartnershipRequest
    template_name = "referrals/_assessment_preview.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form = ReferralForm(self.request.GET, agencies=agencies_for(self.request.user))
        form.is_valid()  # the preview uses whatever facts are complete enough
        preview = services.preview_assessment(
            self.request.membership.partnership, form.cleaned_data
        )
        return {**super().get_context_data(**kwargs), "preview": preview}


# The rapid review


class RapidReviewView(
    AgencyChoicesMixin,
    ReferralPage,
    PermissionRequiredMixin,
    StaleEditMixin,
    ServiceFormMixin,
    FormView,
):
    """Record, or correct, the referral's rapid review (its sign-off and sending apart)."""

    template_name = "referrals/rapid_review_form.html"
    form_class = RapidReviewForm

    @property
    def permission(self) -> tuple[str, str]:  # type: ignore[override]
        recorded = hasattr(self.object, "rapid_review")
        return ("change" if recorded else "add", "rapid reviews")

    def versioned_records(self) -> list[Any]:
        return [getattr(self.object, "rapid_review", None)]

    def get_initial(self) -> dict[str, Any]:
        rapid_review = getattr(self.object, "rapid_review", None)
        if rapid_review is None:
            return {}
        return {
            "meeting": rapid_review.meeting_partial,
            "agencies": list(rapid_review.agencies.all()),
            "immediate_actions": rapid_review.immediate_actions,
            "recommendation": rapid_review.recommendation,
        }

    def perform(self, form: RapidReviewForm) -> HttpResponse:
        services.record_rapid_review(
            self.object, acting_user=self.request.user, read_at=self.read_at, **form.cleaned_data
        )
        messages.success(self.request, "The rapid review has been recorded.")
        return redirect("referrals:referral", pk=self.object.pk)


class RapidReviewPage(RecordMixin):
    """A page about one rapid review in the person's reach."""

    selector = staticmethod(rapid_reviews_for)
    context_object_name = "rapid_review"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "referral": self.object.referral}


class RapidReviewSignOffView(RapidReviewPage, ServiceFormMixin, FormView):
    """Record that one of the three safeguarding partners agreed the rapid review."""

    template_name = "referrals/rapid_review_sign_off.html"
    form_class = SignOffForm
    action = "change"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "partners": self.object.partners_to_sign}

    def perform(self, form: SignOffForm) -> HttpResponse:
        services.sign_off_rapid_review(
            self.object, acting_user=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, "The sign-off has been recorded.")
        return redirect("referrals:referral", pk=self.object.referral_id)


class RapidReviewSendView(RapidReviewPage, StaleEditMixin, ServiceFormMixin, FormView):
    """Record that the rapid review was sent to the Panel."""

    template_name = "referrals/rapid_review_send.html"
    form_class = SendToPanelForm
    action = "change"

    def get_initial(self) -> dict[str, Any]:
        return {"sent_to_panel": self.object.sent_to_panel_partial}

    def perform(self, form: SendToPanelForm) -> HttpResponse:
        services.send_rapid_review_to_panel(
            self.object,
            sent=form.cleaned_data["sent_to_panel"],
            acting_user=self.request.user,
            read_at=self.read_at,
        )
        messages.success(self.request, "The rapid review has been recorded as sent to the Panel.")
        return redirect("referrals:referral", pk=self.object.referral_id)


class RapidReviewDownloadView(RapidReviewPage, View):
    """The rapid review as a Word document, in the shape partnerships send the Panel; each
    download is audited."""

    request: PartnershipRequest

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        rapid_review: RapidReview = self.object
        body = documents.rapid_review_docx(rapid_review)
        services.record_rapid_review_download(rapid_review, acting_user=self.request.user)
        response = HttpResponse(body, content_type=DOCX)
        name = f"rapid-review-{rapid_review.referral.reference}".lower()
        response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
        return response
