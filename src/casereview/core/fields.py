"""Model field helpers shared by the domain apps."""

from __future__ import annotations

from typing import Any

from django.db import models

from casereview.core.choices import DatePrecision
from casereview.core.partialdates import PartialDate


def precision_field() -> models.CharField:
    """The precision of the date column it sits beside (see PartialDateAccessor)."""
    return models.CharField(max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY)


class PartialDateAccessor:
    """`received_partial` reads and writes the pair `received` and `received_precision`."""

    def __init__(self, date_field: str) -> None:
        self.date_field = date_field
        self.precision_field = f"{date_field}_precision"

    def __get__(self, instance: Any, owner: Any = None) -> PartialDate | None:
        if instance is None:
            return self  # type: ignore[return-value]
        return PartialDate.of(
            getattr(instance, self.date_field), getattr(instance, self.precision_field)
        )

    def __set__(self, instance: Any, value: PartialDate | None) -> None:
        setattr(instance, self.date_field, value.first_day if value else None)
        setattr(instance, self.precision_field, value.precision if value else DatePrecision.DAY)
