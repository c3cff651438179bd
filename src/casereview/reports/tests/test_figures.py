"""The report's figures against fixtures computed by hand (spec/report.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from casereview.accounts.models import Agency, Partnership
from casereview.actionplans import services as actions
from casereview.core.partialdates import PartialDate
from casereview.referrals import services as referrals
from casereview.referrals.models import Child, Referral
from casereview.reports.figures import age_band, compute, financial_year
from casereview.reviews import services as reviews
from casereview.testing.records import make_referral
from casereview.themes.models import Theme

pytestmark = pytest.mark.django_db
D = dt.date
START, END = D(2016, 1, 1), D(2017, 1, 31)


def agency(partnership: Partnership, key: str) -> Agency:
    return Agency.objects.get(partnership=partnership, external_key=key)


def theme(code: str) -> Theme:
    return Theme.objects.get(code=code, partnership=None)


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (D(2016, 3, 31), "2015/16"),
        (D(2016, 4, 1), "2016/17"),
        (D(2000, 1, 1), "1999/00"),
        (D(2099, 12, 31), "2099/00"),
    ],
)
def test_financial_years_run_from_april(day: dt.date, year: str) -> None:
    assert financial_year(day) == year


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (None, "not_recorded"),
        (0, "under_1"),
        (1, "1_to_5"),
        (5, "1_to_5"),
        (6, "6_to_10"),
        (10, "6_to_10"),
        (11, "11_to_15"),
        (15, "11_to_15"),
        (16, "16_plus"),
        (24, "16_plus"),
    ],
)
def test_age_bands(age: int | None, band: str) -> None:
    assert age_band(age) == band


def test_an_empty_period_has_every_always_present_key(partnership: Partnership) -> None:
    figures = compute(partnership, START, END)
    assert figures == {
        "partnership": "OSCB",
        "period": {"from": "2016-01-01", "to": "2017-01-31"},
        "referrals": {
            "received": 0,
            "by_referrer_kind": {},
            "decisions": {
                "review_commissioned": 0,
                "alternative_review": 0,
                "no_review": 0,
                "pending": 0,
            },
            "national_panel": {"submitted": 0, "contested": 0},
        },
        "reviews": {
            "worked_on": 0,
            "by_type": {},
            "by_methodology": {},
            "by_status": {},
            "signed_off_by_financial_year": {},
        },
        "children": {
            "count": 0,
            "by_sex": {"female": 0, "male": 0, "not_recorded": 0},
            "by_age_band": {
                "under_1": 0,
                "1_to_5": 0,
                "6_to_10": 0,
                "11_to_15": 0,
                "16_plus": 0,
                "not_recorded": 0,
            },
        },
        "themes": {},
        "recommendations": {
            "from_reviews_signed_off": 0,
            "by_scope": {"multi_agency": 0, "single_agency": 0},
        },
        "actions": {"total": 0, "by_status": {}, "overdue": 0},
        "statutory": {
            "notifications": {"made": 0, "on_time": 0, "late": 0},
            "rapid_reviews": {
                "sent": 0,
                "on_time": 0,
                "late": 0,
                "by_recommendation": {"lcspr": 0, "no_lcspr": 0, "undecided": 0},
            },
            "panel_responses": {
                "awaiting": 0,
                "agreed": 0,
                "contested": 0,
                "more_information": 0,
                "national_review": 0,
            },
            "reviews": {"published": 0, "not_published": 0, "days_to_publication_median": None},
        },
    }


def decide(referral: Referral, day: dt.date, outcome: str) -> None:
    referrals.record_decision(
        referral, date=PartialDate(day), outcome=outcome, rationale="Invented.", acting_user=None
    )


def test_referrals_on_the_periods_boundaries(partnership: Partnership) -> None:
    police, csc = agency(partnership, "tvp"), agency(partnership, "occ-csc")
    before = make_referral(partnership, received=PartialDate(D(2015, 12, 31)), aware=None)
    first_day = make_referral(
        partnership, received=PartialDate(START), aware=None, referred_by=police
    )
    last_day = make_referral(partnership, received=PartialDate(END), aware=None, referred_by=csc)
    a_month = make_referral(
        partnership, received=PartialDate(D(2017, 1, 1), "month"), aware=None, referred_by=csc
    )
    after = make_referral(partnership, received=PartialDate(D(2017, 2, 1)), aware=None)
    decide(first_day, D(2016, 2, 1), "review_commissioned")
    decide(last_day, D(2017, 2, 1), "no_review")  # decided after the period: still pending
    decide(before, D(2016, 1, 5), "alternative_review")  # received before: not counted
    for referral, sent in (
        (first_day, D(2016, 1, 10)),
        (last_day, D(2017, 1, 31)),
        (a_month, D(2017, 2, 2)),
    ):
        referrals.submit_to_national_panel(referral, submitted=PartialDate(sent), acting_user=None)
    referrals.record_panel_response(
        first_day.panel_submission,
        response="contested",
        response_date=PartialDate(D(2016, 2, 1)),
        acting_user=None,
    )
    figures = compute(partnership, START, END)["referrals"]
    assert figures == {
        "received": 3,  # the first day, the last day, and "January 2017" (its first day)
        "by_referrer_kind": {"childrens_social_care": 2, "police": 1},
        "decisions": {
            "review_commissioned": 1,
            "alternative_review": 0,
            "no_review": 0,
            "pending": 2,
        },
        "national_panel": {"submitted": 2, "contested": 1},  # a_month was sent after the period
    }
    assert after.received > END


def test_reviews_children_themes_recommendations_and_actions(partnership: Partnership) -> None:
    girl = Child.objects.create(
        partnership=partnership, pseudonym="Child J", sex="female", age_years=17
    )
    baby = Child.objects.create(
        partnership=partnership, pseudonym="Baby L", sex="male", age_years=0, age_months=3
    )
    unknown = Child.objects.create(partnership=partnership, pseudonym="Child X")
    old_child = Child.objects.create(
        partnership=partnership, pseudonym="Child Z", sex="male", age_years=4
    )

    # Finished (signed off and published) before the period: not worked on.
    old = reviews.create_review(
        partnership,
        acting_user=None,
        title="Child Z",
        type="scr",
        methodology="wt2010_imr",
        commissioned=D(2013, 1, 1),
        children=[old_child],
        themes=[theme("neglect")],
    )
    reviews.sign_off_review(old, signed_off=PartialDate(D(2014, 5, 1)), acting_user=None)
    reviews.publish_review(old, published=PartialDate(D(2015, 12, 31)), acting_user=None)
    # Signed off before the period but published in it: worked on (finished is the later date).
    child_j = reviews.create_review(
        partnership,
        acting_user=None,
        title="Child J",
        type="scr_dhr",
        methodology="wt2010_imr",
        commissioned=PartialDate(D(2014, 1, 1), "month"),
        children=[girl],
        themes=[theme("domestic_abuse"), theme("neglect")],
    )
    reviews.sign_off_review(
        child_j, signed_off=PartialDate(D(2015, 12, 1), "month"), acting_user=None
    )
    reviews.publish_review(child_j, published=PartialDate(D(2016, 3, 1), "month"), acting_user=None)
    # Signed off in the period, in 2016/17.
    baby_l = reviews.create_review(
        partnership,
        acting_user=None,
        title="Baby L",
        type="scr",
        methodology="reviewer_led",
        commissioned=D(2015, 1, 1),
        children=[baby, girl],
        themes=[theme("neglect")],
    )
    reviews.sign_off_review(
        baby_l, signed_off=PartialDate(D(2016, 7, 1), "month"), acting_user=None
    )
    # Commissioned on the period's last day: worked on, active.
    last = reviews.create_review(
        partnership,
        acting_user=None,
        title="Child X",
        type="scr",
        commissioned=END,
        children=[unknown],
    )
    # Commissioned after the period: not worked on.
    reviews.create_review(
        partnership, acting_user=None, title="Later", type="scr", commissioned=D(2017, 2, 1)
    )

    for number, scope in ((1, "multi_agency"), (2, "multi_agency"), (3, "single_agency")):
        recommendation = actions.add_recommendation(
            baby_l,
            number=number,
            text=f"R{number}",
            scope=scope,
            monitored_by="executive",
            acting_user=None,
        )
    actions.add_recommendation(
        child_j,
        number=1,
        text="Signed off before the period",
        scope="multi_agency",
        monitored_by="paqa",
        acting_user=None,
    )
    csc = agency(partnership, "occ-csc")
    late = actions.add_action(
        recommendation, text="Late", owner_agency=csc, due=D(2016, 12, 1), acting_user=None
    )
    on_the_day = actions.add_action(
        recommendation, text="Due on the last day", owner_agency=csc, due=END, acting_user=None
    )
    done = actions.add_action(
        recommendation, text="Done", owner_agency=csc, due=D(2016, 6, 1), acting_user=None
    )
    actions.change_action_status(
        done, status="completed", completed=D(2016, 5, 1), acting_user=None
    )
    actions.add_action(
        actions.add_recommendation(
            old,
            number=1,
            text="Old",
            scope="multi_agency",
            monitored_by="executive",
            acting_user=None,
        ),
        text="Not counted",
        owner_agency=csc,
        due=D(2015, 1, 1),
        acting_user=None,
    )
    assert late and on_the_day and last

    figures = compute(partnership, START, END)
    assert figures["reviews"] == {
        "worked_on": 3,
        "by_type": {"scr": 2, "scr_dhr": 1},
        "by_methodology": {"reviewer_led": 1, "wt2010_imr": 1},  # Child X has none recorded
        "by_status": {"active": 1, "completed": 1, "published": 1},
        "signed_off_by_financial_year": {"2015/16": 1, "2016/17": 1},
    }
    assert figures["children"] == {
        "count": 3,  # Child J counted once though in two reviews
        "by_sex": {"female": 1, "male": 1, "not_recorded": 1},
        "by_age_band": {
            "under_1": 1,
            "1_to_5": 0,
            "6_to_10": 0,
            "11_to_15": 0,
            "16_plus": 1,
            "not_recorded": 1,
        },
    }
    assert figures["themes"] == {"neglect": 2, "domestic_abuse": 1}
    assert figures["recommendations"] == {
        "from_reviews_signed_off": 3,
        "by_scope": {"multi_agency": 2, "single_agency": 1},
    }
    assert figures["actions"] == {
        "total": 3,
        "by_status": {"completed": 1, "not_started": 2},
        "overdue": 1,
    }
