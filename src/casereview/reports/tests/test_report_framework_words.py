"""The periodic report speaks the words of the guidance in force: under Working Together 2018
and later, the safeguarding partners and the Panel that disagrees and asks the partnership to
reconsider; under 2015, the board and the national panel that contested."""

from __future__ import annotations

import datetime as dt

import pytest

from casereview.accounts.models import Partnership
from casereview.core.partialdates import PartialDate
from casereview.referrals import services as referrals
from casereview.referrals.choices import DecisionOutcome, PanelResponse
from casereview.reports.document import ReportDocument, build
from casereview.reviews import services as reviews
from casereview.reviews.choices import ReviewType
from casereview.testing.records import make_contested_referral, make_referral, make_review

pytestmark = pytest.mark.django_db
D = dt.date


def text(report: ReportDocument) -> str:
    return " ".join(
        [p for s in report.sections for p in s.paragraphs]
        + [str(cell) for s in report.sections for t in s.tables for row in t.rows for cell in row]
    )


def published(partnership: Partnership, *, framework: str, commissioned: dt.date) -> None:
    review = make_review(
        partnership,
        title=f"Child {framework}",
        type=ReviewType.LCSPR if framework == "wt2023" else ReviewType.SCR,
        framework=framework,
        commissioned=PartialDate(commissioned),
    )
    reviews.sign_off_review(
        review, signed_off=PartialDate(commissioned + dt.timedelta(days=150)), acting_user=None
    )
    reviews.publish_review(
        review, published=PartialDate(commissioned + dt.timedelta(days=170)), acting_user=None
    )


def test_a_2024_report_says_what_working_together_2023_says(partnership: Partnership) -> None:
    referral = make_referral(
        partnership,
        received=PartialDate(D(2024, 2, 5)),
        aware=PartialDate(D(2024, 2, 1)),
        notified=PartialDate(D(2024, 2, 2)),
    )
    referrals.record_decision(
        referral,
        date=PartialDate(D(2024, 2, 20)),
        outcome=DecisionOutcome.NO_REVIEW,
        acting_user=None,
    )
    submission = referrals.submit_to_national_panel(
        referral, submitted=PartialDate(D(2024, 2, 21)), acting_user=None
    )
    referrals.record_panel_response(
        submission,
        response=PanelResponse.CONTESTED,
        response_date=PartialDate(D(2024, 3, 6)),
        acting_user=None,
    )
    published(partnership, framework="wt2023", commissioned=D(2024, 1, 8))
    said = text(build(partnership, D(2024, 1, 1), D(2024, 12, 31)))
    assert "One new case was brought to the attention of the safeguarding partners" in said
    assert (
        "One case was submitted to the Child Safeguarding Practice Review Panel, which "
        "disagreed with and asked the partnership to reconsider one decision." in said
    )
    assert "Agreed by the safeguarding partners 6 June 2024; published 26 June 2024" in said
    assert "contested" not in said and "the board" not in said


def test_a_2016_report_keeps_the_words_of_working_together_2015(
    partnership: Partnership,
) -> None:
    make_contested_referral(partnership)
    published(partnership, framework="wt2015", commissioned=D(2016, 1, 4))
    said = text(build(partnership, D(2016, 1, 1), D(2016, 12, 31)))
    assert "One new case was brought to the attention of the board" in said
    assert "One case was submitted to the national panel, which contested one decision." in said
    assert "Signed off 2 June 2016; published 22 June 2016" in said
