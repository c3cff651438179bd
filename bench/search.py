"""Search at national scale (issue 16): 2,500 reviews with their documents' text, searched as
the biggest partnership's manager, against the database's own full-text query for the words.

    .venv/bin/python bench/search.py [--reviews 2500] [--pages 10] [--runs 30] [--again]

On a fresh copy of the national data set (bench/national.py load; the copy is
`<name>_search`, made again each run), with production settings. It gives the reviews of the
biggest partnerships, all of BIG's among them, `--reviews` in all, an overview report of
`--pages` pages of invented text each (a document, its file's row and its pages, written in
bulk: no file is stored, as search reads only the pages). It then writes every partnership's
search entries (`search_index`), and times:

- the search page (/search/?q=...) as manager@BIG, in-process, p50 and p95 of `--runs`
  requests after a warm-up;
- the database's own full-text work for the same words, which the page's results are made
  from: the ranked query for the best 200 matches (search.engine.matches) and the
  highlighted words of the first 20 of them (search.engine.snippets), with nothing checked
  after it, p50 and p95;

and prints each query's ratio, page over query, like for like. Targets: page p95 under
100 ms, and within twice the query. It does the same for the library of published learning
(/library/?q=...): its query is the published learning of every partnership, and the
highlighted words of its first page of 20.

`--again` times the pages again on the copy the last run left, without making it again.
"""

from __future__ import annotations

import argparse
import io
import math
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import national

QUERIES = [
    "fathers",
    "escalation between agencies",
    '"not invited"',
    "neglect -housing",
    "domestic abuse OR coercive control",
    "health visitor",
]
SENTENCES = [
    "The health visitor saw the family at home and noted the father was not present.",
    "Agencies did not share what they knew about the moves between addresses.",
    "No one escalated the concern when the referral was closed without a visit.",
    "The school nurse recorded bruising but the threshold for a strategy meeting was not met.",
    "Domestic abuse was disclosed to the GP and not passed to children's social care.",
    "Coercive control was not recognised by the practitioners who met the mother.",
    "The stepfather was not invited to the child protection conference.",
    "Housing pressures meant the family moved three times in a year.",
    "Neglect was described as chronic but the plan did not change.",
    "Professional curiosity was lacking about the men living in the household.",
    "The baby's injuries were explained as accidental and were not challenged.",
    "Escalation between agencies was slow when the police and health disagreed.",
]


def page_text(chance: random.Random, words: int = 300) -> str:
    out: list[str] = []
    while sum(len(s.split()) for s in out) < words:
        out.append(chance.choice(SENTENCES))
    return " ".join(out)


def give_documents(reviews: int, pages: int) -> int:
    from django.db import transaction
    from django.db.models import Count
    from django.utils import timezone

    from casereview.documents.choices import FileKind, TextState
    from casereview.documents.models import DocumentFile, DocumentPage
    from casereview.reviews.choices import DocumentKind
    from casereview.reviews.models import Review, ReviewDocument

    chance = random.Random(16)
    biggest = (
        Review.objects.values("partnership_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("partnership_id", flat=True)
    )
    chosen: list[Review] = []
    for partnership_id in biggest:
        chosen += list(Review.objects.filter(partnership_id=partnership_id))
        if len(chosen) >= reviews:
            break
    chosen = chosen[:reviews]
    now = timezone.now()
    with transaction.atomic():
        documents = ReviewDocument.objects.bulk_create(
            ReviewDocument(review=r, kind=DocumentKind.OVERVIEW_REPORT, title="Overview report")
            for r in chosen
        )
        files = DocumentFile.objects.bulk_create(
            DocumentFile(
                partnership_id=d.review.partnership_id,
                document=d,
                version=1,
                name="overview-report.pdf",
                kind=FileKind.PDF,
                size=1,
                sha256="0" * 64,
                stored_as=f"bench/{d.pk}",
                uploaded_at=now,
                text_state=TextState.READ,
            )
            for d in documents
        )
        written = DocumentPage.objects.bulk_create(
            (
                DocumentPage(
                    partnership_id=f.partnership_id, file=f, number=n, text=page_text(chance)
                )
                for f in files
                for n in range(1, pages + 1)
            ),
            batch_size=2000,
        )
    return len(written)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[math.ceil(share * len(ordered)) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reviews", type=int, default=2500)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--again",
        action="store_true",
        help="Time the pages again on the copy the last run made, without making it again",
    )
    options = parser.parse_args()
    name = national.reuse_copy("search") if options.again else national.copy_for_pages("search")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from casereview.accounts.models import User
    from casereview.library.views import LibraryView
    from casereview.reviews.choices import ReviewStatus
    from casereview.reviews.models import Review
    from casereview.search import engine
    from casereview.search.choices import Found
    from casereview.search.selectors import CANDIDATES, RESULTS

    LIBRARY_PAGE = LibraryView.page_size
    from casereview.search.models import SearchEntry
    from casereview.testing.fixtures import signed_in

    if not options.again:
        call_command("migrate", verbosity=0)  # the data set may predate search's tables
        started = time.perf_counter()
        pages = give_documents(options.reviews, options.pages)
        print(f"{name}: {options.reviews:,} reviews given {pages:,} pages of text", flush=True)
        call_command("search_index", stderr=io.StringIO())
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")
        took = time.perf_counter() - started
        print(f"{SearchEntry.objects.count():,} search entries, written in {took:.0f} s\n")

    manager = User.objects.get(username=national.MANAGER)
    client = signed_in(manager, Client())
    partnership = manager.memberships.get().partnership_id

    def search_query(words: str) -> None:
        found = engine.matches(words, partnerships=[partnership], limit=CANDIDATES)
        engine.snippets(words, [match.entry_id for match in found[:RESULTS]])

    def library_query(words: str) -> None:
        found = engine.matches(
            words, partnerships=None, kinds=[Found.PUBLISHED_LEARNING], limit=CANDIDATES
        )
        engine.snippets(words, [match.entry_id for match in found[:LIBRARY_PAGE]])

    published = Review.objects.filter(status=ReviewStatus.PUBLISHED).count()
    for title, url, query, counted in (
        ("The search page, as BIG's manager", "/search/", search_query, 'class="govuk-heading-s'),
        (
            f"The library of published learning ({published:,} published reviews of every "
            "partnership), as BIG's manager",
            "/library/",
            library_query,
            r'href="/library/\d+/"',
        ),
    ):
        print(f"{title}\n")
        print(
            "| words | results | page p50 ms | page p95 ms | query p50 ms | query p95 ms "
            "| ratio p50 | ratio p95 |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for words in QUERIES:
            print(time_page(client, url, words, query, options.runs, counted), flush=True)
        print()


def time_page(
    client: Any, url: str, words: str, query: Callable[[str], None], runs: int, counted: str
) -> str:
    """The page's p50 and p95 for the words, and its query's, interleaved, as a table row."""
    for _ in range(3):
        response = client.get(url, {"q": words})
        assert response.status_code == 200, (url, words, response.status_code)
    page, alone = [], []
    for _ in range(runs):
        begun = time.perf_counter()
        response = client.get(url, {"q": words})
        page.append((time.perf_counter() - begun) * 1000)
        begun = time.perf_counter()
        query(words)
        alone.append((time.perf_counter() - begun) * 1000)
    results = len(re.findall(counted, response.content.decode()))
    p50, p95 = statistics.median(page), percentile(page, 0.95)
    q50, q95 = statistics.median(alone), percentile(alone, 0.95)
    return (
        f"| {words} | {results} | {p50:.0f} | {p95:.0f} | {q50:.1f} | {q95:.1f} "
        f"| {p50 / q50:.1f} | {p95 / q95:.1f} |"
    )


if __name__ == "__main__":
    main()
