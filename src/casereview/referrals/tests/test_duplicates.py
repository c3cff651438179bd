"""Issue 14: the same referral submitted twice is not recorded twice without a word. A referral
about a child of the same pseudonym, with the same date of incident, in the partnership, is
named as a likely duplicate; nothing is saved until the person says it is a different one."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from casereview.accounts.models import Agency, Partnership
from casereview.core.choices import AuditAction
from casereview.core.models import AuditEvent
from casereview.referrals.models import Referral
from casereview.referrals.tests.test_referral_pages import police, referral_form

pytestmark = pytest.mark.django_db

RECORD_ANYWAY = "This is a different referral: record it anyway"


def test_a_likely_duplicate_is_named_and_the_person_may_go_on(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    client, url = client_as("manager"), reverse("referrals:referral-add")
    first = client.post(url, referral_form(police(partnership)))
    assert first.status_code == 302
    original = Referral.objects.get(partnership=partnership)

    # The same again, the pseudonym typed in another case: warned, nothing saved.
    again = referral_form(police(partnership), child_pseudonym="baby  l")
    warned = client.post(url, again)
    assert warned.status_code == 200
    page = warned.content.decode()
    assert f"This looks like {original.reference}" in page
    assert reverse("referrals:referral", args=[original.pk]) in page
    assert "Nothing has been saved" in page and RECORD_ANYWAY in page
    assert Referral.objects.filter(partnership=partnership).count() == 1
    read = AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="referrals.referral", object_id=str(original.pk)
    )
    assert read.exists()  # the page named it: a read in the audit trail
    shown = warned.context["form"]["duplicates_shown"].value()
    assert shown == original.reference

    # Sent again without saying it is different: asked to choose, still nothing saved.
    unconfirmed = client.post(url, {**again, "duplicates_shown": shown})
    assert unconfirmed.status_code == 400
    assert f"or check {original.reference} first" in unconfirmed.content.decode()
    assert Referral.objects.filter(partnership=partnership).count() == 1

    # The person says it is a different referral: recorded, with its own reference.
    confirmed = client.post(
        url, {**again, "duplicates_shown": shown, "record_anyway": "on"}, follow=True
    )
    second = Referral.objects.filter(partnership=partnership).exclude(pk=original.pk).get()
    assert second.reference != original.reference
    assert f"Referral {second.reference} has been recorded." in confirmed.content.decode()


def test_another_child_or_another_date_is_no_duplicate(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    client, url = client_as("manager"), reverse("referrals:referral-add")
    assert client.post(url, referral_form(police(partnership))).status_code == 302
    another_child = referral_form(police(partnership), child_pseudonym="Child Q")
    another_date = referral_form(police(partnership), incident_date_1="3")
    no_date = referral_form(police(partnership), incident_date_1="", incident_date_2="")
    for data in (another_child, another_date, no_date):
        assert client.post(url, data).status_code == 302
    assert Referral.objects.filter(partnership=partnership).count() == 4


def test_another_partnerships_referral_is_not_named(
    client_as: Callable[..., Client], partnership: Partnership, other_partnership: Partnership
) -> None:
    client_as("manager").post(reverse("referrals:referral-add"), referral_form(police(partnership)))
    theirs = client_as("manager", other_partnership.code)
    agency = Agency.objects.filter(partnership=other_partnership).order_by("pk").first()
    assert agency is not None
    response = theirs.post(reverse("referrals:referral-add"), referral_form(agency))
    assert response.status_code == 302
