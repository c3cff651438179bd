"""A case under Working Together 2018 or later reads in that guidance's words (the Panel
"disagrees and asks the partnership to reconsider"; reviews are "agreed by the safeguarding
partners"); a case under an earlier edition keeps the words it always had."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from casereview.accounts.models import Partnership
from casereview.core.partialdates import PartialDate
from casereview.referrals import frameworkwords, services
from casereview.referrals.choices import DecisionOutcome, PanelResponse
from casereview.referrals.models import Referral
from casereview.testing.records import make_contested_referral, make_referral, make_review

D = dt.date


def test_the_words_follow_the_edition() -> None:
    for code in ("wt2018", "wt2023"):
        said = frameworkwords.words(code)
        assert said.response("contested") == "Disagrees and asks the partnership to reconsider"
        assert said.signed_off == "agreed by the safeguarding partners"
        assert said.panel == "the Child Safeguarding Practice Review Panel"
    for old in ("wt2010", "wt2013", "wt2015", "wales_cpr", "", None):
        said = frameworkwords.words(old)
        assert said.response("contested") == "Contested"
        assert said.signed_off == "signed off by the board"
        assert said.panel == "the national panel"


def contested_in_2023(partnership: Partnership) -> Referral:
    referral = make_referral(
        partnership,
        received=PartialDate(D(2024, 2, 5)),
        aware=PartialDate(D(2024, 2, 1)),
        notified=PartialDate(D(2024, 2, 2)),
    )
    services.record_decision(
        referral,
        date=PartialDate(D(2024, 2, 20)),
        outcome=DecisionOutcome.NO_REVIEW,
        rationale="Invented reasons.",
        acting_user=None,
    )
    submission = services.submit_to_national_panel(
        referral, submitted=PartialDate(D(2024, 2, 21)), acting_user=None
    )
    services.record_panel_response(
        submission,
        response=PanelResponse.CONTESTED,
        response_date=PartialDate(D(2024, 3, 6)),
        note="Invented challenge.",
        acting_user=None,
    )
    referral.refresh_from_db()
    return referral


@pytest.mark.django_db
def test_a_2023_case_reads_in_the_words_of_working_together_2023(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    referral = contested_in_2023(partnership)
    assert referral.assessed_framework == "wt2023"
    manager = client_as("manager")
    page = manager.get(reverse("referrals:referral", args=[referral.pk])).content.decode()
    assert "The Panel disagrees with this decision and asks the partnership to reconsider." in page
    assert "Disagrees and asks the partnership to reconsider" in page
    assert "The service advises; the safeguarding partners decide." in page
    assert "contested" not in re.sub(r"<[^>]*>", " ", page).lower()  # the words people read
    home = manager.get("/").content.decode()
    assert "Decisions the Panel asks the partnership to reconsider" in home
    assert f"{referral.reference}: the Panel disagrees and asks the partnership to reconsider" in (
        home
    )


@pytest.mark.django_db
def test_a_2016_case_keeps_the_words_of_working_together_2015(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    referral = make_contested_referral(partnership)
    assert referral.assessed_framework == "wt2015"
    manager = client_as("manager")
    page = manager.get(reverse("referrals:referral", args=[referral.pk])).content.decode()
    assert "The national panel contested this decision." in page
    assert "Contested" in page and "Disagrees" not in page
    assert "The service advises; the subgroup decides." in page
    home = manager.get("/").content.decode()
    assert f"{referral.reference}: the national panel contested the decision" in home


@pytest.mark.django_db
def test_a_case_not_sent_yet_names_the_panel_of_its_edition(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    old = make_referral(partnership)
    new = make_referral(partnership, framework="wt2018")
    manager = client_as("manager")
    for referral, panel in ((old, "the national panel"), (new, "the Child Safeguarding")):
        page = manager.get(reverse("referrals:referral", args=[referral.pk])).content.decode()
        assert f"Not yet sent to {panel}" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("framework", "label"),
    [("wt2023", "Agreed by the safeguarding partners"), ("wt2015", "Signed off")],
)
def test_a_reviews_page_says_who_approved_it_in_the_words_of_its_edition(
    client_as: Callable[..., Client], partnership: Partnership, framework: str, label: str
) -> None:
    review = make_review(partnership, framework=framework)
    page = client_as("manager").get(reverse("reviews:review", args=[review.pk])).content.decode()
    assert f'<dt class="govuk-summary-list__key">{label}</dt>' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("framework", "button", "date_label"),
    [
        (
            "wt2023",
            "Record the safeguarding partners&#x27; agreement",
            "Date the safeguarding partners agreed it",
        ),
        ("wt2015", "Record the board&#x27;s sign-off", "Date the board signed it off"),
    ],
)
def test_the_sign_off_step_is_named_in_the_words_of_its_edition(
    client_as: Callable[..., Client],
    partnership: Partnership,
    framework: str,
    button: str,
    date_label: str,
) -> None:
    review = make_review(partnership, framework=framework)
    client = client_as("manager")
    page = client.get(reverse("reviews:review", args=[review.pk])).content.decode()
    assert button in page
    step = client.get(reverse("reviews:transition", args=[review.pk, "complete"])).content.decode()
    assert f'<h1 class="govuk-heading-l">{button}</h1>' in step
    assert date_label in step


@pytest.mark.django_db
def test_the_panel_sees_a_partnerships_reply_to_its_request_for_more_information(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    """The Panel asks for more information; once the partnership replies, the submission is
    back on the Panel's home page for its response, saying the partnership replied."""
    referral = contested_in_2023(partnership)
    submission = referral.panel_submission
    services.record_panel_response(
        submission,
        response=PanelResponse.MORE_INFORMATION,
        response_date=PartialDate(D(2024, 3, 8)),
        acting_user=None,
    )
    panel = client_as("national_panel")
    line = f"{referral.reference}, {partnership.name}"
    assert line not in panel.get("/").content.decode()  # the partnership's turn
    services.answer_panel_challenge(
        submission, local_response="Invented: the chronology is attached.", acting_user=None
    )
    home = panel.get("/").content.decode()
    assert line in home and "the partnership has replied" in home
    services.record_panel_response(
        submission,
        response=PanelResponse.AGREED,
        response_date=PartialDate(D(2024, 3, 20)),
        acting_user=None,
    )
    assert line not in panel.get("/").content.decode()


@pytest.mark.django_db
def test_the_panels_own_page_offers_its_responses_in_the_words_of_the_case(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    """The national panel's pages use the current meanings for a case from 2018 (issue 13)."""
    new, old = contested_in_2023(partnership), make_contested_referral(partnership)
    panel = client_as("national_panel")
    for referral, offered, not_offered in (
        (new, ("Agrees", "Disagrees and asks the partnership to reconsider"), "Contested"),
        (old, ("Agreed", "Contested"), "Disagrees"),
    ):
        url = reverse("referrals:submission", args=[referral.panel_submission.pk])
        page = panel.get(url).content.decode()
        labels = re.findall(
            r'<label class="govuk-label govuk-radios__label"[^>]*>\s*([^<]+?)\s*<', page
        )
        assert set(offered) <= set(labels), labels
        assert not_offered not in " ".join(labels)
    url = reverse("referrals:submission", args=[new.panel_submission.pk])
    assert "The Panel&#x27;s response" in panel.get(url).content.decode()
