"""One test per rule of each England framework, named after the rule and citing it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from casereview.referrals.criteria import Facts, assess

LSCB_EDITIONS = ["wt2013", "wt2015"]  # both state LSCB Regulations 2006 reg. 5 in ch.4 para 18
NOTIFICATION_EDITIONS = ["wt2018", "wt2023"]  # both state Children Act 2004 s.16C(1)
RECEIVED = dt.date(2020, 3, 2)


def outcome_and_reasons(framework: str, **facts: Any) -> tuple[str, str]:
    result = assess(Facts(**facts), "england", framework)
    return result.outcome, " ".join(result.reasons)


# Working Together 2010, chapter 8


def test_wt2010_para_8_9_a_death_with_abuse_or_neglect_requires_a_review() -> None:
    outcome, reasons = outcome_and_reasons("wt2010", harm="death", abuse_or_neglect="suspected")
    assert outcome == "review_required"
    assert (
        "Abuse or neglect is suspected and the child died (Working Together 2010, para 8.9)"
        in reasons
    )


def test_wt2010_para_8_9_suspected_suicide_counts_as_a_death() -> None:
    outcome, reasons = outcome_and_reasons(
        "wt2010", harm="death", abuse_or_neglect="known", suspected_suicide=True
    )
    assert outcome == "review_required"
    assert "the child died by suspected suicide" in reasons


def test_wt2010_para_8_10_serious_harm_with_abuse_and_a_concern_means_consider_a_review() -> None:
    outcome, reasons = outcome_and_reasons(
        "wt2010", harm="serious_harm", abuse_or_neglect="known", interagency_concern="yes"
    )
    assert outcome == "consider_review"
    assert "cause for concern about how agencies worked together" in reasons
    assert "(Working Together 2010, para 8.10)" in reasons


def test_wt2010_para_8_10_serious_harm_with_abuse_but_no_concern_does_not_meet_it() -> None:
    outcome, reasons = outcome_and_reasons(
        "wt2010", harm="serious_harm", abuse_or_neglect="suspected", interagency_concern="no"
    )
    assert outcome == "criteria_not_met"
    assert "no concern about how agencies worked together" in reasons
    assert "para 8.10" in reasons


def test_wt2010_para_8_10_an_unknown_concern_needs_the_answer() -> None:
    outcome, reasons = outcome_and_reasons(
        "wt2010", harm="serious_harm", abuse_or_neglect="known", interagency_concern="unknown"
    )
    assert outcome == "insufficient_information"
    assert "how agencies worked together" in reasons


def test_wt2010_a_concern_about_working_together_without_abuse_is_not_enough() -> None:
    outcome, reasons = outcome_and_reasons(
        "wt2010", harm="death", abuse_or_neglect="not_suspected", interagency_concern="yes"
    )
    assert outcome == "criteria_not_met"
    assert "neither known nor suspected" in reasons
    assert "para 8.9 and 8.10" in reasons


def test_wt2010_no_death_or_serious_harm_means_the_criteria_are_not_met() -> None:
    outcome, reasons = outcome_and_reasons(
        "wt2010", harm="other", abuse_or_neglect="known", interagency_concern="yes"
    )
    assert outcome == "criteria_not_met"
    assert "neither died nor was seriously harmed (Working Together 2010, para 8.9)" in reasons


def test_wt2010_neither_abuse_nor_concern_means_the_criteria_are_not_met() -> None:
    outcome, reasons = outcome_and_reasons(
        "wt2010", harm="death", abuse_or_neglect="not_suspected", interagency_concern="no"
    )
    assert outcome == "criteria_not_met"
    assert "para 8.9 and 8.10" in reasons


# Working Together 2013 and 2015, chapter 4 paragraph 18 (LSCB Regulations 2006 reg. 5)


@pytest.mark.parametrize("framework", LSCB_EDITIONS)
def test_para_18_a_death_in_custody_always_requires_a_review(framework: str) -> None:
    outcome, reasons = outcome_and_reasons(
        framework,
        harm="death",
        abuse_or_neglect="not_suspected",
        interagency_concern="no",
        death_in_custody=True,
    )
    assert outcome == "review_required"
    assert (
        f"died in custody or detained: a review is always required (Working Together {framework[2:]}, ch.4 para 18)"
        in reasons
    )


@pytest.mark.parametrize("framework", LSCB_EDITIONS)
def test_para_18_no_death_or_serious_harm_means_the_criteria_are_not_met(framework: str) -> None:
    outcome, reasons = outcome_and_reasons(framework, harm="other", abuse_or_neglect="known")
    assert outcome == "criteria_not_met"
    assert "neither died nor was seriously harmed" in reasons and "ch.4 para 18" in reasons


@pytest.mark.parametrize("framework", LSCB_EDITIONS)
def test_para_18_only_definitive_evidence_of_no_concern_avoids_a_review(framework: str) -> None:
    none, reasons = outcome_and_reasons(
        framework, harm="serious_harm", abuse_or_neglect="known", interagency_concern="no"
    )
    assert none == "criteria_not_met"
    assert "definitive evidence of no concern" in reasons
    unknown, _ = outcome_and_reasons(
        framework, harm="serious_harm", abuse_or_neglect="known", interagency_concern="unknown"
    )
    assert unknown == "review_required"


@pytest.mark.parametrize("framework", LSCB_EDITIONS)
def test_para_18_abuse_or_neglect_not_suspected_means_the_criteria_are_not_met(
    framework: str,
) -> None:
    outcome, reasons = outcome_and_reasons(
        framework, harm="death", abuse_or_neglect="not_suspected"
    )
    assert outcome == "criteria_not_met"
    assert "neither known nor suspected" in reasons


@pytest.mark.parametrize("framework", LSCB_EDITIONS)
def test_para_18_death_or_serious_harm_with_abuse_or_neglect_requires_a_review(
    framework: str,
) -> None:
    death, reasons = outcome_and_reasons(framework, harm="death", abuse_or_neglect="suspected")
    assert death == "review_required"
    assert (
        reasons
        == f"Abuse or neglect is suspected and the child died (Working Together {framework[2:]}, ch.4 para 18)"
    )
    harmed, _ = outcome_and_reasons(
        framework, harm="serious_harm", abuse_or_neglect="known", interagency_concern="yes"
    )
    assert harmed == "review_required"


# Working Together 2018 (chapter 4) and 2023 (chapter 5): Children Act 2004 s.16C(1)


@pytest.mark.parametrize("framework", NOTIFICATION_EDITIONS)
def test_s16c_no_death_or_serious_harm_means_no_notification(framework: str) -> None:
    outcome, reasons = outcome_and_reasons(framework, harm="other", abuse_or_neglect="known")
    assert outcome == "criteria_not_met"
    assert "serious incident notification" in reasons and "s.16C" in reasons


@pytest.mark.parametrize("framework", NOTIFICATION_EDITIONS)
def test_s16c_abuse_or_neglect_not_suspected_means_no_notification(framework: str) -> None:
    outcome, reasons = outcome_and_reasons(
        framework, harm="death", abuse_or_neglect="not_suspected", death_in_custody=True
    )
    assert outcome == "criteria_not_met"
    assert "neither known nor suspected" in reasons


@pytest.mark.parametrize("framework", NOTIFICATION_EDITIONS)
def test_s16c_a_serious_incident_means_notify_and_hold_a_rapid_review(framework: str) -> None:
    outcome, reasons = outcome_and_reasons(
        framework, harm="serious_harm", abuse_or_neglect="known", interagency_concern="no"
    )
    assert outcome == "review_required"
    assert "notify the Child Safeguarding Practice Review Panel and hold a rapid review" in reasons
    assert "decided at the rapid review" in reasons
    chapter = "ch.4" if framework == "wt2018" else "ch.5"
    assert f"(Working Together {framework[2:]}, {chapter}" in reasons


# Everywhere: an unknown fact the outcome turns on


def test_an_unknown_that_matters_asks_for_more_information_and_says_why() -> None:
    outcome, reasons = outcome_and_reasons("wt2015", harm="death", abuse_or_neglect="unknown")
    assert outcome == "insufficient_information"
    assert "does not record whether abuse or neglect is known or suspected" in reasons
    assert "if abuse or neglect is known or suspected, a review is required" in reasons
    assert "if it is not suspected, the criteria are not met" in reasons


# Wales, Scotland, Northern Ireland


def test_wales_a_child_on_the_register_means_an_extended_review() -> None:
    result = assess(
        Facts(
            harm="death",
            abuse_or_neglect="known",
            protection_plan_or_looked_after="yes",
            received=RECEIVED,
        ),
        "wales",
    )
    assert result.framework == "wales_cpr" and result.outcome == "review_required"
    assert "extended child practice review" in result.reasons[0]


def test_wales_a_child_not_on_the_register_means_a_concise_review() -> None:
    result = assess(
        Facts(
            harm="serious_harm",
            abuse_or_neglect="suspected",
            protection_plan_or_looked_after="no",
            received=RECEIVED,
        ),
        "wales",
    )
    assert "concise child practice review" in result.reasons[0]


def test_scotland_the_committee_considers_a_learning_review() -> None:
    result = assess(Facts(harm="death", abuse_or_neglect="known", received=RECEIVED), "scotland")
    assert (result.framework, result.outcome) == ("scotland_lr", "consider_review")


def test_northern_ireland_a_concern_about_working_together_means_a_review() -> None:
    result = assess(
        Facts(harm="death", abuse_or_neglect="known", interagency_concern="yes", received=RECEIVED),
        "northern_ireland",
    )
    assert (result.framework, result.outcome) == ("ni_cmr", "review_required")
