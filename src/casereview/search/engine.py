"""Full-text search over search entries, one interface over both databases: SQLite's FTS5
(porter stemming) in the embedded database, PostgreSQL's English text search in production.

`matches(query, partnerships, kinds, limit)` gives the best-ranked entries first. The caller
keeps only the records the person may see (search.selectors), then asks `snippets()` for those
it shows: their words around what was found, with the found words between MARK_START and
MARK_END (search.highlight turns them into escaped HTML).
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
# PostgreSQL keeps each entry's words as a stored tsvector column, `words` (its title weighted
# above its body), with a GIN index on it: search/migrations/0001. Ranking reads the stored
# words, not the text parsed again for each row found.


@dataclass(frozen=True)
class Match:
    entry_id: int
    kind: str
    object_id: int
    part: int
    title: str
    year: int | None
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


def snippets(query: str, entry_ids: Collection[int]) -> dict[int, str]:
    """The words of each entry around what the query found, the found words between
    MARK_START and MARK_END: made only for the entries shown, as making one reads the whole
    entry again."""
    if not entry_ids or not has_words(query):
        return {}
    ids = ", ".join(["%s"] * len(entry_ids))
    if connection.vendor == "postgresql":
        options = (
            f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_WORDS}, "
            f'MinWords=8, MaxFragments=2, FragmentDelimiter=" {ELLIPSIS} "'
        )
        sql = f"""
            SELECT e.id, ts_headline('english', e.title || ' ' || e.body,
                                     websearch_to_tsquery('english', %s), %s)
            FROM search_searchentry e WHERE e.id IN ({ids})
        """  # noqa: S608 (placeholders only)
        params: list[Any] = [query, options, *entry_ids]
    else:
        sql = f"""
            SELECT rowid, snippet(search_fts, -1, %s, %s, %s, %s) FROM search_fts
            WHERE search_fts MATCH %s AND rowid IN ({ids})
        """  # noqa: S608 (placeholders only)
        params = [MARK_START, MARK_END, ELLIPSIS, SNIPPET_WORDS, fts5_query(query), *entry_ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


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
    # Only this module's constants and %s placeholders are put into the text (_filters).
    sql = f"""
        SELECT e.id, e.kind, e.object_id, e.part, e.title, e.year, ts_rank_cd(e.words, q) AS rank
        FROM search_searchentry e, websearch_to_tsquery('english', %s) q
        WHERE e.words @@ q{where}
        ORDER BY rank DESC, e.id
        LIMIT %s
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [query, *params, limit])
        return [Match(*row) for row in cursor.fetchall()]


def _sqlite(query: str, where: str, params: list[Any], limit: int) -> list[Match]:
    match = fts5_query(query)
    if not match:
        return []
    # bm25 is lower for a better match; the title counts three times the body.
    # Only this module's constants and %s placeholders are put into the text (_filters).
    sql = f"""
        SELECT e.id, e.kind, e.object_id, e.part, e.title, e.year, -bm25(search_fts, 3.0, 1.0)
        FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid
        WHERE search_fts MATCH %s{where}
        ORDER BY bm25(search_fts, 3.0, 1.0), e.id
        LIMIT %s
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *params, limit])
        return [Match(*row) for row in cursor.fetchall()]
