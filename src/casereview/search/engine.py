"""Full-text search over search entries, one interface over both databases: SQLite's FTS5
(porter stemming) in the embedded database, PostgreSQL's English text search in production.

`matches(query, partnerships, kinds, limit)` gives the best-ranked entries first, each with a
snippet of its words around what was found, as text with the found words between MARK_START
and MARK_END (search.highlight turns it into escaped HTML). The caller then keeps only the
records the person may see (search.selectors).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db import connection

from casereview.search.words import fts5_query, has_words

MARK_START, MARK_END = "\x02", "\x03"  # never in stored text: control characters are refused
ELLIPSIS = "…"
SNIPPET_WORDS = 24
# The index PostgreSQL keeps of each entry's words, its title weighted above its body
# (search/migrations/0001 indexes this very expression).
PG_VECTOR = (
    "(setweight(to_tsvector('english', e.title), 'A') || "
    "setweight(to_tsvector('english', e.body), 'B'))"
)


@dataclass(frozen=True)
class Match:
    entry_id: int
    kind: str
    object_id: int
    part: int
    title: str
    year: int | None
    snippet: str  # with MARK_START and MARK_END around the words found
    rank: float  # higher is better


def matches(
    query: str,
    *,
    partnerships: Collection[int] | None,
    kinds: Collection[str] = (),
    years: tuple[int | None, int | None] = (None, None),
    limit: int = 200,
) -> list[Match]:
    """The entries that match, best first; `partnerships` None for every partnership."""
    if not has_words(query) or partnerships == ():
        return []
    where, params = _filters(partnerships, kinds, years)
    if connection.vendor == "postgresql":
        return _postgresql(query, where, params, limit)
    return _sqlite(query, where, params, limit)


def _filters(
    partnerships: Collection[int] | None,
    kinds: Collection[str],
    years: tuple[int | None, int | None],
) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if partnerships is not None:
        clauses.append(f"e.partnership_id IN ({', '.join(['%s'] * len(partnerships))})")
        params += list(partnerships)
    if kinds:
        clauses.append(f"e.kind IN ({', '.join(['%s'] * len(kinds))})")
        params += list(kinds)
    first, last = years
    if first is not None:
        clauses.append("e.year >= %s")
        params.append(first)
    if last is not None:
        clauses.append("e.year <= %s")
        params.append(last)
    return "".join(f" AND {clause}" for clause in clauses), params


def _postgresql(query: str, where: str, params: list[Any], limit: int) -> list[Match]:
    options = (
        f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_WORDS}, MinWords=8, "
        f'MaxFragments=2, FragmentDelimiter=" {ELLIPSIS} "'
    )
    # Only this module's constants and %s placeholders are put into the text (_filters).
    sql = f"""
        WITH q AS (SELECT websearch_to_tsquery('english', %s) AS q),
        found AS (
            SELECT e.id, e.kind, e.object_id, e.part, e.title, e.year, e.body,
                   ts_rank_cd({PG_VECTOR}, q.q) AS rank
            FROM search_searchentry e, q
            WHERE {PG_VECTOR} @@ q.q{where}
            ORDER BY rank DESC, e.id
            LIMIT %s
        )
        SELECT found.id, found.kind, found.object_id, found.part, found.title, found.year,
               ts_headline('english', found.title || ' ' || found.body, q.q, %s), found.rank
        FROM found, q
        ORDER BY found.rank DESC, found.id
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [query, *params, limit, options])
        return [Match(*row) for row in cursor.fetchall()]


def _sqlite(query: str, where: str, params: list[Any], limit: int) -> list[Match]:
    match = fts5_query(query)
    if not match:
        return []
    # bm25 is lower for a better match; the title counts three times the body.
    # Only this module's constants and %s placeholders are put into the text (_filters).
    sql = f"""
        SELECT e.id, e.kind, e.object_id, e.part, e.title, e.year,
               snippet(search_fts, -1, %s, %s, %s, %s), -bm25(search_fts, 3.0, 1.0)
        FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid
        WHERE search_fts MATCH %s{where}
        ORDER BY bm25(search_fts, 3.0, 1.0), e.id
        LIMIT %s
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [MARK_START, MARK_END, ELLIPSIS, SNIPPET_WORDS, match, *params, limit])
        return [Match(*row) for row in cursor.fetchall()]
