"""The pages of a document's files: a review's document (its review's pages) or a referral's
(an agency's report or chronology for the rapid review). The same pages for both, each kind
finding its documents through its own selector, and so through what it is part of."""

from __future__ import annotations

from dataclasses import dataclass
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

from casereview.core.sections import sections_for
from casereview.core.uploads import LimitedUploadHandler, upload_too_large
from casereview.core.views import RecordMixin, ServiceFormMixin
from casereview.documents import services
from casereview.documents.choices import FileKind
from casereview.documents.forms import UploadForm
from casereview.documents.models import KeptFile
from casereview.documents.selectors import (
    documents_for,
    files_for,
    referral_files_for,
    versions_of,
)
from casereview.referrals.selectors import referral_documents_for

CONTENT_TYPES = {
    FileKind.PDF: "application/pdf",
    FileKind.WORD: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.TEXT: "text/plain; charset=utf-8",
}


@dataclass(frozen=True)
class Urls:
    """The names of one kind of document's pages, for the templates the kinds share."""

    document: str
    upload: str
    download: str


REVIEW_URLS = Urls("documents:document", "documents:upload", "documents:file-download")
REFERRAL_URLS = Urls(
    "documents:referral-document", "documents:referral-upload", "documents:referral-file-download"
)


class OneDocument(RecordMixin):
    """A page about one document in the person's reach, with the record it is part of (in the
    template by its own name, `review` or `referral`, and as `part_of`)."""

    context_object_name = "document"
    urls: Urls
    part_of = ""  # the document's attribute naming what it is part of

    def caption(self, part: Any) -> str:
        return str(part)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        part = getattr(self.object, self.part_of)
        return {
            **super().get_context_data(**kwargs),
            self.part_of: part,
            "caption": self.caption(part),
            "urls": self.urls,
        }


class ReviewDocumentPage(OneDocument):
    selector = staticmethod(documents_for)
    urls = REVIEW_URLS
    part_of = "review"


class ReferralDocumentPage(OneDocument):
    selector = staticmethod(referral_documents_for)
    urls = REFERRAL_URLS
    part_of = "referral"

    def caption(self, part: Any) -> str:
        return f"Referral {part.reference}"


class Versions(OneDocument, TemplateView):
    """The document, its versions (newest first) and who uploaded each, with a download of each."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "versions": list(versions_of(self.object)),
            "may_upload": self.may("change"),
        }


class DocumentView(ReviewDocumentPage, Versions):
    template_name = "documents/document.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        sections = sections_for("document", self.request.user, self.object)
        return {**super().get_context_data(**kwargs), "sections": sections}


class ReferralDocumentView(ReferralDocumentPage, Versions):
    template_name = "documents/referral_document.html"


@method_decorator(csrf_exempt, name="dispatch")
class Upload(OneDocument, ServiceFormMixin, FormView):
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
        return redirect(self.urls.document, pk=self.object.pk)


class UploadView(ReviewDocumentPage, Upload):
    pass


class ReferralUploadView(ReferralDocumentPage, Upload):
    pass


class Download(RecordMixin, View):
    """One version of a document's file, as an attachment (never shown in the browser), each
    download written in the audit trail."""

    urls: Urls

    def get(self, request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
        file: KeptFile = self.object
        try:
            opened = services.open_file(file)
        except FileNotFoundError:  # its row restored from a backup of the database alone, say
            context = {"file": file, "urls": self.urls}
            return render(request, "documents/missing.html", context, status=404)
        services.record_download(file, acting_user=self.request.user)
        response = FileResponse(
            opened,
            as_attachment=True,
            filename=file.name,
            content_type=CONTENT_TYPES[FileKind(file.kind)],
        )
        return response  # not kept by browsers or proxies: SecurityHeadersMiddleware says no-store


class DownloadView(Download):
    selector = staticmethod(files_for)
    urls = REVIEW_URLS


class ReferralDownloadView(Download):
    selector = staticmethod(referral_files_for)
    urls = REFERRAL_URLS
