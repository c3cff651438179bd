"""The review form offers first the review the case's guidance commissions: a local child
safeguarding practice review from Working Together 2018, a serious case review before."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from casereview.accounts.models import Partnership
from casereview.core.partialdates import PartialDate
from casereview.referrals import services
from casereview.referrals.choices import DecisionOutcome
from casereview.referrals.models import Referral
from casereview.reviews.forms import default_review_type
from casereview.testing.records import make_referral

pytestmark = pytest.mark.django_db
D = dt.date


def decided(referral: Referral, outcome: str, on: dt.date) -> Referral:
    services.record_decision(
        referral, date=PartialDate(on), outcome=outcome, rationale="Invented.", acting_user=None
    )
    referral.refresh_from_db()
    return referral


def offered_type(client: Client, referral: Referral | None = None) -> str:
    query = f"?decision={referral.decision.pk}" if referral else ""
    page = client.get(reverse("reviews:review-add") + query).content.decode()
    select = re.search(r'<select name="type".*?</select>', page, re.DOTALL)
    assert select is not None
    selected = re.findall(r'<option value="([a-z_]+)"[^>]*selected', select.group())
    assert len(selected) == 1, "the type of review offers nothing first"
    return selected[0]


def test_a_2023_case_is_offered_a_local_child_safeguarding_practice_review(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    referral = make_referral(
        partnership, received=PartialDate(D(2024, 1, 9)), aware=PartialDate(D(2024, 1, 8))
    )
    decided(referral, DecisionOutcome.REVIEW_COMMISSIONED, D(2024, 2, 1))
    assert referral.assessed_framework == "wt2023"
    assert offered_type(client_as("manager"), referral) == "lcspr"


def test_a_2015_case_is_offered_a_serious_case_review(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    referral = make_referral(
        partnership, received=PartialDate(D(2015, 9, 9)), aware=PartialDate(D(2015, 9, 8))
    )
    decided(referral, DecisionOutcome.REVIEW_COMMISSIONED, D(2015, 10, 1))
    assert referral.assessed_framework == "wt2015"
    assert offered_type(client_as("manager"), referral) == "scr"


def test_a_review_another_way_is_offered_a_partnership_review(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    referral = make_referral(partnership, framework="wt2023")
    decided(referral, DecisionOutcome.ALTERNATIVE_REVIEW, D(2016, 4, 1))
    assert offered_type(client_as("manager"), referral) == "partnership_review"


def test_a_review_not_from_a_decision_is_offered_what_todays_guidance_commissions(
    client_as: Callable[..., Client],
) -> None:
    assert offered_type(client_as("manager")) == "lcspr"  # England, today: Working Together 2023


def test_each_nations_review() -> None:
    assert default_review_type("wales_cpr") == "child_practice_review_concise"
    assert default_review_type("wales_cpr", on_plan_or_looked_after=True) == (
        "child_practice_review_extended"
    )
    assert default_review_type("scotland_lr") == "learning_review"
    assert default_review_type("ni_cmr") == "case_management_review"
