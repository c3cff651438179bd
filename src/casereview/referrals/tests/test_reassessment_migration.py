"""Referrals stored before the rules changed are assessed again by referrals 0004: deadlines
of incidents that are not notifiable go, Working Together 2010 outcomes follow the guidance,
and nothing else moves."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps

from casereview.accounts.models import Partnership
from casereview.core.partialdates import PartialDate
from casereview.referrals.models import Referral
from casereview.testing.records import make_referral

pytestmark = pytest.mark.django_db
D = dt.date
migration = importlib.import_module(
    "casereview.referrals.migrations.0004_reassess_notifiable_and_wt2010"
)
STALE = {"notify_by": D(2016, 3, 8), "decide_by": D(2016, 4, 8)}


def stored_as_before(referral: Referral, **fields: object) -> None:
    Referral.objects.filter(pk=referral.pk).update(**fields)


def test_the_migration_corrects_only_what_the_rules_changed(partnership: Partnership) -> None:
    nothing_suspected = make_referral(partnership, abuse_or_neglect="not_suspected")
    looked_after = make_referral(
        partnership,
        abuse_or_neglect="not_suspected",
        child={"pseudonym": "Child V", "looked_after_at_incident": "yes"},
    )
    suspected = make_referral(partnership)
    in_2012 = make_referral(
        partnership,
        received=PartialDate(D(2012, 5, 8)),
        aware=PartialDate(D(2012, 5, 7)),
        harm="serious_harm",
        abuse_or_neglect="known",
        interagency_concern="no",
    )
    stored_as_before(nothing_suspected, **STALE)
    stored_as_before(suspected, notify_by=D(2016, 3, 9))  # an older calendar's answer
    stored_as_before(in_2012, assessed_outcome="consider_review", assessed_reasons=["Old."])

    migration.reassess(apps, None)

    def stored(referral: Referral) -> tuple[object, ...]:
        referral.refresh_from_db()
        return (referral.notify_by, referral.decide_by, referral.assessed_outcome)

    assert stored(nothing_suspected) == (None, None, "criteria_not_met")
    assert stored(looked_after) == (D(2016, 3, 8), D(2016, 4, 8), "criteria_not_met")
    assert stored(suspected) == (D(2016, 3, 9), D(2016, 4, 8), "review_required")
    assert stored(in_2012) == (None, None, "criteria_not_met")
    assert "no concern about how agencies worked together" in " ".join(in_2012.assessed_reasons)
