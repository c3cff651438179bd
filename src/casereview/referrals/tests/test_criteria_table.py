"""Every combination of facts, for each England framework, against a table written by hand.

The table reads spec/criteria.md directly: one row per harm, death in custody, abuse or neglect
(yes = known or suspected) and inter-agency concern; one column per edition. Suspected suicide
never changes the outcome (a suicide is a death), which the test checks as well.
R review required, C consider a review, N criteria not met, I insufficient information.
"""

from __future__ import annotations

import datetime as dt
from itertools import product

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview.referrals.criteria import Facts, assess

TABLE = """
harm          custody abuse   concern  wt2010 wt2013 wt2015 wt2018 wt2023
death         no      yes     yes      R      R      R      R      R
death         no      yes     no       R      R      R      R      R
death         no      yes     unknown  R      R      R      R      R
death         no      no      yes      N      N      N      N      N
death         no      no      no       N      N      N      N      N
death         no      no      unknown  N      N      N      N      N
death         no      unknown yes      I      I      I      I      I
death         no      unknown no       I      I      I      I      I
death         no      unknown unknown  I      I      I      I      I
death         yes     yes     yes      R      R      R      R      R
death         yes     yes     no       R      R      R      R      R
death         yes     yes     unknown  R      R      R      R      R
death         yes     no      yes      N      R      R      N      N
death         yes     no      no       N      R      R      N      N
death         yes     no      unknown  N      R      R      N      N
death         yes     unknown yes      I      R      R      I      I
death         yes     unknown no       I      R      R      I      I
death         yes     unknown unknown  I      R      R      I      I
serious_harm  no      yes     yes      C      R      R      R      R
serious_harm  no      yes     no       N      N      N      R      R
serious_harm  no      yes     unknown  I      R      R      R      R
serious_harm  no      no      yes      N      N      N      N      N
serious_harm  no      no      no       N      N      N      N      N
serious_harm  no      no      unknown  N      N      N      N      N
serious_harm  no      unknown yes      I      I      I      I      I
serious_harm  no      unknown no       N      N      N      I      I
serious_harm  no      unknown unknown  I      I      I      I      I
serious_harm  yes     yes     yes      C      R      R      R      R
serious_harm  yes     yes     no       N      R      R      R      R
serious_harm  yes     yes     unknown  I      R      R      R      R
serious_harm  yes     no      yes      N      R      R      N      N
serious_harm  yes     no      no       N      R      R      N      N
serious_harm  yes     no      unknown  N      R      R      N      N
serious_harm  yes     unknown yes      I      R      R      I      I
serious_harm  yes     unknown no       N      R      R      I      I
serious_harm  yes     unknown unknown  I      R      R      I      I
other         no      yes     yes      N      N      N      N      N
other         no      yes     no       N      N      N      N      N
other         no      yes     unknown  N      N      N      N      N
other         no      no      yes      N      N      N      N      N
other         no      no      no       N      N      N      N      N
other         no      no      unknown  N      N      N      N      N
other         no      unknown yes      N      N      N      N      N
other         no      unknown no       N      N      N      N      N
other         no      unknown unknown  N      N      N      N      N
other         yes     yes     yes      N      R      R      N      N
other         yes     yes     no       N      R      R      N      N
other         yes     yes     unknown  N      R      R      N      N
other         yes     no      yes      N      R      R      N      N
other         yes     no      no       N      R      R      N      N
other         yes     no      unknown  N      R      R      N      N
other         yes     unknown yes      N      R      R      N      N
other         yes     unknown no       N      R      R      N      N
other         yes     unknown unknown  N      R      R      N      N
"""

OUTCOMES = {
    "R": "review_required",
    "C": "consider_review",
    "N": "criteria_not_met",
    "I": "insufficient_information",
}
ABUSE_ANSWERS = {"yes": ("known", "suspected"), "no": ("not_suspected",), "unknown": ("unknown",)}


def expected() -> dict[tuple[str, bool, str, str, str], str]:
    lines = TABLE.strip().splitlines()
    frameworks = lines[0].split()[4:]
    table = {}
    for line in lines[1:]:
        harm, custody, abuse, concern, *cells = line.split()
        for framework, cell in zip(frameworks, cells, strict=True):
            for answer in ABUSE_ANSWERS[abuse]:
                table[(harm, custody == "yes", answer, concern, framework)] = OUTCOMES[cell]
    return table


EXPECTED = expected()
ENGLAND = ["wt2010", "wt2013", "wt2015", "wt2018", "wt2023"]
HARMS = ["death", "serious_harm", "other"]
ABUSE = ["known", "suspected", "not_suspected", "unknown"]
CONCERN = ["yes", "no", "unknown"]


def test_the_table_covers_every_combination() -> None:
    combinations = set(product(HARMS, [False, True], ABUSE, CONCERN, ENGLAND))
    assert set(EXPECTED) == combinations


@pytest.mark.parametrize("framework", ENGLAND)
def test_every_combination_of_facts(framework: str) -> None:
    wrong = []
    for harm, custody, abuse, concern, suicide in product(
        HARMS, [False, True], ABUSE, CONCERN, [False, True]
    ):
        facts = Facts(
            harm=harm,
            abuse_or_neglect=abuse,
            interagency_concern=concern,
            death_in_custody=custody,
            suspected_suicide=suicide and harm == "death",
            aware=dt.date(2020, 1, 6),
        )
        got = assess(facts, "england", framework)
        want = EXPECTED[(harm, custody, abuse, concern, framework)]
        if got.outcome != want:
            wrong.append(f"{harm} custody={custody} {abuse} concern={concern}: {got.outcome}")
        assert got.reasons and all(reason.strip() for reason in got.reasons)
    assert not wrong, f"{framework} differs from the table:\n" + "\n".join(wrong)


facts_strategy = st.builds(
    Facts,
    harm=st.sampled_from(HARMS),
    abuse_or_neglect=st.sampled_from(ABUSE),
    interagency_concern=st.sampled_from(CONCERN),
    suspected_suicide=st.booleans(),
    death_in_custody=st.booleans(),
    protection_plan_or_looked_after=st.sampled_from(["yes", "no", "unknown"]),
    aware=st.dates(dt.date(2005, 1, 1), dt.date(2030, 12, 31)) | st.none(),
    received=st.dates(dt.date(2005, 1, 1), dt.date(2030, 12, 31)),
)


@given(facts_strategy, st.sampled_from(["england", "wales", "scotland", "northern_ireland"]))
def test_every_assessment_gives_reasons_that_cite_the_guidance(facts: Facts, nation: str) -> None:
    result = assess(facts, nation)
    assert result.outcome in OUTCOMES.values()
    assert result.reasons
    cited = "(" in " ".join(result.reasons)
    assert cited or result.outcome == "insufficient_information"


@given(facts_strategy)
def test_an_unknown_fact_never_makes_the_outcome_stronger_than_every_known_answer(
    facts: Facts,
) -> None:
    """If every answer to an unknown fact agrees, the unknown gives that same outcome."""
    if facts.abuse_or_neglect != "unknown":
        return
    answers = {
        assess(Facts(**{**facts.__dict__, "abuse_or_neglect": a}), "england", "wt2015").outcome
        for a in ("known", "not_suspected")
    }
    got = assess(facts, "england", "wt2015").outcome
    assert got == (answers.pop() if len(answers) == 1 else "insufficient_information")
