"""The report asks the database the same number of questions whatever the partnership holds:
a board report for 500 reviews must not ask 500 times more than one for a single review."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casereview.accounts.models import Agency, GlossaryTerm, Partnership
from casereview.actionplans.choices import ActionStatus, MonitoringGroup, Scope
from casereview.actionplans.models import AgencyAction, ProgressUpdate, Recommendation
from casereview.core.choices import DatePrecision
from casereview.learning.models import EventAttendance, LearningEvent
from casereview.referrals.choices import (
    AbuseOrNeglect,
    DecisionOutcome,
    Framework,
    Harm,
    Outcome,
    PanelResponse,
    RapidReviewRecommendation,
    Sex,
)
from casereview.referrals.models import Child, Decision, PanelSubmission, RapidReview, Referral
from casereview.reports import document, figures
from casereview.reports.models import ReportNarrative, ReportSettings
from casereview.reports.renderers import as_docx, as_html
from casereview.reviews.choices import ReviewStatus, ReviewType
from casereview.reviews.models import FamilyContribution, LearningPoint, Review
from casereview.themes.models import Theme

pytestmark = pytest.mark.django_db
START, END = dt.date(2016, 4, 1), dt.date(2017, 3, 31)
FEW, MANY = 1, 50


def a_case_of_each_kind(partnership: Partnership, n: int) -> None:
    """One of every record the report reads, each with what the notes on the records point
    out: a referral decided without reasons, notified, rapid-reviewed and submitted to the
    Panel; a child whose details are not recorded; a published review (dates known to the
    month only, no methodology) with the child, themes, a family member's contribution, a
    learning point and a recommendation whose actions are verified, updated without a date or
    without a due date; a review not published, the decision taken in the period; and a
    learning event not all counted by agency."""
    agencies = list(Agency.objects.filter(partnership=partnership).order_by("pk")[:2])
    neglect, fathers = Theme.objects.filter(
        partnership=None, code__in=["neglect", "engaging_fathers"]
    )
    day = START + dt.timedelta(days=n)
    child = Child.objects.create(
        partnership=partnership, pseudonym=f"Child {n:03d}", sex=Sex.NOT_RECORDED, age_years=None
    )
    referral = Referral.objects.create(
        partnership=partnership,
        reference=f"Q-{n:03d}",
        received=day,
        referred_by=agencies[0],
        aware=None,
        harm=Harm.DEATH,
        abuse_or_neglect=AbuseOrNeglect.SUSPECTED,
        assessed_framework=Framework.WT2015,
        assessed_outcome=Outcome.REVIEW_REQUIRED,
        notified=day,
        notify_by=day - dt.timedelta(days=1),
        rapid_review_by=day + dt.timedelta(days=20),
    )
    referral.children.add(child)
    Decision.objects.create(
        referral=referral, date=day, outcome=DecisionOutcome.REVIEW_COMMISSIONED, rationale=""
    )
    PanelSubmission.objects.create(
        partnership=partnership,
        referral=referral,
        submitted=day,
        response=PanelResponse.CONTESTED,
    )
    RapidReview.objects.create(
        partnership=partnership,
        referral=referral,
        meeting=day,
        recommendation=RapidReviewRecommendation.LCSPR,
        sent_to_panel=day + dt.timedelta(days=30),
    )
    published = Review.objects.create(
        partnership=partnership,
        title=f"Child {n:03d}",
        type=ReviewType.SCR,
        methodology="",
        status=ReviewStatus.PUBLISHED,
        commissioned=START,  # known to the month only
        commissioned_precision=DatePrecision.MONTH,
        signed_off=day + dt.timedelta(days=60),
        published=day + dt.timedelta(days=30),
        summary="Invented review.",
    )
    published.children.add(child)
    published.themes.add(neglect, fathers)
    withheld = Review.objects.create(
        partnership=partnership,
        title=f"Child W{n:03d}",
        type=ReviewType.LCSPR,
        status=ReviewStatus.COMPLETED,
        commissioned=day,
        signed_off=day + dt.timedelta(days=40),
        decided_not_to_publish=day + dt.timedelta(days=50),
        not_published_reason="To protect the siblings.",
    )
    FamilyContribution.objects.create(
        review=published, date=day, member="Mother", facilitated_by=agencies[1]
    )
    LearningPoint.objects.create(review=published, text="Think about the father.").themes.add(
        fathers
    )
    LearningPoint.objects.create(review=withheld, text="Ask who else lives there.").themes.add(
        fathers
    )
    for review in (published, withheld):
        recommendation = Recommendation.objects.create(
            partnership=partnership,
            review=review,
            number=1,
            text="Agencies should involve fathers.",
            scope=Scope.MULTI_AGENCY,
            monitored_by=MonitoringGroup.EXECUTIVE,
        )
        verified = AgencyAction.objects.create(
            partnership=partnership,
            recommendation=recommendation,
            text="Audit the recording of fathers.",
            owner_agency=agencies[0],
            due=day,
            status=ActionStatus.VERIFIED,
            completed=day + dt.timedelta(days=10),
            verified_on=day + dt.timedelta(days=20),
        )
        ProgressUpdate.objects.create(action=verified, date=None, text="Audit shows fathers named.")
        AgencyAction.objects.create(
            partnership=partnership,
            recommendation=recommendation,
            text="Train the front door.",
            owner_agency=agencies[1],
            due=None,
            status=ActionStatus.VERIFIED,
            completed=day + dt.timedelta(days=10),
            verified_on=None,
            position=1,
        )
    event = LearningEvent.objects.create(
        partnership=partnership, date=day, title=f"Briefing {n:03d}", attendance=20
    )
    EventAttendance.objects.create(event=event, agency=agencies[0], attended=12)


def the_text_and_settings(partnership: Partnership) -> None:
    kept = ReportSettings.objects.create(
        partnership=partnership, board="the board", subgroup="the subgroup", author="Robin"
    )
    kept.subgroup_members.set(Agency.objects.filter(partnership=partnership)[:2])
    ReportNarrative.objects.create(
        partnership=partnership,
        date_from=START,
        date_to=END,
        national_context="The Panel's review.",
        family_contribution="Families took part.",
        outcomes="Fathers are named.",
    )
    GlossaryTerm.objects.create(partnership=partnership, term="LCSPR", meaning="A local review.")


def queries_of(ask: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as captured:
        ask()
    return len(captured.captured_queries)


def queries_for_the_report(partnership: Partnership, kind: str, client: Client) -> dict[str, int]:
    """How many queries each form of the report takes: the figures, the document as HTML and
    as Word with the notes for its author, the report page and its downloads."""
    query = (
        f"date_from_0={START.day}&date_from_1={START.month}&date_from_2={START.year}"
        f"&date_to_0={END.day}&date_to_1={END.month}&date_to_2={END.year}&kind={kind}&notes=1"
    )

    def built() -> document.ReportDocument:
        return document.build(partnership, START, END, kind=kind, with_notes=True)

    def get(url: str) -> None:
        assert client.get(f"{url}?{query}").status_code == 200

    # The session is renewed at most once a minute (core.middleware): a request first, so
    # that none of those counted is the one that renews it.
    get(reverse("reports:report"))
    return {
        "figures": queries_of(lambda: figures.compute(partnership, START, END, kind=kind)),
        "notes": queries_of(lambda: document.notes_on_records(partnership, START, END, kind=kind)),
        "html": queries_of(lambda: as_html(built())),
        "word": queries_of(lambda: as_docx(built())),
        "page": queries_of(lambda: get(reverse("reports:report"))),
        **{
            f"download as {code}": queries_of(
                partial(get, reverse("reports:download", args=[code]))
            )
            for code in ("json", "html", "docx")
        },
    }


@pytest.mark.parametrize("kind", figures.KINDS)
def test_the_report_asks_as_much_for_fifty_cases_as_for_one(
    partnership: Partnership, client_as: Callable[..., Client], kind: str
) -> None:
    the_text_and_settings(partnership)
    a_case_of_each_kind(partnership, 0)
    client = client_as("manager")
    for_one = queries_for_the_report(partnership, kind, client)
    for n in range(FEW, MANY):
        a_case_of_each_kind(partnership, n)
    for_fifty = queries_for_the_report(partnership, kind, client)

    report = document.build(partnership, START, END, kind=kind, with_notes=True)
    if kind == figures.PERIODIC:
        assert report.figures["reviews"]["worked_on"] == 2 * MANY
        assert any(f"{MANY} reviews" in p for s in report.sections for p in s.paragraphs)
    else:
        assert report.figures["learning_events"]["held"] == MANY
        assert report.figures["statutory"]["reviews"]["published"] == MANY
    assert for_fifty == for_one
