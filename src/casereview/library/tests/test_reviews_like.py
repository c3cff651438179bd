"""Reviews like this one: on a review, the published reviews of every partnership that share
most of its themes and then its words, with the themes they share."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from casereview.accounts.models import Partnership
from casereview.reviews import services as review_services
from casereview.reviews.models import Review
from casereview.testing.fixtures import OTHER_CODE
from casereview.testing.queries import AUDIT_ROW, get_within_budget
from casereview.testing.records import make_published_review, make_review
from casereview.themes.models import Theme

pytestmark = pytest.mark.django_db


def themed(review: Review, *codes: str) -> Review:
    themes = [Theme.objects.get(code=code, partnership=None) for code in codes]
    return review_services.change_review(review, acting_user=None, themes=themes)


def like(client: Client, review_id: int, *, in_place: bool = False) -> str:
    """The list alone, as the review's page loads it in place (HTMX), or the page of its own."""
    headers = {"HX-Request": "true"} if in_place else {}
    response = client.get(reverse("library:reviews-like", args=[review_id]), headers=headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def ours(partnership: Partnership) -> int:
    review = make_review(partnership, title="Child Ours")
    review_services.save_learning_summary(
        review, acting_user=None, background="The father was never invited to the conference."
    )
    return themed(review, "neglect", "engaging_fathers", "thresholds_escalation").pk


def test_the_published_reviews_sharing_most_themes_come_first_from_every_partnership(
    ours: int,
    partnership: Partnership,
    other_partnership: Partnership,
    client_as: Callable[..., Client],
) -> None:
    make_published_review(partnership, title="Child One Theme", themes=("neglect",))
    make_published_review(
        other_partnership, title="Child Two Themes", themes=("neglect", "engaging_fathers")
    )
    make_published_review(partnership, title="Child No Theme", themes=("online_harm",))
    make_review(partnership, title="Child Unpublished")  # neglect, but not published
    page = like(client_as("manager"), ours, in_place=True)  # the list alone
    assert page.index("Child Two Themes") < page.index("Child One Theme")
    assert "Shares 2 of this review's 3 themes: Fathers and male carers, Neglect" in page
    assert "Shares 1 of this review's 3 themes: Neglect" in page
    assert other_partnership.name in page  # from the other partnership, named
    for absent in ("Child No Theme", "Child Unpublished", "Child Ours"):
        assert absent not in page


def test_the_words_of_their_learning_decide_between_reviews_sharing_the_same_themes(
    ours: int, partnership: Partnership, client_as: Callable[..., Client]
) -> None:
    make_published_review(
        partnership,
        title="Child Housing",
        themes=("neglect",),
        background="Frequent housing moves between areas lost the family.",
    )
    make_published_review(
        partnership,
        title="Child Fathers",
        themes=("neglect",),
        background="Practitioners never invited the father to a conference.",
    )
    page = like(client_as("panel_member"), ours)
    assert page.index("Child Fathers") < page.index("Child Housing")


def test_a_review_with_no_themes_says_how_likeness_is_found(
    partnership: Partnership, client_as: Callable[..., Client]
) -> None:
    review = themed(make_review(partnership, title="Child Bare"))
    make_published_review(partnership, title="Child Neglect", themes=("neglect",))
    page = like(client_as("manager"), review.pk)
    assert "this review has none yet" in page
    assert "Child Neglect" not in page


def test_the_review_page_loads_them_in_place_and_links_to_them_without_javascript(
    ours: int, partnership: Partnership, client_as: Callable[..., Client]
) -> None:
    make_published_review(partnership, title="Child Alike", themes=("neglect",))
    client = client_as("reviewer")
    url = reverse("library:reviews-like", args=[ours])
    review_page = client.get(reverse("reviews:review", args=[ours])).content.decode()
    assert f'hx-get="{url}"' in review_page
    assert f'href="{url}"' in review_page  # the same, as a page of its own
    in_place = like(client, ours, in_place=True)
    assert "Child Alike" in in_place and "<html" not in in_place
    whole = like(client, ours)
    assert "Child Alike" in whole and "<h1" in whole


def test_only_those_who_may_see_the_review_see_what_is_like_it(
    ours: int, client_as: Callable[..., Client]
) -> None:
    url = reverse("library:reviews-like", args=[ours])
    assert client_as("scrutiny").get(url).status_code == 404
    assert client_as("manager", OTHER_CODE).get(url).status_code == 404


def test_a_published_review_is_not_its_own_likeness_and_is_linked_to_the_library(
    partnership: Partnership, client_as: Callable[..., Client]
) -> None:
    published = make_published_review(partnership, title="Child Shelved", themes=("neglect",))
    make_published_review(partnership, title="Child Sibling", themes=("neglect",))
    client = client_as("manager")
    review_page = client.get(reverse("reviews:review", args=[published.pk])).content.decode()
    assert reverse("library:published-review", args=[published.pk]) in review_page
    shelf = client.get(reverse("library:published-review", args=[published.pk])).content.decode()
    alike = shelf[shelf.index("Published reviews like this one") :]
    assert "Child Sibling" in alike and "Child Shelved" not in alike


@pytest.mark.parametrize("count", [1, 60])
def test_finding_them_keeps_its_budget(
    count: int, ours: int, partnership: Partnership, client_as: Callable[..., Client]
) -> None:
    for n in range(count):
        make_published_review(partnership, title=f"Child N{n}", themes=("neglect",))
    client = client_as("manager")
    url = reverse("library:reviews-like", args=[ours])
    # The session read and renewed, the person, the review, its themes, the published reviews
    # sharing them, their themes, the words of their learning (summaries and points), whether
    # the review has themes, and the audit row: the same for 1 published review and for 60.
    response = get_within_budget(client, url, 12 + AUDIT_ROW, headers={"HX-Request": "true"})
    assert response.content.decode().count("<li") == min(count, 5)
