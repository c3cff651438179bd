"""Working days in each UK nation: Monday to Friday less that nation's bank holidays.

No Django here but the nations' TextChoices, a value type (ADR 14): the statutory deadlines are
pure functions of dates and the nation.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

import holidays

from casereview.core.choices import Nation

# The `holidays` package's subdivisions of the United Kingdom.
SUBDIVISION: dict[str, str] = {
    Nation.ENGLAND: "ENG",
    Nation.WALES: "WLS",
    Nation.SCOTLAND: "SCT",
    Nation.NORTHERN_IRELAND: "NIR",
}


@lru_cache(maxsize=16)
def _bank_holidays(nation: str) -> holidays.HolidayBase:
    try:
        subdivision = SUBDIVISION[nation]
    except KeyError:
        raise ValueError(
            f"unknown nation {nation!r}; expected one of {sorted(map(str, SUBDIVISION))}"
        ) from None
    return holidays.country_holidays("GB", subdiv=subdivision)


def is_working_day(day: dt.date, nation: str) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(nation)


def bank_holiday_name(day: dt.date, nation: str) -> str | None:
    return _bank_holidays(nation).get(day)


def add_working_days(start: dt.date, days: int, nation: str) -> dt.date:
    """The `days`-th working day after `start` (the start itself is day 0, whatever it is).

    A count that would run past the calendar's last day (31 December 9999) stops there: no
    real deadline is that far off, and a date so late is shown rather than failing the page.
    """
    if days < 0:
        raise ValueError("count working days forwards only")
    current, counted = start, 0
    while counted < days:
        if current == dt.date.max:
            return current
        current += dt.timedelta(days=1)
        if is_working_day(current, nation):
            counted += 1
    return current


def working_days_between(start: dt.date, end: dt.date, nation: str) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is earlier."""
    if end < start:
        return -working_days_between(end, start, nation)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if is_working_day(start + dt.timedelta(days=offset), nation)
    )


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or that month's last day where it has no such day;
    the calendar's last day where it has no such month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if year > dt.MAXYEAR:
        return dt.date.max
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_one_month(day: dt.date) -> dt.date:
    """One calendar month later: the same day of the month, or the month's last day."""
    return add_months(day, 1)
