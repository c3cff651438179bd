"""Issue 12: dates as people write them in their own trackers, each read with its precision;
"not known" in its usual words; an impossible date a problem, never a guess."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview.core.partialdates import PartialDate
from casereview.core.ukdates import NotADate, read_date

TODAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        (dt.datetime(2019, 2, 3, 0, 0), "2019-02-03"),  # a real Excel date
        (dt.date(2019, 2, 3), "2019-02-03"),
        ("03/02/2019", "2019-02-03"),  # day first: 3 February
        ("3/2/2019", "2019-02-03"),
        ("3/2/19", "2019-02-03"),
        ("03-02-2019", "2019-02-03"),
        ("03.02.2019", "2019-02-03"),
        ("31/12/99", "1999-12-31"),  # a two-digit year ahead of today is the last century's
        ("2019-02-03", "2019-02-03"),
        ("2019-02", "2019-02"),
        ("Mar 2021", "2021-03"),
        ("March 2021", "2021-03"),
        ("march 2021", "2021-03"),
        ("Sept 2020", "2020-09"),
        ("Sep 2020", "2020-09"),
        ("Sept. 2020", "2020-09"),
        ("Mar-21", "2021-03"),
        ("2021", "2021"),
        ("  03/02/2019 ", "2019-02-03"),
    ],
)
def test_a_date_is_read_as_it_was_written(written: object, meant: str) -> None:
    assert read_date(written, today=TODAY) == PartialDate.parse(meant)


@pytest.mark.parametrize(
    "written", [None, "", "  ", "?", "TBC", "tbc", "N/A", "n/a", "NA", "ongoing", "Ongoing", "-"]
)
def test_not_known_in_its_usual_words_is_no_date(written: object) -> None:
    assert read_date(written, today=TODAY) is None


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("31/02/2019", "'31/02/2019' is not a real date: February 2019 has no day 31"),
        ("29/02/2019", "'29/02/2019' is not a real date: February 2019 has no day 29"),
        ("02/13/2019", "'02/13/2019' is not a real date: there is no month 13"),
        ("2019-02-30", "'2019-02-30' is not a real date"),
        ("soon", "'soon' is not a date: write it like 03/02/2019, Mar 2021 or 2021"),
        ("Marchish 2021", "'Marchish 2021' is not a date"),
        ("03/02", "'03/02' is not a date"),
    ],
)
def test_an_impossible_date_is_a_problem_never_a_guess(written: str, said: str) -> None:
    with pytest.raises(NotADate) as refused:
        read_date(written, today=TODAY)
    assert said in str(refused.value)


def test_a_leap_day_is_real_in_a_leap_year() -> None:
    assert read_date("29/02/2020", today=TODAY) == PartialDate(dt.date(2020, 2, 29))


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=TODAY))
def test_every_real_day_written_day_first_reads_back(day: dt.date) -> None:
    assert read_date(day.strftime("%d/%m/%Y"), today=TODAY) == PartialDate(day)
    assert read_date(f"{day.day}/{day.month}/{day:%y}", today=TODAY) == PartialDate(day)
