"""Query budgets: a page that grows its number of queries with its data fails the suite."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

# Every signed-in request reads the person's second-factor device (django-otp), whatever the
# page; budgets are the page's own queries on top of it.
SECOND_FACTOR_QUERIES = 1
# What a page's audit row costs: a savepoint, the chain's last hash, the insert, the release,
# and on PostgreSQL the advisory lock that serialises the chain.
AUDIT_ROW = 4 + (connection.vendor == "postgresql")


def get_within_budget(client: Any, url: str, budget: int, **kwargs: Any) -> Any:
    """GET `url` and fail, listing the queries, if it takes more than `budget` queries."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **kwargs)
    budget += SECOND_FACTOR_QUERIES
    count = len(captured.captured_queries)
    if count > budget:
        listing = "\n".join(
            f"{n}. {query['sql']}" for n, query in enumerate(captured.captured_queries, 1)
        )
        raise AssertionError(f"{url} took {count} queries, over its budget of {budget}:\n{listing}")
    return response
