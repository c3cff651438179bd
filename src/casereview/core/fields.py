"""Model field helpers shared by the domain apps."""

from __future__ import annotations

from typing import Any, Generic, Self, TypeVar, cast, overload

from django.db import models

from casereview.core.choices import DatePrecision
from casereview.core.partialdates import PartialDate


def precision_field() -> models.CharField:
    """The precision of the date column it sits beside (see PartialDateAccessor)."""
    return models.CharField(max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY)


_Read = TypeVar("_Read", bound=PartialDate | None)


class PartialDateAccessor(Generic[_Read]):
    """`received_partial` reads and writes the pair `received` and `received_precision`.

    Declared with what it reads: `PartialDateAccessor[PartialDate]("received")` beside a
    date that is always recorded, `PartialDateAccessor[PartialDate | None]("aware")` beside
    one that may be blank.
    """

    def __init__(self, date_field: str) -> None:
        self.date_field = date_field
        self.precision_field = f"{date_field}_precision"

    @overload
    def __get__(self, instance: None, owner: Any = None) -> Self: ...

    @overload
    def __get__(self, instance: models.Model, owner: Any = None) -> _Read: ...

    def __get__(self, instance: models.Model | None, owner: Any = None) -> Self | _Read:
        if instance is None:
            return self
        found = PartialDate.of(
            getattr(instance, self.date_field), getattr(instance, self.precision_field)
        )
        return cast(_Read, found)  # None only beside a date that may be blank

    def __set__(self, instance: models.Model, value: _Read) -> None:
        written: PartialDate | None = value
        setattr(instance, self.date_field, written.first_day if written else None)
        setattr(instance, self.precision_field, written.precision if written else DatePrecision.DAY)
