"""Pages about one record find it through RecordMixin: in reach, one view row; out of reach,
404 and nothing written.

Every URL that names a record by its `pk` is served by a RecordMixin view, which finds the
record through the app's restrict()-based selector. Whoever asks for a record outside their
reach (in another partnership, or in their own but beyond their role's reach) is told it is
not found, never that it is forbidden, and the audit trail gains no row; whoever may open it
gets the page and exactly one view row naming it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.http import Http404
from django.template.response import TemplateResponse
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views.generic import TemplateView

from casereview.accounts.choices import Role
from casereview.accounts.models import Agency, Partnership, User
from casereview.accounts.selectors import agencies_for
from casereview.core.choices import AuditAction
from casereview.core.models import AuditEvent
from casereview.core.tests.test_permission_matrix import (
    MATRIX,
    NOT_FOUND,
    OK,
    RECORD_PAGES,
    ROLES,
    SEEN_ACROSS_PARTNERSHIPS,
    url_for,
)
from casereview.core.tests.test_reads_are_audited import DOWNLOADS, a_role_that_may_open
from casereview.core.tests.test_reads_are_audited import shown_record as record_shown_by
from casereview.core.views import RecordMixin
from casereview.demo.partnerships import SERVICE_ADMIN_USERNAME
from casereview.testing.fixtures import HOME_CODE, OTHER_CODE, signed_in

pytestmark = pytest.mark.django_db


def patterns(resolver: URLResolver | None = None, namespace: str = "") -> list[tuple[str, Any]]:
    """Every named URL pattern with its path converters, and the view class that serves it."""
    resolver = resolver or get_resolver()
    found = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += patterns(pattern, inner)
        elif isinstance(pattern, URLPattern):
            converters = getattr(pattern.pattern, "converters", {})
            view_class = getattr(pattern.callback, "view_class", None)
            if "pk" in converters:
                found.append((namespace + str(pattern.name), view_class))
    return found


PAGES_NAMING_A_RECORD = patterns()


def test_the_urls_that_name_a_record_are_found() -> None:
    """Without this, an empty list would let the test below pass."""
    names = {name for name, _ in PAGES_NAMING_A_RECORD}
    assert {"referrals:referral", "reviews:review", "exchange:check"} <= names
    assert len(names) >= 35


@pytest.mark.parametrize(("name", "view_class"), PAGES_NAMING_A_RECORD)
def test_every_page_about_a_record_finds_it_through_the_record_mixin(
    name: str, view_class: Any
) -> None:
    assert view_class is not None and issubclass(view_class, RecordMixin), (
        f"{name} is served by {view_class}, which does not find its record through RecordMixin"
    )


def rows_by(user: User, after: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(id__gt=after, actor=user).order_by("id"))


def last_row() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


# For each record page, the roles of the same partnership whose reach does not hold it.
OUT_OF_REACH_IN_ITS_PARTNERSHIP = sorted(
    (name, role) for name in RECORD_PAGES for role in ROLES if MATRIX[name].roles[role] == NOT_FOUND
)


def test_some_roles_cannot_reach_records_of_their_own_partnership() -> None:
    assert ("referrals:referral", Role.AGENCY_LEAD) in OUT_OF_REACH_IN_ITS_PARTNERSHIP
    assert ("reviews:review", Role.SCRUTINY) in OUT_OF_REACH_IN_ITS_PARTNERSHIP


@pytest.mark.parametrize(("name", "role"), OUT_OF_REACH_IN_ITS_PARTNERSHIP)
def test_a_record_beyond_the_roles_reach_is_not_found_and_nothing_is_written(
    name: str,
    role: str,
    partnership: Partnership,
    client_as: Callable[..., Client],
    demo_user: Callable[..., User],
) -> None:
    url = url_for(name, partnership)
    before = last_row()
    response = client_as(role, HOME_CODE).get(url)
    assert response.status_code == NOT_FOUND
    assert rows_by(demo_user(role), before) == []


def closed_to_others(name: str) -> str | None:
    """A role that may open the page in its own partnership and not in another, if any."""
    return next(
        (
            role
            for role in ROLES
            if MATRIX[name].roles[role] == OK and (name, role) not in SEEN_ACROSS_PARTNERSHIPS
        ),
        None,
    )


# A published review's page opens to every role of every partnership: the matrix tests it from
# the other partnership (test_records_of_another_partnership_are_not_found).
CLOSED_TO_OTHER_PARTNERSHIPS = [name for name in RECORD_PAGES if closed_to_others(name)]


@pytest.mark.parametrize("name", CLOSED_TO_OTHER_PARTNERSHIPS)
def test_a_record_of_another_partnership_is_not_found_and_nothing_is_written(
    name: str,
    partnership: Partnership,
    client_as: Callable[..., Client],
    demo_user: Callable[..., User],
) -> None:
    role = closed_to_others(name)
    assert role is not None
    url = url_for(name, partnership)
    before = last_row()
    response = client_as(role, OTHER_CODE).get(url)
    assert response.status_code == NOT_FOUND, f"{role} of {OTHER_CODE} got {response.status_code}"
    assert rows_by(demo_user(role, OTHER_CODE), before) == []


@pytest.mark.parametrize("name", RECORD_PAGES)
def test_a_record_in_reach_is_shown_with_one_view_row_naming_it(
    name: str,
    partnership: Partnership,
    client_as: Callable[..., Client],
    demo_user: Callable[..., User],
) -> None:
    role = a_role_that_may_open(name)
    url = url_for(name, partnership)
    record = record_shown_by(name, partnership)
    before = last_row()
    response = client_as(role).get(url)
    assert response.status_code == OK
    (row,) = rows_by(demo_user(role), before)
    assert row.action == DOWNLOADS.get(name, AuditAction.VIEW)
    assert (row.object_type, row.object_id) == (record._meta.label_lower, str(record.pk))


def test_the_service_administrator_finds_only_people_and_a_missing_one_writes_nothing(
    partnership: Partnership,
) -> None:
    admin = User.objects.get(username=SERVICE_ADMIN_USERNAME)
    client = signed_in(admin)
    record = MATRIX["accounts:service-person"].record
    assert record is not None
    person = record(partnership)
    before = last_row()
    assert client.get(url_for("accounts:service-person", partnership)).status_code == OK
    (row,) = rows_by(admin, before)
    assert (row.action, row.object_id) == (AuditAction.VIEW, str(person.pk))
    before = last_row()
    missing = User.objects.order_by("-pk").values_list("pk", flat=True).first() + 1000
    assert client.get(reverse("accounts:service-person", args=[missing])).status_code == NOT_FOUND
    assert rows_by(admin, before) == []


# The mixin itself, on a page of its own.


class AgencyPage(RecordMixin, TemplateView):
    template_name = "accounts/agency_detail.html"
    selector = staticmethod(agencies_for)
    context_object_name = "agency"


def request_as(user: User) -> Any:
    request: Any = RequestFactory().get("/")  # with what the middleware sets on it
    request.user = user
    user.active_membership = user.memberships.get()
    request.membership = user.active_membership
    return request


def test_the_mixin_finds_the_record_in_reach_names_it_and_writes_one_row(
    partnership: Partnership, demo_user: Callable[..., User]
) -> None:
    agency = Agency.objects.filter(partnership=partnership).first()
    assert agency is not None
    manager = demo_user(Role.MANAGER)
    before = last_row()
    response = AgencyPage.as_view()(request_as(manager), pk=agency.pk)
    assert isinstance(response, TemplateResponse) and response.context_data is not None
    assert response.context_data["agency"] == response.context_data["object"] == agency
    (row,) = rows_by(manager, before)
    assert (row.action, row.object_type, row.object_id) == (
        AuditAction.VIEW,
        "accounts.agency",
        str(agency.pk),
    )


def test_the_mixin_answers_404_for_a_record_out_of_reach_before_anything_else(
    other_partnership: Partnership, demo_user: Callable[..., User]
) -> None:
    elsewhere = Agency.objects.filter(partnership=other_partnership).first()
    assert elsewhere is not None
    manager = demo_user(Role.MANAGER)
    before = last_row()
    with pytest.raises(Http404):
        AgencyPage.as_view()(request_as(manager), pk=elsewhere.pk)
    assert rows_by(manager, before) == []


def test_the_mixin_asks_the_selector_for_the_action_it_names(
    partnership: Partnership, demo_user: Callable[..., User]
) -> None:
    """An agency the person may view but not change is not found by a change page."""

    class AgencyChangePage(AgencyPage):
        action = "change"

    agency = Agency.objects.filter(partnership=partnership).first()
    assert agency is not None
    panel_member = demo_user(Role.PANEL_MEMBER)
    AgencyPage.as_view()(request_as(panel_member), pk=agency.pk)  # may view it
    with pytest.raises(Http404):
        AgencyChangePage.as_view()(request_as(panel_member), pk=agency.pk)
