"""A national review's recommendations and actions are the partnership's work on the Panel's
findings, not its own reviews': no figure of the report changes for them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from casereview.accounts.models import Agency, Partnership
from casereview.actionplans import services as actionplans
from casereview.actionplans.choices import ActionStatus, MonitoringGroup, Scope
from casereview.exchange.files import seed_document
from casereview.exchange.services import import_document
from casereview.reports.figures import KINDS, compute
from casereview.testing.records import make_national_review

pytestmark = pytest.mark.django_db

# A year of the seed's, and one to today (when the action below is verified).
PERIODS = (
    (dt.date(2016, 4, 1), dt.date(2017, 3, 31)),
    (dt.date(2010, 1, 1), dt.date(2030, 12, 31)),
)


def test_the_seeds_figures_are_the_same_with_a_national_review_and_its_actions(
    partnership: Partnership, acting_as: Callable
) -> None:
    import_document(seed_document())
    before = [compute(partnership, *period, kind=kind) for period in PERIODS for kind in KINDS]
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
        action = actionplans.add_action(
            recommendation,
            text=f"An overdue action ({number})",
            owner_agency=agency,
            due=dt.date(2016, 10, 1),
            acting_user=None,
        )
        if number == 2:  # completed, and verified by the executive group today
            actionplans.add_progress_update(
                action, date=dt.date(2016, 11, 1), text="Done.", acting_user=None
            )
            actionplans.change_action_status(
                action,
                status=ActionStatus.COMPLETED,
                completed=dt.date(2016, 11, 1),
                acting_user=None,
            )
            actionplans.change_action_status(
                action, status=ActionStatus.VERIFIED, acting_user=acting_as("manager")
            )
    after = [compute(partnership, *period, kind=kind) for period in PERIODS for kind in KINDS]
    assert after == before
