from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from casereview.accounts.choices import Role
from casereview.accounts.models import Agency, Membership, Partnership, User
from casereview.core.models import AuditEvent
from casereview.testing.fixtures import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count() for model in (Partnership, Agency, User, Membership, AuditEvent)
    )


def test_two_partnerships_with_one_user_per_role_each() -> None:
    assert set(Partnership.objects.values_list("code", flat=True)) == {"OSCB", "NMSCP"}
    for code in ("OSCB", "NMSCP"):
        for role in Role:
            membership = Membership.objects.get(user__username=f"{role.value}@{code}")
            assert membership.partnership.code == code and membership.role == role
    lead = Membership.objects.get(user__username="agency_lead@OSCB")
    assert lead.agency.name == "Oxfordshire County Council Children's Social Care"


def test_running_it_again_changes_nothing() -> None:
    before = counts()
    out = io.StringIO()
    call_command("demo", password=DEMO_PASSWORD, stdout=out, stderr=io.StringIO())
    assert counts() == before
    assert "nothing changed" in out.getvalue()
    call_command("demo", stdout=io.StringIO(), stderr=io.StringIO())
    assert counts() == before


def test_a_short_password_is_refused() -> None:
    with pytest.raises(CommandError, match="at least 12 characters"):
        call_command("demo", password="short")
