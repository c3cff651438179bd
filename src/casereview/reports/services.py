"""Writing a report, and the narrative people keep for a period. Each writes its audit row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError

from casereview.accounts.models import Agency, Partnership, User
from casereview.core import audit, writes
from casereview.core.choices import AuditAction
from casereview.core.tenancy import user_may
from casereview.reports import document, figures, renderers
from casereview.reports.models import ReportNarrative, ReportSettings

NARRATIVE_FIELDS = ("national_context", "family_contribution", "outcomes")
SETTINGS_FIELDS = ("board", "subgroup", "author", "chair")


def check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError({"date_to": ["The end of the period must be on or after its start"]})


def notes_for(user: User | None) -> bool:
    """Whether `user` is given the notes on the records, which name children, referrals and
    unpublished reviews: those who write the report are (the command line, `None`, too);
    the subgroup and the board's scrutiny, who read it, are not."""
    return user is None or user_may(user, "change", "reports")


def write_report(
    partnership: Partnership,
    start: dt.date,
    end: dt.date,
    file_format: str,
    *,
    acting_user: User | None,
    kind: str = figures.PERIODIC,
    with_notes: bool = False,
) -> bytes:
    """The report of this kind (periodic or yearly) in one of its forms; each one written is
    an export in the audit trail. The notes on the records, for the author, go in only when
    asked (`with_notes`) and only for someone given them (`notes_for`): a board paper leaves
    them out."""
    check_period(start, end)
    if file_format not in renderers.RENDER:
        raise ValidationError({"format": [f"Choose one of {', '.join(renderers.RENDER)}"]})
    if kind not in figures.KINDS:
        raise ValidationError({"kind": [f"Choose one of {', '.join(figures.KINDS)}"]})
    # Checked first; the report is built outside any transaction (on SQLite one holds the
    # database's only writer lock), and its export row written after.
    writes.require(acting_user, ("view", "reports"), within=partnership)
    if file_format == "json":  # the figures alone: no need to write the document
        body = renderers.figures_json(figures.compute(partnership, start, end, kind=kind))
    else:
        report = document.build(
            partnership,
            start,
            end,
            with_notes=with_notes and notes_for(acting_user),
            kind=kind,
        )
        body = renderers.RENDER[file_format](report)
    # The periodic report's row reads as it always has; the yearly report's says so.
    named = "report" if kind == figures.PERIODIC else f"{kind} report"
    audit.record(
        AuditAction.EXPORT,
        actor=acting_user,
        partnership=partnership,
        object_repr=f"{named} ({file_format}) for {start.isoformat()} to {end.isoformat()}",
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
    acting_user: User | None,
    read_at: int | None = None,
    **text: str,
) -> ReportNarrative:
    check_period(start, end)
    with writes.acting(
        acting_user, ("change", "reports"), within=partnership, read_at=read_at
    ) as act:
        narrative = narrative_for(partnership, start, end)
        act.refuse_if_stale([narrative], text)
        narrative = narrative or ReportNarrative(
            partnership=partnership, date_from=start, date_to=end
        )
        change = act.track(narrative, NARRATIVE_FIELDS)
        for name in NARRATIVE_FIELDS:
            setattr(narrative, name, text.get(name, "").strip())
        change.save()
    return narrative


def settings_for(partnership: Partnership) -> ReportSettings | None:
    """Who the partnership's reports are by and for, if anyone has said."""
    return ReportSettings.objects.filter(partnership=partnership).first()


def save_settings(
    partnership: Partnership,
    *,
    acting_user: User | None,
    subgroup_members: Sequence[Agency] = (),
    read_at: int | None = None,
    **text: str,
) -> ReportSettings:
    """Set who the partnership's reports are by and for: every report takes them."""
    with writes.acting(
        acting_user, ("change", "reports"), within=partnership, read_at=read_at
    ) as act:
        settings = settings_for(partnership)
        act.refuse_if_stale([settings], text)
        settings = settings or ReportSettings(partnership=partnership)
        change = act.track(settings, SETTINGS_FIELDS, relations={"subgroup_members": "name"})
        for name in SETTINGS_FIELDS:
            setattr(settings, name, text.get(name, "").strip())
        members = [a for a in subgroup_members if a.partnership_id == partnership.pk]
        change.save(relate={"subgroup_members": members})
    return settings


def save_report_text(
    partnership: Partnership,
    start: dt.date,
    end: dt.date,
    *,
    acting_user: User | None,
    read_at: int | None = None,
    subgroup_members: Sequence[Agency] = (),
    **text: str,
) -> ReportNarrative:
    """What the report page's form sends: who every report is by and for, and this period's
    text, saved together or not at all: a stale edit of either saves neither, and the
    refusal shows what changed in both."""
    with writes.acting(
        acting_user, ("change", "reports"), within=partnership, read_at=read_at
    ) as act:
        act.refuse_if_stale(
            [narrative_for(partnership, start, end), settings_for(partnership)], text
        )
        save_settings(
            partnership,
            acting_user=acting_user,
            subgroup_members=subgroup_members,
            board=text.get("board", ""),
            subgroup=text.get("subgroup", ""),
            author=text.get("author", ""),
            chair=text.get("chair", ""),
        )
        return save_narrative(
            partnership,
            start,
            end,
            acting_user=acting_user,
            national_context=text.get("national_context", ""),
            family_contribution=text.get("family_contribution", ""),
            outcomes=text.get("outcomes", ""),
        )
