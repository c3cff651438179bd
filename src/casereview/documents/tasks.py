"""Background work, run by `casereview db_worker` from the database queue."""

from __future__ import annotations

from django_tasks import task

from casereview.documents import services
from casereview.documents.models import DocumentFile


@task()
def read_file_text(file_id: int) -> str:
    """Read a kept file's text into its pages, for search; its state says how it went."""
    file = DocumentFile.objects.filter(pk=file_id).first()
    if file is None:  # its document was deleted before the worker came to it
        return "gone"
    return services.store_text(file)
