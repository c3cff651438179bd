"""Writing a report, and the narrative people keep for a period. Each writes its audit row."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from casereview.accounts.models import Partnership
from casereview.core import audit
from casereview.core.choices import AuditAction
from casereview.core.concurrency import refuse_if_stale
from casereview.core.tenancy import user_may
from casereview.reports import document, figures, renderers
from casereview.reports.models import ReportNarrative

NARRATIVE_FIELDS = ("national_context", "family_contribution", "outcomes")


def check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError({"date_to": ["The end of the period must be on or after its start"]})


def notes_for(user: Any) -> bool:
    """Whether `user` is given the notes on the records, which name children, referrals and
    unpublished reviews: those who write the report are (the command line, `None`, too);
    the subgroup and the board's scrutiny, who read it, are not."""
    return user is None or user_may(user, "change", "reports")


def write_report(
    partnership: Partnership, start: dt.date, end: dt.date, file_format: str, *, acting_user: Any
) -> bytes:
    """The report in one of its forms; each one written is an export in the audit trail."""
    check_period(start, end)
    if file_format not in renderers.RENDER:
        raise ValidationError({"format": [f"Choose one of {', '.join(renderers.RENDER)}"]})
    if file_format == "json":  # the figures alone: no need to write the document
        body = renderers.figures_json(figures.compute(partnership, start, end))
    else:
        report = document.build(partnership, start, end, with_notes=notes_for(acting_user))
        body = renderers.RENDER[file_format](report)
    audit.record(
        AuditAction.EXPORT,
        actor=acting_user,
        partnership=partnership,
        object_repr=f"report ({file_format}) for {start.isoformat()} to {end.isoformat()}",
    )
    return body


def narrative_for(partnership: Partnership, start: dt.date, end: dt.date) -> ReportNarrative | None:
    """The text kept for exactly this period, if any has been written."""
    return ReportNarrative.objects.filter(
        partnership=partnership, date_from=start, date_to=end
    ).first()


def save_narrative(
    partnership: Partnership,
    start: dt.date,
    end: dt.date,
    *,
    acting_user: Any,
    read_at: int | None = None,
    **text: str,
) -> ReportNarrative:
    check_period(start, end)
    with transaction.atomic():
        written = narrative_for(partnership, start, end)
        refuse_if_stale([written], read_at, text)
        narrative, created = ReportNarrative.objects.get_or_create(
            partnership=partnership, date_from=start, date_to=end
        )
        before = {} if created else audit.snapshot(narrative, NARRATIVE_FIELDS)
        for name in NARRATIVE_FIELDS:
            setattr(narrative, name, text.get(name, "").strip())
        narrative.save()
        after = audit.snapshot(narrative, NARRATIVE_FIELDS)
        changes = {"after": after} if created else audit.difference(before, after)
        if changes:
            action = AuditAction.CREATE if created else AuditAction.CHANGE
            audit.record(action, actor=acting_user, obj=narrative, changes=changes)
    return narrative
