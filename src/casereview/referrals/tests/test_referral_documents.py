"""The referral's page lists the documents the agencies sent about the case (their reports and
chronologies for the rapid review), and those who may change the referral add one."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from casereview.accounts.models import Agency, Partnership
from casereview.core.choices import AuditAction
from casereview.core.models import AuditEvent
from casereview.referrals.choices import ReferralDocumentKind
from casereview.referrals.models import Referral
from casereview.testing.records import make_referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(partnership: Partnership) -> Referral:
    return make_referral(partnership)


def add_url(referral: Referral) -> str:
    return reverse("referrals:document-add", args=[referral.pk])


def referral_page(client: Client, referral: Referral) -> str:
    return client.get(reverse("referrals:referral", args=[referral.pk])).content.decode()


def test_a_document_is_added_from_the_referral_page_and_listed_there(
    client_as: Callable[..., Client], referral: Referral, partnership: Partnership
) -> None:
    manager = client_as("manager")
    page = referral_page(manager, referral)
    assert '<h2 class="govuk-heading-m">Documents</h2>' in page
    assert "No documents recorded." in page
    assert add_url(referral) in page
    police = Agency.objects.filter(partnership=partnership).order_by("pk").last()
    assert police is not None

    response = manager.post(
        add_url(referral),
        {
            "title": "Police chronology",
            "kind": ReferralDocumentKind.CHRONOLOGY,
            "agency": police.pk,
        },
    )

    document = referral.documents.get()
    assert (document.title, document.kind, document.agency) == (
        "Police chronology",
        ReferralDocumentKind.CHRONOLOGY,
        police,
    )
    assert document.partnership_id == referral.partnership_id
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:referral-document", args=[document.pk])
    page = referral_page(manager, referral)
    assert reverse("documents:referral-document", args=[document.pk]) in page
    assert f"Chronology, from {police.name}" in page
    row = AuditEvent.objects.get(
        action=AuditAction.CREATE, object_type="referrals.referraldocument"
    )
    assert row.actor_username == "manager@OSCB"
    assert row.changes["referral"] == referral.pk
    assert row.changes["after"]["title"] == "Police chronology"


def test_a_document_not_from_an_agency_needs_only_its_title_and_kind(
    client_as: Callable[..., Client], referral: Referral
) -> None:
    response = client_as("panel_member").post(
        add_url(referral), {"title": "Minutes", "kind": ReferralDocumentKind.OTHER}
    )
    assert response.status_code == 302
    assert referral.documents.get().agency is None


def test_the_form_asks_for_what_is_missing(
    client_as: Callable[..., Client], referral: Referral
) -> None:
    response = client_as("manager").post(add_url(referral), {})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter the document&#x27;s title" in page
    assert "Select the kind of document" in page
    assert not referral.documents.exists()


def test_another_partnerships_agency_cannot_be_named(
    client_as: Callable[..., Client], referral: Referral, other_partnership: Partnership
) -> None:
    theirs = Agency.objects.filter(partnership=other_partnership).first()
    assert theirs is not None
    response = client_as("manager").post(
        add_url(referral),
        {"title": "Report", "kind": ReferralDocumentKind.AGENCY_REPORT, "agency": theirs.pk},
    )
    assert response.status_code == 400
    assert not referral.documents.exists()


@pytest.mark.parametrize("role", ["agency_lead", "scrutiny", "reviewer", "national_panel"])
def test_only_those_who_may_change_the_referral_add_a_document(
    client_as: Callable[..., Client], referral: Referral, role: str
) -> None:
    response = client_as(role).post(
        add_url(referral), {"title": "Report", "kind": ReferralDocumentKind.AGENCY_REPORT}
    )
    assert response.status_code == 404
    assert not referral.documents.exists()
