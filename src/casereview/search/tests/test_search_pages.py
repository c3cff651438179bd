"""Search as each person meets it: a search finds what they may see, and never a title, a
word or the existence of anything else; entries follow the records as they are written."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from casereview.accounts.choices import Role
from casereview.accounts.models import Partnership
from casereview.actionplans import services as action_services
from casereview.actionplans.choices import MonitoringGroup, Scope
from casereview.core.partialdates import PartialDate
from casereview.documents.services import store_text, upload_file
from casereview.reviews import services as review_services
from casereview.reviews.choices import ReviewType
from casereview.search.indexing import reindex_partnership
from casereview.search.models import SearchEntry
from casereview.search.selectors import FIRST_LOOK, RESULTS
from casereview.testing.fixtures import HOME_CODE, OTHER_CODE
from casereview.testing.queries import AUDIT_ROW, get_within_budget
from casereview.testing.records import (
    make_action,
    make_document,
    make_referral,
    make_referral_document,
    make_referral_file,
    make_review,
)

pytestmark = pytest.mark.django_db

ROLES = [role.value for role in Role]
# A word planted in one record of each kind, found nowhere else.
PLANTED = {
    "referral": "zorbulax",
    "child": "Quendolyn",
    "review": "thrimbleton",
    "learning point": "vexillar",
    "recommendation": "plonkadent",
    "action": "skrindle",
    "document": "wubberfax",
    "referral document": "glastonwick",
}


def plant(partnership: Partnership) -> dict[str, str]:
    """One record of each kind holding its planted word; the page each is seen on."""
    referral = make_referral(
        partnership,
        summary=f"A referral about {PLANTED['referral']}.",
        child={"pseudonym": f"Child {PLANTED['child']}", "sex": "female"},
    )
    child = referral.children.get()
    review = make_review(partnership, title=f"Child {PLANTED['review']}")
    point = review_services.add_learning_point(
        review, text=f"Ask about {PLANTED['learning point']}.", themes=[], acting_user=None
    )
    recommendation = action_services.add_recommendation(
        review,
        number=2,
        text=f"Agencies should {PLANTED['recommendation']}.",
        scope=Scope.MULTI_AGENCY,
        monitored_by=MonitoringGroup.EXECUTIVE,
        acting_user=None,
    )
    action = make_action(partnership, review=review, text=f"Audit {PLANTED['action']}.")
    document = make_document(review, title="Overview report")
    body = f"Page one.\fThe {PLANTED['document']} was missed.".encode()
    file = upload_file(
        document, io.BytesIO(body), name="report.txt", size=len(body), acting_user=None
    )
    store_text(file)
    agency_report = make_referral_document(referral, title="Police report")
    store_text(make_referral_file(agency_report, f"Officers noted {PLANTED['referral document']}."))
    reindex_partnership(partnership.pk)
    return {
        "referral document": reverse("documents:referral-document", args=[agency_report.pk]),
        "referral": reverse("referrals:referral", args=[referral.pk]),
        "child": reverse("referrals:child", args=[child.pk]),
        "review": reverse("reviews:review", args=[review.pk]),
        "learning point": reverse("reviews:review", args=[point.review_id]),
        "recommendation": reverse("actionplans:review-plan", args=[recommendation.review_id]),
        "action": reverse("actionplans:action", args=[action.pk]),
        "document": reverse("documents:document", args=[document.pk]),
    }


def search(client: Client, words: str, **filters: Any) -> str:
    """The results part of the search page (the page's title and box repeat the words)."""
    response = client.get(reverse("search:search"), {"q": words, **filters})
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('id="search-count"') :]


@pytest.mark.parametrize("code", [HOME_CODE, OTHER_CODE])
@pytest.mark.parametrize("role", ROLES)
def test_a_search_finds_exactly_the_records_the_person_may_open(
    code: str, role: str, partnership: Partnership, client_as: Callable[..., Client]
) -> None:
    pages = plant(partnership)
    client = client_as(role, code)
    for kind, word in PLANTED.items():
        found = search(client, word)
        may_open = client.get(pages[kind]).status_code == 200
        if may_open:
            assert pages[kind] in found, f"{role}@{code} may open the {kind} but did not find it"
            assert "app-search-mark" in found
        else:
            assert word.lower() not in found.lower(), (
                f"{role}@{code} found the {kind} they may not open"
            )
            assert pages[kind] not in found
            assert "Nothing you can see matches" in found


def test_the_service_administrator_may_not_search(partnership: Partnership) -> None:
    from casereview.accounts.models import User
    from casereview.demo.partnerships import SERVICE_ADMIN_USERNAME
    from casereview.testing.fixtures import signed_in

    plant(partnership)
    client = signed_in(User.objects.get(username=SERVICE_ADMIN_USERNAME))
    response = client.get(reverse("search:search"), {"q": PLANTED["review"]})
    assert response.status_code == 403
    assert PLANTED["review"] not in response.content.decode()


def test_results_show_where_the_words_were_found_and_filter_by_kind_and_year(
    partnership: Partnership, client_as: Callable[..., Client]
) -> None:
    pages = plant(partnership)
    manager = client_as("manager")
    found = search(manager, "wubberfaxes")  # any form of the word
    assert f'<mark class="app-search-mark">{PLANTED["document"]}</mark>' in found
    assert "Overview report, page 2" in found
    assert pages["document"] in found
    only_actions = search(
        manager, f"{PLANTED['review']} OR {PLANTED['action']}", kind="found_action"
    )
    assert pages["action"] in only_actions and pages["review"] not in only_actions
    assert pages["review"] not in search(manager, PLANTED["review"], from_year="2020")
    assert pages["review"] in search(manager, PLANTED["review"], to_year="2016")


def test_a_year_range_backwards_is_a_mistake_said_plainly(client_as: Callable[..., Client]) -> None:
    response = client_as("manager").get(
        reverse("search:search"), {"q": "fathers", "from_year": "2020", "to_year": "2016"}
    )
    assert response.status_code == 400
    assert "The last year must be the same as or after the first" in response.content.decode()


def test_every_search_is_in_the_audit_trail(
    partnership: Partnership, client_as: Callable[..., Client]
) -> None:
    from casereview.core.models import AuditEvent

    search(client_as("manager"), "fathers")
    row = AuditEvent.objects.order_by("-id").first()
    assert row is not None and row.object_repr == "search: q=fathers"


def test_entries_follow_the_records_as_they_are_written(
    partnership: Partnership, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        review = make_review(partnership, title="Child Marrowby")
    assert SearchEntry.objects.filter(
        kind="found_review", object_id=review.pk, title="Child Marrowby"
    ).exists()
    with django_capture_on_commit_callbacks(execute=True):
        review_services.change_review(review, title="Child Tumbleford", acting_user=None)
    titles = SearchEntry.objects.filter(kind="found_review", object_id=review.pk).values_list(
        "title", flat=True
    )
    assert list(titles) == ["Child Tumbleford"]
    document = make_document(review)
    with django_capture_on_commit_callbacks(execute=True):
        file = upload_file(
            document, io.BytesIO(b"first draft"), name="a.txt", size=11, acting_user=None
        )
        store_text(file)
    with django_capture_on_commit_callbacks(execute=True):
        newer = upload_file(
            document, io.BytesIO(b"final words"), name="b.txt", size=11, acting_user=None
        )
        store_text(newer)
    pages = SearchEntry.objects.filter(kind="found_document_page").values_list("body", flat=True)
    assert list(pages) == ["final words"]  # only the newest version is searched
    reindex_partnership(partnership.pk)  # written again whole, the same
    pages = SearchEntry.objects.filter(kind="found_document_page").values_list("body", flat=True)
    assert list(pages) == ["final words"]


def test_an_import_writes_the_partnerships_entries_again(
    partnership: Partnership, django_capture_on_commit_callbacks: Any
) -> None:
    from casereview.exchange.selectors import export_document
    from casereview.exchange.services import import_document

    make_review(partnership, title="Child Pemberwick")
    document = export_document(partnership)
    document["reviews"][0]["title"] = "Child Fennimore"
    SearchEntry.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        import_document(document)
    titles = set(SearchEntry.objects.filter(kind="found_review").values_list("title", flat=True))
    assert "Child Fennimore" in titles


def test_the_command_writes_every_partnerships_entries(partnership: Partnership) -> None:
    make_review(partnership, title="Child Wetherbine")
    err = io.StringIO()
    call_command("search_index", "--partnership", HOME_CODE, stderr=err)
    assert SearchEntry.objects.filter(title="Child Wetherbine").exists()
    assert f"{HOME_CODE}: " in err.getvalue()


@pytest.mark.parametrize("count", [1, 40])
def test_the_search_page_keeps_its_budget(
    count: int, partnership: Partnership, client_as: Callable[..., Client]
) -> None:
    for n in range(count):
        make_review(partnership, title=f"Child N{n}", summary="Neglect of a baby.")
    reindex_partnership(partnership.pk)
    client = client_as("manager")
    # The session read and renewed (in a savepoint), the person with their memberships, the themes the form
    # offers, the engine's matches, one look in the reach of each kind found (here reviews
    # alone, however many), the snippets of those shown, and the audit row: the same for 1
    # review and for 40.
    response = get_within_budget(client, reverse("search:search") + "?q=neglect", 9 + AUDIT_ROW)
    assert response.content.decode().count('class="govuk-heading-s') == min(count, RESULTS)


def test_a_referral_documents_newest_file_is_searched_as_it_is_read(
    partnership: Partnership,
    client_as: Callable[..., Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    document = make_referral_document(make_referral(partnership), title="School chronology")
    with django_capture_on_commit_callbacks(execute=True):
        store_text(make_referral_file(document, "The first draft said fenwarble."))
    manager = client_as("manager")
    found = search(manager, "fenwarble")
    assert "School chronology, page 1" in found
    assert reverse("documents:referral-document", args=[document.pk]) in found
    with django_capture_on_commit_callbacks(execute=True):
        store_text(make_referral_file(document, "The final version says brackenmoor."))
    assert "Nothing you can see matches" in search(manager, "fenwarble")
    assert "School chronology, page 1" in search(manager, "brackenmoor")
    only_referral_papers = search(manager, "brackenmoor", kind="found_referral_page")
    assert "School chronology" in only_referral_papers
    assert "Nothing you can see matches" in search(manager, "brackenmoor", kind="found_review")


def test_a_record_in_reach_ranked_past_the_first_look_is_still_found(
    partnership: Partnership, client_as: Callable[..., Client]
) -> None:
    """The engine's best FIRST_LOOK matches are looked at first; a reviewer who reaches none of
    them is shown what they reach among the best CANDIDATES."""
    for n in range(FIRST_LOOK + 10):  # none assigned to the reviewer, each ranked higher
        review_services.create_review(
            partnership,
            acting_user=None,
            title=f"Child U{n}",
            type=ReviewType.SCR,
            commissioned=PartialDate(dt.date(2016, 1, 4)),
            summary="The quillet was missed; the quillet, and the quillet again.",
        )
    assigned = make_review(partnership, title="Child Assigned", summary="The quillet was missed.")
    reindex_partnership(partnership.pk)
    found = search(client_as("reviewer"), "quillet")
    assert reverse("reviews:review", args=[assigned.pk]) in found
    assert found.count('class="govuk-heading-s') == 1
    assert search(client_as("manager"), "quillet").count('class="govuk-heading-s') == RESULTS
