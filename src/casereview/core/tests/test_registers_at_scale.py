"""Registers at national scale (issue 15, ADR 0019): deep lists paged by key, and every list
page and record page with the same number of queries for one record as for 500."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereview.accounts.models import Partnership, User
from casereview.core.models import AuditEvent
from casereview.referrals.models import PanelSubmission, Referral
from casereview.reviews.choices import ReviewType
from casereview.reviews.models import NationalReview, Review
from casereview.scrutiny.models import ScrutinyComment
from casereview.testing.bulk import bulk_referrals
from casereview.testing.queries import AUDIT_ROW, get_within_budget

pytestmark = pytest.mark.django_db


def bulk_submissions(partnership: Partnership, count: int) -> list[PanelSubmission]:
    """`count` referrals, each sent to the national panel on a day of its own: newest last."""
    bulk_referrals(partnership, count)
    referrals = Referral.objects.filter(partnership=partnership, reference__contains="BULK")
    start = dt.date(2020, 1, 1)
    return PanelSubmission.objects.bulk_create(
        PanelSubmission(
            partnership=partnership,
            referral=referral,
            submitted=start + dt.timedelta(days=n // 2),  # two a day: the key needs its id too
        )
        for n, referral in enumerate(referrals.order_by("pk"))
    )


def bulk_audit_rows(partnership: Partnership, count: int, words: str = "Bulk row") -> None:
    now = timezone.now()
    AuditEvent.objects.bulk_create(
        AuditEvent(
            occurred_at=now,
            actor_username="bulk",
            partnership=partnership,
            action="view",
            object_repr=f"{words} {n}",
            previous_hash="",
            hash=hashlib.sha256(f"{partnership.pk} {words} {n}".encode()).hexdigest(),
        )
        for n in range(count)
    )


def references(response: object) -> list[str]:
    return [s.referral.reference for s in response.context["page"].object_list]  # type: ignore[attr-defined]


def newest_first(partnership: Partnership) -> list[str]:
    submissions = PanelSubmission.objects.filter(partnership=partnership)
    return [s.referral.reference for s in submissions.order_by("-submitted", "-pk")]


# Keyset paging, as the national panel sees it


def test_the_national_panel_pages_through_every_submission_and_back(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    bulk_submissions(partnership, 120)
    expected = newest_first(partnership)
    panel = client_as("national_panel")
    first = panel.get(reverse("referrals:submissions"))
    assert references(first) == expected[:50]
    assert "120 submissions" in first.content.decode()
    second = panel.get(reverse("referrals:submissions") + first.context["page"].next_url)
    assert references(second) == expected[50:100]
    third = panel.get(reverse("referrals:submissions") + second.context["page"].next_url)
    assert references(third) == expected[100:]
    assert not third.context["page"].has_next and 'rel="next"' not in third.content.decode()
    back = panel.get(reverse("referrals:submissions") + third.context["page"].previous_url)
    assert references(back) == expected[50:100]


def test_the_last_page_holds_the_oldest_submissions(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    bulk_submissions(partnership, 120)
    last = client_as("national_panel").get(reverse("referrals:submissions"), {"last": "1"})
    assert references(last) == newest_first(partnership)[-50:]
    page = last.content.decode()
    assert 'rel="prev"' in page and 'rel="next"' not in page and ">First<" in page


def test_a_link_the_service_did_not_make_shows_the_first_page_with_a_warning(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    bulk_submissions(partnership, 60)
    panel = client_as("national_panel")
    for forged in ({"after": "yesterday_1"}, {"before": "2020-13-40_5"}, {"after": "2020-01-01"}):
        response = panel.get(reverse("referrals:submissions"), forged)
        assert response.status_code == 400
        assert "not one the service made" in response.content.decode()
        assert references(response) == newest_first(partnership)[:50]


def test_the_audit_trail_keeps_its_filter_from_page_to_page(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    bulk_audit_rows(partnership, 70, words="Invented record")
    bulk_audit_rows(partnership, 30, words="Other thing")
    manager = client_as("manager")
    first = manager.get(reverse("core:audit"), {"record": "invented record"})
    assert "70 events" in first.content.decode()
    next_url = first.context["page"].next_url
    assert "record=invented+record" in next_url
    second = manager.get(reverse("core:audit") + next_url)
    shown = [row.object_repr for row in second.context["page"].object_list]
    assert len(shown) == 20 and all(name.startswith("Invented record") for name in shown)
    firsts = {row.pk for row in first.context["page"].object_list}
    assert firsts.isdisjoint(row.pk for row in second.context["page"].object_list)


def test_the_audit_trail_finds_a_persons_rows_by_choosing_them(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    client_as("scrutiny").get("/")
    manager = client_as("manager")
    page = manager.get(reverse("core:audit")).content.decode()
    scrutiny = User.objects.get(username="scrutiny@OSCB")
    assert f'<option value="{scrutiny.pk}">scrutiny@OSCB</option>' in page
    chosen = manager.get(reverse("core:audit"), {"person": scrutiny.pk})
    assert {row.actor_username for row in chosen.context["page"].object_list} == {"scrutiny@OSCB"}


# Query budgets: the same number of queries for one record as for 500


def many(partnership: Partnership, count: int) -> dict[str, int]:
    """`count` of each kind of record the registers list, in the partnership."""
    submissions = bulk_submissions(partnership, count)
    bulk_audit_rows(partnership, count)
    reviews = Review.objects.bulk_create(
        Review(
            partnership=partnership,
            title=f"Child {n}",
            type=ReviewType.SCR,
            commissioned=dt.date(2018, 1, 1) + dt.timedelta(days=n),
        )
        for n in range(count)
    )
    NationalReview.objects.bulk_create(
        NationalReview(
            partnership=partnership, title=f"National {n}", published=dt.date(2022, 1, 1)
        )
        for n in range(count)
    )
    ScrutinyComment.objects.bulk_create(
        ScrutinyComment(
            partnership=partnership, review=review, text="Invented.", date=dt.date(2024, 1, 1)
        )
        for review in reviews
    )
    return {"referral": submissions[-1].referral_id, "review": reviews[-1].pk}


# Each page's queries (the session, the person and their role among them), counted on top
# of the audit row it writes: the same for one record as for 500.
LIST_BUDGETS = {
    ("panel_member", "referrals:referrals"): 11,
    ("manager", "reviews:reviews"): 11,
    ("manager", "reviews:national-reviews"): 8,
    ("national_panel", "referrals:submissions"): 8,
    ("manager", "core:audit"): 9,
    ("manager", "accounts:people"): 8,
    ("manager", "accounts:agencies"): 7,
    ("manager", "scrutiny:comments"): 8,
    ("manager", "home"): 15,
    ("panel_member", "home"): 12,
}


@pytest.mark.parametrize("count", [1, 500])
def test_every_register_keeps_its_budget(
    client_as: Callable[..., Client], partnership: Partnership, count: int
) -> None:
    many(partnership, count)
    for (role, name), budget in LIST_BUDGETS.items():
        page = get_within_budget(client_as(role), reverse(name), budget + AUDIT_ROW)
        assert page.status_code == 200, name
    last = get_within_budget(
        client_as("national_panel"), reverse("referrals:submissions") + "?last=1", 8 + AUDIT_ROW
    )
    assert len(last.context["page"].object_list) == min(count, 50)


@pytest.mark.parametrize("count", [1, 500])
def test_the_pages_of_one_record_keep_their_budget(
    client_as: Callable[..., Client], partnership: Partnership, count: int
) -> None:
    made = many(partnership, count)
    manager = client_as("manager")
    referral = reverse("referrals:referral", args=[made["referral"]])
    assert get_within_budget(manager, referral, 11 + AUDIT_ROW).status_code == 200
    review = reverse("reviews:review", args=[made["review"]])
    assert get_within_budget(manager, review, 17 + AUDIT_ROW).status_code == 200
    submission = PanelSubmission.objects.get(referral_id=made["referral"])
    page = reverse("referrals:submission", args=[submission.pk])
    assert get_within_budget(client_as("national_panel"), page, 11 + AUDIT_ROW).status_code == 200
