"""Changes to themes and learning events. Each writes its audit row."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.accounts.models import Agency, Partnership
from casereview.core import audit
from casereview.core.choices import AuditAction
from casereview.core.partialdates import PartialDate
from casereview.learning.models import EventAttendance, LearningEvent
from casereview.themes.models import Theme
from casereview.themes.taxonomy import national_codes


def add_partnership_theme(
    partnership: Partnership,
    *,
    code: str,
    group: str,
    label: str,
    covers: str = "",
    acting_user: Any,
) -> Theme:
    """A partnership's own theme; the national taxonomy's codes stay the nation's."""
    if code in national_codes():
        raise ValidationError({"code": [f"{code} is a national theme's code: choose another"]})
    with transaction.atomic():
        theme = Theme(partnership=partnership, code=code, group=group, label=label, covers=covers)
        theme.full_clean()
        theme.save()
        audit.record(
            AuditAction.CREATE,
            actor=acting_user,
            obj=theme,
            partnership=partnership,
            changes={"after": audit.snapshot(theme, ("code", "group", "label", "covers"))},
        )
    return theme


def change_theme(theme: Theme, *, label: str, covers: str, acting_user: Any) -> Theme:
    if theme.is_national:
        raise ValidationError({"label": ["National themes cannot be changed here"]})
    with transaction.atomic():
        before = audit.snapshot(theme, ("label", "covers"))
        theme.label, theme.covers = label, covers
        theme.full_clean()
        theme.save()
        if changed := audit.difference(before, audit.snapshot(theme, ("label", "covers"))):
            audit.record(AuditAction.CHANGE, actor=acting_user, obj=theme, changes=changed)
    return theme


def record_learning_event(
    partnership: Partnership,
    *,
    date: PartialDate | dt.date,
    title: str,
    themes: list[Theme] | tuple = (),
    reviews: list[Any] | tuple = (),
    attendance_by_agency: dict[Agency, int] | None = None,
    attendance: int | None = None,
    acting_user: Any,
    external_key: str = "",
) -> LearningEvent:
    """A learning event; its attendance is the sum by agency when that is given."""
    date = PartialDate.coerce(date)
    if date.first_day > timezone.localdate():
        raise ValidationError({"date": ["The date of the event must be today or in the past"]})
    by_agency = attendance_by_agency or {}
    for owner in [*themes, *reviews, *by_agency]:
        if getattr(owner, "partnership_id", None) not in (None, partnership.pk):
            raise ValidationError({"reviews": ["Choose from your own partnership's records"]})
    total = sum(by_agency.values()) if by_agency else (attendance or 0)
    with transaction.atomic():
        event = LearningEvent(
            partnership=partnership, title=title, attendance=total, external_key=external_key
        )
        event.date_partial = date
        event.full_clean()
        event.save()
        event.themes.set(themes)
        event.reviews.set(reviews)
        EventAttendance.objects.bulk_create(
            [EventAttendance(event=event, agency=a, attended=n) for a, n in by_agency.items()]
        )
        audit.record(
            AuditAction.CREATE,
            actor=acting_user,
            obj=event,
            changes={
                "after": {
                    "title": title,
                    "date": date.iso(),
                    "attendance": total,
                    "themes": sorted(t.code for t in themes),
                    "reviews": sorted(r.pk for r in reviews),
                }
            },
        )
    return event
