"""Invented records for tests, made through the services as a person would make them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from casereview.accounts.models import Agency, Partnership
from casereview.core.partialdates import PartialDate
from casereview.referrals import services
from casereview.referrals.models import Referral


def make_referral(partnership: Partnership, **overrides: Any) -> Referral:
    """A referral of a death with suspected neglect, known since 1 March 2016 (WT2015)."""
    agency = Agency.objects.filter(partnership=partnership).order_by("pk").first()
    facts = {
        "received": PartialDate(dt.date(2016, 3, 3)),
        "referred_by": agency,
        "aware": PartialDate(dt.date(2016, 3, 1)),
        "incident_date": None,
        "harm": "death",
        "suspected_suicide": False,
        "death_in_custody": False,
        "abuse_or_neglect": "suspected",
        "interagency_concern": "unknown",
        "framework": "",
        "notified": None,
        "summary": "Invented case for a test.",
    }
    child = overrides.pop("child", {"pseudonym": "Child T", "sex": "female"})
    facts.update(overrides)
    return services.create_referral_with_new_child(
        partnership, child=child, acting_user=None, **facts
    )


def make_contested_referral(partnership: Partnership) -> Referral:
    referral = make_referral(partnership)
    services.record_decision(
        referral,
        date=PartialDate(dt.date(2016, 4, 1)),
        outcome="no_review",
        rationale="Invented reasons.",
        acting_user=None,
    )
    submission = services.submit_to_national_panel(
        referral, submitted=PartialDate(dt.date(2016, 4, 4)), acting_user=None
    )
    services.record_panel_response(
        submission,
        response="contested",
        response_date=PartialDate(dt.date(2016, 4, 20)),
        note="Invented challenge.",
        acting_user=None,
    )
    referral.refresh_from_db()
    return referral
