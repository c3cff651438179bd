"""One audited write (core/writes.py): create, change or nothing, each with its one audit row;
refused, before anything is written, for a person who may not or for a stale form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from casereview.accounts.choices import AgencyKind
from casereview.accounts.models import Agency, Partnership, User
from casereview.core import writes
from casereview.core.choices import AuditAction
from casereview.core.concurrency import StaleEdit, version_of
from casereview.core.models import AuditEvent
from casereview.testing.records import make_review
from casereview.themes.models import Theme

pytestmark = pytest.mark.django_db

FIELDS = ("name", "kind", "external_key")
ADD, CHANGE = ("add", "agencies"), ("change", "agencies")


def rows() -> int:
    return AuditEvent.objects.count()


def newest() -> AuditEvent:
    return AuditEvent.objects.latest("id")


def an_agency(partnership: Partnership) -> Agency:
    return Agency.objects.filter(partnership=partnership).order_by("pk")[0]


def stored(agency: Agency) -> tuple[str, str, str]:
    fresh = Agency.objects.get(pk=agency.pk)
    return fresh.name, fresh.kind, fresh.external_key


def rename(acting_user: User | None, agency: Agency, name: str, **acting: Any) -> Any:
    with writes.acting(acting_user, CHANGE, within=agency, stale=[agency], **acting) as act:
        change = act.track(agency, FIELDS)
        agency.name = name
        return change.save()


def test_a_new_record_writes_one_create_row_with_after(
    partnership: Partnership, acting_as: Callable
) -> None:
    manager = acting_as("manager")
    before = rows()
    with writes.acting(manager, ADD, within=partnership) as act:
        agency = act.create(
            Agency(partnership=partnership, name="Youth Offending Service", kind=AgencyKind.OTHER),
            FIELDS,
        )
    assert rows() == before + 1
    event = newest()
    assert (event.action, event.actor, event.object_id) == (
        AuditAction.CREATE,
        manager,
        str(agency.pk),
    )
    assert event.changes == {
        "after": {"name": "Youth Offending Service", "kind": "other", "external_key": ""}
    }


def test_a_change_writes_one_change_row_with_only_what_changed(
    partnership: Partnership, acting_as: Callable
) -> None:
    agency = an_agency(partnership)
    old_name, before = agency.name, rows()
    event = rename(acting_as("manager"), agency, "Renamed agency")
    assert rows() == before + 1
    assert event == newest()
    assert (event.action, event.object_id) == (AuditAction.CHANGE, str(agency.pk))
    assert event.changes == {"name": {"before": old_name, "after": "Renamed agency"}}


def test_saving_a_record_unchanged_writes_no_row(
    partnership: Partnership, acting_as: Callable
) -> None:
    agency = an_agency(partnership)
    before = rows()
    assert rename(acting_as("manager"), agency, agency.name) is None
    assert rows() == before


def test_many_to_many_relations_are_part_of_before_and_after(partnership: Partnership) -> None:
    review = make_review(partnership)  # with the national theme "neglect"
    themes = list(Theme.objects.filter(code__in=["neglect", "domestic_abuse"], partnership=None))
    with writes.acting(None, ("change", "reviews"), within=review) as act:
        change = act.track(review, ("title",), relations={"themes": "code"})
        event = change.save(relate={"themes": themes})
    assert event is not None
    assert event.changes == {
        "themes": {"before": ["neglect"], "after": ["domestic_abuse", "neglect"]}
    }


def test_a_new_record_row_carries_what_it_hangs_off(partnership: Partnership) -> None:
    with writes.acting(None, ADD, within=partnership) as act:
        act.create(
            Agency(partnership=partnership, name="Hospice", kind=AgencyKind.HEALTH),
            ("name",),
            values={"partnership": lambda agency: agency.partnership.code},
            about={"partnership_id": partnership.pk},
        )
    assert newest().changes == {
        "after": {"name": "Hospice", "partnership": "OSCB"},
        "partnership_id": partnership.pk,
    }


@pytest.mark.parametrize(
    ("role", "code"),
    [("scrutiny", "OSCB"), ("agency_lead", "OSCB"), ("manager", "NMSCP")],
    ids=["a board member (scrutiny)", "an agency lead", "another partnership's manager"],
)
def test_a_person_who_may_not_is_refused_and_nothing_is_written(
    partnership: Partnership, acting_as: Callable, role: str, code: str
) -> None:
    agency = an_agency(partnership)
    before, record = rows(), stored(agency)
    with pytest.raises(PermissionDenied):
        rename(acting_as(role, code), agency, "Renamed by someone who may not")
    refused = writes.acting(acting_as(role, code), ADD, within=partnership)
    with pytest.raises(PermissionDenied), refused as act:
        act.create(Agency(partnership=partnership, name="Not added", kind="other"), FIELDS)
    assert rows() == before
    assert stored(agency) == record
    assert not Agency.objects.filter(name="Not added").exists()


def test_the_system_may_and_a_person_acting_in_no_partnership_may_not(
    partnership: Partnership, demo_user: Callable
) -> None:
    agency = an_agency(partnership)
    with pytest.raises(PermissionDenied):  # signed in, but acting in no partnership
        rename(demo_user("manager"), agency, "Renamed")
    assert rename(None, agency, "Renamed by a command").actor is None
    refused = writes.acting(demo_user("manager"), writes.SYSTEM_ONLY)
    with pytest.raises(PermissionDenied, match="Only the service itself"), refused:
        pass


def test_a_stale_edit_is_refused_and_nothing_is_written(
    partnership: Partnership, acting_as: Callable
) -> None:
    agency = an_agency(partnership)
    read_at = version_of([agency])
    rename(acting_as("manager"), agency, "Theirs")
    before, record = rows(), stored(agency)
    mine = Agency.objects.get(pk=agency.pk)
    with pytest.raises(StaleEdit):
        rename(acting_as("manager"), mine, "Mine", read_at=read_at, sent={"name": "Mine"})
    assert (rows(), stored(agency)) == (before, record)
    # Read at the version now, the same save goes through.
    rename(acting_as("manager"), mine, "Mine", read_at=version_of([agency]))
    assert stored(agency)[0] == "Mine"


def test_a_record_that_fails_its_checks_writes_nothing(
    partnership: Partnership, acting_as: Callable
) -> None:
    agency = an_agency(partnership)
    before, record = rows(), stored(agency)
    with pytest.raises(ValidationError):
        rename(acting_as("manager"), agency, "")
    acting = writes.acting(acting_as("manager"), ADD, within=partnership)
    with pytest.raises(ValidationError), acting as act:
        act.create(Agency(partnership=partnership, name="No kind", kind="nonsense"), FIELDS)
    assert (rows(), stored(agency)) == (before, record)
    assert not Agency.objects.filter(name="No kind").exists()


def test_anything_raised_later_in_the_act_undoes_the_write_and_its_row(
    partnership: Partnership,
) -> None:
    agency = an_agency(partnership)
    before, record = rows(), stored(agency)
    with pytest.raises(RuntimeError), writes.acting(None, CHANGE, within=agency) as act:
        change = act.track(agency, FIELDS)
        agency.name = "Renamed, then undone"
        change.save()
        raise RuntimeError("something after the save failed")
    assert (rows(), stored(agency)) == (before, record)
