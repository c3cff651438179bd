from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView, View

from casereview.accounts.middleware import PartnershipRequest
from casereview.core.concurrency import StaleEditMixin
from casereview.core.views import AuditedObjectMixin, PermissionRequiredMixin, ServiceFormMixin
from casereview.reports import document, services
from casereview.reports.figures import PERIODIC, YEARLY
from casereview.reports.forms import FORMAT_CHOICES, NarrativeForm, ReportPeriodForm
from casereview.reports.models import ReportNarrative
from casereview.reports.renderers import FORMATS, html_context


def period_from(request: HttpRequest) -> tuple[ReportPeriodForm, dt.date, dt.date]:
    start, end = ReportPeriodForm.default_period(timezone.localdate())
    data = request.GET.copy() if request.GET else None
    if data is not None and not data.get("kind"):
        data["kind"] = PERIODIC  # a link from before there were two kinds shows it chosen
    form = ReportPeriodForm(data, initial={"date_from": start, "date_to": end, "kind": PERIODIC})
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    return form, start, end


def period_query(start: dt.date, end: dt.date) -> str:
    return (
        f"date_from_0={start.day}&date_from_1={start.month}&date_from_2={start.year}"
        f"&date_to_0={end.day}&date_to_1={end.month}&date_to_2={end.year}"
    )


def report_query(start: dt.date, end: dt.date, kind: str) -> str:
    """The period and, for the yearly report, its kind: a download gets the report shown."""
    return period_query(start, end) + ("" if kind == PERIODIC else f"&kind={kind}")


def period_description(page_name: str, request: HttpRequest) -> str:
    """The page and the period it shows, as the audit trail names it."""
    _, start, end = period_from(request)
    return f"{page_name}: {start.isoformat()} to {end.isoformat()}"


class ReportView(AuditedObjectMixin, PermissionRequiredMixin, TemplateView):
    """Choose a period, preview the report in the page, download it."""

    permission = ("view", "reports")
    request: PartnershipRequest
    template_name = "reports/report_page.html"
    page_name = "report"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form, start, end = period_from(request)
        kind = form.chosen_kind()
        report = document.build(
            self.request.membership.partnership,
            start,
            end,
            with_notes=services.notes_for(self.request.user),
            kind=kind,
        )
        context = self.get_context_data(
            form=form,
            formats=FORMAT_CHOICES,
            period=period_query(start, end),
            download_query=report_query(start, end, kind),
            yearly=kind == YEARLY,
            start=start,
            end=end,
            **html_context(report),
        )
        return self.render_to_response(context, status=400 if form.errors else 200)

    def audited_page(self) -> str:
        form, _, _ = period_from(self.request)
        page = self.page_name if form.chosen_kind() == PERIODIC else "yearly report"
        return period_description(page, self.request)


class ReportDownloadView(PermissionRequiredMixin, View):
    permission = ("view", "reports")
    request: PartnershipRequest

    def get(self, request: HttpRequest, file_format: str) -> HttpResponse:
        if file_format not in FORMATS:
            raise Http404
        form, start, end = period_from(request)
        if form.errors:
            return redirect(reverse("reports:report") + "?" + request.GET.urlencode())
        partnership = self.request.membership.partnership
        kind = form.chosen_kind()
        body = services.write_report(
            partnership, start, end, file_format, acting_user=self.request.user, kind=kind
        )
        content_type, extension = FORMATS[file_format]
        response = HttpResponse(body, content_type=content_type)
        named = "case-review-report" if kind == PERIODIC else "yearly-report"
        name = f"{named}-{partnership.code.lower()}-{start.isoformat()}-to-{end.isoformat()}.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class NarrativeView(
    AuditedObjectMixin, PermissionRequiredMixin, StaleEditMixin, ServiceFormMixin, FormView
):
    permission = ("change", "reports")
    request: PartnershipRequest
    template_name = "reports/narrative_form.html"
    form_class = NarrativeForm
    page_name = "report text"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.period_form, self.start, self.end = period_from(request)
        return super().dispatch(request, *args, **kwargs)

    def versioned_records(self) -> list[Any]:
        return [services.narrative_for(self.request.membership.partnership, self.start, self.end)]

    def get_initial(self) -> dict[str, Any]:
        narrative = ReportNarrative.objects.filter(
            partnership=self.request.membership.partnership, date_from=self.start, date_to=self.end
        ).first()
        if narrative is None:
            return {}
        return {name: getattr(narrative, name) for name in services.NARRATIVE_FIELDS}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "start": self.start, "end": self.end}

    def audited_page(self) -> str:
        return period_description(self.page_name, self.request)

    def perform(self, form: NarrativeForm) -> HttpResponse:
        services.save_narrative(
            self.request.membership.partnership,
            self.start,
            self.end,
            acting_user=self.request.user,
            read_at=self.read_at,
            **form.cleaned_data,
        )
        messages.success(self.request, "The report's text for this period has been saved.")
        return redirect(reverse("reports:report") + "?" + period_query(self.start, self.end))
