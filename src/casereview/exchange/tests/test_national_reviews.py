"""National reviews are not in the exchange format (spec/exchange-format.md is silent on them):
the export leaves them out, and an import, which matches recommendations by their review and
number, neither removes nor changes them."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable

import pytest

from casereview.accounts.models import Agency, Partnership, User
from casereview.actionplans import services as actionplans
from casereview.actionplans.choices import MonitoringGroup, Scope
from casereview.actionplans.models import AgencyAction, ProgressUpdate, Recommendation
from casereview.exchange.files import seed_document
from casereview.exchange.selectors import export_document
from casereview.exchange.services import import_document, preview_import
from casereview.reviews.models import NationalReview, Review
from casereview.testing.records import make_national_review

pytestmark = pytest.mark.django_db

FATHERS = "Agencies should involve fathers and male carers in assessments and plans."


def with_a_national_review(partnership: Partnership, manager: User) -> NationalReview:
    """A national review with two recommendations, an action on each and an update."""
    national = make_national_review(partnership, acting_user=manager)
    agencies = list(Agency.objects.filter(partnership=partnership).order_by("pk")[:2])
    for number, agency in enumerate(agencies, start=1):
        recommendation = actionplans.add_recommendation(
            national,
            number=number,
            text=f"{FATHERS} ({number})",
            scope=Scope.MULTI_AGENCY,
            monitored_by=MonitoringGroup.EXECUTIVE,
            acting_user=manager,
        )
        action = actionplans.add_action(
            recommendation,
            text=f"Act on the national review's recommendation {number}",
            owner_agency=agency,
            due=dt.date(2022, 3, 31),
            acting_user=manager,
        )
        actionplans.add_progress_update(
            action, date=dt.date(2022, 1, 10), text="Begun.", acting_user=manager
        )
    return national


def with_a_local_recommendation(partnership: Partnership) -> Recommendation:
    """Recommendation 1 of one of the seed's reviews, numbered as the national review's first
    is, with an action."""
    review = Review.objects.filter(partnership=partnership).order_by("pk")[0]
    recommendation = actionplans.add_recommendation(
        review,
        number=1,
        text="The partnership should audit its neglect strategy.",
        scope=Scope.MULTI_AGENCY,
        monitored_by=MonitoringGroup.EXECUTIVE,
        acting_user=None,
    )
    actionplans.add_action(
        recommendation,
        text="Audit the neglect strategy",
        owner_agency=Agency.objects.filter(partnership=partnership).order_by("pk")[0],
        acting_user=None,
    )
    return recommendation


def national_records(national: NationalReview) -> list[tuple]:
    """What the partnership recorded of the national review, to compare before and after."""
    return [
        (r.pk, r.number, r.text, a.pk, a.text, a.status, a.due, a.last_update, u.pk, u.text)
        for r in Recommendation.objects.filter(national_review=national).order_by("number")
        for a in AgencyAction.objects.filter(recommendation=r)
        for u in ProgressUpdate.objects.filter(action=a)
    ]


def test_the_export_leaves_national_reviews_out_and_importing_it_again_keeps_them(
    partnership: Partnership, acting_as: Callable
) -> None:
    import_document(seed_document())
    with_a_local_recommendation(partnership)
    before = export_document(partnership)
    national = with_a_national_review(partnership, acting_as("manager"))
    recorded = national_records(national)
    assert len(recorded) == 2

    exported = export_document(partnership)
    assert exported == before  # nothing of the national review is in the document
    assert [len(r["recommendations"]) for r in exported["reviews"]].count(1) == 1
    assert "invisible men" not in json.dumps(exported) and FATHERS not in json.dumps(exported)

    assert not preview_import(copy.deepcopy(exported)).changes_anything
    import_document(exported)
    assert NationalReview.objects.filter(pk=national.pk).exists()
    assert national_records(national) == recorded
    assert export_document(partnership) == exported


def test_an_import_that_removes_a_reviews_recommendations_keeps_the_national_ones(
    partnership: Partnership, acting_as: Callable
) -> None:
    import_document(seed_document())
    local = with_a_local_recommendation(partnership)
    national = with_a_national_review(partnership, acting_as("manager"))
    recorded = national_records(national)
    document = export_document(partnership)
    for review in document["reviews"]:
        review["recommendations"] = []
    summary = import_document(document)
    assert summary.tallies["recommendations"].deleted == 1
    assert not Recommendation.objects.filter(pk=local.pk).exists()
    assert national_records(national) == recorded
