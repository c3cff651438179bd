"""The national data set's generator, at a tiny scale: the shape the benchmark relies on."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db.models import Count, F

from casereview.accounts.models import Membership, Partnership
from casereview.actionplans.models import AgencyAction, Recommendation
from casereview.core.audit import verify_chain
from casereview.core.models import AuditEvent
from casereview.referrals.models import Child, Decision, PanelSubmission, Referral
from casereview.reviews.models import Review
from casereview.testing.national import BIGGEST_CODE, build_national, referral_counts

TODAY = dt.date(2026, 11, 30)
SCALE = 0.02


@pytest.fixture
def national(db: Any) -> Any:
    return build_national(scale=SCALE, seed=3, today=TODAY, anchor=False)


def test_the_sizes_are_uneven_with_the_biggest_first() -> None:
    full = referral_counts()
    assert len(full) == 150
    assert full[0] == 2500
    assert 48_000 <= sum(full) <= 52_000
    assert full[-1] < full[0] / 5


def test_the_tiny_national_set_has_the_shape_of_the_whole(national: Any) -> None:
    big = Partnership.objects.get(code=BIGGEST_CODE)
    sizes = list(
        Referral.objects.exclude(partnership__code__in=["OSCB", "NMSCP"])
        .values("partnership")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    )
    assert len(sizes) == 5
    assert max(sizes) == Referral.objects.filter(partnership=big).count()
    assert min(sizes) < max(sizes) / 2
    assert national.counts["referrals"] == sum(sizes)
    assert Review.objects.filter(partnership=big).count() == round(max(sizes) / 5)
    assert AgencyAction.objects.filter(partnership=big).count() == 10 * round(max(sizes) / 5)
    assert Membership.objects.filter(partnership=big, role="manager").exists()
    assert Membership.objects.filter(partnership=big, role="agency_lead").count() >= 5
    assert Membership.objects.filter(partnership__code="PANEL", role="national_panel").exists()


def test_every_record_is_in_one_partnership_and_none_is_dated_after_today(national: Any) -> None:
    big = Partnership.objects.get(code=BIGGEST_CODE)
    actions = AgencyAction.objects.filter(partnership=big)
    assert not actions.exclude(recommendation__partnership=big).exists()
    assert not actions.exclude(owner_agency__partnership=big).exists()
    assert (
        not Recommendation.objects.filter(partnership=big).exclude(review__partnership=big).exists()
    )
    assert not Child.objects.filter(referrals__partnership=big).exclude(partnership=big).exists()
    assert not PanelSubmission.objects.exclude(
        referral__partnership_id=F("partnership_id")
    ).exists()
    for model, day in [
        (Referral, "received"),
        (Decision, "date"),
        (PanelSubmission, "submitted"),
        (PanelSubmission, "response_date"),
        (Review, "commissioned"),
        (Review, "published"),
        (AgencyAction, "completed"),
    ]:
        assert not model._default_manager.filter(**{f"{day}__gt": TODAY}).exists(), (model, day)
    assert Referral.objects.filter(received__year=2014).exists()
    assert AgencyAction.objects.filter(due__gt=TODAY).exists()  # some still to come


def test_its_audit_trail_is_sealed_as_the_services_seal_it(national: Any) -> None:
    assert national.counts["audit rows"] > 1000
    assert AuditEvent.objects.filter(actor_username=f"manager@{BIGGEST_CODE}").exists()
    checked, problem = verify_chain(check_anchor=False)
    assert problem is None
    assert checked == AuditEvent.objects.count()
