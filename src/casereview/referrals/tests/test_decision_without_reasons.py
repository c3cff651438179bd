"""A decision whose reasons were not recorded (a partnership's own tracker often does not hold
them) is kept with its reasons unknown, never refused and never given invented ones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.urls import reverse

from casereview.accounts.models import Partnership
from casereview.core.partialdates import PartialDate
from casereview.referrals import services
from casereview.referrals.choices import DecisionOutcome
from casereview.referrals.models import Decision
from casereview.testing.forms import version_for
from casereview.testing.records import make_referral

pytestmark = pytest.mark.django_db


def test_a_decision_is_recorded_with_no_reasons_through_the_service(
    acting_as: Callable, partnership: Partnership
) -> None:
    referral = make_referral(partnership)
    decision = services.record_decision(
        referral,
        date=PartialDate(dt.date(2016, 4, 1)),
        outcome=DecisionOutcome.NO_REVIEW,
        acting_user=acting_as("panel_member"),
    )
    decision.full_clean()  # the model's own rules accept it too
    assert Decision.objects.get(pk=decision.pk).rationale == ""


def test_the_decision_page_takes_a_decision_with_no_reasons_and_says_they_are_not_known(
    client_as: Callable, partnership: Partnership
) -> None:
    referral = make_referral(partnership)
    client, url = client_as("panel_member"), reverse("referrals:decision", args=[referral.pk])
    form = client.get(url).content.decode()
    assert "If the reasons were not recorded at the time, leave this empty" in form
    response = client.post(
        url,
        {
            "date_0": "1",
            "date_1": "4",
            "date_2": "2016",
            "outcome": "no_review",
            "rationale": "",
            "version": version_for(client, url),
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert Decision.objects.get(referral=referral).rationale == ""
    page = client.get(reverse("referrals:referral", args=[referral.pk])).content.decode()
    assert "Not known" in page
    services.submit_to_national_panel(
        referral, submitted=PartialDate(dt.date(2016, 4, 4)), acting_user=None
    )
    panel = client_as("national_panel", "NMSCP")
    submission = panel.get(reverse("referrals:submission", args=[referral.panel_submission.pk]))
    assert "Reasons: not known." in submission.content.decode()
