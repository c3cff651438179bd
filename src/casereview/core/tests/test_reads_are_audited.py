"""Every page that shows a record writes its row in the audit trail, once per GET.

A page about one record names that record (its type and id); any other page names itself and
what it was asked to show. Downloads leave the export or download row their service writes.
Only the pages listed in NO_CASE_DETAIL write nothing, each for the reason given.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db.models import Model
from django.urls import reverse

from casereview.accounts.choices import Role
from casereview.accounts.models import Partnership, User
from casereview.core.choices import AuditAction
from casereview.core.models import AuditEvent
from casereview.core.tests.test_permission_matrix import (
    MATRIX,
    OK,
    ROLES,
    a_review,
    url_for,
)
from casereview.demo.partnerships import SERVICE_ADMIN_USERNAME
from casereview.testing.bulk import bulk_referrals
from casereview.testing.fixtures import signed_in
from casereview.testing.forms import version_for

# Pages that show nothing of a case or a record, and why they write no row.
NO_CASE_DETAIL = {
    "cookies": "public information about the service",
    "accessibility": "public information about the service",
    "privacy": "public information about the service",
    "accounts:sign-in": "the sign-in form; signing in writes its own row",
    "accounts:sign-out": "a button; signing out writes its own row",
    "accounts:choose-partnership": "the person's own memberships",
    "accounts:change-password": "the person's own password form",
    "accounts:agency-add": "an empty form",
    "accounts:person-add": "an empty form; its choices are the partnership's agencies",
    "accounts:service-partnership-add": "an empty form",
    "accounts:invitation": "the invitation's own page, for whoever holds its link",
    "referrals:referral-add": "an empty form; its choices are the partnership's agencies",
    "referrals:assess": "the criteria applied to the facts being typed; nothing stored is read",
    "learning:themes": "the list of themes: labels that tag reviews, nothing of any case",
    "learning:theme-add": "an empty form",
    "reviews:national-review-add": "an empty form",
    "exchange:index": "the upload form and links to the downloads",
    "exchange:template": "the empty spreadsheet template",
    "exchange:schema": "the format's public JSON Schema",
    "exchange:schema-v1": "the format's public JSON Schema of version 1",
    "accounts:second-factor": "the code form of the person signing in",
    "accounts:second-factor-setup": "the person's own app set-up",
}

# Pages that show no one record: the start of the `object_repr` their row writes.
PAGES = {
    # Home lists, by role, case references with their deadlines and unpublished review titles.
    "home": "home",
    "accounts:agencies": "agencies",
    "accounts:people": "people",
    # The local authority areas the partnership covers (a form).
    "accounts:local-authorities": "local authority areas",
    "core:audit": "audit trail",
    "referrals:referrals": "referral register",
    "referrals:submissions": "national panel submissions",
    # Its choices name every child of the partnership.
    "reviews:review-add": "new review form",
    "reviews:reviews": "review register",
    "reviews:national-reviews": "national reviews",
    "learning:in-common": "learning in common",
    "learning:events": "learning events",
    # Its choices name every review of the partnership.
    "learning:event-add": "new learning event form",
    "actionplans:my-actions": "my agency's actions",
    "actionplans:monitoring": "monitoring of the executive group",
    "actionplans:monitoring-workbook": "action plan workbook: Actions monitored by the executive",
    "scrutiny:comments": "scrutiny comments",
    "scrutiny:open": "records open to scrutiny",
    "reports:report": "report",
    "search:search": "search",
    "library:library": "library of published learning",
    "publication:acceptable-names": "names acceptable in published reports",
    "reports:narrative": "report text",
    "reports:download": "report (json)",
    "exchange:export-json": "Exchange document (json)",
    "exchange:export-xlsx": "Exchange document (xlsx)",
    # Service administration: opened by service administrators only (see the test below).
    "accounts:service-people": "people in every partnership",
    "accounts:sign-in-attempts": "failed sign-ins",
    "accounts:service-partnerships": "partnerships",
    "accounts:service-partnership": "",
    "accounts:service-partnership-invite": "",
    "accounts:service-person": "",
    "accounts:service-person-change": "",
    "accounts:service-person-new-password": "",
    "accounts:service-person-reset-second-factor": "",
}

# Downloads: the row their service writes instead of a view.
DOWNLOADS = {
    "actionplans:monitoring-workbook": AuditAction.EXPORT,
    "actionplans:review-plan-download": AuditAction.EXPORT,
    "reviews:learning-summary-download": AuditAction.DOWNLOAD,
    "referrals:rapid-review-download": AuditAction.DOWNLOAD,
    "reports:download": AuditAction.EXPORT,
    "exchange:export-json": AuditAction.EXPORT,
    "exchange:export-xlsx": AuditAction.EXPORT,
    "documents:file-download": AuditAction.DOWNLOAD,
    "documents:referral-file-download": AuditAction.DOWNLOAD,
}

# URLs whose arguments are not one record's pk, and the record they show.
SHOWN_BY_ARGUMENTS: dict[str, Callable[[Partnership], Model]] = {
    "reviews:transition": a_review,
    "reviews:learning-summary-download": a_review,
    "actionplans:review-plan-download": a_review,
}

RECORD_PAGES = sorted(
    name
    for name, expect in MATRIX.items()
    if expect.record is not None and expect.shows_a_record and name not in NO_CASE_DETAIL
)


def shown_record(name: str, partnership: Partnership) -> Model:
    if name in SHOWN_BY_ARGUMENTS:
        return SHOWN_BY_ARGUMENTS[name](partnership)
    found = MATRIX[name].record(partnership)  # type: ignore[misc]
    assert isinstance(found, Model), f"say in SHOWN_BY_ARGUMENTS which record {name} shows"
    return found


def a_role_that_may_open(name: str) -> str:
    roles = MATRIX[name].roles
    return Role.MANAGER if roles[Role.MANAGER] == OK else next(r for r in ROLES if roles[r] == OK)


def rows_after(last_id: int, user: User) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(id__gt=last_id, actor=user).order_by("id"))


def last_row_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_every_url_writes_a_row_or_says_why_not() -> None:
    pages = set(PAGES) | set(NO_CASE_DETAIL)
    assert not set(PAGES) & set(NO_CASE_DETAIL)
    missing = sorted(set(MATRIX) - pages - set(RECORD_PAGES))
    assert not missing, f"say what these pages write in the audit trail: {missing}"
    assert not sorted(pages - set(MATRIX)), "these lines name no URL"


# Pages some role of a partnership opens; the service administrator's are tested below.
OPENED_BY_A_ROLE = sorted(name for name, expect in MATRIX.items() if OK in expect.roles.values())


@pytest.mark.django_db
@pytest.mark.parametrize("name", OPENED_BY_A_ROLE)
def test_opening_a_page_writes_one_row_naming_what_it_shows(
    name: str,
    partnership: Partnership,
    client_as: Callable,
    demo_user: Callable[..., User],
) -> None:
    role = a_role_that_may_open(name)
    url = url_for(name, partnership)
    record = shown_record(name, partnership) if name in RECORD_PAGES else None
    last_id = last_row_id()

    response = client_as(role).get(url)

    assert response.status_code == OK
    rows = rows_after(last_id, demo_user(role))
    if name in NO_CASE_DETAIL:
        assert rows == [], f"{name} shows no case detail, yet wrote {rows}"
        return
    described = [(r.action, r.object_type, r.object_id, r.object_repr) for r in rows]
    assert len(rows) == 1, f"{name} wrote {described}, not one row"
    row = rows[0]
    assert row.action == DOWNLOADS.get(name, AuditAction.VIEW)
    assert row.partnership == partnership
    if record is not None:
        assert (row.object_type, row.object_id) == (record._meta.label_lower, str(record.pk))
    else:
        assert row.object_repr.startswith(PAGES[name]), row.object_repr


@pytest.mark.django_db
def test_a_register_row_names_its_filters_and_page(
    partnership: Partnership, client_as: Callable, demo_user: Callable[..., User]
) -> None:
    bulk_referrals(partnership, 120)
    last_id = last_row_id()
    client_as("panel_member").get(
        reverse("referrals:referrals") + "?decision=pending&due=&framework=wt2015&page=2"
    )
    (row,) = rows_after(last_id, demo_user("panel_member"))
    assert row.object_repr == "referral register: framework=wt2015, decision=pending, page 2"


@pytest.mark.django_db
def test_posting_a_form_writes_the_change_not_a_view(
    partnership: Partnership, client_as: Callable, demo_user: Callable[..., User]
) -> None:
    review = a_review(partnership)
    last_id = last_row_id()
    client = client_as("manager")
    url = reverse("reviews:delay", args=[review.pk])
    version = version_for(client, url)
    last_id = last_row_id()
    client.post(url, {"delay_reason": "Waiting for the trial.", "version": version})
    rows = rows_after(last_id, demo_user("manager"))
    assert [r.action for r in rows] == [AuditAction.CHANGE]


@pytest.mark.django_db
def test_a_refused_page_writes_no_row(
    partnership: Partnership, client_as: Callable, demo_user: Callable[..., User]
) -> None:
    review = a_review(partnership)
    last_id = last_row_id()
    response = client_as("scrutiny").get(reverse("reviews:review-change", args=[review.pk]))
    assert response.status_code == 404
    assert rows_after(last_id, demo_user("scrutiny")) == []


SERVICE_PERSON_PAGES = [
    "accounts:service-person",
    "accounts:service-person-change",
    "accounts:service-person-new-password",
    "accounts:service-person-reset-second-factor",
]


@pytest.mark.django_db
def test_the_service_administrators_pages_write_their_rows(partnership: Partnership) -> None:
    admin = User.objects.get(username=SERVICE_ADMIN_USERNAME)
    client = signed_in(admin)
    for name in ("accounts:service-people", "accounts:sign-in-attempts"):
        last_id = last_row_id()
        assert client.get(url_for(name, partnership)).status_code == OK
        (row,) = rows_after(last_id, admin)
        assert row.action == AuditAction.VIEW and row.object_repr.startswith(PAGES[name])
    for name in SERVICE_PERSON_PAGES:
        record = MATRIX[name].record
        assert record is not None
        person = record(partnership)
        last_id = last_row_id()
        assert client.get(url_for(name, partnership)).status_code == OK
        (row,) = rows_after(last_id, admin)
        assert (row.action, row.object_type, row.object_id) == (
            AuditAction.VIEW,
            "accounts.user",
            str(person.pk),
        )


@pytest.mark.django_db
def test_the_service_administrators_partnership_pages_write_their_rows(
    partnership: Partnership,
) -> None:
    admin = User.objects.get(username=SERVICE_ADMIN_USERNAME)
    client = signed_in(admin)
    last_id = last_row_id()
    assert client.get(reverse("accounts:service-partnerships")).status_code == OK
    (row,) = rows_after(last_id, admin)
    assert row.object_repr.startswith(PAGES["accounts:service-partnerships"])
    for name in ("accounts:service-partnership", "accounts:service-partnership-invite"):
        last_id = last_row_id()
        assert client.get(url_for(name, partnership)).status_code == OK
        (row,) = rows_after(last_id, admin)
        assert (row.action, row.object_type, row.object_id) == (
            AuditAction.VIEW,
            "accounts.partnership",
            str(partnership.pk),
        )
