"""Dates known to the day, the month or only the year ("2016-07", "2016").

A partial date counts as its first day wherever dates are compared, and is shown as
approximate ("July 2016"). Stored as two columns: the first day and its precision.
No Django here but the precisions' TextChoices, a value type (ADR 14).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import overload

from casereview.core.choices import DatePrecision

PRECISIONS = tuple(DatePrecision.values)
# [0-9], not \d: \d also matches other scripts' digits ("٢٠١٦"), which int() reads.
ISO_PATTERN = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    first_day: dt.date
    precision: str = DatePrecision.DAY

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, not {self.precision!r}")
        if self.precision in (DatePrecision.MONTH, DatePrecision.YEAR) and self.first_day.day != 1:
            raise ValueError("a month or year date must start on the first day")
        if self.precision == DatePrecision.YEAR and self.first_day.month != 1:
            raise ValueError("a year date must start on 1 January")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read YYYY-MM-DD, YYYY-MM or YYYY; ValueError says what was expected."""
        match = ISO_PATTERN.match(text.strip()) if isinstance(text, str) else None
        if not match:
            raise ValueError(f"{text!r} is not a date: expected YYYY-MM-DD, YYYY-MM or YYYY")
        year, month, day = match.groups()
        try:
            if day:
                return cls(dt.date(int(year), int(month), int(day)), DatePrecision.DAY)
            if month:
                return cls(dt.date(int(year), int(month), 1), DatePrecision.MONTH)
            return cls(dt.date(int(year), 1, 1), DatePrecision.YEAR)
        except ValueError:
            raise ValueError(f"{text!r} is not a real date") from None

    @classmethod
    def of(
        cls, day: dt.date | None, precision: str | None = DatePrecision.DAY
    ) -> PartialDate | None:
        return None if day is None else cls(day, precision or DatePrecision.DAY)

    @property
    def is_approximate(self) -> bool:
        return self.precision != DatePrecision.DAY

    def iso(self) -> str:
        if self.precision == DatePrecision.YEAR:
            return f"{self.first_day.year:04d}"
        if self.precision == DatePrecision.MONTH:
            return f"{self.first_day.year:04d}-{self.first_day.month:02d}"
        return self.first_day.isoformat()

    def display(self) -> str:
        """As people write it: 7 March 2016, March 2016, 2016."""
        if self.precision == DatePrecision.YEAR:
            return str(self.first_day.year)
        if self.precision == DatePrecision.MONTH:
            return f"{self.first_day:%B %Y}"
        return f"{self.first_day.day} {self.first_day:%B %Y}"

    def __str__(self) -> str:
        return self.display()

    @overload
    @classmethod
    def coerce(cls, value: PartialDate | dt.date) -> PartialDate: ...

    @overload
    @classmethod
    def coerce(cls, value: PartialDate | dt.date | None) -> PartialDate | None: ...

    @classmethod
    def coerce(cls, value: PartialDate | dt.date | None) -> PartialDate | None:
        """A PartialDate from a full date (known to the day), or the value as it is."""
        if value is None or isinstance(value, PartialDate):
            return value
        return cls(value)


def time_left_words(days: int) -> str:
    """How a deadline stands: "3 days left", "Due today", "Overdue by 1 day"."""
    if days < 0:
        return f"Overdue by {-days} day{'s' if days != -1 else ''}"
    if days == 0:
        return "Due today"
    return f"{days} day{'s' if days != 1 else ''} left"
