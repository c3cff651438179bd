"""A national review's recommendations and actions are the partnership's work on the Panel's
findings, not its own reviews': no figure of the report changes for them."""

from __future__ import annotations

import datetime as dt

import pytest

from casereview.accounts.models import Agency, Partnership
from casereview.actionplans import services as actionplans
from casereview.actionplans.choices import MonitoringGroup, Scope
from casereview.exchange.files import seed_document
from casereview.exchange.services import import_document
from casereview.reports.figures import compute
from casereview.testing.records import make_national_review

pytestmark = pytest.mark.django_db

PERIODS = (
    (dt.date(2016, 4, 1), dt.date(2017, 3, 31)),
    (dt.date(2010, 1, 1), dt.date(2030, 12, 31)),
)


def test_the_seeds_figures_are_the_same_with_a_national_review_and_its_actions(
    partnership: Partnership,
) -> None:
    import_document(seed_document())
    before = [compute(partnership, start, end) for start, end in PERIODS]
    national = make_national_review(partnership, published=dt.date(2016, 9, 1))
    agency = Agency.objects.filter(partnership=partnership).order_by("pk")[0]
    for number in (1, 2):
        recommendation = actionplans.add_recommendation(
            national,
            number=number,
            text=f"A recommendation of the Panel's ({number})",
            scope=Scope.SINGLE_AGENCY if number == 1 else Scope.MULTI_AGENCY,
            monitored_by=MonitoringGroup.EXECUTIVE,
            acting_user=None,
        )
        actionplans.add_action(
            recommendation,
            text=f"An overdue action ({number})",
            owner_agency=agency,
            due=dt.date(2016, 10, 1),
            acting_user=None,
        )
    after = [compute(partnership, start, end) for start, end in PERIODS]
    assert after == before
