"""What people type into the search box, as SQLite's FTS5 reads it: never an error."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casereview.search.words import fts5_query, has_words


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("fathers", '"fathers"'),
        ("Fathers escalation", '"fathers" AND "escalation"'),
        ('"was not invited" father', '"was not invited" AND "father"'),
        ("fathers OR men", '("fathers" OR "men")'),
        ("neglect -housing", '("neglect") NOT "housing"'),
        ('neglect -"school nurse"', '("neglect") NOT "school nurse"'),
        ("NEAR(a b) AND *", '"near a" AND "b" AND "and"'),
        ("Child J's GP", '"child" AND "j s" AND "gp"'),
        ("-housing", ""),
        ("OR", '"or"'),
        ('"unclosed phrase', '"unclosed phrase"'),
        ("   ", ""),
    ],
)
def test_what_is_typed_becomes_a_query_fts5_reads(typed: str, query: str) -> None:
    assert fts5_query(typed) == query


def test_a_query_of_only_words_left_out_asks_for_nothing() -> None:
    assert not has_words("-housing -school")
    assert has_words("neglect -housing")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_whatever_is_typed_fts5_accepts_the_query(typed: str) -> None:
    database = sqlite3.connect(":memory:")
    database.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='porter unicode61')")
    database.execute("INSERT INTO t VALUES ('the father was not invited')")
    query = fts5_query(typed)
    if query:
        database.execute("SELECT rowid FROM t WHERE t MATCH ?", [query]).fetchall()
