import pytest

from casereview.accounts.choices import Role
from casereview.accounts.permissions import PERMISSIONS, _parse, role_may, roles_that_may

HEADER = "  manager panel_member agency_lead scrutiny reviewer national_panel\n"


def test_the_table_reads_as_written() -> None:
    assert role_may(Role.MANAGER, "view", "audit trail")
    assert not role_may(Role.SCRUTINY, "view", "audit trail")
    assert not role_may(Role.NATIONAL_PANEL, "view", "agencies")
    # A business manager may do everything but answer for the national panel.
    not_the_managers = [line for line, roles in PERMISSIONS.items() if Role.MANAGER not in roles]
    # Sign-in attempts belong to no partnership: service administrators watch them, and
    # start partnerships.
    assert not_the_managers == [
        ("change", "panel submissions"),
        ("view", "sign-ins"),
        ("view", "people's sign-in"),
        ("change", "people's sign-in"),
        ("view", "partnerships"),
        ("add", "partnerships"),
        ("invite", "managers"),
    ]


def test_signing_off_and_publishing_reviews_are_not_the_reviewers() -> None:
    for action in ("sign off", "publish"):
        assert roles_that_may(action, "reviews") == {Role.MANAGER, Role.PANEL_MEMBER}
    assert role_may(Role.REVIEWER, "change", "reviews")


def test_an_action_of_two_words_reads_as_one() -> None:
    grid = _parse(HEADER + "sign off reviews yes yes - - - -\n")
    assert grid == {("sign off", "reviews"): {Role.MANAGER, Role.PANEL_MEMBER}}


def test_asking_about_a_line_the_table_lacks_is_an_error() -> None:
    with pytest.raises(LookupError, match="no line 'delete everything'"):
        role_may(Role.MANAGER, "delete", "everything")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("  manager reviewer\nview x yes -\n", "are not the roles"),
        (HEADER + "destroy agencies yes - - - - -\n", "unknown action 'destroy'"),
        (HEADER + "view agencies yes no - - - -\n", "must be 'yes' or '-'"),
    ],
)
def test_a_mistake_in_the_table_stops_the_service_starting(table: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _parse(table)
