"""A partnership's own tracker becomes records: trackers unlike the template import with the
suggested mapping, importing again changes nothing, a corrected date updates the same
referral, a removed action row removes that action, records the tracker does not name stay
as they are, and what is wrong is said once per column, with the rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from casereview.accounts.models import Agency, Partnership
from casereview.actionplans.models import AgencyAction, ProgressUpdate
from casereview.exchange.problems import DocumentRejected
from casereview.exchange.selectors import export_document
from casereview.exchange.services import ImportSummary, import_document, plan_import, plan_tracker
from casereview.exchange.trackers import (
    TrackerMapping,
    Workbook,
    read_spreadsheet,
    suggest_mapping,
    tracker_document,
)
from casereview.referrals.models import Decision, Referral
from casereview.reviews.models import LearningPoint, Review
from casereview.testing.trackers import build_tracker, invented_cases

pytestmark = pytest.mark.django_db


def read(style: str = "council", **kwargs: Any) -> Workbook:
    return read_spreadsheet(*build_tracker(style, **kwargs))


def converted(
    workbook: Workbook, partnership: Partnership, mapping: TrackerMapping | None = None
) -> dict[str, Any]:
    mapping = mapping or suggest_mapping(workbook, partnership)
    return tracker_document(workbook, mapping, partnership, partnership.code)


def imported(workbook: Workbook, partnership: Partnership) -> ImportSummary:
    return import_document(converted(workbook, partnership), partnership_code=partnership.code)


def tallies(document: dict[str, Any]) -> dict[str, tuple[int, int, int]]:
    plan = plan_import(document, partnership_code=document["partnership"]["code"])
    return {
        kind: (t.created, t.updated, t.deleted)
        for kind, t in plan.tallies.items()
        if t.created or t.updated or t.deleted
    }


def problem_messages(
    workbook: Workbook, partnership: Partnership, mapping: TrackerMapping | None = None
) -> list[str]:
    with pytest.raises(DocumentRejected) as caught:
        converted(workbook, partnership, mapping)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("style", "file_format"),
    [("council", "xlsx"), ("board", "xlsx"), ("cases_csv", None), ("council", "csv")],
)
def test_trackers_unlike_the_template_import_with_the_suggested_mapping(
    partnership: Partnership, style: str, file_format: str | None
) -> None:
    workbook = read(style, cases=9, file_format=file_format)
    found = tallies(converted(workbook, partnership))
    cases = invented_cases(9, 2)
    reviews = [case for case in cases if case.decision in ("review", "alternative")]
    assert found["referrals"] == (9, 0, 0)
    assert found["children"] == (9, 0, 0)
    assert found["decisions"] == (len([c for c in cases if c.decision]), 0, 0)
    assert found["reviews"] == (len(reviews), 0, 0)
    assert found["agencies"] == (1, 0, 0)  # the Ambulance Service, new to the partnership
    if (style == "council" and file_format == "xlsx") or style == "board":
        assert found["actions"] == (2 * len(reviews), 0, 0)
    else:
        assert "actions" not in found


def test_what_the_tracker_says_is_what_is_recorded(partnership: Partnership) -> None:
    imported(read("council", cases=6), partnership)
    first = Referral.objects.get(partnership=partnership, reference="SCR-16-001")
    assert first.received == dt.date(2016, 1, 1)
    assert first.harm == "death"
    assert first.referred_by.name == "Thames Valley Police"
    assert [child.pseudonym for child in first.children.all()] == ["Child A"]
    decision = Decision.objects.get(referral=first)
    assert decision.outcome == "review_commissioned"
    review = decision.review
    assert review is not None
    assert (review.type, review.status, review.title) == ("scr", "active", "Child A")
    assert review.commissioned == decision.date  # the decision date, as no column says
    month_only = Referral.objects.get(partnership=partnership, reference="SCR-18-003")
    assert month_only.received_partial.display() == "November 2018"  # written "Nov 2018"
    no_reasons = Decision.objects.get(
        referral__reference="SCR-18-003", referral__partnership=partnership
    )
    assert no_reasons.rationale == ""  # not in the tracker: left unknown
    actions = AgencyAction.objects.filter(recommendation__review=review).order_by("position")
    assert [a.status for a in actions] == ["in_progress", "in_progress"]
    assert Agency.objects.get(partnership=partnership, name="Ambulance Service").kind == "other"
    assert ProgressUpdate.objects.filter(action__in=actions, date__isnull=True).count() == 1


def test_importing_the_same_tracker_again_changes_nothing(partnership: Partnership) -> None:
    workbook = read("council", cases=8)
    first = imported(workbook, partnership)
    assert first.changes_anything
    again = imported(read("council", cases=8), partnership)
    assert not again.changes_anything
    assert again.total().unchanged == first.total().created + first.total().unchanged


def test_a_corrected_date_updates_the_same_referral(partnership: Partnership) -> None:
    imported(read("council", cases=4), partnership)
    before = Referral.objects.get(partnership=partnership, reference="SCR-17-002")
    workbook = read("council", cases=4)
    workbook.sheet("SCR tracker").rows[4][2] = "09/06/2017"  # row 5: the second case
    assert tallies(converted(workbook, partnership)) == {"referrals": (0, 1, 0)}
    import_document(converted(workbook, partnership), partnership_code=partnership.code)
    after = Referral.objects.get(partnership=partnership, reference="SCR-17-002")
    assert (after.pk, after.received) == (before.pk, dt.date(2017, 6, 9))


def test_a_removed_action_row_removes_that_action(partnership: Partnership) -> None:
    imported(read("council", cases=3), partnership)
    workbook = read("council", cases=3)
    rows = workbook.sheet("Action plan").rows
    gone = rows[4]  # row 5: the first case's second action
    del rows[4]
    assert tallies(converted(workbook, partnership)) == {"actions": (0, 0, 1)}
    import_document(converted(workbook, partnership), partnership_code=partnership.code)
    texts = set(AgencyAction.objects.filter(partnership=partnership).values_list("text", flat=True))
    assert gone[3] not in texts
    assert rows[3][3] in texts


def test_records_the_tracker_does_not_name_are_left_as_they_are(partnership: Partnership) -> None:
    imported(read("council", cases=6), partnership)
    document = export_document(partnership)
    review = next(r for r in document["reviews"] if r["id"] == "SCR-16-001/review")
    review["learning_points"].append({"text": "Listen to the child.", "themes": []})
    import_document(document, partnership_code=partnership.code)
    # A tracker of its first three cases only, and nothing more about them.
    assert tallies(converted(read("council", cases=3), partnership)) == {}
    imported(read("council", cases=3), partnership)
    assert Referral.objects.filter(partnership=partnership).count() == 6
    assert LearningPoint.objects.filter(review__external_key="SCR-16-001/review").count() == 1


def test_a_tracker_of_a_partnership_not_yet_recorded_makes_its_agencies() -> None:
    workbook = read("council", cases=3)
    document = tracker_document(workbook, suggest_mapping(workbook, None), None, "NEWSCP")
    assert document["partnership"] == {"code": "NEWSCP", "name": "NEWSCP", "nation": "england"}
    assert {a["name"] for a in document["agencies"]} == {
        "Police",
        "Children's Social Care",
        "Health",
        "Education",
        "Ambulance Service",
    }
    assert next(a for a in document["agencies"] if a["name"] == "Police")["kind"] == "police"
    import_document(document)
    assert Review.objects.filter(partnership__code="NEWSCP").count() == 3


def test_bad_dates_in_a_column_are_one_problem_naming_their_rows(partnership: Partnership) -> None:
    workbook = read("council", cases=6)
    rows = workbook.sheet("SCR tracker").rows
    rows[3][2] = "31/02/2019"  # row 4
    rows[8][2] = "soon"  # row 9
    rows[5][7] = "next week"  # row 6, decision date
    assert problem_messages(workbook, partnership) == [
        "SCR tracker sheet, column C (Date referred): 2 cells are not dates "
        "(rows 4 and 9: '31/02/2019', 'soon'): write each date like 03/02/2019, Mar 2021 or "
        "2021, or leave it empty if it is not known",
        "SCR tracker sheet, column H (Decision date): 1 cell is not a date "
        "(row 6: 'next week'): write each date like 03/02/2019, Mar 2021 or 2021, or leave it "
        "empty if it is not known",
    ]


def test_values_the_mapping_does_not_cover_and_unknown_cases(partnership: Partnership) -> None:
    workbook = read("council", cases=6)
    mapping = suggest_mapping(workbook, partnership)
    workbook.sheet("SCR tracker").rows[3][6] = "Maybe"
    workbook.sheet("Action plan").rows[3][0] = "SCR-99-999"
    workbook.sheet("Action plan").rows[4][1] = "two"
    assert problem_messages(workbook, partnership, mapping) == [
        "SCR tracker sheet, column G (Decision): 1 cell holds a value the mapping "
        "gives no meaning (row 4: 'Maybe'): choose what each means in the mapping's values",
        "Action plan sheet, column A (Case ref): 1 row names a case that is "
        "neither on the case sheet nor recorded (row 4: 'SCR-99-999'): check each case "
        "reference against the case sheet",
        "Action plan sheet, column B (Rec no.): 1 cell is not a whole number "
        "(row 5: 'two'): write the number alone, like 3",
    ]


@pytest.mark.parametrize("planned", [False, True], ids=["tracker_document", "plan_tracker"])
def test_what_the_import_checks_is_placed_at_the_trackers_rows(
    partnership: Partnership, planned: bool
) -> None:
    workbook = read("council", cases=6)
    rows = workbook.sheet("SCR tracker").rows
    rows[4][11] = "Active"  # row 5 was signed off, so cannot be active
    rows[7][11] = "Active"  # row 8 too
    mapping = suggest_mapping(workbook, partnership)
    with pytest.raises(DocumentRejected) as caught:
        if planned:
            plan_tracker(workbook, mapping, partnership, partnership.code)
        else:
            tracker_document(workbook, mapping, partnership, partnership.code)
    [message] = [str(problem) for problem in caught.value.problems]
    assert message.startswith(
        "SCR tracker sheet, column M (Signed off): A review that is active has not been signed off"
    )
    assert message.endswith("(rows 5 and 8)")


def test_a_mapping_naming_a_sheet_the_tracker_lacks(partnership: Partnership) -> None:
    mapping = suggest_mapping(read("council"), partnership)
    mapping.sheets[1].sheet = "Actions 2023"
    assert problem_messages(read("council"), partnership, mapping) == [
        "Actions 2023 sheet: The tracker has no sheet 'Actions 2023', which the mapping "
        "names: upload the tracker the mapping was made for, or choose its sheets again"
    ]
