"""Deadlines in working days, on real calendars: each nation's bank holidays differ."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from casereview.accounts.models import Partnership
from casereview.core.workingdays import add_one_month, add_working_days, working_days_between
from casereview.referrals import services
from casereview.referrals.criteria import Facts, assess, choose_framework
from casereview.testing.records import make_referral

D = dt.date


def deadlines(aware: dt.date, framework: str, nation: str = "england", **facts: Any) -> dict:
    found = assess(
        Facts(harm="death", abuse_or_neglect="known", aware=aware, **facts), nation, framework
    )
    return found.deadlines.as_dict()


def test_the_specs_own_example() -> None:
    assert deadlines(D(2016, 3, 1), "wt2015") == {
        "notify_by": "2016-03-08",
        "decide_by": "2016-04-08",
        "rapid_review_by": None,
    }


def test_christmas_and_new_year_substitute_days_2022() -> None:
    # Thursday 22 December 2022: 26 and 27 December (Christmas observed) and
    # 2 January 2023 (New Year observed) are not working days.
    assert deadlines(D(2022, 12, 22), "wt2018")["notify_by"] == "2023-01-03"


def test_the_state_funeral_on_19_september_2022() -> None:
    assert deadlines(D(2022, 9, 14), "wt2018")["notify_by"] == "2022-09-22"
    assert add_working_days(D(2022, 9, 16), 1, "england") == D(2022, 9, 20)


def test_the_coronation_on_8_may_2023() -> None:
    assert deadlines(D(2023, 5, 3), "wt2018")["notify_by"] == "2023-05-11"
    assert add_working_days(D(2023, 5, 5), 1, "england") == D(2023, 5, 9)


def test_rapid_review_is_fifteen_working_days_after_notification() -> None:
    result = deadlines(D(2022, 12, 22), "wt2018", notified=D(2022, 12, 23))
    # 23 Dec + 15 working days, skipping 26, 27 Dec and 2 Jan.
    assert result["rapid_review_by"] == "2023-01-18"


def test_scotlands_second_of_january() -> None:
    # Wednesday 27 December 2023. Scotland also keeps 2 January 2024.
    assert add_working_days(D(2023, 12, 27), 5, "scotland") == D(2024, 1, 5)
    assert add_working_days(D(2023, 12, 27), 5, "england") == D(2024, 1, 4)


def test_st_andrews_day_and_its_substitute() -> None:
    # 30 November 2023 was a Thursday; 30 November 2024 a Saturday, observed Monday 2 December.
    assert add_working_days(D(2023, 11, 29), 1, "scotland") == D(2023, 12, 1)
    assert add_working_days(D(2023, 11, 29), 1, "england") == D(2023, 11, 30)
    assert add_working_days(D(2024, 11, 29), 1, "scotland") == D(2024, 12, 3)
    assert add_working_days(D(2024, 11, 29), 1, "england") == D(2024, 12, 2)


def test_northern_irelands_17_march_and_12_july() -> None:
    assert add_working_days(D(2023, 3, 16), 1, "northern_ireland") == D(2023, 3, 20)
    assert add_working_days(D(2023, 3, 16), 1, "england") == D(2023, 3, 17)
    assert add_working_days(D(2023, 7, 11), 1, "northern_ireland") == D(2023, 7, 13)
    assert add_working_days(D(2023, 7, 11), 1, "wales") == D(2023, 7, 12)


def test_awareness_on_a_weekend_counts_from_the_next_working_day() -> None:
    # Saturday 5 March 2016: Monday 7 is the first working day, Friday 11 the fifth.
    assert deadlines(D(2016, 3, 5), "wt2015")["notify_by"] == "2016-03-11"
    assert deadlines(D(2016, 3, 6), "wt2015")["notify_by"] == "2016-03-11"


@pytest.mark.parametrize(
    ("start", "month_later"),
    [
        (D(2016, 1, 31), D(2016, 2, 29)),
        (D(2015, 1, 31), D(2015, 2, 28)),
        (D(2016, 3, 31), D(2016, 4, 30)),
        (D(2016, 12, 15), D(2017, 1, 15)),
    ],
)
def test_one_calendar_month_keeps_the_day_or_takes_the_months_last(
    start: dt.date, month_later: dt.date
) -> None:
    assert add_one_month(start) == month_later


def test_decide_by_counts_from_the_notification_when_there_is_one() -> None:
    result = deadlines(D(2016, 1, 25), "wt2015", notified=D(2016, 1, 29))
    assert result["decide_by"] == "2016-02-29"


def test_no_clock_without_awareness_or_without_death_or_serious_harm() -> None:
    assert assess(
        Facts(harm="death", abuse_or_neglect="known"), "england", "wt2015"
    ).deadlines.as_dict() == {
        "notify_by": None,
        "decide_by": None,
        "rapid_review_by": None,
    }
    other = assess(Facts(harm="other", abuse_or_neglect="known", aware=D(2016, 3, 1)), "england")
    assert other.deadlines.notify_by is None


def test_frameworks_without_encoded_notification_rules_have_no_deadlines() -> None:
    assert set(deadlines(D(2011, 3, 1), "wt2010").values()) == {None}
    assert set(deadlines(D(2020, 3, 2), "wales_cpr", "wales").values()) == {None}


@pytest.mark.parametrize(
    ("day", "framework"),
    [
        (D(2013, 4, 14), "wt2010"),
        (D(2013, 4, 15), "wt2013"),
        (D(2015, 3, 25), "wt2013"),
        (D(2015, 3, 26), "wt2015"),
        (D(2018, 6, 28), "wt2015"),
        (D(2018, 6, 29), "wt2018"),
        (D(2023, 12, 14), "wt2018"),
        (D(2023, 12, 15), "wt2023"),
    ],
)
def test_the_framework_in_force_in_england_on_the_day(day: dt.date, framework: str) -> None:
    assert choose_framework("england", day) == framework


def test_the_devolved_nations_each_have_their_own() -> None:
    assert [
        choose_framework(n, D(2016, 1, 1)) for n in ("wales", "scotland", "northern_ireland")
    ] == [
        "wales_cpr",
        "scotland_lr",
        "ni_cmr",
    ]


def test_working_days_between_counts_both_ways() -> None:
    assert working_days_between(D(2022, 12, 22), D(2023, 1, 3), "england") == 5
    assert working_days_between(D(2023, 1, 3), D(2022, 12, 22), "england") == -5


# Only a notifiable incident has deadlines (spec/criteria.md, Deadlines)

NOTHING = {"notify_by": None, "decide_by": None, "rapid_review_by": None}
FIRST_OF_MARCH_2016 = D(2016, 3, 1)


def clock(framework: str, aware: dt.date = FIRST_OF_MARCH_2016, **facts: Any) -> dict:
    return assess(Facts(aware=aware, **facts), "england", framework).deadlines.as_dict()


def test_a_looked_after_childs_death_is_notified_whatever_is_suspected() -> None:
    looked_after: dict[str, Any] = {"harm": "death", "looked_after_at_incident": "yes"}
    assert clock("wt2015", abuse_or_neglect="not_suspected", **looked_after) == {
        "notify_by": "2016-03-08",
        "decide_by": "2016-04-08",
        "rapid_review_by": None,
    }
    assert clock("wt2018", D(2022, 12, 22), abuse_or_neglect="not_suspected", **looked_after) == {
        "notify_by": "2023-01-03",
        "decide_by": None,
        "rapid_review_by": "2023-01-24",
    }


@pytest.mark.parametrize("framework", ["wt2013", "wt2015", "wt2018", "wt2023"])
@pytest.mark.parametrize("harm", ["death", "serious_harm"])
@pytest.mark.parametrize("looked_after", ["no", "unknown"])
def test_abuse_not_suspected_of_a_child_not_looked_after_has_no_deadline(
    framework: str, harm: str, looked_after: str
) -> None:
    assert (
        clock(
            framework,
            harm=harm,
            abuse_or_neglect="not_suspected",
            looked_after_at_incident=looked_after,
        )
        == NOTHING
    )


def test_a_looked_after_childs_serious_harm_with_nothing_suspected_is_not_notifiable() -> None:
    facts: dict[str, Any] = {"harm": "serious_harm", "abuse_or_neglect": "not_suspected"}
    assert clock("wt2018", looked_after_at_incident="yes", **facts) == NOTHING


def test_abuse_not_known_yet_keeps_the_clock_running_until_it_is_answered() -> None:
    assert clock("wt2015", harm="serious_harm", abuse_or_neglect="unknown")["notify_by"] == (
        "2016-03-08"
    )


@pytest.mark.django_db
def test_nothing_is_overdue_for_a_death_with_nothing_suspected_until_the_child_was_looked_after(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    referral = make_referral(
        partnership,
        framework="wt2018",
        abuse_or_neglect="not_suspected",
        child={"pseudonym": "Child U", "looked_after_at_incident": "no"},
    )
    assert (referral.notify_by, referral.rapid_review_by) == (None, None)
    panel_member = client_as("panel_member")
    home = panel_member.get("/").content.decode()
    assert f"{referral.reference}: notify by" not in home
    assert "No statutory deadline is due in the next 5 working days, and none is overdue" in home
    page = panel_member.get(reverse("referrals:referral", args=[referral.pk])).content.decode()
    assert "No statutory deadline applies" in page and "Overdue" not in page

    child = referral.children.get()
    services.change_child(child, acting_user=None, looked_after_at_incident="yes")
    referral.refresh_from_db()
    assert referral.notify_by == D(2016, 3, 8)
    assert f"{referral.reference}: notify by 8 March 2016" in panel_member.get("/").content.decode()
