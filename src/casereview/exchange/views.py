"""The import and export page: a manager uploads a file, checks what it will do, confirms."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import FormView

from casereview.accounts.middleware import PartnershipRequest
from casereview.core.uploads import LimitedUploadHandler, upload_too_large
from casereview.core.views import (
    InvalidFormIs400Mixin,
    PermissionRequiredMixin,
    RecordMixin,
)
from casereview.exchange import services
from casereview.exchange.files import JSON_TYPE, XLSX_TYPE, as_json
from casereview.exchange.forms import (
    ColumnsForm,
    ConfirmForm,
    SheetsForm,
    UploadForm,
    ValuesForm,
    cell_text,
    shortened,
)
from casereview.exchange.limits import MAX_UPLOAD_BYTES
from casereview.exchange.models import PendingImport
from casereview.exchange.problems import DocumentRejected
from casereview.exchange.selectors import VERSION, export_document, pending_imports_for
from casereview.exchange.spreadsheet import workbook_of
from casereview.exchange.trackers import Holds, Sheet, TrackerMapping, Workbook, values_to_map
from casereview.exchange.trackers.suggest import agencies_of
from casereview.exchange.validation import schema_text


# The upload's handlers are set before the body is read, so the CSRF check (which reads it)
# runs in `dispatch`, after them, as Django's documentation on upload handlers describes.
@method_decorator(csrf_exempt, name="dispatch")
class ExchangeView(PermissionRequiredMixin, InvalidFormIs400Mixin, FormView):
    """Upload a document; its problems are listed, or what it will do is shown to confirm."""

    permission = ("add", "imports")
    request: PartnershipRequest
    template_name = "exchange/index.html"
    form_class = UploadForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        request.upload_handlers.insert(0, LimitedUploadHandler(request, MAX_UPLOAD_BYTES))
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()  # reads the upload
        return {**kwargs, "too_large": upload_too_large(self.request)}

    def form_valid(self, form: UploadForm) -> HttpResponse:
        upload = form.cleaned_data["document"]
        partnership = self.request.membership.partnership
        try:
            if services.is_tracker(upload.name, data := upload.read()):
                staged = services.stage_tracker(
                    partnership, uploaded_by=self.request.user, file_name=upload.name, data=data
                )
                step = "exchange:tracker-check" if staged.ready else "exchange:tracker-sheets"
                return redirect(step, pk=staged.pending.pk)
            del data
            upload.seek(0)
            pending = services.stage_upload(
                partnership, uploaded_by=self.request.user, file_name=upload.name, file=upload
            )
        except DocumentRejected as rejected:
            form.add_error("document", f"{upload.name} cannot be imported: nothing was written")
            return self.render_to_response(
                self.get_context_data(form=form, rejected=rejected, file_name=upload.name),
                status=400,
            )
        return redirect("exchange:check", pk=pending.pk)


class CheckImportView(RecordMixin, FormView):
    """Check your answers: what the import will create, update and delete, then confirm.

    Only the person who uploaded the document may check and confirm it."""

    template_name = "exchange/check.html"
    form_class = ConfirmForm
    context_object_name = "pending"

    def records(self) -> QuerySet[PendingImport]:
        return pending_imports_for(self.request.user).select_related("partnership")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            summary = services.preview_upload(self.object)
        except DocumentRejected as rejected:
            return self.rejected(rejected)
        return self.render_to_response(self.get_context_data(summary=summary))

    def form_valid(self, form: ConfirmForm) -> HttpResponse:
        try:
            summary = services.confirm_upload(self.object, acting_user=self.request.user)
        except DocumentRejected as rejected:
            return self.rejected(rejected)
        total = summary.total()
        messages.success(
            self.request,
            f"{self.object.file_name} has been imported: {total.created} records created, "
            f"{total.updated} updated, {total.deleted} deleted.",
        )
        return redirect("exchange:index")

    def rejected(self, rejected: DocumentRejected) -> HttpResponse:
        """The records changed since the upload, and the document no longer fits them."""
        context = self.get_context_data(rejected=rejected)
        return self.render_to_response(context, status=400)


class TrackerStep(RecordMixin, FormView):
    """A step of importing a partnership's own tracker: only for the person who uploaded it,
    as for the check of any other import."""

    context_object_name = "pending"
    request: PartnershipRequest

    def records(self) -> QuerySet[PendingImport]:
        return pending_imports_for(self.request.user).filter(holds=PendingImport.Holds.TRACKER)

    @cached_property
    def workbook(self) -> Workbook:
        return services.tracker_workbook(self.object)

    @cached_property
    def mapping(self) -> TrackerMapping:
        return services.tracker_mapping(self.object)

    def step_url(self, name: str) -> str:
        return reverse(f"exchange:tracker-{name}", kwargs={"pk": self.object.pk})

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        steps = {name: self.step_url(name) for name in ("sheets", "columns", "values", "check")}
        return {**super().get_context_data(**kwargs), "steps": steps}


class TrackerSheetsView(InvalidFormIs400Mixin, TrackerStep):
    """Which sheets hold cases or actions, and where their column headings are."""

    template_name = "exchange/tracker_sheets.html"
    form_class = SheetsForm
    shown_rows = 8
    shown_columns = 8

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "workbook": self.workbook}

    def get_initial(self) -> dict[str, Any]:
        chosen = {sheet.sheet: sheet for sheet in self.mapping.sheets}
        initial: dict[str, Any] = {}
        for index, sheet in enumerate(self.workbook.sheets):
            found = chosen.get(sheet.name)
            initial[f"holds_{index}"] = found.holds if found else Holds.IGNORE.value
            initial[f"header_{index}"] = found.header_row if found else sheet.guess_header_row()
        return initial

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        firsts = [self.first_rows(sheet) for sheet in self.workbook.sheets]
        context["sheets"] = list(zip(context["form"].grouped(), firsts, strict=True))
        return context

    def first_rows(self, sheet: Sheet) -> dict[str, Any]:
        """The top of a sheet as Excel shows it, so the person sees its title rows: a row with
        text in its first cell alone spans the table, as a merged title does."""
        rows = sheet.rows[: self.shown_rows]
        widest = max((len(row) for row in rows), default=0)
        width = min(widest, self.shown_columns)
        shown = []
        for number, row in enumerate(rows, start=1):
            texts = [cell_text(value) for value in [*row, *[None] * width][:width]]
            if texts and texts[0] and not any(texts[1:]):
                shown.append((number, [shortened(texts[0], 120)], width))
            else:
                shown.append((number, [shortened(text, 40) for text in texts], 1))
        return {
            "letters": [sheet.column_letter(index) for index in range(width)],
            "rows": shown,
            "more_columns": widest > width,
            "total": len(sheet.rows),
        }

    def form_valid(self, form: SheetsForm) -> HttpResponse:
        services.set_sheets(self.object, self.workbook, form.chosen())
        return redirect(self.step_url("columns"))


class TrackerColumnsView(InvalidFormIs400Mixin, TrackerStep):
    """What each column holds, in the manager's words."""

    template_name = "exchange/tracker_columns.html"
    form_class = ColumnsForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "workbook": self.workbook, "mapping": self.mapping}

    def form_valid(self, form: ColumnsForm) -> HttpResponse:
        pending = services.set_columns(self.object, self.workbook, form.chosen())
        texts = values_to_map(self.workbook, services.tracker_mapping(pending))
        return redirect(self.step_url("values" if texts else "check"))


class TrackerValuesView(InvalidFormIs400Mixin, TrackerStep):
    """What each text of the coded columns means: a code, an agency (perhaps a new one), or
    not known."""

    template_name = "exchange/tracker_values.html"
    form_class = ValuesForm

    @cached_property
    def texts(self) -> dict[str, list[str]]:
        return values_to_map(self.workbook, self.mapping)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.texts:
            return redirect(self.step_url("check"))
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        agencies = [(agency.id, agency.name) for agency in agencies_of(self.object.partnership)]
        return {
            **super().get_form_kwargs(),
            "mapping": self.mapping,
            "texts": self.texts,
            "agencies": agencies,
        }

    def form_valid(self, form: ValuesForm) -> HttpResponse:
        services.set_values(self.object, form.chosen())
        return redirect(self.step_url("check"))


class TrackerCheckView(TrackerStep):
    """What importing the tracker will do, or every problem at once; then import it."""

    template_name = "exchange/tracker_check.html"
    form_class = ConfirmForm

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            summary = services.preview_tracker(self.object, self.workbook)
        except DocumentRejected as rejected:
            return self.rejected(rejected)
        return self.render_to_response(self.get_context_data(summary=summary))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        has_values = bool(values_to_map(self.workbook, self.mapping))
        context["back"] = context["steps"]["values" if has_values else "columns"]
        context["has_values"] = has_values
        return context

    def form_valid(self, form: ConfirmForm) -> HttpResponse:
        try:
            summary = services.confirm_tracker(self.object, acting_user=self.request.user)
        except DocumentRejected as rejected:
            return self.rejected(rejected)
        total = summary.total()
        messages.success(
            self.request,
            f"{self.object.file_name} has been imported: {total.created} records created, "
            f"{total.updated} updated, {total.deleted} deleted. Its mapping is saved: the next "
            "upload of the same tracker goes straight to the check.",
        )
        return redirect("exchange:index")

    def rejected(self, rejected: DocumentRejected) -> HttpResponse:
        return self.render_to_response(self.get_context_data(rejected=rejected), status=400)


class ExportView(PermissionRequiredMixin, View):
    """The partnership's records as a download; each download is audited."""

    permission = ("export", "all records")
    request: PartnershipRequest
    file_format = "json"

    def get(self, request: HttpRequest) -> HttpResponse:
        partnership = self.request.membership.partnership
        document = export_document(partnership)
        if self.file_format == "xlsx":
            body, content_type = workbook_of(document), XLSX_TYPE
        else:
            body, content_type = as_json(document).encode(), JSON_TYPE
        services.record_export(
            partnership, file_format=self.file_format, acting_user=self.request.user
        )
        return attachment(
            body, content_type, f"{partnership.code.lower()}-records", self.file_format
        )


class TemplateDownloadView(PermissionRequiredMixin, View):
    """The spreadsheet template, empty, for a partnership to fill from its old tracker."""

    permission = ("add", "imports")

    def get(self, request: HttpRequest) -> HttpResponse:
        return attachment(workbook_of(None), XLSX_TYPE, "case-review-template", "xlsx", dated=False)


@method_decorator(login_not_required, name="dispatch")
class SchemaView(View):
    """The format's JSON Schema, published for anyone who reads or writes the format: the
    latest version's, or an earlier version's as it was published."""

    version = VERSION

    def get(self, request: HttpRequest) -> HttpResponse:
        response = HttpResponse(schema_text(self.version), content_type="application/schema+json")
        response["Access-Control-Allow-Origin"] = "*"
        return response


def attachment(
    body: bytes, content_type: str, stem: str, extension: str, *, dated: bool = True
) -> HttpResponse:
    day = timezone.localdate() if dated else None
    name = f"{stem}-{day:%Y-%m-%d}" if isinstance(day, dt.date) else stem
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    return response
