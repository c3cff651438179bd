"""How a record reads and writes as an item of the exchange format, defined once per record.

Each app declares a `RecordMapping` for each of its records beside its models (`<app>/mapping.py`):
the document's keys, what kind of value each holds, and the model field behind it. From that
one definition come the item the export writes (`to_item`), the unsaved record the import builds
(`from_item`), the model fields an import writes (`stored_fields`), each key's allowed codes
(for the workbook's lists) and each key's part of the JSON Schema (`exchange/schema.py` checks
the published schema against them). Keys that are lists of other records, or computed, stay
with the exchange, which knows how records hang together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from casereview.core.choices import DatePrecision
from casereview.core.partialdates import PartialDate

# An id is at most this long in a document (the records' external keys).
ID_LENGTH = 100
LARGEST_INTEGER = 2_147_483_647  # what every database here stores in an integer column

Ids = Mapping[str, Mapping[int, str]]  # by collection ("agencies"), the id of each primary key
Records = Mapping[str, Mapping[str, models.Model]]  # by collection, the record of each id
M = TypeVar("M", bound=models.Model)


class Kind(StrEnum):
    TEXT = "text"  # a string; empty only where the model allows it blank
    OPTIONAL_TEXT = "optional text"  # null in the document, "" in the database
    CODE = "code"  # one of the field's choices
    OPTIONAL_CODE = "optional code"  # one of the choices, or null ("" in the database)
    FLAG = "flag"  # true or false
    COUNT = "count"  # a whole number
    OPTIONAL_COUNT = "optional count"  # a whole number or null
    PARTIAL_DATE = "partial date"  # YYYY-MM-DD, YYYY-MM or YYYY: day and precision columns
    OPTIONAL_PARTIAL_DATE = "optional partial date"
    OPTIONAL_DATE = "optional date"  # YYYY-MM-DD or null
    RECORD = "record"  # the id of another record of the document
    OPTIONAL_RECORD = "optional record"
    CODES = "codes"  # a list of distinct codes of the field's `choices`, [] when none


OPTIONAL = {
    Kind.OPTIONAL_TEXT,
    Kind.OPTIONAL_CODE,
    Kind.OPTIONAL_COUNT,
    Kind.OPTIONAL_PARTIAL_DATE,
    Kind.OPTIONAL_DATE,
    Kind.OPTIONAL_RECORD,
}
PARTIAL = {Kind.PARTIAL_DATE, Kind.OPTIONAL_PARTIAL_DATE}
RECORDS = {Kind.RECORD, Kind.OPTIONAL_RECORD}


@dataclass(frozen=True)
class Field:
    """One key of an item: `key` in the document, `attr` on the model (the key by default)."""

    key: str
    kind: Kind = Kind.TEXT
    attr: str = ""
    refers_to: str = ""  # for a record: the collection whose ids it names ("agencies")
    schema_extra: tuple[tuple[str, Any], ...] = ()  # what the model cannot say (a pattern)
    # For a list of codes (Kind.CODES): the enumeration its codes come from, as a JSON list
    # in the database cannot say it.
    choices: type[models.TextChoices] | None = None

    @property
    def name(self) -> str:
        return self.attr or self.key

    def stored(self) -> tuple[str, ...]:
        """The model fields this key writes."""
        if self.kind in PARTIAL:
            return (self.name, f"{self.name}_precision")
        return (self.name,)

    def read(self, obj: models.Model, ids: Ids) -> Any:
        """The value the document holds for the record."""
        if self.kind in PARTIAL:
            partial = PartialDate.of(
                getattr(obj, self.name), getattr(obj, f"{self.name}_precision")
            )
            return partial.iso() if partial else None
        if self.kind == Kind.OPTIONAL_DATE:
            day = getattr(obj, self.name)
            return day.isoformat() if day else None
        if self.kind in RECORDS:
            pk = getattr(obj, f"{self.name}_id")
            return ids[self.refers_to][pk] if pk is not None else None
        value = getattr(obj, self.name)
        if self.kind in (Kind.OPTIONAL_TEXT, Kind.OPTIONAL_CODE):
            return value or None
        if self.kind == Kind.CODES:
            return list(value or [])
        return value

    def write(self, obj: models.Model, value: Any, records: Records) -> None:
        """Set the record's field from the document's (checked) value."""
        if self.kind in PARTIAL:
            partial = PartialDate.parse(value) if value is not None else None
            setattr(obj, self.name, partial.first_day if partial else None)
            setattr(
                obj, f"{self.name}_precision", partial.precision if partial else DatePrecision.DAY
            )
        elif self.kind == Kind.OPTIONAL_DATE:
            setattr(obj, self.name, dt.date.fromisoformat(value) if value else None)
        elif self.kind in RECORDS:
            setattr(obj, self.name, records[self.refers_to][value] if value else None)
        elif self.kind in (Kind.OPTIONAL_TEXT, Kind.OPTIONAL_CODE):
            setattr(obj, self.name, value or "")
        elif self.kind == Kind.CODES:
            setattr(obj, self.name, list(value or []))
        else:
            setattr(obj, self.name, value)

    def codes(self, model: type[models.Model]) -> tuple[str, ...]:
        """The values a code may take: the model field's choices (a list's, its `choices`)."""
        if self.kind == Kind.CODES:
            return tuple(str(value) for value in self.choices.values) if self.choices else ()
        if self.kind not in (Kind.CODE, Kind.OPTIONAL_CODE):
            return ()
        return tuple(str(value) for value, _ in column(model, self.name).choices or ())

    def schema(self, model: type[models.Model]) -> dict[str, Any]:
        """This key's JSON Schema, from the model field behind it."""
        optional = self.kind in OPTIONAL
        if self.kind in PARTIAL or self.kind == Kind.OPTIONAL_DATE:
            found: dict[str, Any] = {"$ref": "#/$defs/date_or_null" if optional else "#/$defs/date"}
        elif self.kind == Kind.RECORD:
            found = {"$ref": "#/$defs/id"}
        elif self.kind == Kind.OPTIONAL_RECORD:
            found = {"type": ["string", "null"], "minLength": 1, "maxLength": ID_LENGTH}
        elif self.kind == Kind.FLAG:
            found = {"type": "boolean"}
        elif self.kind in (Kind.COUNT, Kind.OPTIONAL_COUNT):
            found = {"type": ["integer", "null"] if optional else "integer", **_bounds(model, self)}
        elif self.kind == Kind.CODES:
            found = {
                "type": "array",
                "items": {"type": "string", "enum": list(self.codes(model))},
                "uniqueItems": True,
            }
        elif self.kind in (Kind.CODE, Kind.OPTIONAL_CODE):
            codes: list[Any] = list(self.codes(model))
            found = {
                "type": ["string", "null"] if optional else "string",
                "enum": [*codes, None] if optional else codes,
            }
        else:
            field = column(model, self.name)
            found = {"type": ["string", "null"] if optional else "string"}
            if not optional and not field.blank:
                found["minLength"] = 1
            if getattr(field, "max_length", None):
                found["maxLength"] = field.max_length
        return {**found, **dict(self.schema_extra)}


def column(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    """The model's own field of that name (not a relation from another model)."""
    found = model._meta.get_field(name)
    if not isinstance(found, models.Field):
        raise TypeError(f"{model.__name__}.{name} is not a field of its own")
    return found


def _bounds(model: type[models.Model], field: Field) -> dict[str, int]:
    low, high = 0, LARGEST_INTEGER
    for validator in column(model, field.name).validators:
        if isinstance(validator, MinValueValidator):
            low = max(low, int(validator.limit_value))
        if isinstance(validator, MaxValueValidator):
            high = min(high, int(validator.limit_value))
    return {"minimum": low, "maximum": high}


@dataclass(frozen=True)
class RecordMapping(Generic[M]):
    """A record as an item of the exchange format: its model and the keys of its own facts."""

    model: type[M]
    fields: tuple[Field, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(field.key for field in self.fields)

    @property
    def stored_fields(self) -> tuple[str, ...]:
        """The model fields an import writes for these keys."""
        return tuple(name for field in self.fields for name in field.stored())

    def field(self, key: str) -> Field:
        return next(field for field in self.fields if field.key == key)

    def to_item(self, obj: M, ids: Ids) -> dict[str, Any]:
        return {field.key: field.read(obj, ids) for field in self.fields}

    def from_item(self, item: Mapping[str, Any], records: Records, **known: Any) -> M:
        """The unsaved record the item describes; `known` sets what the item does not hold
        (its partnership, its review, its place in a list)."""
        obj = self.model(**known)
        self.fill(obj, item, records)
        return obj

    def fill(self, obj: M, item: Mapping[str, Any], records: Records) -> None:
        """Set the record's fields from the item."""
        for field in self.fields:
            field.write(obj, item[field.key], records)

    def codes(self) -> dict[str, tuple[str, ...]]:
        """The allowed values of each code key."""
        return {f.key: f.codes(self.model) for f in self.fields if f.codes(self.model)}

    def schema(self) -> dict[str, dict[str, Any]]:
        """Each key's JSON Schema."""
        return {field.key: field.schema(self.model) for field in self.fields}
