"""What an import would change, named in words: "Action 'Deliver briefing on…' removed",
"Referral OSCB-2016-001 changed: date referred 3 Mar 2016 → 4 Mar 2016".

Each record is named by what people know it by (a referral's reference, a review's title,
an action's text) and each changed key by its meaning, with its values as the pages show
them: dates as dates, codes by their labels.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models

from casereview.core.choices import AuditAction
from casereview.core.mapping import Field, Kind, column
from casereview.core.partialdates import PartialDate
from casereview.exchange.planning import MAPPINGS, Write
from casereview.reviews.mapping import PUBLICATION

SHOWN_PER_KIND = 25  # records named of each kind; the rest are counted
SHORT = 40  # characters of a text shown before it is cut

# Each kind of record, as one of it is called.
NOUNS = {
    "partnership": "Partnership",
    "agencies": "Agency",
    "children": "Child",
    "referrals": "Referral",
    "decisions": "Decision",
    "national panel submissions": "National panel submission",
    "rapid reviews": "Rapid review",
    "reviews": "Review",
    "parallel processes": "Parallel process",
    "family contributions": "Family contribution",
    "learning points": "Learning point",
    "documents": "Document",
    "recommendations": "Recommendation",
    "actions": "Action",
    "progress updates": "Progress update",
    "learning events": "Learning event",
    "glossary terms": "Glossary term",
}
# Keys whose meaning their name does not say plainly; others are their name in words.
FIELD_WORDS = {
    "received": "date referred",
    "aware": "date the partnership became aware",
    "incident_date": "date of the incident",
    "notified": "date notified",
    "referred_by": "referred by",
    "age_years": "age (years)",
    "age_months": "age (months)",
    "disability_or_sen": "disability or special educational needs",
    "cp_plan_at_incident": "child protection plan at the incident",
    "looked_after_at_incident": "looked after at the incident",
    "csc_involvement": "children's social care involvement",
    "interagency_concern": "concern about how agencies worked together",
    "framework": "guidance",
    "commissioned": "date commissioned",
    "signed_off": "date signed off",
    "published": "date published",
    "due": "due date",
    "completed": "date completed",
    "owner_agency": "agency",
    "submitted": "date sent to the national panel",
    "response_date": "date of the panel's response",
    "url": "web address",
    "attendance_by_agency": "attendance by agency",
    "methodology_note": "about the methodology",
    "meeting": "date of the rapid review meeting",
    "sent_to_panel": "date sent to the Panel",
    "signed_off_by": "agreed by",
    "considerations": "matters for a local review",
    "local_response": "the partnership's reply",
    "decided_not_to_publish": "date decided not to publish",
    "reason": "reason not published",
}
# A review's publication's keys, where their names alone would say something else.
PUBLICATION_WORDS = {"sent_to_panel": "date the final report was sent"}
DATES = {Kind.OPTIONAL_DATE, Kind.PARTIAL_DATE, Kind.OPTIONAL_PARTIAL_DATE}
CODES = {Kind.CODE, Kind.OPTIONAL_CODE}
_FIELDS: dict[type[models.Model], dict[str, Field]] = {}
for _mapping in (*MAPPINGS, PUBLICATION):  # a review's publication: its keys are the review's
    _FIELDS.setdefault(_mapping.model, {}).update({f.key: f for f in _mapping.fields})


def field_words(key: str) -> str:
    """A key of the format as people say it: "received" is "date referred"."""
    return FIELD_WORDS.get(key, key.replace("_", " "))


def short(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= SHORT else text[: SHORT - 1].rstrip() + "…"


def value_words(model: type[models.Model], key: str, value: Any) -> str:
    """A value as the pages show it: 3 Mar 2016, a code's label, yes or no."""
    if value is None or value == "" or value == []:
        return "not recorded"
    field = _FIELDS.get(model, {}).get(key)
    kind = field.kind if field else None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if kind in DATES and isinstance(value, str):
        return _date_words(value)
    if kind in CODES and field is not None:
        labels = dict(column(model, field.name).choices or ())
        return str(labels.get(value, value))
    if kind == Kind.CODES and field is not None and field.choices and isinstance(value, list):
        labels = dict(field.choices.choices)
        return ", ".join(str(labels.get(code, code)) for code in value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict) and key == "publication":
        given = [(k, v) for k, v in value.items() if v is not None and v != ""]
        words = [
            f"{PUBLICATION_WORDS.get(k, field_words(k))} {value_words(model, k, v)}"
            for k, v in given
        ]
        return "; ".join(words) or "not recorded"
    if isinstance(value, dict):
        return ", ".join(f"{name}: {count}" for name, count in value.items())
    if isinstance(value, str):
        return f"'{short(value)}'"
    return str(value)


def _date_words(value: str) -> str:
    try:
        partial = PartialDate.parse(value)
    except ValueError:
        return value
    if partial.is_approximate:
        return partial.display()
    return f"{partial.first_day.day} {partial.first_day:%b %Y}"


def _quoted(text: Any) -> str:
    return f"'{short(str(text))}'"


# How each kind of record is named, from the record the plan built.
_NAMES: dict[str, Callable[[Any], str]] = {
    "partnership": lambda obj: _quoted(obj.name),
    "agencies": lambda obj: _quoted(obj.name),
    "children": lambda obj: _quoted(obj.pseudonym),
    "referrals": lambda obj: obj.reference or _quoted(obj.external_key),
    "decisions": lambda obj: f"on {obj.referral.reference or obj.referral.external_key}",
    "national panel submissions": (
        lambda obj: f"of {obj.referral.reference or obj.referral.external_key}"
    ),
    "rapid reviews": lambda obj: f"of {obj.referral.reference or obj.referral.external_key}",
    "reviews": lambda obj: _quoted(obj.title),
    "parallel processes": lambda obj: f"{obj.get_kind_display()} of review {_quoted(obj.review)}",
    "family contributions": lambda obj: _quoted(obj.member),
    "learning points": lambda obj: _quoted(obj.text),
    "documents": lambda obj: _quoted(obj.title),
    "recommendations": lambda obj: f"{obj.number} of review {_quoted(obj.review)}",
    "actions": lambda obj: _quoted(obj.text),
    "progress updates": lambda obj: (
        f"of {_date_words(obj.date.isoformat()) if obj.date else 'a date not known'} "
        f"on action {_quoted(obj.action.text)}"
    ),
    "learning events": lambda obj: _quoted(obj.title),
    "glossary terms": lambda obj: _quoted(obj.term),
}


def named(write: Write) -> str:
    """One write of an import's plan in words."""
    noun = NOUNS.get(write.kind, write.kind.capitalize())
    if write.action == AuditAction.DELETE:
        label = write.object_repr or ""
        if write.kind in (
            "decisions",
            "national panel submissions",
            "rapid reviews",
            "recommendations",
        ):
            return f"{label} removed"
        return f"{noun} {_quoted(label)} removed"
    name = f"{noun} {_NAMES[write.kind](write.obj)}" if write.kind in _NAMES else noun
    if write.action == AuditAction.CREATE:
        return f"{name} added"
    model = type(write.obj)
    changed = [
        f"{field_words(key)} {value_words(model, key, change['before'])} → "
        f"{value_words(model, key, change['after'])}"
        for key, change in (write.changes or {}).items()
    ]
    return f"{name} changed: {'; '.join(changed)}" if changed else f"{name} changed"


def named_changes(writes: list[Write]) -> dict[str, list[str]]:
    """By kind of record, the first SHOWN_PER_KIND writes named: removals first, then
    changes, then additions, as a person checking an import looks for them."""
    order: dict[str, int] = {AuditAction.DELETE: 0, AuditAction.CHANGE: 1, AuditAction.CREATE: 2}
    found: dict[str, list[str]] = {}
    for write in sorted(writes, key=lambda w: order.get(w.action, 3)):
        names = found.setdefault(write.kind, [])
        if len(names) < SHOWN_PER_KIND:
            names.append(named(write))
    return found
