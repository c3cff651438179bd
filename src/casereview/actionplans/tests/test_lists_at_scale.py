"""The action pages at national scale (issue 15): monitoring and an agency's actions a page at a
time, their totals counted by the database over every page, the review filter typed rather
than chosen from every review, and each page's queries fixed whatever the number of actions."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Callable

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from casereview.accounts.models import Agency, Partnership
from casereview.actionplans import rules, services
from casereview.actionplans.choices import ActionStatus, MonitoringGroup, Rag, Scope
from casereview.actionplans.models import AgencyAction, ProgressUpdate, Recommendation
from casereview.actionplans.selectors import rated, totals_of
from casereview.core.partialdates import PartialDate
from casereview.reviews.models import NationalReview, Review
from casereview.testing.queries import AUDIT_ROW, get_within_budget
from casereview.testing.records import make_action, make_national_review, make_review

pytestmark = pytest.mark.django_db

MONITORING = reverse("actionplans:monitoring", args=["executive"])


def agency(partnership: Partnership, key: str) -> Agency:
    return Agency.objects.get(partnership=partnership, external_key=key)


def more_actions(
    recommendation: Recommendation, count: int, *, first_due: dt.date, text: str = "Action"
) -> list[AgencyAction]:
    """`count` actions on the recommendation for the agency of its first action, due a day
    apart from `first_due`, numbered in their text ("Action 007"); every third has a progress
    update, dated the day before it is due or today, whichever is earlier."""
    owner = AgencyAction.objects.filter(recommendation=recommendation).first()
    assert owner is not None, "the recommendation has its first action (make_action)"
    today = timezone.localdate()
    made = []
    for n in range(count):
        due = first_due + dt.timedelta(days=n)
        made.append(
            AgencyAction(
                partnership=recommendation.partnership,
                recommendation=recommendation,
                text=f"{text} {n:03d}",
                owner_agency=owner.owner_agency,
                due=due,
                last_update=min(due - dt.timedelta(days=1), today) if n % 3 == 0 else None,
                position=n + 1,
            )
        )
    made = AgencyAction.objects.bulk_create(made)
    ProgressUpdate.objects.bulk_create(
        [ProgressUpdate(action=a, date=a.last_update, text="Under way.") for a in made[::3]]
    )
    return made


def plans_of(partnership: Partnership, count: int) -> tuple[Review, NationalReview]:
    """A review with three recommendations and a national review with one, all monitored by
    the executive group, each recommendation with `count` actions of the demo agency lead's
    agency (one with none more than the first: count 1)."""
    today = timezone.localdate()
    review = make_review(partnership, title="Child J", reference="OSCB-2016-01")
    first = make_action(partnership, review=review, due=PartialDate(today - dt.timedelta(9)))
    more_actions(first.recommendation, count - 1, first_due=today - dt.timedelta(30))
    for number in (2, 3):
        recommendation = services.add_recommendation(
            review,
            number=number,
            text=f"Recommendation {number}.",
            scope=Scope.MULTI_AGENCY,
            monitored_by=MonitoringGroup.EXECUTIVE,
            acting_user=None,
        )
        services.add_action(
            recommendation,
            text="First action.",
            owner_agency=first.owner_agency,
            due=PartialDate(today),
            acting_user=None,
        )
        more_actions(recommendation, count - 1, first_due=today)
    national = make_national_review(partnership)
    recommendation = services.add_recommendation(
        national,
        number=1,
        text="Think family.",
        scope=Scope.MULTI_AGENCY,
        monitored_by=MonitoringGroup.EXECUTIVE,
        acting_user=None,
    )
    services.add_action(
        recommendation,
        text="Brief every team.",
        owner_agency=first.owner_agency,
        due=PartialDate(today + dt.timedelta(days=60)),
        acting_user=None,
    )
    more_actions(recommendation, count - 1, first_due=today + dt.timedelta(days=10))
    return review, national


# Each page's queries beyond the second factor's, without the audit row: the same for one
# action on each recommendation as for five hundred.
PAGES: dict[str, tuple[str, Callable[[Review, NationalReview], str], int]] = {
    "monitoring": ("manager", lambda review, national: MONITORING, 11),
    "monitoring, filtered and sorted, page 2": (
        "manager",
        lambda review, national: (
            f"{MONITORING}?review=child+j&status=not_started&sort=review&page=2"
        ),
        11,
    ),
    "your agency's actions": ("agency_lead", lambda r, n: reverse("actionplans:my-actions"), 10),
    "a review's action plan": (
        "manager",
        lambda review, national: reverse("actionplans:review-plan", args=[review.pk]),
        10,
    ),
    "a national review": (
        "manager",
        lambda review, national: reverse("actionplans:national-review", args=[national.pk]),
        11,
    ),
}


@pytest.mark.parametrize("count", [1, 500])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_each_action_page_keeps_its_query_budget(
    client_as: Callable, partnership: Partnership, page: str, count: int
) -> None:
    review, national = plans_of(partnership, count)
    role, url_of, budget = PAGES[page]
    response = get_within_budget(client_as(role), url_of(review, national), budget + AUDIT_ROW)
    assert response.status_code == 200
    assert response.context["rows"], "the page lists actions"


def test_page_two_of_monitoring_shows_the_next_fifty_actions_by_due_date(
    client_as: Callable, partnership: Partnership
) -> None:
    first = make_action(partnership, due=PartialDate(timezone.localdate()), text="Action first")
    more_actions(first.recommendation, 119, first_due=timezone.localdate())
    client = client_as("manager")
    texts = {
        n: [r.action.text for r in client.get(MONITORING, {"page": n}).context["rows"]]
        for n in (1, 2, 3)
    }
    assert texts[1] == ["Action first", "Action 000", *[f"Action {n:03d}" for n in range(1, 49)]]
    assert texts[2] == [f"Action {n:03d}" for n in range(49, 99)]
    assert texts[3] == [f"Action {n:03d}" for n in range(99, 119)]
    page = client.get(MONITORING, {"page": 2, "agency": first.owner_agency_id}).content.decode()
    assert "Page 2 of 3" in page
    assert f'href="?agency={first.owner_agency_id}&amp;page=3" rel="next"' in page
    assert f'href="?agency={first.owner_agency_id}&amp;page=1" rel="prev"' in page


def mixed_actions(partnership: Partnership) -> list[AgencyAction]:
    """120 open actions of every rating, and some closed: 30 overdue, 30 due within 30 days
    with no update (amber), 30 due within 30 days but updated last week (green), 20 due in
    two months (green), 10 with no due date; and 15 overdue but completed (not rated)."""
    today = timezone.localdate()
    first = make_action(partnership, due=PartialDate(today - dt.timedelta(days=1)))
    recommendation = first.recommendation
    more_actions(recommendation, 29, first_due=today - dt.timedelta(days=40))
    more_actions(recommendation, 30, first_due=today, text="Soon")
    quiet = more_actions(recommendation, 30, first_due=today, text="Updated")
    AgencyAction.objects.filter(pk__in=[a.pk for a in quiet]).update(
        last_update=today - dt.timedelta(days=7)
    )
    more_actions(recommendation, 20, first_due=today + dt.timedelta(days=60))
    undated = more_actions(recommendation, 10, first_due=today, text="Undated")
    AgencyAction.objects.filter(pk__in=[a.pk for a in undated]).update(due=None)
    done = more_actions(recommendation, 15, first_due=today - dt.timedelta(days=90), text="Done")
    AgencyAction.objects.filter(pk__in=[a.pk for a in done]).update(
        status=ActionStatus.COMPLETED, completed=today - dt.timedelta(days=80)
    )
    return list(AgencyAction.objects.filter(partnership=partnership))


def ratings(actions: list[AgencyAction]) -> Counter[str | None]:
    today = timezone.localdate()
    return Counter(rules.rag(a.status, a.due, a.last_update, today) for a in actions)


def test_the_totals_count_every_action_on_every_page(
    client_as: Callable, partnership: Partnership
) -> None:
    actions = mixed_actions(partnership)
    expected = ratings(actions)
    assert (expected[Rag.RED], expected[Rag.AMBER], expected[Rag.GREEN]) == (30, 20, 60)
    client = client_as("manager")
    for page in (1, 3):
        response = client.get(MONITORING, {"page": page})
        totals = response.context["totals"]
        assert (totals.all, totals.without_due_date) == (120, 10)
        assert totals.by_rating == {"red": 30, "amber": 20, "green": 60}
        assert "<strong>120</strong> actions: 30 red, 20 amber, 60 green; 10 with no due date" in (
            response.content.decode()
        )
    red = client.get(MONITORING, {"rag": "red", "page": 1})
    assert red.context["totals"].by_rating == {"red": 30, "amber": 0, "green": 0}
    assert len(red.context["rows"]) == 30
    everything = client.get(MONITORING, {"status": "completed"})
    assert (everything.context["totals"].all, everything.context["totals"].red) == (15, 0)
    lead = client_as("agency_lead").get(reverse("actionplans:my-actions"), {"page": 3})
    assert len(lead.context["rows"]) == 35
    assert lead.context["totals"].all == 135
    assert (
        "<strong>135</strong> actions from case reviews. Of those still open, 30 red, 20 amber, 60 green; 10 with no due date"
        in lead.content.decode()
    )


def test_the_database_rates_each_action_as_the_rules_do(partnership: Partnership) -> None:
    """The edges of each rating: due yesterday, today, in 30 and 31 days; updated 30 and 31
    days ago or never; open or completed; with no due date."""
    today = timezone.localdate()
    first = make_action(partnership, due=PartialDate(today))
    recommendation = first.recommendation
    for due in (-1, 0, 30, 31):
        for updated in (None, 30, 31):
            for status in (
                ActionStatus.NOT_STARTED,
                ActionStatus.IN_PROGRESS,
                ActionStatus.COMPLETED,
            ):
                AgencyAction.objects.create(
                    partnership=partnership,
                    recommendation=recommendation,
                    text=f"{due} {updated} {status}",
                    owner_agency=first.owner_agency,
                    due=today + dt.timedelta(days=due),
                    status=status,
                    last_update=None if updated is None else today - dt.timedelta(days=updated),
                )
    AgencyAction.objects.create(
        partnership=partnership,
        recommendation=recommendation,
        text="Undated",
        owner_agency=first.owner_agency,
    )
    actions = AgencyAction.objects.filter(partnership=partnership)
    by_rule = {
        rag: {a.pk for a in actions if rules.rag(a.status, a.due, a.last_update, today) == rag}
        for rag in Rag.values
    }
    assert all(by_rule.values()), "each rating has its actions"
    for rag in Rag.values:
        assert set(rated(actions, rag, today).values_list("pk", flat=True)) == by_rule[rag], rag
    totals = totals_of(actions, today)
    assert totals.by_rating == {rag: len(by_rule[rag]) for rag in Rag.values}
    assert (totals.all, totals.without_due_date) == (len(actions), 1)


def test_the_review_filter_is_typed_and_finds_a_review_by_reference_or_title(
    client_as: Callable, partnership: Partnership
) -> None:
    plans_of(partnership, 1)
    other = make_review(partnership, title="Baby L", reference="OSCB-2017-04")
    make_action(partnership, review=other, text="Baby L's action")
    client = client_as("manager")

    def found(words: str) -> set[str]:
        rows = client.get(MONITORING, {"review": words}).context["rows"]
        return {row.action.recommendation.source.title for row in rows}

    assert found("") == {"Child J", "Baby L", "The myth of invisible men"}
    assert found("child j") == {"Child J"}
    assert found("oscb-2017-04") == {"Baby L"}
    assert found("  Myth ") == {"The myth of invisible men"}
    assert found("Child Q") == set()
    page = client.get(MONITORING).content.decode()
    assert re.search(r'<input type="text" name="review"[^>]*id="id_review"', page)
    assert '<select name="review"' not in page
    assert "Its reference, or a word of its title" in page


def test_the_workbook_holds_every_page_of_actions(
    client_as: Callable, partnership: Partnership
) -> None:
    first = make_action(partnership, due=PartialDate(timezone.localdate()))
    more_actions(first.recommendation, 119, first_due=timezone.localdate())
    client = client_as("manager")
    assert (
        "Download all 120 of these actions as a spreadsheet"
        in client.get(MONITORING).content.decode()
    )
    workbook = reverse("actionplans:monitoring-workbook", args=["executive"])
    rows = list(load_workbook(io.BytesIO(client.get(workbook).content)).active.iter_rows(min_row=2))
    assert len(rows) == 120
    mistaken = client.get(workbook, {"rag": "purple"})
    assert mistaken.status_code == 400 and "govuk-error-summary" in mistaken.content.decode()
    assert client.get(workbook.replace("executive", "board")).status_code == 404
