"""Each request finds the signed-in person again with their memberships in one query
(accounts.backends.MemberBackend), and still signs out anyone who may no longer sign in."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casereview.accounts.models import Membership, User
from casereview.demo.partnerships import SERVICE_ADMIN_USERNAME
from casereview.testing.fixtures import signed_in

pytestmark = pytest.mark.django_db

PERSON_ALONE = 'FROM "accounts_user" WHERE'


def reads_of_the_person(client: Client, url: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    statements = [query["sql"] for query in captured.captured_queries]
    return sum(PERSON_ALONE in sql for sql in statements), statements


def test_a_member_is_read_with_their_memberships_not_on_their_own(
    demo_user: Callable[..., User],
) -> None:
    manager = demo_user("manager")
    client = signed_in(manager)
    alone, statements = reads_of_the_person(client, reverse("accounts:agencies"))
    assert alone == 0, statements
    joined = [sql for sql in statements if 'FROM "accounts_membership"' in sql]
    assert joined and 'JOIN "accounts_user"' in joined[0]


def test_the_page_acts_in_the_persons_membership(demo_user: Callable[..., User]) -> None:
    client = signed_in(demo_user("manager"))
    page = client.get(reverse("home"))
    assert page.context["request"].membership.role == "manager"
    assert page.context["request"].user.username == "manager@OSCB"


def test_someone_with_no_membership_is_read_on_their_own_and_stays_signed_in() -> None:
    admin = User.objects.get(username=SERVICE_ADMIN_USERNAME)
    assert not Membership.objects.current().filter(user=admin).exists()
    client = signed_in(admin)
    alone, _ = reads_of_the_person(client, reverse("home"))
    assert alone == 1


def test_an_ended_membership_is_no_longer_acted_in(demo_user: Callable[..., User]) -> None:
    manager = demo_user("manager")
    client = signed_in(manager)
    Membership.objects.filter(user=manager).update(is_active=False)
    response = client.get(reverse("referrals:referrals"))
    assert response.status_code == 403


def test_a_person_made_inactive_is_signed_out_on_their_next_request(
    demo_user: Callable[..., User],
) -> None:
    manager = demo_user("manager")
    client = signed_in(manager)
    User.objects.filter(pk=manager.pk).update(is_active=False)
    response = client.get(reverse("referrals:referrals"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_a_changed_password_signs_out_the_sessions_before_it(
    demo_user: Callable[..., User],
) -> None:
    manager = demo_user("manager")
    client = signed_in(manager)
    manager.set_password("a-quite-different-secret-91")
    manager.save()
    response = client.get(reverse("referrals:referrals"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
