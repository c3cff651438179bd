"""The yearly report's statutory figures against fixtures computed by hand (spec/report.md,
version 2). The period, Monday 3 June to Wednesday 31 July 2024, holds no bank holiday in
England, and neither do the working days counted for its deadlines."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.management import call_command

from casereview.accounts.models import Partnership
from casereview.core.partialdates import PartialDate
from casereview.exchange.files import seed_document
from casereview.exchange.services import import_document
from casereview.referrals import services as referrals
from casereview.referrals.choices import (
    Framework,
    Harm,
    RapidReviewRecommendation,
    SafeguardingPartner,
    Sex,
)
from casereview.referrals.models import RapidReview, Referral
from casereview.reports.figures import compute, lower_median
from casereview.reviews import services as reviews
from casereview.reviews.models import Review
from casereview.testing.records import make_referral

pytestmark = pytest.mark.django_db
D = dt.date
START, END = D(2024, 6, 3), D(2024, 7, 31)
BEFORE, AFTER = D(2024, 6, 2), D(2024, 8, 1)


def statutory(partnership: Partnership) -> dict:
    return compute(partnership, START, END)["statutory"]


def case(
    partnership: Partnership,
    aware: dt.date,
    notified: PartialDate | dt.date | None = None,
    **facts: object,
) -> Referral:
    """A 2023 referral of a child seriously harmed by suspected abuse: notifiable, so it is
    notified within 5 working days of `aware` and its rapid review sent within 15 working
    days of the notification."""
    fields: dict[str, Any] = {
        "received": PartialDate(aware),
        "aware": PartialDate(aware),
        "notified": PartialDate.coerce(notified),
        "harm": Harm.SERIOUS_HARM,
        "framework": Framework.WT2023,
        "child": {"pseudonym": f"Child {aware:%d%m}", "sex": Sex.MALE},
    }
    return make_referral(partnership, **(fields | facts))


def not_notifiable(partnership: Partnership, notified: dt.date | None = None) -> Referral:
    """A death with nothing suspected of a child not looked after: no deadline applies."""
    referral = case(
        partnership,
        D(2024, 6, 10),
        notified,
        harm=Harm.DEATH,
        abuse_or_neglect="not_suspected",
        child={"pseudonym": "Child U", "looked_after_at_incident": "no"},
    )
    assert (referral.notify_by, referral.rapid_review_by) == (None, None)
    return referral


def test_notifications_made_in_the_period_on_time_or_late(partnership: Partnership) -> None:
    # notify-by is 5 working days after the partnership learnt of the incident
    on_first_day = case(partnership, D(2024, 5, 29), D(2024, 6, 3))  # by Wed 5 June
    on_last_day_on_its_deadline = case(partnership, D(2024, 7, 24), END)  # by Wed 31 July
    late = case(partnership, D(2024, 6, 10), D(2024, 6, 18))  # by Mon 17 June
    # "July 2024" counts as 1 July, the day it was due by (learnt of on Mon 24 June)
    a_month = case(partnership, D(2024, 6, 24), PartialDate(D(2024, 7, 1), "month"))
    no_deadline = not_notifiable(partnership, D(2024, 7, 1))  # on time: nothing was due
    case(partnership, D(2024, 5, 20), D(2024, 5, 31))  # the day before the period: left out
    case(partnership, D(2024, 7, 29), AFTER)  # the day after: left out
    case(partnership, D(2024, 7, 1))  # not notified: left out
    assert [r.notify_by for r in (on_first_day, on_last_day_on_its_deadline, late, a_month)] == [
        D(2024, 6, 5),
        D(2024, 7, 31),
        D(2024, 6, 17),
        D(2024, 7, 1),
    ]
    assert no_deadline.notified == D(2024, 7, 1)

    assert statutory(partnership)["notifications"] == {"made": 5, "on_time": 4, "late": 1}


def rapid_review(
    referral: Referral, recommendation: str, sent: PartialDate | dt.date | None
) -> RapidReview:
    record = referrals.record_rapid_review(
        referral,
        meeting=PartialDate(referral.received),
        recommendation=recommendation,
        acting_user=None,
    )
    for partner in SafeguardingPartner:
        referrals.sign_off_rapid_review(record, partner=partner, acting_user=None)
    if sent is not None:
        referrals.send_rapid_review_to_panel(record, sent=sent, acting_user=None)
    return record


def test_rapid_reviews_sent_in_the_period_on_time_or_late_by_recommendation(
    partnership: Partnership,
) -> None:
    lcspr, no_lcspr = RapidReviewRecommendation.LCSPR, RapidReviewRecommendation.NO_LCSPR
    # rapid-review-by is 15 working days (three weeks here) after the notification
    first_day = case(partnership, D(2024, 5, 28), D(2024, 5, 28))  # by Tue 18 June
    on_its_deadline = case(partnership, D(2024, 6, 10), D(2024, 6, 10))  # by Mon 1 July
    late_on_last_day = case(partnership, D(2024, 7, 8), D(2024, 7, 8))  # by Mon 29 July
    assert [r.rapid_review_by for r in (first_day, on_its_deadline, late_on_last_day)] == [
        D(2024, 6, 18),
        D(2024, 7, 1),
        D(2024, 7, 29),
    ]
    rapid_review(first_day, lcspr, START)
    rapid_review(on_its_deadline, no_lcspr, D(2024, 7, 1))
    rapid_review(late_on_last_day, no_lcspr, END)
    rapid_review(not_notifiable(partnership), lcspr, D(2024, 6, 20))  # no deadline: on time
    rapid_review(case(partnership, D(2024, 5, 13), D(2024, 5, 13)), no_lcspr, BEFORE)
    rapid_review(case(partnership, D(2024, 7, 10), D(2024, 7, 10)), lcspr, AFTER)
    rapid_review(case(partnership, D(2024, 7, 15), D(2024, 7, 15)), lcspr, None)  # not sent

    assert statutory(partnership)["rapid_reviews"] == {
        "sent": 4,
        "on_time": 3,
        "late": 1,
        "by_recommendation": {"lcspr": 2, "no_lcspr": 2, "undecided": 0},
    }


def test_the_panels_responses_to_the_cases_sent_in_the_period(partnership: Partnership) -> None:
    def sent(day: PartialDate | dt.date, response: str = "awaiting") -> None:
        referral = case(partnership, D(2024, 5, 1), D(2024, 5, 2))
        submission = referrals.submit_to_national_panel(referral, submitted=day, acting_user=None)
        if response != "awaiting":
            referrals.record_panel_response(
                submission, response=response, response_date=D(2024, 9, 2), acting_user=None
            )

    sent(START)  # awaiting the Panel's response
    sent(END, "agreed")
    sent(D(2024, 6, 14), "contested")
    sent(PartialDate(D(2024, 7, 1), "month"), "more_information")  # counts as 1 July
    sent(PartialDate(D(2024, 6, 1), "month"), "agreed")  # "June 2024" is 1 June: left out
    sent(BEFORE, "national_review")
    sent(AFTER, "agreed")

    assert statutory(partnership)["panel_responses"] == {
        "awaiting": 1,
        "agreed": 1,
        "contested": 1,
        "more_information": 1,
        "national_review": 0,
    }


def review(
    partnership: Partnership,
    commissioned: PartialDate | dt.date,
    published: PartialDate | dt.date | None = None,
    not_published: dt.date | None = None,
) -> Review:
    made = reviews.create_review(
        partnership,
        acting_user=None,
        title=f"Child {Review.objects.count() + 1}",
        type="lcspr",
        commissioned=commissioned,
    )
    reviews.sign_off_review(made, signed_off=PartialDate.coerce(commissioned), acting_user=None)
    if not_published is not None:
        reviews.withhold_review(
            made,
            decided_not_to_publish=not_published,
            reason="Invented: publishing would identify the child's siblings.",
            acting_user=None,
        )
    if published is not None:
        reviews.publish_review(made, published=published, acting_user=None)
    return made


def test_reviews_published_or_not_and_the_median_days_to_publication(
    partnership: Partnership,
) -> None:
    review(partnership, D(2023, 6, 3), START)  # 366 days (2024 is a leap year)
    review(partnership, D(2024, 1, 1), END)  # 31 + 29 + 31 + 30 + 31 + 30 + 30 = 212 days
    # December 2023 counts as 1 December, July 2024 as 1 July: 31 + 182 = 213 days
    review(
        partnership,
        PartialDate(D(2023, 12, 1), "month"),
        PartialDate(D(2024, 7, 1), "month"),
    )
    review(partnership, D(2024, 7, 1), D(2024, 7, 15))  # 14 days
    review(partnership, D(2023, 1, 1), BEFORE)  # left out
    review(partnership, D(2023, 1, 1), AFTER)  # left out
    review(partnership, D(2023, 1, 1), PartialDate(D(2024, 6, 1), "month"))  # 1 June: left out
    review(partnership, D(2023, 5, 1), not_published=START)
    review(partnership, D(2023, 5, 1), not_published=END)
    review(partnership, D(2023, 5, 1), not_published=BEFORE)  # left out
    review(partnership, D(2023, 5, 1), not_published=AFTER)  # left out
    # decided not to publish in the period, published after it: counted as not published
    review(partnership, D(2023, 5, 1), published=D(2024, 9, 2), not_published=D(2024, 6, 20))
    review(partnership, D(2024, 2, 1))  # signed off, neither published nor withheld

    # 14, 212, 213, 366: the lower of the two middle values, not their mean (212.5)
    assert statutory(partnership)["reviews"] == {
        "published": 4,
        "not_published": 3,
        "days_to_publication_median": 212,
    }


def test_the_median_of_none_is_null_and_of_an_odd_count_its_middle() -> None:
    assert lower_median([]) is None
    assert lower_median([300, 7, 40]) == 40
    assert lower_median([5, 1]) == 1


def test_an_empty_period_has_every_statutory_key(partnership: Partnership) -> None:
    review(partnership, D(2023, 5, 1), not_published=D(2024, 6, 20))  # withheld, none published
    assert statutory(partnership) == {
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
        "reviews": {"published": 0, "not_published": 1, "days_to_publication_median": None},
    }


def test_the_command_prints_the_statutory_figures(
    partnership: Partnership, capsys: pytest.CaptureFixture[str]
) -> None:
    case(partnership, D(2024, 6, 10), D(2024, 6, 18))  # late: due Mon 17 June
    call_command(
        "report",
        "--partnership",
        "OSCB",
        "--from",
        "2024-06-03",
        "--to",
        "2024-07-31",
        "--format",
        "json",
    )
    printed = json.loads(capsys.readouterr().out)
    assert printed["statutory"]["notifications"] == {"made": 1, "on_time": 0, "late": 1}
    assert printed["statutory"]["reviews"]["days_to_publication_median"] is None


def test_the_seeds_statutory_figures_for_its_period(partnership: Partnership) -> None:
    """Oxfordshire's seed, before the 2018 process: nothing notified or sent in the period
    (its two cases went to the Panel in August and November 2015), three reviews published."""
    import_document(seed_document())
    figures = compute(partnership, D(2016, 1, 1), D(2017, 1, 31))["statutory"]
    assert figures["notifications"] == {"made": 0, "on_time": 0, "late": 0}
    assert figures["rapid_reviews"]["sent"] == 0
    assert set(figures["panel_responses"].values()) == {0}
    # Baby L, January 2015 to October 2016: 365 + 274 = 639 days; Child J, January 2014 to
    # March 2016: 730 + 31 + 29 = 790; Child Q, September 2014 to January 2017: 731 + 122 =
    # 853. Child A and Child B, published in February 2017, is after the period.
    assert figures["reviews"] == {
        "published": 3,
        "not_published": 0,
        "days_to_publication_median": 790,
    }
