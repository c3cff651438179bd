from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import FormView, TemplateView

from casereview.core.uploads import LimitedUploadHandler, upload_too_large
from casereview.core.views import RecordMixin, ServiceFormMixin
from casereview.documents import services
from casereview.documents.choices import FileKind
from casereview.documents.forms import UploadForm
from casereview.documents.models import DocumentFile
from casereview.documents.selectors import documents_for, files_for, versions_of

CONTENT_TYPES = {
    FileKind.PDF: "application/pdf",
    FileKind.WORD: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.TEXT: "text/plain; charset=utf-8",
}


class DocumentPage(RecordMixin):
    """A page about one document of a review in the person's reach."""

    selector = staticmethod(documents_for)
    context_object_name = "document"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "review": self.object.review}


class DocumentView(DocumentPage, TemplateView):
    """The document, its versions (newest first) and who uploaded each, with a download of each."""

    template_name = "documents/document.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "versions": list(versions_of(self.object)),
            "may_upload": self.may("change"),
        }


@method_decorator(csrf_exempt, name="dispatch")
class UploadView(DocumentPage, ServiceFormMixin, FormView):
    """Upload a new version of the document's file. A file past the size limit is dropped as
    it arrives (the CSRF check reads the upload, so it runs after the handler is in place)."""

    action = "change"
    template_name = "documents/upload.html"
    form_class = UploadForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        request.upload_handlers.insert(
            0, LimitedUploadHandler(request, settings.DOCUMENT_MAX_BYTES)
        )
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()  # reads the upload
        return {**kwargs, "too_large": upload_too_large(self.request)}

    def perform(self, form: UploadForm) -> HttpResponse:
        upload = form.upload()
        kept = services.upload_file(
            self.object,
            upload,
            name=upload.name or "",
            size=upload.size or 0,
            acting_user=self.request.user,
        )
        messages.success(
            self.request, f"{kept.name} has been kept as version {kept.version} of {self.object}."
        )
        return redirect("documents:document", pk=self.object.pk)


class DownloadView(RecordMixin, View):
    """One version's file, as an attachment (never shown in the browser), each download
    written in the audit trail."""

    selector = staticmethod(files_for)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
        file: DocumentFile = self.object
        try:
            opened = services.open_file(file)
        except FileNotFoundError:  # its row restored from a backup of the database alone, say
            return render(request, "documents/missing.html", {"file": file}, status=404)
        services.record_download(file, acting_user=self.request.user)
        response = FileResponse(
            opened,
            as_attachment=True,
            filename=file.name,
            content_type=CONTENT_TYPES[FileKind(file.kind)],
        )
        return response  # not kept by browsers or proxies: SecurityHeadersMiddleware says no-store
