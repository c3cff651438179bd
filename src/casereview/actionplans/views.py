from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import FormView, TemplateView, View

from casereview.accounts.selectors import agencies_for
from casereview.actionplans import exports, rules, services
from casereview.actionplans.choices import MonitoringGroup
from casereview.actionplans.forms import (
    ActionForm,
    MonitoringFilterForm,
    ProgressUpdateForm,
    RecommendationForm,
    StatusForm,
)
from casereview.actionplans.models import AgencyAction, Recommendation
from casereview.actionplans.selectors import (
    actions_for,
    monitoring_rows,
    plan_rows,
    rag_totals,
    recommendations_for,
)
from casereview.core.concurrency import StaleEditMixin
from casereview.core.tenancy import user_may
from casereview.core.views import AuditedObjectMixin, PermissionRequiredMixin, ServiceFormMixin
from casereview.reviews.models import Review
from casereview.reviews.selectors import reviews_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def attachment(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text).lower().split())


class MyAgencyActionsView(AuditedObjectMixin, PermissionRequiredMixin, TemplateView):
    """An agency lead's actions, across all reviews, with just enough context."""

    permission = ("view", "actions")
    template_name = "actionplans/my_actions.html"
    page_name = "my agency's actions"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        agency = self.request.membership.agency
        rows = []
        if agency is not None:
            actions = actions_for(self.request.user).filter(owner_agency=agency)
            rows = plan_rows(actions, timezone.localdate())
        return {**super().get_context_data(**kwargs), "agency": agency, "rows": rows}


class MonitoringView(AuditedObjectMixin, PermissionRequiredMixin, TemplateView):
    """A monitoring group's open actions, RAG-rated, sortable and filterable, with totals."""

    permission = ("view", "monitoring")
    template_name = "actionplans/monitoring.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if kwargs["group"] not in MonitoringGroup.values:
            raise Http404
        self.group = MonitoringGroup(kwargs["group"])
        self.page_name = f"monitoring of the {self.group.value} group"
        return super().dispatch(request, *args, **kwargs)

    def rows(self) -> tuple[MonitoringFilterForm, list[Any]]:
        user = self.request.user
        form = MonitoringFilterForm(
            self.request.GET or None, agencies=agencies_for(user), reviews=reviews_for(user)
        )
        filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
        actions = actions_for(user).filter(recommendation__monitored_by=self.group)
        rows = monitoring_rows(
            actions, timezone.localdate(), **{k: v for k, v in filters.items() if v}
        )
        return form, rows

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form, rows = self.rows()
        context = self.get_context_data(
            form=form,
            rows=rows,
            totals=rag_totals(rows),
            group=self.group,
            groups=MonitoringGroup.choices,
            query=request.GET.urlencode(),
        )
        return self.render_to_response(context, status=400 if form.errors else 200)


class MonitoringWorkbookView(MonitoringView):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form, rows = self.rows()
        if form.errors:
            return super().get(request, *args, **kwargs)
        title = f"Actions monitored by the {self.group.label.lower()}"
        body = exports.action_plan_workbook(title, rows)
        # Audited once the file exists: a workbook that failed to be written was not exported.
        services.record_export(f"action plan workbook: {title}", acting_user=request.user)
        return attachment(body, XLSX, f"actions-{self.group.value}.xlsx")


class ActionView(AuditedObjectMixin, TemplateView):
    template_name = "actionplans/action_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        self.object = action = get_object_or_404(actions_for(self.request.user), pk=kwargs["pk"])
        may_change = actions_for(self.request.user, "change").filter(pk=action.pk).exists()
        return {
            **super().get_context_data(**kwargs),
            "action": action,
            "updates": action.updates.select_related("written_by"),
            "may_change": may_change,
            "rag": rules.rag(action.status, action.due, action.last_update, timezone.localdate()),
        }


class ActionObjectMixin(AuditedObjectMixin):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.action = get_object_or_404(actions_for(request.user, "change"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {"action": self.action, **super().get_context_data(**kwargs)}  # type: ignore[misc]

    def audited_record(self) -> AgencyAction:
        return self.action


class ProgressUpdateView(ActionObjectMixin, ServiceFormMixin, FormView):
    template_name = "actionplans/action_form.html"
    form_class = ProgressUpdateForm
    extra_context = {"heading": "Record progress"}

    def get_initial(self) -> dict[str, Any]:
        return {"date": timezone.localdate()}

    def perform(self, form: ProgressUpdateForm) -> HttpResponse:
        services.add_progress_update(
            self.action, acting_user=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, "The progress update has been recorded.")
        return redirect("actionplans:action", pk=self.action.pk)


class StatusView(ActionObjectMixin, StaleEditMixin, ServiceFormMixin, FormView):
    template_name = "actionplans/action_form.html"
    form_class = StatusForm
    extra_context = {"heading": "Change the status"}

    def versioned_records(self) -> list[Any]:
        return [self.action]

    def get_initial(self) -> dict[str, Any]:
        return {
            "status": self.action.status,
            "completed": self.action.completed_partial,
            "cancelled_reason": self.action.cancelled_reason,
        }

    def perform(self, form: StatusForm) -> HttpResponse:
        services.change_action_status(
            self.action, acting_user=self.request.user, read_at=self.read_at, **form.cleaned_data
        )
        messages.success(
            self.request, f"The action is now {self.action.get_status_display().lower()}."
        )
        return redirect("actionplans:action", pk=self.action.pk)


class ReviewPlanMixin(AuditedObjectMixin):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.review = get_object_or_404(
            reviews_for(request.user).select_related("partnership"), pk=kwargs["pk"]
        )
        if not user_may(request.user, "view", "recommendations"):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def audited_record(self) -> Review:
        return self.review

    def plan(self) -> tuple[list[Any], list[Any]]:
        recommendations = list(
            recommendations_for(self.request.user).filter(review=self.review).order_by("number")
        )
        actions = actions_for(self.request.user).filter(recommendation__review=self.review)
        return recommendations, plan_rows(actions, timezone.localdate())


class ReviewPlanView(ReviewPlanMixin, TemplateView):
    """A review's recommendations and their actions."""

    template_name = "actionplans/review_plan.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        recommendations, rows = self.plan()
        by_recommendation: dict[int, list[Any]] = {}
        for row in rows:
            by_recommendation.setdefault(row.action.recommendation_id, []).append(row)
        return {
            **super().get_context_data(**kwargs),
            "review": self.review,
            "recommendations": [(r, by_recommendation.get(r.pk, [])) for r in recommendations],
            "rows": rows,
        }


class ReviewPlanDownloadView(ReviewPlanMixin, View):
    def get(self, request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
        recommendations, rows = self.plan()
        name = slug(self.review.title)
        if file_format == "xlsx":
            body = exports.action_plan_workbook(f"Action plan: {self.review.title}", rows)
            what, content_type, filename = "action plan workbook", XLSX, f"action-plan-{name}.xlsx"
        elif file_format == "docx":
            body = exports.progress_report_docx(self.review, recommendations, rows)
            what, content_type, filename = "progress report", DOCX, f"progress-report-{name}.docx"
        else:
            raise Http404
        services.record_export(
            f"{what}: {self.review.title}", acting_user=request.user, obj=self.review
        )
        return attachment(body, content_type, filename)


class RecommendationAddView(
    AuditedObjectMixin, PermissionRequiredMixin, ServiceFormMixin, FormView
):
    permission = ("add", "recommendations")
    template_name = "actionplans/action_form.html"
    form_class = RecommendationForm
    extra_context = {"heading": "Add a recommendation"}

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.review = get_object_or_404(reviews_for(request.user, "change"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"agencies": agencies_for(self.request.user), **super().get_form_kwargs()}

    def get_initial(self) -> dict[str, Any]:
        return {"number": self.review.recommendations.count() + 1}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {"review": self.review, **super().get_context_data(**kwargs)}

    def audited_record(self) -> Review:
        return self.review

    def perform(self, form: RecommendationForm) -> HttpResponse:
        services.add_recommendation(self.review, acting_user=self.request.user, **form.cleaned_data)
        return redirect("actionplans:review-plan", pk=self.review.pk)


class ActionAddView(AuditedObjectMixin, PermissionRequiredMixin, ServiceFormMixin, FormView):
    permission = ("add", "actions")
    template_name = "actionplans/action_form.html"
    form_class = ActionForm
    extra_context = {"heading": "Add an action"}

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.recommendation = get_object_or_404(recommendations_for(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"agencies": agencies_for(self.request.user), **super().get_form_kwargs()}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {"recommendation": self.recommendation, **super().get_context_data(**kwargs)}

    def audited_record(self) -> Recommendation:
        return self.recommendation

    def perform(self, form: ActionForm) -> HttpResponse:
        services.add_action(self.recommendation, acting_user=self.request.user, **form.cleaned_data)
        return redirect("actionplans:review-plan", pk=self.recommendation.review_id)
