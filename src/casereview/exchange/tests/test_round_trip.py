"""Done means 1: the export of an import gives back the same document, but computed fields."""

from __future__ import annotations

import copy
import json

import pytest

from casereview.accounts.models import Partnership
from casereview.exchange.files import as_json, read_json, seed_document
from casereview.exchange.generator import generated_document
from casereview.exchange.selectors import export_document
from casereview.exchange.services import import_document
from casereview.exchange.tests.helpers import in_version_2, without_computed
from casereview.referrals.models import Referral

pytestmark = pytest.mark.django_db


def test_the_seed_document_comes_back_from_the_export(partnership: Partnership) -> None:
    seed = seed_document()
    import_document(seed)
    exported = export_document(partnership)
    assert without_computed(exported, references=True) == without_computed(
        in_version_2(seed), references=True
    )


def test_the_seeds_referrals_are_given_references_and_assessments(partnership: Partnership) -> None:
    import_document(seed_document())
    exported = export_document(partnership)
    references = [r["reference"] for r in exported["referrals"]]
    assert references == [
        "OSCB-2015-001",
        "OSCB-2015-002",
        "OSCB-2016-001",
        "OSCB-2016-002",
        "OSCB-2016-003",
        "OSCB-2017-001",
    ]
    first = exported["referrals"][0]["assessment"]
    assert first["framework"] == "wt2015"
    assert set(first) == {"framework", "outcome", "reasons", "deadlines"}
    assert set(first["deadlines"]) == {"notify_by", "decide_by", "rapid_review_by"}
    stored = Referral.objects.get(reference="OSCB-2015-001")
    assert first["outcome"] == stored.assessed_outcome and first["reasons"]


@pytest.mark.parametrize("seed", range(1, 9))
def test_a_generated_document_comes_back_from_the_export(seed: int) -> None:
    document = generated_document(seed=seed, code=f"GEN{seed}", referrals=15, reviews=5)
    import_document(document)
    exported = export_document(Partnership.objects.get(code=f"GEN{seed}"))
    assert without_computed(exported) == in_version_2(document)


def test_an_exported_document_imports_into_another_partnership_and_exports_the_same(
    partnership: Partnership,
) -> None:
    import_document(seed_document())
    first = export_document(partnership)
    moved = copy.deepcopy(first)
    moved["partnership"] = {"code": "COPY", "name": "A copy", "nation": "england"}
    import_document(moved)
    again = export_document(Partnership.objects.get(code="COPY"))
    assert without_computed(again)["referrals"] == without_computed(first)["referrals"]
    assert again["reviews"] == first["reviews"]
    assert again["learning_events"] == first["learning_events"]


def test_the_export_writes_every_key_with_null_or_empty_lists(partnership: Partnership) -> None:
    import_document(seed_document())
    exported = export_document(partnership)
    review = next(r for r in exported["reviews"] if r["status"] == "active")
    assert review["signed_off"] is None and review["published"] is None
    assert review["recommendations"] == [] and review["learning_points"] == []
    pending = exported["referrals"][-1]
    assert pending["decision"] is None and pending["national_panel"] is None
    text = as_json(exported)
    assert read_json(text.encode()) == exported
    assert json.loads(text)["format"] == "casereview-exchange"


def test_records_made_in_the_service_are_exported_with_stable_ids(partnership: Partnership) -> None:
    from casereview.testing.records import make_contested_referral, make_review

    referral = make_contested_referral(partnership)
    review = make_review(partnership)
    first, second = export_document(partnership), export_document(partnership)
    assert first == second
    ids = {r["id"] for r in first["referrals"]}
    assert referral.reference in ids  # a referral's id is its reference
    assert f"review-{review.pk}" in {r["id"] for r in first["reviews"]}
    import_document(first)  # importing the export back changes nothing
    assert export_document(partnership) == first
