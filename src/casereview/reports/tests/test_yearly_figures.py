"""The yearly report's own figures against fixtures computed by hand, one test per definition
(docs/reports.md). The year is the financial year 2024/25: 1 April 2024 to 31 March 2025."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from casereview.accounts.models import Agency, Partnership, User
from casereview.actionplans import services as actions
from casereview.actionplans.choices import ActionStatus, MonitoringGroup
from casereview.actionplans.models import AgencyAction
from casereview.core.partialdates import PartialDate
from casereview.exchange.files import seed_document
from casereview.exchange.services import import_document
from casereview.learning import services as learning
from casereview.referrals.models import Child
from casereview.reports.figures import compute
from casereview.reviews import services as reviews
from casereview.reviews.models import Review
from casereview.testing.records import make_action, make_review

pytestmark = pytest.mark.django_db
D = dt.date
START, END = D(2024, 4, 1), D(2025, 3, 31)
BEFORE, AFTER = D(2024, 3, 31), D(2025, 4, 1)


def yearly(partnership: Partnership) -> dict:
    return compute(partnership, START, END, kind="yearly")


def agency(partnership: Partnership, key: str) -> Agency:
    return Agency.objects.get(partnership=partnership, external_key=key)


def event(
    partnership: Partnership,
    day: PartialDate | dt.date,
    by_agency: dict[Agency, int] | None = None,
    attendance: int | None = None,
) -> None:
    learning.record_learning_event(
        partnership,
        date=day,
        title=f"Learning from reviews, {day}",
        attendance_by_agency=by_agency,
        attendance=attendance,
        acting_user=None,
    )


def test_learning_events_held_in_the_period_and_their_attendance_by_agency(
    partnership: Partnership, other_partnership: Partnership
) -> None:
    police, csc = agency(partnership, "tvp"), agency(partnership, "occ-csc")
    event(partnership, START, {police: 10, csc: 5})  # the first day: 15
    event(partnership, END, {csc: 4})  # the last day: 4
    # "September 2024" counts as 1 September; 20 came, none counted by agency
    event(partnership, PartialDate(D(2024, 9, 1), "month"), attendance=20)
    event(partnership, BEFORE, {police: 7})  # the day before: left out
    event(partnership, AFTER, {csc: 9})  # the day after: left out
    event(other_partnership, D(2024, 6, 1), attendance=30)  # another partnership's

    assert yearly(partnership)["learning_events"] == {
        "held": 3,
        "attendance": 39,
        "by_agency": {police.name: 10, csc.name: 9},  # most first
        "not_counted_by_agency": 20,
    }


def verified(action: AgencyAction, member: User, completed: dt.date, on: dt.date) -> None:
    """Completed, then verified by a member of the monitoring group; the service dates the
    verification today, so it is set back to the day it was made, as last year's records are."""
    actions.change_action_status(
        action, status=ActionStatus.COMPLETED, completed=completed, acting_user=member
    )
    actions.change_action_status(action, status=ActionStatus.VERIFIED, acting_user=member)
    AgencyAction.objects.filter(pk=action.pk).update(verified_on=on)


def evidence(action: AgencyAction, text: str = "Audit: fathers recorded in 9 of 10 cases.") -> None:
    actions.add_progress_update(action, date=D(2024, 3, 1), text=text, acting_user=None)


def test_actions_verified_in_the_period_with_evidence_of_impact(
    partnership: Partnership, acting_as: Callable[..., User]
) -> None:
    member = acting_as("manager")
    actions.seat_on_group(
        partnership, group=MonitoringGroup.EXECUTIVE, user=member, acting_user=member
    )
    review = make_review(partnership, title="Child V")
    lead, police = make_action(partnership, review=review).owner_agency, agency(partnership, "tvp")

    def action(text: str, owner: Agency = lead) -> AgencyAction:
        return make_action(partnership, review=review, text=text, owner_agency=owner)

    first = action("Verified on the first day, with evidence")
    evidence(first)
    verified(first, member, D(2024, 3, 20), START)  # completed the year before
    last = action("Verified on the last day, no update")
    verified(last, member, D(2025, 3, 1), END)
    twice = action("Verified in October, two updates", police)
    evidence(twice)
    evidence(twice, "Second audit: all fathers recorded.")
    verified(twice, member, D(2024, 10, 1), D(2024, 10, 10))
    before = action("Verified the day before the year")
    evidence(before)
    verified(before, member, D(2024, 3, 1), BEFORE)
    after = action("Completed in the year, verified the day after it")
    verified(after, member, D(2025, 3, 15), AFTER)
    completed = action("Completed in the year, not verified")
    actions.change_action_status(
        completed, status=ActionStatus.COMPLETED, completed=D(2024, 12, 1), acting_user=member
    )
    imported = action("Imported as verified, with no date of verification")
    actions.change_action_status(
        imported, status=ActionStatus.COMPLETED, completed=D(2024, 6, 1), acting_user=member
    )
    AgencyAction.objects.filter(pk=imported.pk).update(status=ActionStatus.VERIFIED)
    action("Not started")

    assert yearly(partnership)["actions_verified"] == {
        # completed in the year: last, twice, after, completed and imported
        "completed": 5,
        "verified": 3,  # first, last and twice
        "with_evidence_of_impact": 2,  # first and twice (two updates count once)
        "without_evidence_recorded": 1,  # last
        "by_agency": {lead.name: 2, police.name: 1},
        "verified_date_not_known": 1,  # imported
    }


def child(review: Review, pseudonym: str, **facts: str) -> Child:
    made = Child.objects.create(partnership=review.partnership, pseudonym=pseudonym, **facts)
    review.children.add(made)
    return made


def test_the_children_of_the_reviews_worked_on_by_ethnicity_disability_plan_and_care(
    partnership: Partnership,
) -> None:
    worked_on = make_review(partnership, title="Child W")  # commissioned 2016, not finished
    also = make_review(partnership, title="Child W2")
    both = child(
        worked_on,
        "Child A",
        ethnicity="White British",
        disability_or_sen="yes",
        cp_plan_at_incident="yes",
        looked_after_at_incident="no",
    )
    also.children.add(both)  # linked to two reviews worked on: counted once
    child(
        worked_on,
        "Child B",
        ethnicity="  White   British ",  # the same ethnicity, spaced apart
        disability_or_sen="no",
        cp_plan_at_incident="no",
        looked_after_at_incident="yes",
    )
    child(also, "Child C", ethnicity="Mixed")  # the rest not known
    child(also, "Child D", disability_or_sen="yes", looked_after_at_incident="yes")
    finished = make_review(partnership, title="Child F")
    reviews.sign_off_review(finished, signed_off=PartialDate(D(2023, 5, 1)), acting_user=None)
    reviews.publish_review(finished, published=PartialDate(BEFORE), acting_user=None)
    child(finished, "Child F", ethnicity="Asian British", cp_plan_at_incident="yes")  # left out

    assert yearly(partnership)["children_profile"] == {
        "count": 4,
        "by_ethnicity": {"White British": 2, "Mixed": 1, "not_recorded": 1},
        "disability_or_sen": {"yes": 2, "no": 1, "unknown": 1},
        "cp_plan_at_incident": {"yes": 1, "no": 1, "unknown": 2},
        "looked_after_at_incident": {"yes": 2, "no": 1, "unknown": 1},
    }


def test_an_empty_year_has_every_yearly_key(partnership: Partnership) -> None:
    figures = yearly(partnership)
    assert figures["kind"] == "yearly"
    assert figures["learning_events"] == {
        "held": 0,
        "attendance": 0,
        "by_agency": {},
        "not_counted_by_agency": 0,
    }
    assert figures["actions_verified"] == {
        "completed": 0,
        "verified": 0,
        "with_evidence_of_impact": 0,
        "without_evidence_recorded": 0,
        "by_agency": {},
        "verified_date_not_known": 0,
    }
    assert figures["children_profile"] == {
        "count": 0,
        "by_ethnicity": {"not_recorded": 0},
        "disability_or_sen": {"yes": 0, "no": 0, "unknown": 0},
        "cp_plan_at_incident": {"yes": 0, "no": 0, "unknown": 0},
        "looked_after_at_incident": {"yes": 0, "no": 0, "unknown": 0},
    }


def test_the_yearly_figures_keep_every_periodic_key_and_the_periodic_ones_gain_none(
    partnership: Partnership,
) -> None:
    import_document(seed_document())
    start, end = D(2016, 1, 1), D(2017, 1, 31)
    periodic = compute(partnership, start, end)
    whole = compute(partnership, start, end, kind="yearly")
    assert list(periodic) == [
        "partnership",
        "period",
        "referrals",
        "reviews",
        "children",
        "themes",
        "recommendations",
        "actions",
        "statutory",
    ]
    assert {key: whole[key] for key in periodic} == periodic
    assert set(whole) - set(periodic) == {
        "kind",
        "learning_events",
        "actions_verified",
        "children_profile",
    }
    # the seed's seven children, by the same count both kinds make
    assert whole["children_profile"]["count"] == whole["children"]["count"] == 7


def test_an_unknown_kind_is_refused(partnership: Partnership) -> None:
    with pytest.raises(ValueError, match="choose one of periodic, yearly"):
        compute(partnership, START, END, kind="weekly")
