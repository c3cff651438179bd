"""Background work, run by `casereview db_worker` from the database queue."""

from __future__ import annotations

from django_tasks import task

from casereview.documents import services
from casereview.documents.models import DocumentFile, KeptFile, ReferralFile

# The kinds of kept file, by the label the queue names each by.
KINDS: dict[str, type[KeptFile]] = {
    model._meta.label_lower: model for model in (DocumentFile, ReferralFile)
}


@task()
def read_file_text(file_id: int, kind: str = DocumentFile._meta.label_lower) -> str:
    """Read a kept file's text into its pages, for search; its state says how it went.
    `kind` names its model (a review's file when not said: as queued before referrals'
    files were kept)."""
    file = KINDS[kind].objects.filter(pk=file_id).first()
    if file is None:  # its document was deleted before the worker came to it
        return "gone"
    return services.store_text(file)
