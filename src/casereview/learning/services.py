"""Changes to themes and learning events. Each writes its audit row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError

from casereview.accounts.models import Agency, Partnership, User
from casereview.core import writes
from casereview.core.partialdates import PartialDate
from casereview.learning.models import EventAttendance, LearningEvent
from casereview.reviews.models import Review
from casereview.themes.models import Theme
from casereview.themes.taxonomy import national_codes


def add_partnership_theme(
    partnership: Partnership,
    *,
    code: str,
    group: str,
    label: str,
    covers: str = "",
    acting_user: User | None,
) -> Theme:
    """A partnership's own theme; the national taxonomy's codes stay the nation's."""
    if code in national_codes():
        raise ValidationError({"code": [f"{code} is a national theme's code: choose another"]})
    with writes.acting(acting_user, ("add", "themes"), within=partnership) as act:
        theme = Theme(partnership=partnership, code=code, group=group, label=label, covers=covers)
        return act.create(theme, ("code", "group", "label", "covers"), partnership=partnership)


def change_theme(theme: Theme, *, label: str, covers: str, acting_user: User | None) -> Theme:
    if theme.is_national:
        raise ValidationError({"label": ["National themes cannot be changed here"]})
    with writes.acting(acting_user, ("change", "themes"), within=theme) as act:
        change = act.track(theme, ("label", "covers"))
        theme.label, theme.covers = label, covers
        change.save()
    return theme


def record_learning_event(
    partnership: Partnership,
    *,
    date: PartialDate | dt.date,
    title: str,
    themes: Sequence[Theme] = (),
    reviews: Sequence[Review] = (),
    attendance_by_agency: dict[Agency, int] | None = None,
    attendance: int | None = None,
    acting_user: User | None,
    external_key: str = "",
) -> LearningEvent:
    """A learning event; its attendance is the sum by agency when that is given."""
    date = PartialDate.coerce(date)
    by_agency = attendance_by_agency or {}
    for owner in [*themes, *reviews, *by_agency]:
        if getattr(owner, "partnership_id", None) not in (None, partnership.pk):
            raise ValidationError({"reviews": ["Choose from your own partnership's records"]})
    total = sum(by_agency.values()) if by_agency else (attendance or 0)
    with writes.acting(acting_user, ("add", "learning events"), within=partnership) as act:
        event = LearningEvent(
            partnership=partnership, title=title, attendance=total, external_key=external_key
        )
        event.date_partial = date
        act.create(
            event,
            ("title", "attendance"),
            values={"date": lambda event: event.date_partial.iso()},
            relations={"themes": "code", "reviews": "pk"},
            relate={"themes": themes, "reviews": reviews},
        )
        attended = [
            EventAttendance(event=event, agency=agency, attended=number)
            for agency, number in by_agency.items()
        ]
        for row in attended:  # the event's row records their sum, its attendance
            row.full_clean()
        EventAttendance.objects.bulk_create(attended)
    return event
