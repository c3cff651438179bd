"""National reviews: a partnership records the Panel's national reviews, the recommendations
that apply locally and its agencies' actions on them, and follows them as it does its own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from casereview.accounts.choices import Role
from casereview.accounts.models import Agency, Membership, Partnership, User
from casereview.actionplans import services
from casereview.actionplans.choices import MonitoringGroup, Scope
from casereview.actionplans.models import AgencyAction, Recommendation
from casereview.actionplans.selectors import actions_for, recommendations_for
from casereview.core.partialdates import PartialDate
from casereview.reviews import services as reviews
from casereview.reviews.models import NationalReview
from casereview.testing.fixtures import OTHER_CODE
from casereview.testing.forms import version_for
from casereview.testing.records import make_national_review, make_review

pytestmark = pytest.mark.django_db

FATHERS = "Agencies should involve fathers and male carers in assessments and plans."
TRAINING = "Practitioners should be trained to work with men who pose a risk."


def police(partnership: Partnership) -> Agency:
    return Agency.objects.get(partnership=partnership, external_key="tvp")


def lead_agency(partnership: Partnership) -> Agency:
    """The agency of the partnership's demo agency lead."""
    lead = Membership.objects.filter(partnership=partnership, role=Role.AGENCY_LEAD)[0]
    assert lead.agency is not None
    return lead.agency


def recorded_with_services(partnership: Partnership, manager: User) -> NationalReview:
    """The myth of invisible men, with two recommendations and an action on each: one for
    the agency lead's agency (overdue), one for the police."""
    national = reviews.add_national_review(
        partnership,
        title="The myth of invisible men",
        published=PartialDate.parse("2021-09"),
        summary="Men in the lives of babies harmed or killed were often not seen.",
        acting_user=manager,
    )
    first, second = (
        services.add_recommendation(
            national,
            number=number,
            text=text,
            scope=Scope.MULTI_AGENCY,
            monitored_by=MonitoringGroup.EXECUTIVE,
            acting_user=manager,
        )
        for number, text in ((1, FATHERS), (2, TRAINING))
    )
    services.add_action(
        first,
        text="Record fathers in every assessment",
        owner_agency=lead_agency(partnership),
        due=dt.date(2022, 3, 31),
        acting_user=manager,
    )
    services.add_action(
        second,
        text="Train officers on working with fathers",
        owner_agency=police(partnership),
        due=PartialDate.parse("2030-06"),
        acting_user=manager,
    )
    return national


def test_a_manager_records_a_national_review_and_its_actions_show_where_actions_are_followed(
    partnership: Partnership, acting_as: Callable, client_as: Callable
) -> None:
    national = recorded_with_services(partnership, acting_as("manager"))
    recommendations = national.recommendations.order_by("number")
    assert [r.number for r in recommendations] == [1, 2]
    assert all(r.review is None for r in recommendations)
    assert str(recommendations[0]) == "Recommendation 1 of The myth of invisible men"

    manager = client_as("manager")
    listing = manager.get(reverse("reviews:national-reviews")).content.decode()
    assert "The myth of invisible men" in listing and "September 2021" in listing
    page = manager.get(reverse("actionplans:national-review", args=[national.pk]))
    assert page.status_code == 200
    shown = page.content.decode()
    assert FATHERS in shown and TRAINING in shown
    assert "Record fathers in every assessment" in shown
    assert "Train officers on working with fathers" in shown
    assert [row.rag for row in page.context["rows"]] == ["red", "green"]

    monitoring = manager.get(reverse("actionplans:monitoring", args=[MonitoringGroup.EXECUTIVE]))
    texts = [row.action.text for row in monitoring.context["rows"]]
    assert texts == ["Record fathers in every assessment", "Train officers on working with fathers"]
    assert "The myth of invisible men (national review), recommendation 1" in (
        monitoring.content.decode()
    )

    lead = client_as("agency_lead")
    mine = lead.get(reverse("actionplans:my-actions")).content.decode()
    assert "Record fathers in every assessment" in mine
    assert "The myth of invisible men (national review), recommendation 1" in mine
    assert "Train officers on working with fathers" not in mine  # the police's
    ours = AgencyAction.objects.get(text="Record fathers in every assessment")
    action_page = lead.get(reverse("actionplans:action", args=[ours.pk])).content.decode()
    assert FATHERS in action_page and "The myth of invisible men" in action_page


def test_a_manager_records_a_national_review_through_the_pages(
    partnership: Partnership, client_as: Callable
) -> None:
    manager = client_as("manager")
    # The navigation: a page of case work lists the section's pages under the bar.
    assert "National reviews" in manager.get(reverse("reviews:reviews")).content.decode()
    added = manager.post(
        reverse("reviews:national-review-add"),
        {
            "title": "Child protection in England",
            "published_0": "",
            "published_1": "5",
            "published_2": "2022",
            "summary": "The deaths of Arthur Labinjo-Hughes and Star Hobson.",
            "link": "",
        },
    )
    assert added.status_code == 302, added.content.decode()
    national = NationalReview.objects.get(partnership=partnership)
    assert national.published_partial == PartialDate.parse("2022-05")
    assert added["Location"] == reverse("actionplans:national-review", args=[national.pk])
    page = manager.get(added["Location"]).content.decode()
    assert "Child protection in England has been recorded" in page  # the banner

    for number, text in ((1, FATHERS), (2, TRAINING)):
        response = manager.post(
            reverse("actionplans:national-recommendation-add", args=[national.pk]),
            {
                "number": str(number),
                "text": text,
                "scope": Scope.MULTI_AGENCY,
                "lead_agency": "",
                "monitored_by": MonitoringGroup.EXECUTIVE,
            },
        )
        assert response.status_code == 302, response.content.decode()
    again = manager.post(
        reverse("actionplans:national-recommendation-add", args=[national.pk]),
        {
            "number": "2",
            "text": "A second 2",
            "scope": Scope.MULTI_AGENCY,
            "monitored_by": MonitoringGroup.EXECUTIVE,
        },
    )
    assert again.status_code == 400
    assert "already has a recommendation 2" in again.content.decode()

    for recommendation, agency in zip(
        national.recommendations.order_by("number"),
        (lead_agency(partnership), police(partnership)),
        strict=True,
    ):
        form = manager.get(reverse("actionplans:action-add", args=[recommendation.pk]))
        assert "Child protection in England (national review)" in form.content.decode()
        response = manager.post(
            reverse("actionplans:action-add", args=[recommendation.pk]),
            {
                "text": f"Act on recommendation {recommendation.number}",
                "owner_agency": agency.pk,
                "due_0": "",
                "due_1": "12",
                "due_2": "2030",
            },
        )
        assert response.status_code == 302, response.content.decode()
        assert response["Location"] == reverse("actionplans:national-review", args=[national.pk])

    page = manager.get(reverse("actionplans:national-review", args=[national.pk]))
    assert [row.action.text for row in page.context["rows"]] == [
        "Act on recommendation 1",
        "Act on recommendation 2",
    ]
    changed = manager.post(
        reverse("reviews:national-review-change", args=[national.pk]),
        {
            "title": "Child Protection in England",
            "published_0": "",
            "published_1": "5",
            "published_2": "2022",
            "summary": national.summary,
            "link": "https://www.example.org/child-protection-in-england.pdf",
            "version": version_for(
                manager, reverse("reviews:national-review-change", args=[national.pk])
            ),
        },
    )
    assert changed.status_code == 302, changed.content.decode()
    national.refresh_from_db()
    assert national.title == "Child Protection in England"


def test_a_national_review_is_published_before_it_is_recorded(
    partnership: Partnership, client_as: Callable
) -> None:
    future = timezone.localdate() + dt.timedelta(days=400)
    response = client_as("manager").post(
        reverse("reviews:national-review-add"),
        {
            "title": "Not yet",
            "published_0": "",
            "published_1": str(future.month),
            "published_2": str(future.year),
        },
    )
    assert response.status_code == 400
    assert "must be today or in the past" in response.content.decode()
    assert not NationalReview.objects.exists()


def test_a_recommendation_belongs_to_one_review_local_or_national(
    partnership: Partnership,
) -> None:
    national = make_national_review(partnership)
    review = make_review(partnership)
    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.create(
            partnership=partnership, review=review, national_review=national, number=9, text="x"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.create(partnership=partnership, number=9, text="x")
    # Numbered once each within a national review, whatever a local review has.
    for of in (review, national):
        services.add_recommendation(
            of,
            number=1,
            text=FATHERS,
            scope=Scope.MULTI_AGENCY,
            monitored_by=MonitoringGroup.EXECUTIVE,
            acting_user=None,
        )
    with pytest.raises(ValidationError):
        services.add_recommendation(
            national,
            number=1,
            text=TRAINING,
            scope=Scope.MULTI_AGENCY,
            monitored_by=MonitoringGroup.EXECUTIVE,
            acting_user=None,
        )


def test_another_partnership_never_sees_nor_adds_to_a_national_review(
    partnership: Partnership, acting_as: Callable, client_as: Callable
) -> None:
    national = recorded_with_services(partnership, acting_as("manager"))
    action = AgencyAction.objects.get(text="Record fathers in every assessment")
    other = client_as("manager", OTHER_CODE)
    listing = other.get(reverse("reviews:national-reviews")).content.decode()
    assert "The myth of invisible men" not in listing
    for url in (
        reverse("actionplans:national-review", args=[national.pk]),
        reverse("actionplans:national-recommendation-add", args=[national.pk]),
        reverse("reviews:national-review-change", args=[national.pk]),
        reverse("actionplans:action", args=[action.pk]),
    ):
        assert other.get(url).status_code == 404, url
    assert (
        "Record fathers"
        not in other.get(
            reverse("actionplans:monitoring", args=[MonitoringGroup.EXECUTIVE])
        ).content.decode()
    )
    with pytest.raises(PermissionDenied):
        services.add_recommendation(
            national,
            number=3,
            text="Not theirs",
            scope=Scope.MULTI_AGENCY,
            monitored_by=MonitoringGroup.EXECUTIVE,
            acting_user=acting_as("manager", OTHER_CODE),
        )


def test_a_reviewer_never_sees_a_national_review_nor_its_actions(
    partnership: Partnership, acting_as: Callable, client_as: Callable
) -> None:
    national = recorded_with_services(partnership, acting_as("manager"))
    action = AgencyAction.objects.get(text="Record fathers in every assessment")
    reviewer = client_as("reviewer")
    assert reviewer.get(reverse("reviews:national-reviews")).status_code == 403
    assert (
        reviewer.get(reverse("actionplans:national-review", args=[national.pk])).status_code == 404
    )
    assert reviewer.get(reverse("actionplans:action", args=[action.pk])).status_code == 404
    assert "National reviews" not in reviewer.get(reverse("home")).content.decode()
    as_reviewer = acting_as("reviewer")
    assert not recommendations_for(as_reviewer).filter(national_review=national).exists()
    assert not actions_for(as_reviewer).filter(recommendation__national_review=national).exists()
