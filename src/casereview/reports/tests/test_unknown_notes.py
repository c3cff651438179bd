"""The report's notes for the author list what the records leave unknown, one note a kind of
fact, naming the records; the figures never count an unknown as known."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from docx import Document

from casereview.accounts.models import Partnership
from casereview.actionplans import services as actions
from casereview.core.partialdates import PartialDate
from casereview.referrals import services as referrals
from casereview.reports.document import build
from casereview.reports.renderers import as_docx
from casereview.reviews import services as reviews
from casereview.testing.records import make_action, make_referral, make_review

pytestmark = pytest.mark.django_db
START, END = dt.date(2016, 1, 1), dt.date(2017, 1, 31)


def test_each_kind_of_unknown_is_one_note_naming_its_records(
    acting_as: Callable, partnership: Partnership
) -> None:
    manager = acting_as("manager")
    first = make_review(partnership, title="Child J")
    second = make_review(partnership, title="Child K")
    for review in (first, second):
        reviews.sign_off_review(review, signed_off=None, acting_user=manager)
    briefing = make_action(partnership, review=first, due=None, text="Deliver a briefing")
    make_action(partnership, review=first, due=None, text="Audit, then report " + "x" * 80)
    make_action(partnership, review=second, text="Dated")  # due 31 March 2017
    for text in ("Drafted.", "Booked."):
        actions.add_progress_update(briefing, date=None, text=text, acting_user=manager)
    decided = []
    for day in (4, 5):
        referral = make_referral(partnership, received=PartialDate(dt.date(2016, 3, day)))
        decided.append(referral.reference)
        referrals.record_decision(
            referral,
            date=PartialDate(dt.date(2016, 4, 1)),
            outcome="no_review",
            acting_user=manager,
        )
    report = build(partnership, START, END, with_notes=True)
    audit = "Audit, then report " + "x" * 40 + "…"
    assert (
        "Two actions have no due date (not rated, and never counted as overdue): "
        "Deliver a briefing (Child J, recommendation 1); "
        f"{audit} (Child J, recommendation 1)." in report.notes
    )
    assert (
        "Two progress updates have no date (shown, but never counted as a recent update for the "
        "rating), on the action: Deliver a briefing (Child J, recommendation 1)." in report.notes
    )
    assert (
        f"The decisions on referrals {decided[0]} and {decided[1]} have no reasons recorded."
        in report.notes
    )
    assert (
        "Child J and Child K: signed off, but the sign-off dates are not known (left out of the "
        "sign-offs by financial year and the recommendations from reviews signed off)."
        in report.notes
    )
    assert report.figures["actions"]["overdue"] == 0  # the dated one is due after the period
    assert report.figures["reviews"]["signed_off_by_financial_year"] == {}
    written = Document(io.BytesIO(as_docx(report)))
    text = "\n".join(p.text for p in written.paragraphs)
    assert "Notes on the records, for the author" in text
    assert "have no reasons recorded" in text


def test_records_with_nothing_unknown_give_no_such_note(partnership: Partnership) -> None:
    make_action(partnership)
    notes = " ".join(build(partnership, START, END, with_notes=True).notes)
    assert "no due date" not in notes and "not known" not in notes
