from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView, View

from casereview.accounts.views import AgencyChoicesMixin
from casereview.actionplans import exports, rules, services
from casereview.actionplans.choices import MonitoringGroup
from casereview.actionplans.filters import MonitoringFilter
from casereview.actionplans.forms import (
    ActionForm,
    ProgressUpdateForm,
    RecommendationForm,
    StatusForm,
)
from casereview.actionplans.models import AgencyAction
from casereview.actionplans.selectors import (
    PLAN_ORDER,
    actions_for,
    agency_actions_for,
    as_rows,
    monitored_by,
    plan_rows,
    recommendations_for,
    rows_of,
    statuses_offered,
    totals_of,
)
from casereview.core.concurrency import StaleEditMixin
from casereview.core.tenancy import user_may
from casereview.core.views import (
    FilteredListView,
    PermissionRequiredMixin,
    RecordMixin,
    ServiceFormMixin,
)
from casereview.reviews.models import Review
from casereview.reviews.selectors import national_reviews_for, reviews_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def attachment(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text).lower().split())


class ActionListView(FilteredListView):
    """A list of actions a page at a time, each page's rows RAG-rated with their latest update,
    and above them the totals of the whole list (every page), counted by the database."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        page = kwargs["page"]
        today = timezone.localdate()
        return {
            **super().get_context_data(**kwargs),
            "rows": rows_of(page.object_list, today),
            "totals": totals_of(page.paginator.object_list, today),
        }


class MyAgencyActionsView(ActionListView):
    """An agency lead's actions, across all reviews, with just enough context."""

    permission = ("view", "actions")
    template_name = "actionplans/my_actions.html"
    page_name = "my agency's actions"

    def records(self) -> QuerySet[AgencyAction]:
        self.agency, actions = agency_actions_for(self.request.user)
        return as_rows(actions).order_by(*PLAN_ORDER)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "agency": self.agency}


def monitoring_group(kwargs: dict[str, Any]) -> MonitoringGroup:
    """The monitoring group the URL names, or 404."""
    if kwargs["group"] not in MonitoringGroup.values:
        raise Http404
    return MonitoringGroup(kwargs["group"])


class MonitoringView(ActionListView):
    """A monitoring group's open actions, RAG-rated, sortable and filterable, with totals."""

    permission = ("view", "monitoring")
    template_name = "actionplans/monitoring.html"
    filterset_class = MonitoringFilter

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.group = monitoring_group(kwargs)
        self.page_name = f"monitoring of the {self.group.value} group"
        return super().dispatch(request, *args, **kwargs)

    def records(self) -> QuerySet[AgencyAction]:
        return as_rows(monitored_by(self.request.user, self.group))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "group": self.group,
            "groups": MonitoringGroup.choices,
        }


class MonitoringWorkbookView(PermissionRequiredMixin, View):
    """Every action the monitoring page's filter selects, in its order: all its pages, with
    every column the workbook holds. A filter with mistakes shows the page and its errors."""

    permission = ("view", "monitoring")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.group = monitoring_group(kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = self.request.user
        actions = monitored_by(user, self.group)
        filterset = MonitoringFilter(request.GET or None, queryset=actions, request=request)
        if filterset.form.errors:
            return MonitoringView.as_view()(request, *args, **kwargs)
        rows = rows_of(filterset.records, timezone.localdate())
        title = f"Actions monitored by the {self.group.label.lower()}"
        body = exports.action_plan_workbook(title, rows)
        # Audited once the file exists: a workbook that failed to be written was not exported.
        services.record_export(f"action plan workbook: {title}", acting_user=user)
        return attachment(body, XLSX, f"actions-{self.group.value}.xlsx")


class ActionPage(RecordMixin):
    """A page about one agency action in the person's reach."""

    selector = staticmethod(actions_for)
    context_object_name = "action"
    # `self.object` is the agency action; `action` is what the person does to it ("view")


class ActionView(ActionPage, TemplateView):
    template_name = "actionplans/action_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        action = self.object
        return {
            **super().get_context_data(**kwargs),
            "updates": action.updates.select_related("written_by"),
            "may_change": self.may("change"),
            # A verified action is closed: no other status is offered
            "may_change_status": len(statuses_offered(self.request.user, action)) > 1,
            "rag": rules.rag(action.status, action.due, action.last_update, timezone.localdate()),
        }


class ActionFormPage(ActionPage):
    """A form that changes an action: the action must be in reach to change."""

    action = "change"


class ProgressUpdateView(ActionFormPage, ServiceFormMixin, FormView):
    template_name = "actionplans/action_form.html"
    form_class = ProgressUpdateForm
    extra_context = {"heading": "Record progress"}

    def get_initial(self) -> dict[str, Any]:
        return {"date": timezone.localdate()}

    def perform(self, form: ProgressUpdateForm) -> HttpResponse:
        services.add_progress_update(
            self.object, acting_user=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, "The progress update has been recorded.")
        return redirect("actionplans:action", pk=self.object.pk)


class StatusView(ActionFormPage, StaleEditMixin, ServiceFormMixin, FormView):
    template_name = "actionplans/action_form.html"
    form_class = StatusForm
    extra_context = {"heading": "Change the status"}

    def get_form_kwargs(self) -> dict[str, Any]:
        offered = statuses_offered(self.request.user, self.object)
        return {"statuses": offered, **super().get_form_kwargs()}

    def get_initial(self) -> dict[str, Any]:
        return {
            "status": self.object.status,
            "completed": self.object.completed_partial,
            "cancelled_reason": self.object.cancelled_reason,
        }

    def perform(self, form: StatusForm) -> HttpResponse:
        services.change_action_status(
            self.object, acting_user=self.request.user, read_at=self.read_at, **form.cleaned_data
        )
        messages.success(
            self.request, f"The action is now {self.object.get_status_display().lower()}."
        )
        return redirect("actionplans:action", pk=self.object.pk)


class ReviewPlanMixin(RecordMixin):
    """A review's action plan: its recommendations and their actions, for those who may see
    recommendations."""

    selector = staticmethod(reviews_for)
    context_object_name = "review"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not user_may(request.user, "view", "recommendations"):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def records(self) -> QuerySet[Review]:
        return super().records().select_related("partnership")

    def plan(self) -> tuple[list[Any], list[Any]]:
        review = self.object
        recommendations = list(
            recommendations_for(self.request.user).filter(review=review).order_by("number")
        )
        actions = actions_for(self.request.user).filter(recommendation__review=review)
        return recommendations, plan_rows(actions, timezone.localdate())


class ReviewPlanView(ReviewPlanMixin, TemplateView):
    """A review's recommendations and their actions."""

    template_name = "actionplans/review_plan.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        recommendations, rows = self.plan()
        return {
            **super().get_context_data(**kwargs),
            "recommendations": grouped(recommendations, rows),
            "rows": rows,
        }


class ReviewPlanDownloadView(ReviewPlanMixin, View):
    def get(self, request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
        recommendations, rows = self.plan()
        name = slug(self.object.title)
        if file_format == "xlsx":
            body = exports.action_plan_workbook(f"Action plan: {self.object.title}", rows)
            what, content_type, filename = "action plan workbook", XLSX, f"action-plan-{name}.xlsx"
        elif file_format == "docx":
            body = exports.progress_report_docx(self.object, recommendations, rows)
            what, content_type, filename = "progress report", DOCX, f"progress-report-{name}.docx"
        else:
            raise Http404
        services.record_export(
            f"{what}: {self.object.title}", acting_user=self.request.user, obj=self.object
        )
        return attachment(body, content_type, filename)


class RecommendationAddView(
    AgencyChoicesMixin, RecordMixin, PermissionRequiredMixin, ServiceFormMixin, FormView
):
    """A recommendation of a review, which must be in reach to change."""

    permission = ("add", "recommendations")
    template_name = "actionplans/action_form.html"
    form_class = RecommendationForm
    extra_context = {"heading": "Add a recommendation"}
    selector = staticmethod(reviews_for)
    action = "change"
    context_object_name = "review"

    def get_initial(self) -> dict[str, Any]:
        return {"number": self.object.recommendations.count() + 1}

    def perform(self, form: RecommendationForm) -> HttpResponse:
        recommendation = services.add_recommendation(
            self.object, acting_user=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, f"Recommendation {recommendation.number} has been added.")
        return redirect("actionplans:review-plan", pk=self.object.pk)


class ActionAddView(
    AgencyChoicesMixin, RecordMixin, PermissionRequiredMixin, ServiceFormMixin, FormView
):
    """An agency's action under a recommendation in reach."""

    permission = ("add", "actions")
    template_name = "actionplans/action_form.html"
    form_class = ActionForm
    extra_context = {"heading": "Add an action"}
    selector = staticmethod(recommendations_for)
    context_object_name = "recommendation"

    def perform(self, form: ActionForm) -> HttpResponse:
        action = services.add_action(
            self.object, acting_user=self.request.user, **form.cleaned_data
        )
        messages.success(
            self.request,
            f"The action for {action.owner_agency.name} has been added to recommendation "
            f"{self.object.number}.",
        )
        return redirect(plan_of(self.object))


def plan_of(recommendation: Any) -> str:
    """The page of a recommendation's plan: its review's action plan, or its national review."""
    if recommendation.national_review_id is not None:
        return reverse("actionplans:national-review", args=[recommendation.national_review_id])
    return reverse("actionplans:review-plan", args=[recommendation.review_id])


def grouped(recommendations: list[Any], rows: list[Any]) -> list[tuple[Any, list[Any]]]:
    """Each recommendation with its actions' rows."""
    by_recommendation: dict[int, list[Any]] = {}
    for row in rows:
        by_recommendation.setdefault(row.action.recommendation_id, []).append(row)
    return [(r, by_recommendation.get(r.pk, [])) for r in recommendations]


class NationalReviewView(RecordMixin, TemplateView):
    """A national review the partnership recorded: the Panel's recommendations that apply
    locally, each with the partnership's actions on it, RAG-rated."""

    template_name = "actionplans/national_review.html"
    selector = staticmethod(national_reviews_for)
    context_object_name = "national_review"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        national = self.object
        user = self.request.user
        recommendations = list(
            recommendations_for(user).filter(national_review=national).order_by("number")
        )
        actions = actions_for(user).filter(recommendation__national_review=national)
        rows = plan_rows(actions, timezone.localdate())
        return {
            **super().get_context_data(**kwargs),
            "recommendations": grouped(recommendations, rows),
            "rows": rows,
            "may_change": self.may("change"),
        }


class NationalRecommendationAddView(
    AgencyChoicesMixin, RecordMixin, PermissionRequiredMixin, ServiceFormMixin, FormView
):
    """One of the Panel's recommendations that applies locally, under its national review."""

    permission = ("add", "recommendations")
    template_name = "actionplans/action_form.html"
    form_class = RecommendationForm
    extra_context = {"heading": "Add a recommendation"}
    selector = staticmethod(national_reviews_for)
    context_object_name = "national_review"

    def get_initial(self) -> dict[str, Any]:
        return {"number": self.object.recommendations.count() + 1}

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)
        form.fields["number"].help_text = "As numbered in the national review"
        return form

    def perform(self, form: RecommendationForm) -> HttpResponse:
        services.add_recommendation(self.object, acting_user=self.request.user, **form.cleaned_data)
        messages.success(
            self.request, f"Recommendation {form.cleaned_data['number']} has been added."
        )
        return redirect("actionplans:national-review", pk=self.object.pk)
