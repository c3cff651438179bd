from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from casereview.accounts.middleware import PartnershipRequest
from casereview.accounts.selectors import agencies_for
from casereview.core.charts import horizontal_bar_chart
from casereview.core.views import (
    AuditedObjectMixin,
    FilteredListView,
    PermissionRequiredMixin,
    RecordMixin,
    ServiceFormMixin,
)
from casereview.learning import services
from casereview.learning.forms import LearningEventForm, PeriodForm, ThemeForm
from casereview.learning.selectors import events_for, learning_in_common_for
from casereview.reviews.selectors import reviews_for
from casereview.themes.selectors import themes_for


class LearningInCommonView(AuditedObjectMixin, PermissionRequiredMixin, TemplateView):
    """What keeps coming up: reviews worked on in a period, by theme, with their learning."""

    permission = ("view", "learning")
    template_name = "learning/in_common.html"
    page_name = "learning in common"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        start, end = PeriodForm.default_period(timezone.localdate())
        form = PeriodForm(request.GET or None, initial={"date_from": start, "date_to": end})
        if form.is_bound and form.is_valid():
            start, end = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
        themes, published_only = learning_in_common_for(self.request.user, start, end)
        chart = horizontal_bar_chart(
            f"Reviews worked on by theme, {start.day} {start:%B %Y} to {end.day} {end:%B %Y}",
            [(theme.label, theme.reviews) for theme in themes if theme.reviews],
            chart_id="themes-chart",
        )
        self.period = (start, end)
        context = self.get_context_data(
            form=form,
            themes=themes,
            chart=chart,
            start=start,
            end=end,
            published_only=published_only,
        )
        return self.render_to_response(context, status=400 if form.errors else 200)

    def audited_page(self) -> str:
        start, end = self.period
        return f"{self.page_name}: {start.isoformat()} to {end.isoformat()}"


class ThemeListView(PermissionRequiredMixin, TemplateView):
    permission = ("view", "themes")
    template_name = "learning/theme_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        themes = themes_for(self.request.user).order_by("group", "label")
        return {**super().get_context_data(**kwargs), "themes": themes}


class ThemeAddView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    permission = ("add", "themes")
    request: PartnershipRequest
    template_name = "learning/form.html"
    form_class = ThemeForm
    extra_context = {"heading": "Add a theme of your partnership's own"}

    def perform(self, form: ThemeForm) -> HttpResponse:
        services.add_partnership_theme(
            self.request.membership.partnership, acting_user=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, "The theme has been added.")
        return redirect("learning:themes")


class EventListView(FilteredListView):
    """The partnership's learning events, the latest first, a page at a time."""

    permission = ("view", "learning events")
    template_name = "learning/event_list.html"
    page_name = "learning events"
    selector = staticmethod(events_for)


class EventDetailView(RecordMixin, TemplateView):
    template_name = "learning/event_detail.html"
    selector = staticmethod(events_for)
    context_object_name = "event"

    def records(self) -> Any:
        return (
            super().records().prefetch_related("themes", "reviews", "attendance_by_agency__agency")
        )


class EventAddView(AuditedObjectMixin, PermissionRequiredMixin, ServiceFormMixin, FormView):
    permission = ("add", "learning events")
    request: PartnershipRequest
    template_name = "learning/form.html"
    form_class = LearningEventForm
    page_name = "new learning event form"  # its choices name every review of the partnership
    extra_context = {"heading": "Record a learning event"}

    def get_form_kwargs(self) -> dict[str, Any]:
        user = self.request.user
        return {
            "themes": themes_for(user),
            "reviews": reviews_for(user),
            "agencies": agencies_for(user),
            **super().get_form_kwargs(),
        }

    def perform(self, form: LearningEventForm) -> HttpResponse:
        data = form.cleaned_data
        event = services.record_learning_event(
            self.request.membership.partnership,
            acting_user=self.request.user,
            date=data["date"],
            title=data["title"],
            themes=list(data["themes"]),
            reviews=list(data["reviews"]),
            attendance_by_agency=form.attendance_by_agency(),
        )
        messages.success(self.request, "The learning event has been recorded.")
        return redirect("learning:event", pk=event.pk)
