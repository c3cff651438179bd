"""Starting a partnership: a service administrator adds it and invites its business manager,
in pages or with `casereview partnership add`."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from casereview.accounts.choices import AgencyKind, Role
from casereview.accounts.models import Agency, Invitation, Membership, Partnership, User
from casereview.core.choices import AuditAction
from casereview.core.models import AuditEvent
from casereview.demo.partnerships import SERVICE_ADMIN_USERNAME
from casereview.referrals.models import Referral
from casereview.testing.fixtures import signed_in
from casereview.testing.onboarding import invitation_link
from casereview.testing.records import make_referral

pytestmark = pytest.mark.django_db

PASSWORD = "saffron-orchard-bicycle-62"
NEW = {
    "name": "Northshire Safeguarding Partnership",
    "code": "NSP",
    "nation": "wales",
    "agency_police": "Northshire Police",
    "agency_health": "Northshire Health Board",
}


def admin() -> User:
    return User.objects.get(username=SERVICE_ADMIN_USERNAME)


def test_a_service_administrator_adds_a_partnership_and_invites_its_manager(
    mailoutbox: list,
) -> None:
    client = signed_in(admin())
    listed = client.get(reverse("accounts:service-partnerships")).content.decode()
    assert "Oxfordshire Safeguarding Children Board" in listed and "Add a partnership" in listed

    added = client.post(reverse("accounts:service-partnership-add"), NEW)
    partnership = Partnership.objects.get(code="NSP")
    assert added["Location"] == reverse(
        "accounts:service-partnership-invite", args=[partnership.pk]
    )
    assert partnership.nation == "wales"
    agencies = Agency.objects.filter(partnership=partnership)
    assert {(a.kind, a.name) for a in agencies} == {
        (AgencyKind.POLICE, "Northshire Police"),
        (AgencyKind.HEALTH, "Northshire Health Board"),
    }

    invited = client.post(
        reverse("accounts:service-partnership-invite", args=[partnership.pk]),
        {"full_name": "Robin Example", "email": "robin@example.org"},
    )
    assert invited["Location"] == reverse("accounts:service-partnership", args=[partnership.pk])
    (email,) = mailoutbox
    assert "Northshire Safeguarding Partnership" in email.subject
    assert "Demo service administrator has invited you" in email.body
    page = client.get(invited["Location"]).content.decode()
    assert "Robin Example (robin@example.org), partnership business manager" in page

    joined = Client().post(
        invitation_link("robin@example.org"),
        {"username": "robin", "password": PASSWORD, "password_again": PASSWORD},
    )
    assert joined.status_code == 302
    membership = Membership.objects.get(user__username="robin")
    assert (membership.partnership, membership.role) == (partnership, Role.MANAGER)
    register = client.get(reverse("accounts:service-partnerships"))
    nsp = next(p for p in register.context["page"].object_list if p.code == "NSP")
    assert (nsp.people, nsp.invitations_waiting) == (1, 0)

    created = AuditEvent.objects.filter(actor=admin(), action=AuditAction.CREATE)
    assert {row.object_type for row in created} == {
        "accounts.partnership",
        "accounts.agency",
        "accounts.invitation",
    }


def test_the_form_says_what_is_wrong(client_as: Callable[..., Client]) -> None:
    client = signed_in(admin())
    response = client.post(
        reverse("accounts:service-partnership-add"),
        {"name": "", "code": "oscb", "nation": "", "agency_police": "X", "agency_health": "x"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter the partnership&#x27;s name" in page
    assert "Another partnership has this code already" in page  # read as OSCB
    assert "Select the nation it is in" in page
    assert "The police agency has this name already" in page
    bad_code = client.post(reverse("accounts:service-partnership-add"), NEW | {"code": "N S P"})
    assert "Enter 2 to 16 capital letters, digits or hyphens" in bad_code.content.decode()
    assert not Partnership.objects.filter(name=NEW["name"]).exists()


def test_only_service_administrators_add_partnerships(client_as: Callable[..., Client]) -> None:
    for role in Role.values:
        client = client_as(role)
        for name in ("accounts:service-partnerships", "accounts:service-partnership-add"):
            assert client.get(reverse(name)).status_code == 403
        assert client.post(reverse("accounts:service-partnership-add"), NEW).status_code == 403
    assert not Partnership.objects.filter(code="NSP").exists()


def test_a_service_administrator_still_sees_no_case_record(partnership: Partnership) -> None:
    referral = make_referral(partnership)
    client = signed_in(admin())
    assert client.get(reverse("referrals:referral", args=[referral.pk])).status_code == 404
    page = client.get(reverse("accounts:service-partnership", args=[partnership.pk]))
    assert page.status_code == 200
    assert referral.reference not in page.content.decode()
    assert Referral.objects.restrict(admin(), "view").count() == 0


# The command


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("partnership", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_the_command_adds_a_partnership_and_prints_a_link_that_works(mailoutbox: list) -> None:
    status, out, err = run(
        "add",
        "NSP",
        "--name",
        "Northshire Safeguarding Partnership",
        "--nation",
        "england",
        "--manager",
        "robin@example.org",
        "--manager-name",
        "Robin Example",
        "--agency",
        "police=Northshire Police",
    )
    assert status == 0, err
    link = out.strip()
    assert link.startswith("http://127.0.0.1:8000/invitation/")  # SERVICE_URL
    assert "Added the partnership NSP" in err
    assert mailoutbox[0].to == ["robin@example.org"] and link in mailoutbox[0].body
    partnership = Partnership.objects.get(code="NSP")
    assert [a.name for a in Agency.objects.filter(partnership=partnership)] == ["Northshire Police"]
    invitation = Invitation.objects.get(partnership=partnership)
    assert invitation.role == Role.MANAGER and invitation.invited_by is None
    joined = Client().post(
        link, {"username": "robin", "password": PASSWORD, "password_again": PASSWORD}
    )
    assert joined.status_code == 302
    assert Membership.objects.get(user__username="robin").partnership == partnership


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "OSCB"], "the code 'OSCB' is taken by another partnership"),
        (["add", "nsp"], "the code 'nsp' is not 2 to 16 capital letters"),
        (["add", "NSP", "--nation", "mars"], "--nation 'mars' is not a nation: use one of "),
        (["add", "NSP", "--manager", "robin"], "--manager 'robin' is not an email address"),
        (["add", "NSP", "--agency", "army=X"], "--agency 'army=X' is not KIND=NAME"),
        (["add", "NSP", "--name", " "], "--name is blank"),
    ],
)
def test_the_command_refuses_wrong_input_and_writes_nothing(
    args: list[str], message: str, mailoutbox: list
) -> None:
    defaults = {"--name": "Northshire", "--nation": "england", "--manager": "robin@example.org"}
    for option, value in defaults.items():
        if option not in args:
            args = [*args, option, value]
    partnerships, rows = Partnership.objects.count(), AuditEvent.objects.count()
    status, out, err = run(*args)
    assert status == 1
    assert err.startswith("casereview partnership add: ") and message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert out == "" and mailoutbox == []
    assert (Partnership.objects.count(), AuditEvent.objects.count()) == (partnerships, rows)
    assert not Invitation.objects.exists()


def test_the_command_lists_the_nations() -> None:
    _, _, err = run("add", "NSP", "--name", "N", "--nation", "mars", "--manager", "r@example.org")
    assert "england, wales, scotland, northern_ireland" in err


@pytest.mark.parametrize(
    "args", [[], ["add"], ["add", "NSP"], ["remove", "NSP"], ["add", "NSP", "--bogus", "x"]]
)
def test_a_wrong_command_line_exits_2(args: list[str], capsys: pytest.CaptureFixture) -> None:
    from django.core.management import ManagementUtility

    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["casereview", "partnership", *args]).execute()
    assert exit_.value.code == 2
    assert not Partnership.objects.filter(code="NSP").exists()
