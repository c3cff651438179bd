"""The library as each person meets it: every partnership's published reviews, and of each
only what was published; never a review not yet published, nor the case detail of one that
was."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from casereview.accounts.choices import Role
from casereview.accounts.models import Partnership, User
from casereview.core.models import AuditEvent
from casereview.demo.partnerships import SERVICE_ADMIN_USERNAME
from casereview.reviews import services as review_services
from casereview.search.indexing import reindex_partnership
from casereview.testing.fixtures import HOME_CODE, OTHER_CODE, signed_in
from casereview.testing.queries import AUDIT_ROW, get_within_budget
from casereview.testing.records import make_published_review, make_referral, make_review

pytestmark = pytest.mark.django_db

ROLES = [role.value for role in Role]


def library(client: Client, **query: str) -> str:
    response = client.get(reverse("library:library"), query)
    assert response.status_code == 200, response.content.decode()[:500]
    return response.content.decode()


@pytest.fixture
def shelves(partnership: Partnership, other_partnership: Partnership) -> dict[str, int]:
    """A published review in each partnership, and one of this partnership's not published,
    each with words of its own in its learning and in its own summary of the case."""
    ours = make_published_review(
        partnership,
        title="Child Ashgrove",
        summary="Case detail: the family moved to Wrenfield Road.",
        background="Practitioners did not hear the voice of the child quillowen.",
        themes=("neglect", "engaging_fathers"),
    )
    theirs = make_published_review(
        other_partnership,
        title="Child Birchmere",
        background="Escalation between agencies failed: farrowlight.",
        themes=("neglect",),
        published=dt.date(2019, 3, 1),
    )
    unpublished = make_review(partnership, title="Child Cedarholt")
    review_services.save_learning_summary(
        unpublished, acting_user=None, background="Not yet published: pembrillow."
    )
    referral = make_referral(partnership, child={"pseudonym": "Child Dunmarrow", "sex": "male"})
    review_services.change_review(ours, acting_user=None, children=list(referral.children.all()))
    reindex_partnership(partnership.pk)
    reindex_partnership(other_partnership.pk)
    return {"ours": ours.pk, "theirs": theirs.pk, "unpublished": unpublished.pk}


@pytest.mark.parametrize("code", [HOME_CODE, OTHER_CODE])
@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_every_partnerships_published_reviews_and_nothing_else(
    code: str, role: str, shelves: dict[str, int], client_as: Callable[..., Client]
) -> None:
    client = client_as(role, code)
    page = library(client)
    assert "Child Ashgrove" in page and "Child Birchmere" in page
    assert "Child Cedarholt" not in page
    assert "<strong>2</strong> published reviews" in page
    found = library(client, q="farrowlight")
    assert "Child Birchmere" in found and "Child Ashgrove" not in found
    assert '<mark class="app-search-mark">farrowlight</mark>' in found
    for hidden in ("pembrillow", "Wrenfield"):  # unpublished learning; a case summary
        assert "No published review matches" in library(client, q=hidden)
    shown = client.get(reverse("library:published-review", args=[shelves["ours"]]))
    assert shown.status_code == 200
    text = shown.content.decode()
    assert "quillowen" in text and "Think about the role of the father" in text
    for detail in ("Wrenfield", "Dunmarrow", "Trial listed", "Invented review for a test"):
        assert detail not in text, f"{role}@{code} saw {detail!r} of a published review"
    unpublished = client.get(reverse("library:published-review", args=[shelves["unpublished"]]))
    assert unpublished.status_code == 404


def test_the_service_administrator_has_no_library(shelves: dict[str, int]) -> None:
    client = signed_in(User.objects.get(username=SERVICE_ADMIN_USERNAME))
    assert client.get(reverse("library:library")).status_code == 403
    assert (
        client.get(reverse("library:published-review", args=[shelves["ours"]])).status_code == 404
    )


def test_filters_by_theme_type_and_year(
    shelves: dict[str, int], client_as: Callable[..., Client]
) -> None:
    from casereview.themes.models import Theme

    client = client_as("scrutiny")
    fathers = Theme.objects.get(code="engaging_fathers", partnership=None)
    by_theme = library(client, theme=str(fathers.pk))
    assert "Child Ashgrove" in by_theme and "Child Birchmere" not in by_theme
    since_2019 = library(client, published_from="2019")
    assert "Child Birchmere" in since_2019 and "Child Ashgrove" not in since_2019
    until_2018 = library(client, published_to="2018")
    assert "Child Ashgrove" in until_2018 and "Child Birchmere" not in until_2018
    words_and_theme = library(client, q="escalation", theme=str(fathers.pk))
    assert "No published review matches" in words_and_theme


def test_words_are_found_in_any_of_their_forms_best_match_first(
    partnership: Partnership, client_as: Callable[..., Client]
) -> None:
    make_published_review(partnership, title="Child Once", background="Fathers were missed.")
    make_published_review(
        partnership,
        title="Child Often",
        background="The father was missed; no one asked the father; the father's role.",
    )
    reindex_partnership(partnership.pk)
    page = library(client_as("agency_lead"), q="father")
    assert page.index("Child Often") < page.index("Child Once")


def test_a_search_is_in_the_audit_trail_of_the_searchers_partnership(
    partnership: Partnership, shelves: dict[str, int], client_as: Callable[..., Client]
) -> None:
    library(client_as("reviewer", OTHER_CODE), q="quillowen")
    row = AuditEvent.objects.order_by("-id").first()
    assert row is not None
    assert row.object_repr == "library of published learning: q=quillowen, page 1"
    assert row.partnership is not None and row.partnership.code == OTHER_CODE


def test_publishing_puts_a_review_in_the_library_and_its_summary_follows(
    partnership: Partnership,
    client_as: Callable[..., Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        review = make_review(partnership, title="Child Elmstead")
        review_services.sign_off_review(review, signed_off=None, acting_user=None)
        review_services.save_learning_summary(
            review, acting_user=None, background="The word is tarnwhistle."
        )
    client = client_as("national_panel")
    assert "No published review matches" in library(client, q="tarnwhistle")
    with django_capture_on_commit_callbacks(execute=True):
        review_services.publish_review(review, published=dt.date(2017, 2, 1), acting_user=None)
    assert "Child Elmstead" in library(client, q="tarnwhistle")
    with django_capture_on_commit_callbacks(execute=True):
        review_services.save_learning_summary(
            review, acting_user=None, background="Now it says glimmerstaff."
        )
    assert "No published review matches" in library(client, q="tarnwhistle")
    assert "Child Elmstead" in library(client, q="glimmerstaff")


def test_a_partnerships_own_search_never_offers_published_learning(
    shelves: dict[str, int], client_as: Callable[..., Client]
) -> None:
    page = client_as("manager").get(reverse("search:search"), {"q": "farrowlight"}).content
    assert b"Child Birchmere" not in page  # the other partnership's, though published
    assert b"Published learning" not in page


@pytest.mark.parametrize("count", [1, 30])
def test_the_library_keeps_its_budget(
    count: int, partnership: Partnership, client_as: Callable[..., Client]
) -> None:
    for n in range(count):
        make_published_review(partnership, title=f"Child N{n}", background="Neglect of a baby.")
    reindex_partnership(partnership.pk)
    client = client_as("scrutiny")
    # The session read and renewed (in a savepoint), the person with their memberships, the
    # themes the filter offers, the count and the page, the themes of its rows, and the audit
    # row: the same for 1 review and for 30.
    listed = get_within_budget(client, reverse("library:library"), 9 + AUDIT_ROW)
    assert len(re.findall(r'href="/library/\d+/"', listed.content.decode())) == min(count, 20)
    # With words, the engine's matches and the snippets of the page's rows too.
    get_within_budget(client, reverse("library:library") + "?q=baby", 11 + AUDIT_ROW)


def test_a_referral_is_never_in_the_library(
    partnership: Partnership, client_as: Callable[..., Client]
) -> None:
    make_referral(partnership, summary="A referral about sprocketwing.")
    reindex_partnership(partnership.pk)
    assert "No published review matches" in library(client_as("manager"), q="sprocketwing")
