"""Themes, learning points counted across reviews, and learning events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.urls import reverse

from casereview.accounts.models import Agency, Partnership
from casereview.learning.models import LearningEvent
from casereview.learning.services import change_theme
from casereview.reviews import services as reviews
from casereview.reviews.models import LearningPoint, Review
from casereview.testing.queries import AUDIT_ROW, get_within_budget
from casereview.testing.records import make_review
from casereview.themes.models import Theme
from casereview.themes.taxonomy import national_themes

pytestmark = pytest.mark.django_db
PERIOD = {
    "date_from_0": "1",
    "date_from_1": "1",
    "date_from_2": "2016",
    "date_to_0": "31",
    "date_to_1": "1",
    "date_to_2": "2017",
}


def theme(code: str) -> Theme:
    return Theme.objects.get(code=code, partnership=None)


def test_the_national_taxonomy_is_loaded_as_the_spec_lists_it() -> None:
    loaded = {t.code: (t.group, t.label) for t in Theme.objects.filter(partnership=None)}
    assert len(loaded) == 40
    assert loaded == {t["code"]: (t["group"], t["label"]) for t in national_themes()}
    assert loaded["self_harm_suicide"] == ("harm", "Self-harm and suicide")


def test_a_partnership_adds_its_own_theme_but_not_a_national_code(
    client_as: Callable, partnership: Partnership, other_partnership: Partnership
) -> None:
    client = client_as("manager")
    taken = client.post(
        reverse("learning:theme-add"), {"code": "neglect", "group": "harm", "label": "Our neglect"}
    )
    assert taken.status_code == 400 and "national theme" in taken.content.decode()
    added = client.post(
        reverse("learning:theme-add"),
        {"code": "county_lines", "group": "harm", "label": "County lines"},
    )
    assert added.status_code == 302
    assert Theme.objects.get(code="county_lines").partnership == partnership
    assert "County lines" in client.get(reverse("learning:themes")).content.decode()
    assert (
        "County lines"
        not in client_as("manager", "NMSCP").get(reverse("learning:themes")).content.decode()
    )
    assert theme("neglect").label == "Neglect"


def test_a_national_theme_cannot_be_changed() -> None:
    with pytest.raises(Exception, match="National themes cannot be changed"):
        change_theme(theme("neglect"), label="Changed", covers="", acting_user=None)


def make_worked_on_reviews(partnership: Partnership) -> None:
    """Three reviews worked on in 2016 (two tagged neglect) and one finished in 2014."""
    first = make_review(partnership, title="Child J")  # neglect; learning point: fathers
    second = reviews.create_review(
        partnership,
        acting_user=None,
        title="Baby L",
        type="scr",
        commissioned=dt.date(2014, 9, 1),
        themes=[theme("neglect"), theme("sudi")],
    )
    reviews.add_learning_point(
        second,
        text="Curiosity beyond self-reported information.",
        themes=[theme("professional_curiosity"), theme("neglect")],
        acting_user=None,
    )
    third = reviews.create_review(
        partnership,
        acting_user=None,
        title="Child Q",
        type="scr",
        commissioned=dt.date(2015, 1, 1),
        themes=[theme("physical_abuse")],
    )
    reviews.sign_off_review(third, signed_off=dt.date(2016, 6, 1), acting_user=None)
    old = reviews.create_review(
        partnership,
        acting_user=None,
        title="Child Z",
        type="scr",
        commissioned=dt.date(2012, 1, 1),
        themes=[theme("neglect")],
    )
    reviews.sign_off_review(old, signed_off=dt.date(2014, 6, 1), acting_user=None)
    assert first


def test_learning_in_common_counts_reviews_worked_on_by_theme(
    client_as: Callable, partnership: Partnership
) -> None:
    make_worked_on_reviews(partnership)
    response = client_as("panel_member").get(reverse("learning:in-common"), PERIOD)
    assert response.status_code == 200
    counts = [(t.code, t.reviews) for t in response.context["themes"]]
    # Child Z finished before the period. Themes only on learning points come last, with 0.
    assert counts == [
        ("neglect", 2),
        ("physical_abuse", 1),
        ("sudi", 1),
        ("engaging_fathers", 0),
        ("professional_curiosity", 0),
    ]
    page = response.content.decode()
    assert "Curiosity beyond self-reported information." in page and "(Baby L)" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in page
    assert 'id="themes-table"' in page


def test_scrutiny_sees_the_figures_and_only_published_learning(
    client_as: Callable, partnership: Partnership
) -> None:
    make_worked_on_reviews(partnership)
    page = client_as("scrutiny").get(reverse("learning:in-common"), PERIOD)
    assert {t.code: t.reviews for t in page.context["themes"]}["neglect"] == 2
    assert "Curiosity beyond self-reported information." not in page.content.decode()
    assert "Learning from published reviews." in page.content.decode()


def test_a_period_that_runs_backwards_is_refused(client_as: Callable) -> None:
    backwards = dict(PERIOD, date_to_2="2015")
    response = client_as("manager").get(reverse("learning:in-common"), backwards)
    assert response.status_code == 400
    assert "The end of the period must be on or after its start" in response.content.decode()


@pytest.mark.parametrize("count", [1, 500])
def test_learning_in_common_keeps_its_query_budget(
    client_as: Callable, partnership: Partnership, count: int
) -> None:
    neglect, fathers = theme("neglect"), theme("engaging_fathers")
    created = Review.objects.bulk_create(
        [
            Review(
                partnership=partnership,
                title=f"Child {n}",
                type="scr",
                commissioned=dt.date(2016, 1, 1),
            )
            for n in range(count)
        ]
    )
    Review.themes.through.objects.bulk_create(
        [Review.themes.through(review=r, theme=neglect) for r in created]
    )
    points = LearningPoint.objects.bulk_create(
        [LearningPoint(review=r, text=f"Learning {r.pk}") for r in created]
    )
    LearningPoint.themes.through.objects.bulk_create(
        [LearningPoint.themes.through(learningpoint=p, theme=fathers) for p in points]
    )
    response = get_within_budget(
        client_as("manager"),
        reverse("learning:in-common") + "?" + "&".join(f"{k}={v}" for k, v in PERIOD.items()),
        8 + AUDIT_ROW,
    )
    themes = {t.code: (t.reviews, len(t.points)) for t in response.context["themes"]}
    assert themes == {"neglect": (count, 0), "engaging_fathers": (0, count)}


def test_a_learning_event_with_attendance_by_agency(
    client_as: Callable, partnership: Partnership
) -> None:
    review = make_review(partnership)
    police = Agency.objects.get(partnership=partnership, external_key="tvp")
    csc = Agency.objects.get(partnership=partnership, external_key="occ-csc")
    response = client_as("panel_member").post(
        reverse("learning:event-add"),
        {
            "title": "Grooming and staying safe online",
            "date_0": "",
            "date_1": "11",
            "date_2": "2016",
            "themes": [theme("online_harm").pk],
            "reviews": [review.pk],
            f"attended_{police.pk}": "14",
            f"attended_{csc.pk}": "22",
        },
    )
    assert response.status_code == 302
    page = client_as("scrutiny").get(response["Location"]).content.decode()
    assert "Grooming and staying safe online" in page and "November 2016" in page
    assert "36" in page and "Thames Valley Police" in page and "Online harm" in page


def bulk_events(partnership: Partnership, count: int) -> None:
    """`count` learning events a day apart, the latest on 31 March 2017, each on a theme."""
    events = LearningEvent.objects.bulk_create(
        [
            LearningEvent(
                partnership=partnership,
                date=dt.date(2017, 3, 31) - dt.timedelta(days=n),
                title=f"Event {n:03d}",
                attendance=n,
            )
            for n in range(count)
        ]
    )
    LearningEvent.themes.through.objects.bulk_create(
        [LearningEvent.themes.through(learningevent=e, theme=theme("neglect")) for e in events]
    )


@pytest.mark.parametrize("count", [1, 500])
def test_the_learning_events_keep_their_query_budget(
    client_as: Callable, partnership: Partnership, count: int
) -> None:
    bulk_events(partnership, count)
    response = get_within_budget(client_as("manager"), reverse("learning:events"), 8 + AUDIT_ROW)
    assert response.context["page"].paginator.count == count


def test_the_learning_events_a_page_at_a_time_the_latest_first(
    client_as: Callable, partnership: Partnership
) -> None:
    bulk_events(partnership, 60)
    client = client_as("scrutiny")
    first = client.get(reverse("learning:events"))
    assert [e.title for e in first.context["page"]] == [f"Event {n:03d}" for n in range(50)]
    assert "<strong>60</strong> learning events" in first.content.decode()
    second = client.get(reverse("learning:events"), {"page": 2})
    assert [e.title for e in second.context["page"]] == [f"Event {n:03d}" for n in range(50, 60)]
    assert "Page 2 of 2" in second.content.decode()
