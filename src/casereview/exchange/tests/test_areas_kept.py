"""Where the child lives and where the harm happened are recorded in the pages, not in the
exchange format (version 2 has no place for them): the export leaves them out, and importing
the partnership's own export, changed or not, keeps what is recorded."""

from __future__ import annotations

from typing import Any

import pytest

from casereview.accounts.models import Partnership
from casereview.exchange.files import seed_document
from casereview.exchange.selectors import export_document
from casereview.exchange.services import import_document
from casereview.referrals import services as referrals
from casereview.referrals.models import Referral

pytestmark = pytest.mark.django_db

AREAS: dict[str, Any] = {
    "child_lives_in": "Oxfordshire",
    "harm_happened_in": "Northmoor",
    "lead_agreed": "Oxfordshire",
}


def test_the_export_leaves_the_areas_out_and_its_reimport_keeps_them(
    partnership: Partnership,
) -> None:
    import_document(seed_document())
    referral = Referral.objects.filter(partnership=partnership).order_by("pk").first()
    assert referral is not None
    referrals.change_referral(referral, acting_user=None, **AREAS)
    document = export_document(partnership)
    item = next(i for i in document["referrals"] if i["id"] == referral.external_key)
    assert not set(AREAS) & set(item)
    assert "Northmoor" not in str(document["referrals"])
    # The same export back, and then with the referral's summary changed: the areas stay.
    import_document(document)
    item["summary"] = "The summary changed in the spreadsheet."
    import_document(document)
    referral.refresh_from_db()
    assert referral.summary == "The summary changed in the spreadsheet."
    assert {name: getattr(referral, name) for name in AREAS} == AREAS
    partnership.refresh_from_db()
    assert partnership.local_authorities == ["Oxfordshire"]
