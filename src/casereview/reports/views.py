from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView, View

from casereview.accounts.choices import AgencyKind
from casereview.accounts.middleware import PartnershipRequest
from casereview.accounts.selectors import agencies_for
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
        partnership = self.request.membership.partnership
        # The preview is the board paper; the notes stand apart, for the author alone.
        report = document.build(partnership, start, end, kind=kind)
        with_notes = services.notes_for(self.request.user)
        notes_asked = with_notes and request.GET.get("notes") == "1"
        context = self.get_context_data(
            form=form,
            formats=FORMAT_CHOICES,
            period=period_query(start, end),
            download_query=report_query(start, end, kind) + ("&notes=1" if notes_asked else ""),
            notes_asked=notes_asked,
            yearly=kind == YEARLY,
            start=start,
            end=end,
            write_text=document.WRITE_TEXT,
            notes_heading=document.NOTES_HEADING,
            notes=document.notes_on_records(partnership, start, end, kind=kind)
            if with_notes
            else [],
            may_have_notes=with_notes,
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
            partnership,
            start,
            end,
            file_format,
            acting_user=self.request.user,
            kind=kind,
            with_notes=request.GET.get("notes") == "1",
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
        partnership = self.request.membership.partnership
        return [
            services.narrative_for(partnership, self.start, self.end),
            services.settings_for(partnership),
        ]

    def get_form_kwargs(self) -> dict[str, Any]:
        agencies = agencies_for(self.request.user).exclude(kind=AgencyKind.NATIONAL_PANEL)
        return {**super().get_form_kwargs(), "agencies": agencies}

    def get_initial(self) -> dict[str, Any]:
        partnership = self.request.membership.partnership
        initial: dict[str, Any] = {}
        if settings := services.settings_for(partnership):
            initial = {name: getattr(settings, name) for name in services.SETTINGS_FIELDS}
            initial["subgroup_members"] = list(settings.subgroup_members.all())
        narrative = ReportNarrative.objects.filter(
            partnership=partnership, date_from=self.start, date_to=self.end
        ).first()
        if narrative is not None:
            initial.update({name: getattr(narrative, name) for name in services.NARRATIVE_FIELDS})
        return initial

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "start": self.start,
            "end": self.end,
            "period": period_query(self.start, self.end),
        }

    def audited_page(self) -> str:
        return period_description(self.page_name, self.request)

    def perform(self, form: NarrativeForm) -> HttpResponse:
        partnership = self.request.membership.partnership
        sent = form.cleaned_data
        services.save_report_text(
            partnership,
            self.start,
            self.end,
            acting_user=self.request.user,
            read_at=self.read_at,
            subgroup_members=list(sent["subgroup_members"]),
            **{name: sent[name] for name in services.SETTINGS_FIELDS + services.NARRATIVE_FIELDS},
        )
        messages.success(self.request, "The report's text has been saved.")
        return redirect(reverse("reports:report") + "?" + period_query(self.start, self.end))
