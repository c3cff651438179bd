"""The mapping suggested for a tracker the service has never seen, and the mapping as JSON:
columns by the words trackers use, values by theirs, the partnership's own agencies found,
and a saved mapping's choices kept."""

from __future__ import annotations

from typing import Any

import pytest

from casereview.accounts.models import Partnership
from casereview.exchange.problems import DocumentRejected
from casereview.exchange.trackers import (
    Holds,
    TrackerMapping,
    read_spreadsheet,
    suggest_mapping,
    values_to_map,
)
from casereview.exchange.trackers.suggest import suggest_columns
from casereview.testing.trackers import build_tracker

pytestmark = pytest.mark.django_db


def suggested(style: str, partnership: Partnership | None, **kwargs: Any) -> TrackerMapping:
    return suggest_mapping(read_spreadsheet(*build_tracker(style, **kwargs)), partnership)


def test_the_issues_headers_map_onto_the_fields(partnership: Partnership) -> None:
    mapping = suggested("council", partnership)
    cases, actions = mapping.sheets
    assert (cases.sheet, cases.holds, cases.header_row) == ("SCR tracker", Holds.CASES, 3)
    assert (actions.sheet, actions.holds, actions.header_row) == ("Action plan", Holds.ACTIONS, 3)
    assert cases.columns == {
        "Case ref": "referral.reference",
        "Child (pseudonym)": "child.pseudonym",
        "Date referred": "referral.received",
        "Date of incident": "referral.incident_date",
        "Referred by": "referral.referred_by",
        "Died or seriously harmed": "referral.harm",
        "Decision": "decision.outcome",
        "Decision date": "decision.date",
        "Rationale": "decision.rationale",
        "Review type": "review.type",
        "Lead reviewer": "review.lead_reviewer",
        "Status": "review.status",
        "Signed off": "review.signed_off",
        "Published": "review.published",
    }
    assert actions.columns == {
        "Case ref": "referral.reference",
        "Rec no.": "recommendation.number",
        "Recommendation": "recommendation.text",
        "Action": "action.text",
        "Lead agency": "action.owner_agency",
        "Due date": "action.due",
        "RAG": "action.status",
        "Completed": "action.completed",
        "Update": "action.update",
    }


def test_headers_spelt_a_little_differently_still_match() -> None:
    found = suggest_columns(
        ["Date of the referral", "Lead agencies", "Childs pseudonym", "Favourite colour"],
        Holds.CASES,
    )
    assert found["Date of the referral"] == "referral.received"
    assert found["Childs pseudonym"] == "child.pseudonym"
    assert found["Favourite colour"] is None
    assert suggest_columns(["Lead agencies"], Holds.ACTIONS) == {
        "Lead agencies": "action.owner_agency"
    }


def test_a_field_goes_to_one_column_only() -> None:
    found = suggest_columns(["RAG", "Status"], Holds.ACTIONS)
    assert sorted(value for value in found.values() if value) == ["action.status"]


def test_the_issues_values_map_onto_codes_and_agencies(partnership: Partnership) -> None:
    cases, actions = suggested("council", partnership, cases=10).sheets
    assert cases.values["referral.harm"] == {"Died": "death", "Serious harm": "serious_harm"}
    assert cases.values["review.type"] == {"SCR": "scr", "LCSPR": "lcspr", "CSPR": "lcspr"}
    assert cases.values["decision.outcome"] == {
        "Review": "review_commissioned",
        "No review": "no_review",
        "Alternative": "alternative_review",
    }
    referred_by = cases.values["referral.referred_by"]
    assert referred_by["Police"] == "tvp"  # the partnership's police agency
    assert referred_by["Children's Social Care"] == "occ-csc"
    assert referred_by["Ambulance Service"] == "new:Ambulance Service"
    assert actions.values["action.status"] == {
        "G": "in_progress",
        "Amber": "in_progress",
        "Blue (complete)": "completed",
        "Not started": "not_started",
        "R": "in_progress",
    }


def test_the_board_tracker_its_sheets_and_words(partnership: Partnership) -> None:
    actions, cases, notes = suggested("board", partnership, cases=10).sheets
    assert (actions.holds, cases.holds, notes.holds) == (Holds.ACTIONS, Holds.CASES, Holds.IGNORE)
    assert cases.columns["Referral received"] == "referral.received"
    assert cases.columns["Referring agency"] == "referral.referred_by"
    assert actions.columns["Responsible agency"] == "action.owner_agency"
    assert actions.columns["Target date"] == "action.due"
    assert cases.values["decision.outcome"] == {
        "Commission review": "review_commissioned",
        "NFA": "no_review",
        "Pending": "",
        "Alternative review": "alternative_review",
    }
    assert cases.values["referral.harm"] == {"Death": "death", "Serious injury": "serious_harm"}
    assert actions.values["action.status"]["Complete"] == "completed"


def test_without_a_partnership_every_agency_is_new() -> None:
    cases = suggested("cases_csv", None).sheets[0]
    assert cases.holds == Holds.CASES
    assert cases.values["referral.referred_by"]["Police"] == "new:Police"


def test_a_value_no_code_is_close_to_is_left_for_the_person() -> None:
    cases = suggest_mapping(
        read_spreadsheet(
            b"Case ref,Date referred,Decision\r\nA-1,01/02/2020,Maybe later\r\n", "t.csv"
        ),
        None,
    ).sheets[0]
    assert cases.values["decision.outcome"] == {}


def test_a_saved_mapping_wins(partnership: Partnership) -> None:
    workbook = read_spreadsheet(*build_tracker("council"))
    saved = suggest_mapping(workbook, partnership)
    saved.sheets[0].columns["Rationale"] = None
    saved.sheets[0].values["referral.referred_by"]["Police"] = "occ-csc"
    again = suggest_mapping(workbook, partnership, saved=saved)
    assert again.sheets[0].columns["Rationale"] is None
    assert again.sheets[0].values["referral.referred_by"]["Police"] == "occ-csc"
    assert again.to_json() == saved.to_json()


def test_values_to_map_lists_each_text_once_in_order(partnership: Partnership) -> None:
    workbook = read_spreadsheet(*build_tracker("council", cases=10))
    found = values_to_map(workbook, suggest_mapping(workbook, partnership))
    assert found["referral.harm"] == ["Died", "Serious harm"]
    assert found["action.status"][:3] == ["G", "Amber", "Blue (complete)"]
    assert "referral.received" not in found


def test_a_mapping_reads_back_from_its_json(partnership: Partnership) -> None:
    mapping = suggested("board", partnership)
    assert TrackerMapping.from_json(mapping.to_json()) == mapping
    assert mapping.to_json()["format"] == "casereview-tracker-mapping"


def test_a_wrong_mapping_is_refused_in_words() -> None:
    with pytest.raises(DocumentRejected) as caught:
        TrackerMapping.from_json({"format": "casereview-exchange"})
    assert "This is not a tracker mapping" in str(caught.value)
    with pytest.raises(DocumentRejected) as caught:
        TrackerMapping.from_json(
            {
                "format": "casereview-tracker-mapping",
                "version": 1,
                "sheets": [
                    {
                        "sheet": "Cases",
                        "holds": "cases",
                        "header_row": 1,
                        "columns": {"Ref": "referral.reference", "Due": "action.due"},
                        "values": {"referral.harm": {"Died": "dead"}},
                    }
                ],
            }
        )
    messages = [problem.message for problem in caught.value.problems]
    assert messages[0].startswith("Column 'Due' is mapped to 'action.due', which a sheet of cases")
    assert messages[1].startswith("Died or seriously harmed: 'Died' is mapped to 'dead'")
    assert caught.value.problems[0].where == "sheet 'Cases' of the mapping"
