from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import FormView, TemplateView, View

from casereview.accounts.choices import Role
from casereview.accounts.middleware import PartnershipRequest
from casereview.accounts.models import User
from casereview.accounts.views import AgencyChoicesMixin
from casereview.core.choices import YesNoUnknown
from casereview.core.concurrency import StaleEditMixin
from casereview.core.forms import parse_id
from casereview.core.sections import sections_for
from casereview.core.tenancy import user_may
from casereview.core.views import (
    AuditedObjectMixin,
    FilteredListView,
    PermissionRequiredMixin,
    RecordMixin,
    ServiceFormMixin,
)
from casereview.referrals.choices import DecisionOutcome
from casereview.referrals.criteria import choose_framework
from casereview.referrals.frameworkwords import words
from casereview.referrals.models import Decision
from casereview.referrals.selectors import children_for, decisions_for
from casereview.reviews import cautions, documents, lifecycle, services
from casereview.reviews.filters import ReviewFilter
from casereview.reviews.forms import (
    TRANSITION_FORMS,
    AssignReviewerForm,
    DelayForm,
    DocumentForm,
    FamilyContributionForm,
    LearningPointForm,
    LearningSummaryForm,
    NationalReviewForm,
    ParallelProcessForm,
    ReportSentForm,
    ReviewForm,
    WithholdForm,
    default_review_type,
)
from casereview.reviews.models import LearningSummary, Review
from casereview.reviews.selectors import (
    held_words,
    hold_reason_words,
    national_reviews_for,
    parallel_processes_for,
    register,
    review_decision_not_known,
    reviews_for,
    theme_labels_of,
    timescale,
)
from casereview.themes.selectors import themes_for


class ReviewListView(FilteredListView):
    permission = ("view", "reviews")
    template_name = "reviews/review_list.html"
    page_name = "review register"
    filterset_class = ReviewFilter
    selector = staticmethod(register)

    def rows_shown(self, rows: list[Review]) -> None:
        labels = theme_labels_of(rows)
        for review in rows:
            review.theme_labels = labels.get(review.pk, [])


class ReviewPage(RecordMixin):
    """A page about one review in the person's reach."""

    selector = staticmethod(reviews_for)
    context_object_name = "review"


class ReviewDetailView(ReviewPage, TemplateView):
    template_name = "reviews/review_detail.html"

    shown_with_it = (
        "children",
        "themes",
        "parallel_processes",
        "family_contributions__facilitated_by",
        "documents",
        "learning_points__themes",
        "assigned_reviewers",
        "decisions__referral",
    )

    def records(self) -> QuerySet[Review]:
        return super().records().prefetch_related(*self.shown_with_it)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        review = self.object
        may_change = self.may("change")
        return {
            **super().get_context_data(**kwargs),
            "timescale": timescale(review, timezone.localdate()),
            "held": held_words(review, timezone.localdate()),
            "hold_reason": hold_reason_words(review),
            "transitions": [
                {
                    "name": name,
                    "action": lifecycle.action_words(lifecycle.TRANSITIONS[name], review.framework),
                }
                for name in lifecycle.allowed(
                    lifecycle.ReviewFacts(
                        status=review.status,
                        commissioned=review.commissioned,
                        today=timezone.localdate(),
                    )
                )
                if user_may(self.request.user, *lifecycle.TRANSITIONS[name].permission)
            ]
            if may_change
            else [],
            "may_change": may_change,
            "may_publish": user_may(self.request.user, "publish", "reviews") and may_change,
            "decision_not_known": review_decision_not_known(self.object),
            "report_goes_to": lifecycle.report_goes_to(review.framework),
            "may_assign": user_may(self.request.user, "assign", "reviewers"),
            "sections": sections_for("review", self.request.user, review),
        }


class ReviewFormPage(ReviewPage):
    """A form that changes a review, or adds to it: the review must be in reach to change."""

    action = "change"

    def back_to_review(self) -> HttpResponse:
        return redirect("reviews:review", pk=self.object.pk)


class ReviewChoicesMixin:
    """The review form's choices: the partnership's children and the themes in reach."""

    def get_form_kwargs(self) -> dict[str, Any]:
        user = self.request.user  # type: ignore[attr-defined]
        choices = {"children": children_for(user), "themes": themes_for(user)}
        return {**choices, **super().get_form_kwargs()}  # type: ignore[misc]


class ReviewAddView(
    ReviewChoicesMixin, AuditedObjectMixin, PermissionRequiredMixin, ServiceFormMixin, FormView
):
    permission = ("add", "reviews")
    request: PartnershipRequest
    template_name = "reviews/review_form.html"
    form_class = ReviewForm
    page_name = "new review form"  # its choices name every child of the partnership

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.decision = None
        decision_id = parse_id(request.GET.get("decision", ""))
        if decision_id is not None and request.user.is_authenticated:
            decisions = decisions_for(request.user, "change").select_related("referral")
            self.decision = decisions.filter(pk=decision_id).first()
            if self.decision is None:
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        if self.decision is None:  # the review the guidance in force today commissions
            nation = self.request.membership.partnership.nation
            return {"type": default_review_type(choose_framework(nation, timezone.localdate()))}
        referral = self.decision.referral
        children = list(referral.children.all())
        framework = referral.framework or referral.assessed_framework
        return {
            "children": children,
            "framework": framework,
            "commissioned": self.decision.date_partial,
            "type": default_review_type(
                framework,
                statutory=self.decision.outcome == DecisionOutcome.REVIEW_COMMISSIONED,
                on_plan_or_looked_after=any(
                    YesNoUnknown.YES in (child.cp_plan_at_incident, child.looked_after_at_incident)
                    for child in children
                ),
            ),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {"decision": self.decision, **super().get_context_data(**kwargs)}

    def audited_record(self) -> Decision | None:
        return self.decision

    def perform(self, form: ReviewForm) -> HttpResponse:
        data = dict(form.cleaned_data)
        review = services.create_review(
            self.request.membership.partnership,
            acting_user=self.request.user,
            children=list(data.pop("children")),
            themes=list(data.pop("themes")),
            decision=self.decision,
            **data,
        )
        messages.success(self.request, f"The review {review.title} has been recorded.")
        return redirect("reviews:review", pk=review.pk)


class ReviewChangeView(
    ReviewChoicesMixin, ReviewFormPage, StaleEditMixin, ServiceFormMixin, FormView
):
    template_name = "reviews/review_form.html"
    form_class = ReviewForm

    def get_initial(self) -> dict[str, Any]:
        r = self.object
        return {
            "title": r.title,
            "type": r.type,
            "methodology": r.methodology,
            "methodology_note": r.methodology_note,
            "framework": r.framework,
            "lead_reviewer": r.lead_reviewer,
            "commissioned": r.commissioned_partial,
            "children": list(r.children.all()),
            "themes": list(r.themes.all()),
            "summary": r.summary,
        }

    def perform(self, form: ReviewForm) -> HttpResponse:
        data = dict(form.cleaned_data)
        services.change_review(
            self.object,
            acting_user=self.request.user,
            read_at=self.read_at,
            children=list(data.pop("children")),
            themes=list(data.pop("themes")),
            **data,
        )
        messages.success(self.request, "The review has been changed.")
        return self.back_to_review()


TRANSITION_SERVICES = {
    "hold": lambda review, user, data: services.hold_review(
        review, reason=data["hold_reason"], acting_user=user
    ),
    "resume": lambda review, user, data: services.resume_review(review, acting_user=user),
    "complete": lambda review, user, data: services.sign_off_review(
        review, acting_user=user, signed_off=data["signed_off"]
    ),
    "publish": lambda review, user, data: services.publish_review(
        review, acting_user=user, published=data["published"]
    ),
    "withhold": lambda review, user, data: services.withhold_review(
        review, acting_user=user, **data
    ),
}


class TransitionView(ReviewFormPage, PermissionRequiredMixin, ServiceFormMixin, FormView):
    """One step of the lifecycle; a refused step says which condition is unmet.

    A review out of reach is not found (404); a step the person's role may not take, such as a
    reviewer signing off, is refused (403).
    """

    template_name = "reviews/transition_form.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        transition = lifecycle.TRANSITIONS.get(kwargs["transition"])
        if transition is None:
            raise Http404
        self.transition = transition
        return super().dispatch(request, *args, **kwargs)

    @property
    def permission(self) -> tuple[str, str]:  # type: ignore[override]
        return self.transition.permission

    def get_form_class(self) -> Any:
        return TRANSITION_FORMS[self.transition.name]

    def cautions(self) -> list[str]:
        """What is still open on the review, for a step taken despite it (signing off,
        publishing): named on the page, and confirmed before the step goes ahead."""
        if self.transition.name not in cautions.CAUTIONED_STEPS:
            return []
        return cautions.cautions_for(self.request.user, self.object)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        if self.transition.name in cautions.CAUTIONED_STEPS:
            kwargs["cautions"] = self.cautions()
        return kwargs

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)
        if "signed_off" in form.fields:
            form.fields["signed_off"].label = words(self.object.framework).sign_off_date
        return form

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        action = lifecycle.action_words(self.transition, self.object.framework)
        context = super().get_context_data(**kwargs)
        return {
            "transition": self.transition,
            "action": action,
            "cautions": getattr(context["form"], "cautions", []),
            **context,
        }

    def perform(self, form: Any) -> HttpResponse:
        TRANSITION_SERVICES[self.transition.name](self.object, self.request.user, form.cleaned_data)
        messages.success(self.request, lifecycle.done_words(self.transition))
        return self.back_to_review()


class ReportSentView(ReviewFormPage, PermissionRequiredMixin, ServiceFormMixin, FormView):
    """The final report sent to the Panel and the Secretary of State before publication."""

    permission = ("publish", "reviews")
    template_name = "reviews/report_sent_form.html"
    form_class = ReportSentForm

    def get_initial(self) -> dict[str, Any]:
        return {"sent_to_panel": self.object.sent_to_panel_partial}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "recipients": lifecycle.report_goes_to(self.object.framework),
        }

    def perform(self, form: ReportSentForm) -> HttpResponse:
        services.record_report_sent(self.object, acting_user=self.request.user, **form.cleaned_data)
        messages.success(self.request, "The date the final report was sent has been recorded.")
        return self.back_to_review()


class DecisionNotToPublishView(ReviewFormPage, PermissionRequiredMixin, ServiceFormMixin, FormView):
    """The decision not to publish, for a review recorded as not published without it."""

    permission = ("publish", "reviews")
    template_name = "reviews/transition_form.html"
    form_class = WithholdForm

    def get_initial(self) -> dict[str, Any]:
        return {
            "decided_not_to_publish": self.object.decided_not_to_publish_partial,
            "reason": self.object.not_published_reason,
            "published_instead": self.object.published_instead,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "action": "Record the decision not to publish",
        }

    def perform(self, form: WithholdForm) -> HttpResponse:
        services.record_decision_not_to_publish(
            self.object, acting_user=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, "The decision not to publish has been recorded.")
        return self.back_to_review()


class DelayView(ReviewFormPage, StaleEditMixin, ServiceFormMixin, FormView):
    template_name = "reviews/part_form.html"
    form_class = DelayForm
    extra_context = {"heading": "Reason for the delay"}

    def get_initial(self) -> dict[str, Any]:
        return {"delay_reason": self.object.delay_reason}

    def perform(self, form: DelayForm) -> HttpResponse:
        services.record_delay_reason(
            self.object, acting_user=self.request.user, read_at=self.read_at, **form.cleaned_data
        )
        messages.success(self.request, "The reason for the delay has been recorded.")
        return self.back_to_review()


class ReviewPartAddView(ReviewFormPage, ServiceFormMixin, FormView):
    """A form that adds a record under the review through the service `add`, then goes back
    to the review."""

    template_name = "reviews/part_form.html"
    add: Callable[..., Any]  # a staticmethod: add(review, acting_user=..., **the form's data)

    def perform(self, form: Any) -> HttpResponse:
        added = self.add(self.object, acting_user=self.request.user, **form.cleaned_data)
        messages.success(self.request, self.confirmation(added))
        return self.back_to_review()

    def confirmation(self, added: Any) -> str:
        """The banner once the record is added, naming it."""
        raise NotImplementedError


class ParallelProcessAddView(ReviewPartAddView):
    form_class = ParallelProcessForm
    extra_context = {"heading": "Add a parallel process"}
    add = staticmethod(services.add_parallel_process)

    def confirmation(self, added: Any) -> str:
        status = added.get_status_display().lower()
        return f"{added.get_kind_display()} ({status}) has been added to the review."


class ParallelProcessConcludeView(RecordMixin, TemplateView):
    """Record that criminal proceedings, an inquest or the like has concluded."""

    template_name = "reviews/process_conclude.html"
    selector = staticmethod(parallel_processes_for)
    action = "change"
    context_object_name = "process"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "review": self.object.review}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        process = self.object
        services.conclude_parallel_process(process, acting_user=self.request.user)
        messages.success(request, f"{process.get_kind_display()} recorded as concluded.")
        return redirect("reviews:review", pk=process.review_id)


class FamilyContributionAddView(AgencyChoicesMixin, ReviewPartAddView):
    form_class = FamilyContributionForm
    extra_context = {"heading": "Record a family contribution"}
    add = staticmethod(services.add_family_contribution)

    def confirmation(self, added: Any) -> str:
        return f"The family contribution ({added.member}) has been recorded."


class DocumentAddView(ReviewPartAddView):
    form_class = DocumentForm
    extra_context = {"heading": "Add a document"}
    add = staticmethod(services.add_document)

    def confirmation(self, added: Any) -> str:
        return f"The document {added.title} has been added."


class LearningPointAddView(ReviewFormPage, ServiceFormMixin, FormView):
    template_name = "reviews/part_form.html"
    form_class = LearningPointForm
    extra_context = {"heading": "Add a learning point"}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"themes": themes_for(self.request.user), **super().get_form_kwargs()}

    def perform(self, form: LearningPointForm) -> HttpResponse:
        data = form.cleaned_data
        point = services.add_learning_point(
            self.object,
            acting_user=self.request.user,
            text=data["text"],
            themes=list(data["themes"]),
        )
        messages.success(self.request, f"Learning point {point.position} has been added.")
        return self.back_to_review()


class LearningSummaryView(ReviewFormPage, StaleEditMixin, ServiceFormMixin, FormView):
    template_name = "reviews/learning_summary_form.html"
    form_class = LearningSummaryForm

    def versioned_records(self) -> list[Any]:
        return [getattr(self.object, "learning_summary", None)]

    def get_initial(self) -> dict[str, Any]:
        text = getattr(self.object, "learning_summary", None)
        if text is None:
            return {"background": self.object.summary}
        return {name: getattr(text, name) for name in LearningSummary.TEXT}

    def perform(self, form: LearningSummaryForm) -> HttpResponse:
        services.save_learning_summary(
            self.object, acting_user=self.request.user, read_at=self.read_at, **form.cleaned_data
        )
        messages.success(self.request, "The learning summary has been saved.")
        return self.back_to_review()


class LearningSummaryDownloadView(ReviewPage, View):
    """The learning summary as a Word document or a PDF; each download is audited."""

    formats = {
        "docx": (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            documents.learning_summary_docx,
        ),
        "pdf": ("application/pdf", documents.learning_summary_pdf),
    }

    def records(self) -> QuerySet[Review]:
        return super().records().select_related("partnership")

    def get(self, request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
        if file_format not in self.formats:
            raise Http404
        review = self.object
        content_type, render = self.formats[file_format]
        body = render(review)
        services.record_download(
            review, what=f"learning summary ({file_format})", acting_user=self.request.user
        )
        response = HttpResponse(body, content_type=content_type)
        name = "".join(c if c.isalnum() else "-" for c in review.title).strip("-").lower()
        response["Content-Disposition"] = (
            f'attachment; filename="learning-summary-{name}.{file_format}"'
        )
        return response


class AssignReviewerView(ReviewFormPage, PermissionRequiredMixin, ServiceFormMixin, FormView):
    permission = ("assign", "reviewers")
    template_name = "reviews/part_form.html"
    form_class = AssignReviewerForm
    extra_context = {"heading": "Assign an independent reviewer"}

    def get_form_kwargs(self) -> dict[str, Any]:
        reviewers = User.objects.filter(
            memberships__partnership=self.object.partnership,
            memberships__role=Role.REVIEWER,
            memberships__is_active=True,
        ).distinct()
        return {"reviewers": reviewers, **super().get_form_kwargs()}

    def perform(self, form: AssignReviewerForm) -> HttpResponse:
        reviewer = form.cleaned_data["reviewer"]
        services.assign_reviewer(self.object, reviewer, acting_user=self.request.user)
        messages.success(self.request, f"{reviewer.display_name} has been assigned to the review.")
        return self.back_to_review()


# National reviews: the Panel's, recorded to act on their recommendations. A national review's
# own page, with its recommendations and their actions, is actionplans' (as a review's action
# plan is): this app, below actionplans, lists them and records them.


class NationalReviewListView(FilteredListView):
    permission = ("view", "national reviews")
    template_name = "reviews/national_review_list.html"
    page_name = "national reviews"
    selector = staticmethod(national_reviews_for)


class NationalReviewAddView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    """An empty form, with no choices: opening it reads nothing to audit."""

    permission = ("add", "national reviews")
    request: PartnershipRequest
    template_name = "reviews/national_review_form.html"
    form_class = NationalReviewForm
    extra_context = {"heading": "Record a national review"}

    def perform(self, form: NationalReviewForm) -> HttpResponse:
        national = services.add_national_review(
            self.request.membership.partnership,
            acting_user=self.request.user,
            **form.cleaned_data,
        )
        messages.success(
            self.request,
            f"The national review {national.title} has been recorded. "
            "Add the recommendations that apply locally.",
        )
        return redirect("actionplans:national-review", pk=national.pk)


class NationalReviewChangeView(RecordMixin, StaleEditMixin, ServiceFormMixin, FormView):
    template_name = "reviews/national_review_form.html"
    form_class = NationalReviewForm
    selector = staticmethod(national_reviews_for)
    action = "change"
    context_object_name = "national_review"
    extra_context = {"heading": "Change the national review"}

    def get_initial(self) -> dict[str, Any]:
        national = self.object
        return {
            "title": national.title,
            "published": national.published_partial,
            "summary": national.summary,
            "link": national.link,
        }

    def perform(self, form: NationalReviewForm) -> HttpResponse:
        services.change_national_review(
            self.object, acting_user=self.request.user, read_at=self.read_at, **form.cleaned_data
        )
        messages.success(self.request, "The national review has been changed.")
        return redirect("actionplans:national-review", pk=self.object.pk)
