"""Issue 12: the re-import preview names what changes (the record and the field, in words),
not only how many records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from casereview.accounts.models import Partnership
from casereview.actionplans.models import AgencyAction, Recommendation
from casereview.core.choices import DatePrecision
from casereview.exchange import changewords
from casereview.exchange.files import as_json
from casereview.exchange.generator import generated_document
from casereview.exchange.selectors import export_document
from casereview.exchange.services import import_document, preview_import
from casereview.referrals.models import Referral

pytestmark = pytest.mark.django_db


def imported(partnership: Partnership) -> dict:
    """Invented records imported, and the export taken of them then."""
    document = generated_document(seed=6, code=partnership.code, referrals=4, reviews=2)
    document["partnership"].update(name=partnership.name, nation=partnership.nation)
    import_document(document)
    return export_document(partnership)


def edited_in_the_service(partnership: Partnership) -> tuple[Referral, AgencyAction]:
    """After the export: a referral's date changed, and an action added under the first
    review's first recommendation."""
    referral = Referral.objects.filter(partnership=partnership).order_by("id").first()
    assert referral is not None
    Referral.objects.filter(pk=referral.pk).update(received=dt.date(2016, 3, 4))
    referral.refresh_from_db()
    recommendation = Recommendation.objects.filter(review__partnership=partnership).first()
    assert recommendation is not None
    first = recommendation.actions.order_by("position").first()
    assert first is not None
    added = AgencyAction.objects.create(
        partnership=partnership,
        recommendation=recommendation,
        position=recommendation.actions.count() + 1,
        text="Deliver briefing on neglect to all schools in the county",
        owner_agency=first.owner_agency,
        due=dt.date(2017, 3, 31),
        due_precision=DatePrecision.DAY,
        status=first.status,
    )
    return referral, added


def test_re_importing_an_older_export_names_the_records_and_fields_it_changes(
    partnership: Partnership,
) -> None:
    older = imported(partnership)
    referral, _ = edited_in_the_service(partnership)
    received = next(r for r in older["referrals"] if r["reference"] == referral.reference)[
        "received"
    ]
    was = changewords.value_words(Referral, "received", received)
    summary = preview_import(older)
    named = summary.changes_named()
    assert f"Referral {referral.reference} changed: date referred 4 Mar 2016 → {was}" in named, (
        named
    )
    assert "Action 'Deliver briefing on neglect to all scho…' removed" in named
    by_kind = {group.kind: group.names for group in summary.changes_by_kind()}
    assert set(by_kind) == {"referrals", "actions"}


def test_a_code_is_named_by_its_label_and_a_month_by_its_name() -> None:
    assert changewords.value_words(AgencyAction, "status", "in_progress") == "In progress"
    assert changewords.value_words(AgencyAction, "due", "2021-03") == "March 2021"
    assert changewords.value_words(AgencyAction, "due", "2019-02-03") == "3 Feb 2019"
    assert changewords.value_words(AgencyAction, "completed", None) == "not recorded"


def test_long_lists_are_named_in_part_and_counted(partnership: Partnership) -> None:
    document = generated_document(seed=7, code=partnership.code, referrals=40, reviews=1)
    document["partnership"].update(name=partnership.name, nation=partnership.nation)
    summary = preview_import(document)
    (referrals,) = [g for g in summary.changes_by_kind() if g.kind == "referrals"]
    assert len(referrals.names) == changewords.SHOWN_PER_KIND
    assert referrals.more == 40 - changewords.SHOWN_PER_KIND
    assert f"and {40 - changewords.SHOWN_PER_KIND} more referrals changed" in (
        summary.changes_named()
    )


def test_the_check_page_names_the_changes_by_kind(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    older = imported(partnership)
    referral, _ = edited_in_the_service(partnership)
    client = client_as("manager")
    response = client.post(
        reverse("exchange:index"),
        {"document": SimpleUploadedFile("older.json", as_json(older).encode())},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode().replace("&#x27;", "'")
    assert "What will change" in page
    assert '<h3 class="govuk-heading-s">Actions</h3>' in page
    assert "Action 'Deliver briefing on neglect to all scho…' removed" in page
    assert f"Referral {referral.reference} changed: date referred 4 Mar 2016 → " in page
