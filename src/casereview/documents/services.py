"""Keeping a document's files: each upload a new version, checked, stored and audited.

A document is a review's (reviews.ReviewDocument, its files DocumentFile) or a referral's
(referrals.ReferralDocument, its files ReferralFile): the same steps for both, each file
checked against the permission line of what its document is part of."""

from __future__ import annotations

import hashlib
import uuid
from typing import IO, overload

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import Storage, storages
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from casereview.accounts.models import User
from casereview.core import audit, signals, writes
from casereview.core.choices import AuditAction
from casereview.documents.choices import TextState
from casereview.documents.models import DocumentFile, KeptFile, ReferralFile
from casereview.documents.reading import read_text
from casereview.documents.rules import NotKept, check_file
from casereview.referrals.models import Referral, ReferralDocument
from casereview.reviews.models import Review, ReviewDocument

AnyDocument = ReviewDocument | ReferralDocument
SNIFF = 64 * 1024  # bytes read to tell a file's kind, but for a zip (its parts are at its end)
CHUNK = 1024 * 1024
FIELDS = ("version", "name", "kind", "size", "sha256")


def document_storage() -> Storage:
    """Where files are kept: STORAGES["documents"] (settings), never a public folder."""
    return storages["documents"]


def file_model_of(document: AnyDocument) -> type[DocumentFile] | type[ReferralFile]:
    """The model a document's files are kept in."""
    return DocumentFile if isinstance(document, ReviewDocument) else ReferralFile


def part_of(document: AnyDocument) -> Review | Referral:
    """The review or referral the document is part of: who may change it may upload."""
    return document.review if isinstance(document, ReviewDocument) else document.referral


@overload
def upload_file(
    document: ReviewDocument, upload: IO[bytes], *, name: str, size: int, acting_user: User | None
) -> DocumentFile: ...


@overload
def upload_file(
    document: ReferralDocument,
    upload: IO[bytes],
    *,
    name: str,
    size: int,
    acting_user: User | None,
) -> ReferralFile: ...


def upload_file(
    document: AnyDocument, upload: IO[bytes], *, name: str, size: int, acting_user: User | None
) -> KeptFile:
    """Keep `upload` as the document's newest version (a DocumentFile for a review's document,
    a ReferralFile for a referral's), or refuse it (ValidationError on "file") with what it is
    and what to send instead. Nothing is kept of a refused file."""
    start = _start_of(upload)
    try:
        checked = check_file(name, size, start, settings.DOCUMENT_MAX_BYTES)
    except NotKept as refusal:
        raise ValidationError({"file": str(refusal)}) from None
    file_model, within = file_model_of(document), part_of(document)
    allowed = ("change", file_model.permission_resource)
    with writes.acting(acting_user, allowed, within=within) as act:
        latest = file_model.objects.filter(document=document).aggregate(Max("version"))
        stored_as = f"{within.partnership_id}/{uuid.uuid4().hex}"
        digest = _store(upload, stored_as)
        try:
            kept = act.create(
                file_model(
                    partnership_id=within.partnership_id,
                    document_id=document.pk,
                    version=(latest["version__max"] or 0) + 1,
                    name=checked.name,
                    kind=checked.kind,
                    size=size,
                    sha256=digest,
                    stored_as=stored_as,
                    uploaded_by=acting_user,
                    uploaded_at=timezone.now(),
                ),
                FIELDS,
            )
        except BaseException:
            document_storage().delete(stored_as)  # the row was not written: nor is the file
            raise
        transaction.on_commit(lambda: _queue_reading(kept))
        return kept


def _queue_reading(file: KeptFile) -> None:
    from casereview.documents.tasks import read_file_text  # the task imports this module

    read_file_text.enqueue(file.pk, file._meta.label_lower)


def store_text(file: KeptFile) -> str:
    """Read the file's text into its pages (replacing any read before), and record whether it
    could be read. The system's own work: derived from what the upload's row recorded."""
    with open_file(file) as opened:
        data = opened.read()
    read = read_text(file.kind, data)
    pages = file.page_model
    with transaction.atomic():
        pages.objects.filter(file=file).delete()
        pages.objects.bulk_create(
            pages(partnership_id=file.partnership_id, file=file, number=n, text=text)
            for n, text in enumerate(read.pages, start=1)
        )
        file.text_state = TextState.UNREADABLE if read.problem else TextState.READ
        file.text_problem = read.problem
        file.save(update_fields=["text_state", "text_problem"])
        signals.after_commit_written(file)
    return file.text_state


def record_download(file: KeptFile, *, acting_user: User | None) -> None:
    audit.record(
        AuditAction.DOWNLOAD,
        actor=acting_user,
        obj=file,
        object_repr=f"{file.name}, version {file.version} of {file.document}",
    )


def open_file(file: KeptFile) -> File[bytes]:
    return document_storage().open(file.stored_as, "rb")


def _start_of(upload: IO[bytes]) -> bytes:
    upload.seek(0)
    start = upload.read(SNIFF)
    if start.startswith(b"PK"):  # a Word document is a zip: its parts are named at its end
        start += upload.read()
    upload.seek(0)
    return start


def _store(upload: IO[bytes], stored_as: str) -> str:
    """Save the upload under the service's own name; its SHA-256, to tell versions apart."""
    digest = hashlib.sha256()
    upload.seek(0)
    while chunk := upload.read(CHUNK):
        digest.update(chunk)
    upload.seek(0)
    saved = document_storage().save(stored_as, File(upload, name=stored_as))
    if saved != stored_as:  # a storage that renames would lose the file: refuse loudly
        document_storage().delete(saved)
        raise RuntimeError(f"the documents storage kept {stored_as} as {saved}")
    return digest.hexdigest()
