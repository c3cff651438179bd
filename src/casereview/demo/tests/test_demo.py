from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from casereview.accounts.choices import Role
from casereview.accounts.models import Agency, Membership, Partnership, User
from casereview.actionplans.models import AgencyAction, GroupMember, Recommendation
from casereview.core.models import AuditEvent
from casereview.referrals.models import Child, Referral
from casereview.reviews.models import NationalReview, Review
from casereview.testing.fixtures import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (
            Partnership,
            Agency,
            User,
            Membership,
            Child,
            Referral,
            Review,
            NationalReview,
            Recommendation,
            AgencyAction,
            AuditEvent,
        )
    )


def demo(**options: object) -> str:
    out = io.StringIO()
    call_command("demo", stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def test_two_partnerships_with_one_user_per_role_each() -> None:
    assert set(Partnership.objects.values_list("code", flat=True)) == {"OSCB", "NMSCP"}
    for code in ("OSCB", "NMSCP"):
        for role in Role:
            membership = Membership.objects.get(user__username=f"{role.value}@{code}")
            assert membership.partnership.code == code and membership.role == role
    lead = Membership.objects.get(user__username="agency_lead@OSCB")
    assert lead.agency is not None
    assert lead.agency.name == "Oxfordshire County Council Children's Social Care"


def test_the_first_partnership_holds_the_seeds_records() -> None:
    """The test database is loaded --without-seed; `casereview demo` itself loads the seed."""
    oscb = Partnership.objects.get(code="OSCB")
    assert not Review.objects.filter(partnership=oscb).exists()
    assert "Loaded the seed's records" in demo(password=DEMO_PASSWORD)
    reviews = Review.objects.filter(partnership=oscb)
    assert reviews.count() == 6
    assert Child.objects.filter(reviews__partnership=oscb).distinct().count() == 7
    assert Referral.objects.filter(partnership=oscb).count() == 6
    assert set(reviews.values_list("title", flat=True)) >= {"Child J", "Baby L", "Child Q"}
    assert not Review.objects.filter(partnership__code="NMSCP").exists()
    national = NationalReview.objects.get(partnership=oscb)
    assert national.title == "The myth of invisible men"
    assert AgencyAction.objects.filter(recommendation__national_review=national).count() == 2


def test_running_it_again_changes_nothing() -> None:
    demo(password=DEMO_PASSWORD)  # the seed's records, the first time in this test database
    before = counts()
    assert "nothing changed" in demo(password=DEMO_PASSWORD)
    assert counts() == before
    demo()
    assert counts() == before


def test_a_short_password_is_refused() -> None:
    with pytest.raises(CommandError, match="at least 12 characters"):
        call_command("demo", password="short")


def test_demo_seats_people_on_the_monitoring_groups() -> None:
    seats = set(GroupMember.objects.values_list("partnership__code", "group", "user__username"))
    assert ("OSCB", "executive", "manager@OSCB") in seats
    assert ("OSCB", "paqa", "panel_member@OSCB") in seats
    assert ("NMSCP", "executive", "manager@NMSCP") in seats
