"""What other apps may follow of the service's writes, without core knowing them: search keeps
its entries in step with these.

- `record_written`: one record was created or changed through `core.writes` (or its derived
  data rewritten, as a document's text is), sent once the transaction has committed, with
  `record`.
- `records_replaced`: a partnership's records were written in bulk (an import), sent once the
  transaction has committed, with `partnership_id`.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.dispatch import Signal

record_written = Signal()
records_replaced = Signal()


def after_commit_written(record: models.Model) -> None:
    transaction.on_commit(
        lambda: record_written.send(sender=type(record), record=record), robust=True
    )


def after_commit_replaced(partnership_id: Any) -> None:
    transaction.on_commit(
        lambda: records_replaced.send(sender=None, partnership_id=partnership_id), robust=True
    )
