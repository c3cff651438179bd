"""What other apps may follow of the service's writes, without core knowing them: search keeps
its entries in step with these.

- `record_written`: one record was created or changed through `core.writes` (or its derived
  data rewritten, as a document's text is), sent once the transaction has committed, with
  `record`.
- `records_replaced`: a partnership's records were written in bulk (an import), sent once the
  transaction has committed, with `partnership_id`.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import models, transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

record_written = Signal()
records_replaced = Signal()


def after_commit_written(record: models.Model) -> None:
    transaction.on_commit(lambda: _tell(record_written, sender=type(record), record=record))


def _tell(signal: Signal, **kwargs: Any) -> None:
    """Every follower is told, whatever another does: search failing to index a file does not
    stop its identifying-details check. A follower's failure is logged, never raised into the
    write that was committed."""
    for receiver, failure in signal.send_robust(**kwargs):
        if isinstance(failure, Exception):
            logger.error(
                "%s failed after a write",
                getattr(receiver, "__qualname__", receiver),
                exc_info=failure,
            )


def after_commit_replaced(partnership_id: Any) -> None:
    transaction.on_commit(
        lambda: _tell(records_replaced, sender=None, partnership_id=partnership_id)
    )
