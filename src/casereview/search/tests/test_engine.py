"""One search over both databases: SQLite's FTS5 and PostgreSQL's English text search find
the same entries for the same words, best first, with the words found marked."""

from __future__ import annotations

from typing import Any

import pytest

from casereview.accounts.models import Partnership
from casereview.search.choices import Found
from casereview.search.engine import MARK_END, MARK_START, matches, snippets
from casereview.search.highlight import highlighted
from casereview.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def entry(
    partnership: Partnership, kind: str, object_id: int, title: str, body: str, **more: object
) -> SearchEntry:
    return SearchEntry.objects.create(
        partnership=partnership, kind=kind, object_id=object_id, title=title, body=body, **more
    )


@pytest.fixture
def entries(partnership: Partnership, other_partnership: Partnership) -> None:
    entry(
        partnership,
        Found.REVIEW,
        1,
        "Child J",
        "The father was not invited to meetings.",
        year=2016,
    )
    entry(
        partnership,
        Found.LEARNING_POINT,
        2,
        "Learning point 1",
        "Escalate when a referral is closed.",
        year=2016,
    )
    entry(
        partnership,
        Found.REVIEW,
        3,
        "Fathers and the family",
        "Housing moves and neglect.",
        year=2021,
    )
    entry(
        partnership,
        Found.ACTION,
        4,
        "Audit of housing referrals",
        "Check how neglect is recorded.",
        year=2021,
    )
    entry(
        other_partnership,
        Found.REVIEW,
        5,
        "Baby L",
        "The father was not invited either.",
        year=2019,
    )


def found(query: str, partnership: Partnership | None, **options: Any) -> list[int]:
    within = None if partnership is None else [partnership.pk]
    return [m.object_id for m in matches(query, partnerships=within, **options)]


def test_words_are_found_by_their_stem(entries: None, partnership: Partnership) -> None:
    assert set(found("fathers", partnership)) == {1, 3}
    assert set(found("escalating referrals", partnership)) == {2}


def test_a_title_match_ranks_above_a_body_match(entries: None, partnership: Partnership) -> None:
    assert found("father", partnership)[0] == 3


def test_a_phrase_words_left_out_and_alternatives(entries: None, partnership: Partnership) -> None:
    assert found('"not invited"', partnership) == [1]
    assert found("neglect -housing", partnership) == []
    assert found("neglect -moves", partnership) == [4]
    assert set(found("invited OR escalate", partnership)) == {1, 2}


def test_only_the_partnerships_asked_for_are_searched(
    entries: None, partnership: Partnership, other_partnership: Partnership
) -> None:
    assert found("invited", partnership) == [1]
    assert found("invited", other_partnership) == [5]
    assert set(found("invited", None)) == {1, 5}
    assert matches("invited", partnerships=()) == []


def test_kinds_and_years_narrow_the_search(entries: None, partnership: Partnership) -> None:
    assert found("neglect", partnership, kinds=[Found.ACTION]) == [4]
    assert set(found("neglect", partnership, kinds=[Found.REVIEW, Found.ACTION])) == {3, 4}
    assert found("father", partnership, years=(2020, None)) == [3]
    assert found("father", partnership, years=(None, 2016)) == [1]


def test_the_snippet_marks_the_words_found_and_escapes_the_rest(partnership: Partnership) -> None:
    entry(partnership, Found.CHILD, 9, "Child <K>", "A note: the step-father & the <school> nurse.")
    (match,) = matches("stepfather OR nurse", partnerships=[partnership.pk])
    snippet = snippets("stepfather OR nurse", [match.entry_id])[match.entry_id]
    assert MARK_START in snippet and MARK_END in snippet
    shown = highlighted(snippet)
    assert '<mark class="app-search-mark">nurse</mark>' in shown
    assert "&amp;" in shown
    # SQLite keeps the words in brackets, escaped; PostgreSQL's headline leaves them out.
    assert "<school>" not in shown and "<K>" not in shown


def test_nothing_to_look_for_finds_nothing(entries: None, partnership: Partnership) -> None:
    assert found("", partnership) == []
    assert found("-father", partnership) == []
    assert found('NEAR( "* AND', partnership) == []
    assert found('"meetings.', partnership) == [1]


def test_an_entry_changed_or_removed_is_found_by_its_new_words(partnership: Partnership) -> None:
    kept = entry(partnership, Found.REVIEW, 7, "Child M", "Domestic abuse.")
    assert found("domestic", partnership) == [7]
    kept.body = "Parental mental health."
    kept.save()
    assert found("domestic", partnership) == []
    assert found("mental", partnership) == [7]
    kept.delete()
    assert found("mental", partnership) == []
