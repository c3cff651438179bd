"""Dates as people in the UK write them in their own trackers, read into partial dates.

A spreadsheet kept by hand holds real Excel dates, `03/02/2019` (day first: 3 February),
`3/2/19`, `2019-02-03`, `Mar 2021`, `March 2021`, `Sept 2020` and `2021`; and `?`, `TBC`,
`N/A`, `ongoing` or nothing where the date is not known. Each is read with the precision it
was written with. A date that cannot be real (`31/02/2019`, or `02/13/2019` read day first) is
a problem to show the person, never a guess. No Django here.
"""

from __future__ import annotations

import datetime as dt
import re

from casereview.core.choices import DatePrecision
from casereview.core.partialdates import ISO_PATTERN, PartialDate

# Words that mean the date is not known (compared in lower case, without full stops).
NOT_KNOWN = frozenset(
    {"", "?", "??", "-", "tbc", "tbd", "n/a", "na", "n/k", "nk", "ongoing", "unknown",
     "not known", "none", "pending"}
)  # fmt: skip
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
MONTH_AND_YEAR = re.compile(r"^([a-z]+)\.?[\s\-/]*(\d{2}|\d{4})$")
EXAMPLES = "like 03/02/2019, Mar 2021 or 2021, or leave it empty if it is not known"


class NotADate(ValueError):
    """The text is not a date, or not a real one: the message says which, for the person."""


def read_date(value: object, *, today: dt.date | None = None) -> PartialDate | None:
    """The date `value` holds, or None when it says the date is not known.

    `value` is a cell's value: a date or date and time (a real Excel date), or text. Two-digit
    years are this century's, unless that would be in the future (then the last century's).
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return PartialDate(value.date())
    if isinstance(value, dt.date):
        return PartialDate(value)
    text = " ".join(str(value).split())
    if text.lower().replace(".", "") in NOT_KNOWN:
        return None
    if ISO_PATTERN.match(text):
        try:
            return PartialDate.parse(text)
        except ValueError:
            raise NotADate(f"{text!r} is not a real date") from None
    this_year = (today or dt.date.today()).year
    if match := DAY_FIRST.match(text):
        day, month, year = (int(part) for part in match.groups())
        return _day(text, _year(year, this_year), month, day)
    if (match := MONTH_AND_YEAR.match(text.lower())) and match.group(1) in MONTHS:
        month = MONTHS[match.group(1)]
        first_day = dt.date(_year(int(match.group(2)), this_year), month, 1)
        return PartialDate(first_day, DatePrecision.MONTH)
    raise NotADate(f"{text!r} is not a date: write it {EXAMPLES}")


def _year(written: int, this_year: int) -> int:
    if written >= 100:
        return written
    year = 2000 + written
    return year if year <= this_year else year - 100


def _day(text: str, year: int, month: int, day: int) -> PartialDate:
    if not 1 <= month <= 12:
        raise NotADate(
            f"{text!r} is not a real date: there is no month {month} (dates are read day "
            "first, as 03/02/2019 for 3 February 2019)"
        )
    try:
        return PartialDate(dt.date(year, month, day))
    except ValueError:
        month_name = dt.date(year, month, 1).strftime("%B")
        raise NotADate(
            f"{text!r} is not a real date: {month_name} {year} has no day {day}"
        ) from None
