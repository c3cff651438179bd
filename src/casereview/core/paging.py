"""Keyset ("seek") paging for deep lists: the national panel's submissions, the audit trail.

A page is asked for by where it starts, not by its number: `?after=<key>` is the page of
records listed after the record whose ordering key is <key>, `?before=<key>` the page before
it, `?last=1` the last page. The database finds each page through the index of the ordering,
as quickly at the end of a list of 475,000 rows as at its start, where OFFSET reads and
throws away every row before the page.

A key is the ordering's values, each as the URL shows it, joined by "_":
`2026-03-01_1234` for a submission sent on 1 March 2026 whose id is 1234. A key that does not
read as one is refused (BadCursor); one that reads but was never shown is a place in the list
like any other, and shows only what the person may see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db.models import Field, Model, Q, QuerySet
from django.http import QueryDict

SEPARATOR = "_"
PLACES = ("after", "before", "last")


class BadCursor(ValueError):
    """A page's place in the list that does not read as a key of the list's ordering."""


@dataclass(frozen=True)
class KeysetPage:
    object_list: list[Any]
    count: int
    has_previous: bool
    has_next: bool
    label: str | None  # how the audit trail names the page: None for the first
    previous_url: str = ""
    next_url: str = ""
    first_url: str = ""
    last_url: str = ""

    keyset = True

    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next


def _ordering(records: QuerySet[Any]) -> list[tuple[str, bool]]:
    """The list's ordering as (field name, descending) pairs, the last of them unique."""
    names = [str(name) for name in records.query.order_by or records.model._meta.ordering]
    if not names:
        raise ValueError("a keyset page needs an ordered list")
    return [(name.lstrip("-"), name.startswith("-")) for name in names]


def _field(model: type[Model], name: str) -> Field[Any, Any]:
    return model._meta.pk if name == "pk" else model._meta.get_field(name)  # type: ignore[return-value]


def _key_words(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def key_of(record: Model, ordering: list[tuple[str, bool]]) -> str:
    return SEPARATOR.join(_key_words(getattr(record, name)) for name, _ in ordering)


def read_key(model: type[Model], ordering: list[tuple[str, bool]], key: str) -> list[Any]:
    words = key.split(SEPARATOR)
    if len(words) != len(ordering):
        raise BadCursor(key)
    try:
        return [
            _field(model, name).to_python(word)
            for (name, _), word in zip(ordering, words, strict=True)
        ]
    except (ValidationError, ValueError, OverflowError) as mistake:
        raise BadCursor(key) from mistake


def beyond(ordering: list[tuple[str, bool]], values: list[Any], *, forwards: bool) -> Q:
    """The records listed after the key (forwards) or before it: the first field no further
    back than the key's (which an index on the ordering serves), then the key compared field
    by field."""

    def lookup(name: str, descending: bool) -> str:
        return f"{name}__{'lt' if descending == forwards else 'gt'}"

    (first, first_descending), first_value = ordering[0], values[0]
    bound = Q(**{f"{lookup(first, first_descending)}e": first_value})
    after = Q()
    for n, (name, descending) in enumerate(ordering):
        equal = {prior: value for (prior, _), value in zip(ordering[:n], values[:n], strict=True)}
        after |= Q(**equal, **{lookup(name, descending): values[n]})
    return bound & after


def _url(query: QueryDict, **place: str) -> str:
    kept = [(key, value) for key in query for value in query.getlist(key) if key not in PLACES]
    return "?" + urlencode(kept + list(place.items()))


def keyset_page(records: QuerySet[Any], query: QueryDict, size: int) -> KeysetPage:
    """The page of `records` that `query` asks for (after=, before=, last=), with links to the
    pages either side, the first and the last, each keeping the rest of the query (filters).
    Raises BadCursor for a key that does not read as one."""
    ordering = _ordering(records)
    model = records.model
    after, before = query.get("after"), query.get("before")
    if after:
        rows = list(
            records.filter(beyond(ordering, read_key(model, ordering, after), forwards=True))[
                : size + 1
            ]
        )
        has_previous, has_next, label = True, len(rows) > size, f"after {after}"
        rows = rows[:size]
    elif before:
        values = read_key(model, ordering, before)
        rows = list(records.filter(beyond(ordering, values, forwards=False)).reverse()[: size + 1])
        has_previous, has_next, label = len(rows) > size, True, f"before {before}"
        rows = rows[:size][::-1]
    elif query.get("last"):
        rows = list(records.reverse()[: size + 1])
        has_previous, has_next, label = len(rows) > size, False, "last"
        rows = rows[:size][::-1]
    else:
        rows = list(records[: size + 1])
        has_previous, has_next, label = False, len(rows) > size, None
        rows = rows[:size]
    links = {"first_url": _url(query)} if label is not None else {}
    if rows and has_previous:
        links["previous_url"] = _url(query, before=key_of(rows[0], ordering))
    if rows and has_next:
        links["next_url"] = _url(query, after=key_of(rows[-1], ordering))
        links["last_url"] = _url(query, last="1")
    return KeysetPage(rows, records.count(), has_previous, has_next, label, **links)
