"""Uploads larger than a page takes are dropped as they arrive, not kept whole first."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest


class LimitedUploadHandler(FileUploadHandler):
    """Keeps no more than `limit` bytes of an uploaded file: the rest of a larger one is
    read and dropped as it arrives, and `request.upload_too_large` says so to the page.

    A page inserts it first: `request.upload_handlers.insert(0, LimitedUploadHandler(...))`,
    before the request's files are read."""

    def __init__(self, request: HttpRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.limit:
            assert self.request is not None  # the page gives the handler its request
            # The page's own mark on Django's request, which the view reads with getattr.
            self.request.upload_too_large = True  # type: ignore[attr-defined]
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> Any:
        return None  # the handlers after this one keep the file


def upload_too_large(request: HttpRequest) -> bool:
    """Whether LimitedUploadHandler dropped a file of this request for its size."""
    return bool(getattr(request, "upload_too_large", False))
