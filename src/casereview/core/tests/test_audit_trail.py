"""The audit trail: written with each change, chained, and checked by `casereview audit verify`."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from casereview.accounts import services
from casereview.accounts.choices import AgencyKind
from casereview.accounts.models import Agency, Partnership, User
from casereview.core.anchor import Anchor, read_anchor, reset_anchor
from casereview.core.audit import verify_chain
from casereview.core.choices import AuditAction
from casereview.core.models import AuditEvent
from casereview.testing.fixtures import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def verify() -> tuple[int | str | None, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code: int | str | None
    try:
        call_command("audit", "verify", stdout=out, stderr=err)
        code = 0
    except SystemExit as exit:
        code = exit.code
    return code, out.getvalue(), err.getvalue()


def raw_sql(sql: str, params: list | None = None) -> None:
    """What someone with direct access to the database could do."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def without_guard(sql: str, params: list | None = None) -> None:
    """On PostgreSQL, a database owner can disable the append-only trigger first."""
    if connection.vendor == "postgresql":
        raw_sql("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only")
    raw_sql(sql, params)
    if connection.vendor == "postgresql":
        raw_sql("ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_append_only")


def test_an_intact_trail_verifies() -> None:
    code, out, _ = verify()
    assert code == 0
    assert f"{AuditEvent.objects.count()} rows checked" in out


def test_an_altered_row_is_named() -> None:
    target = AuditEvent.objects.order_by("id")[3]
    without_guard(
        "UPDATE core_auditevent SET actor_username = %s WHERE id = %s", ["someone", target.id]
    )
    code, _, err = verify()
    assert code == 1
    assert f"audit row {target.id} was altered" in err


def test_an_altered_row_with_a_recomputed_hash_is_caught_at_the_next_row() -> None:
    target, following = AuditEvent.objects.order_by("id")[2:4]
    target.object_repr = "a different record"
    forged = target.compute_hash()
    without_guard(
        "UPDATE core_auditevent SET object_repr = %s, hash = %s WHERE id = %s",
        [target.object_repr, forged, target.id],
    )
    code, _, err = verify()
    assert code == 1
    assert f"audit row {following.id} does not follow row {target.id}" in err


def test_a_removed_row_is_named_by_the_row_after_it() -> None:
    before, removed, after = AuditEvent.objects.order_by("id")[4:7]
    without_guard("DELETE FROM core_auditevent WHERE id = %s", [removed.id])
    code, _, err = verify()
    assert code == 1
    assert f"audit row {after.id} does not follow row {before.id}" in err


def test_the_check_reads_the_trail_in_batches_and_misses_no_row_between_them() -> None:
    """Rows are read a batch at a time by key: a row removed at a batch's edge is still found,
    and every row is counted once."""
    total = AuditEvent.objects.count()
    assert total >= 6
    assert verify_chain(batch_size=2, check_anchor=False) == (total, None)
    before, removed, after = AuditEvent.objects.order_by("id")[1:4]  # before ends batch 1
    without_guard("DELETE FROM core_auditevent WHERE id = %s", [removed.id])
    checked, problem = verify_chain(batch_size=2, check_anchor=False)
    assert problem is not None
    assert problem.message == (
        f"audit row {after.id} does not follow row {before.id}: a row between them was "
        f"removed, or row {before.id} was altered"
    )
    assert checked == 2


def test_postgresql_refuses_update_and_delete_and_sqlite_leaves_it_to_verify() -> None:
    target = AuditEvent.objects.order_by("id")[0]
    if connection.vendor == "postgresql":
        for sql in (
            "UPDATE core_auditevent SET actor_username = 'x' WHERE id = %s",
            "DELETE FROM core_auditevent WHERE id = %s",
        ):
            with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
                raw_sql(sql, [target.id])
        assert verify()[0] == 0
    else:
        raw_sql("UPDATE core_auditevent SET actor_username = 'x' WHERE id = %s", [target.id])
        assert verify()[0] == 1


def test_a_change_writes_before_and_after(partnership: Partnership, acting_as: Callable) -> None:
    manager = acting_as("manager")
    agency = Agency.objects.filter(partnership=partnership)[0]
    old_name = agency.name
    services.change_agency(agency, acting_user=manager, name="Renamed agency")
    event = AuditEvent.objects.order_by("-id")[0]
    assert event.action == AuditAction.CHANGE
    assert event.actor == manager
    assert event.partnership == partnership
    assert event.object_type == "accounts.agency"
    assert event.object_id == str(agency.pk)
    assert event.changes == {"name": {"before": old_name, "after": "Renamed agency"}}


def test_a_refused_change_leaves_neither_the_record_nor_an_audit_row(
    partnership: Partnership, acting_as: Callable
) -> None:
    events, agencies = AuditEvent.objects.count(), Agency.objects.count()
    existing = Agency.objects.filter(partnership=partnership)[0]
    with pytest.raises(Exception, match="already exists"):
        services.create_agency(
            partnership,
            name=existing.name,
            kind=AgencyKind.OTHER,
            acting_user=acting_as("manager"),
        )
    assert (AuditEvent.objects.count(), Agency.objects.count()) == (events, agencies)


def test_opening_a_record_is_audited(client_as: Callable, partnership: Partnership) -> None:
    agency = Agency.objects.filter(partnership=partnership)[0]
    client_as("panel_member").get(reverse("accounts:agency", args=[agency.pk]))
    event = AuditEvent.objects.order_by("-id")[0]
    assert (event.action, event.actor_username, event.object_id) == (
        AuditAction.VIEW,
        "panel_member@OSCB",
        str(agency.pk),
    )
    assert event.role == "panel_member"
    assert event.request_id


def test_sign_in_failed_sign_in_and_sign_out_are_audited(partnership: Partnership) -> None:
    client = Client()
    sign_in = reverse("accounts:sign-in")
    client.post(sign_in, {"username": "manager@OSCB", "password": "wrong password!"})
    failed = AuditEvent.objects.order_by("-id")[0]
    assert (failed.action, failed.actor_username, failed.actor) == (
        AuditAction.SIGN_IN_FAILED,
        "manager@OSCB",
        None,
    )
    client.post(sign_in, {"username": "manager@OSCB", "password": DEMO_PASSWORD})
    signed_in = AuditEvent.objects.order_by("-id")[0]
    assert signed_in.action == AuditAction.SIGN_IN
    assert signed_in.partnership == partnership
    assert signed_in.role == "manager"
    client.post(reverse("accounts:sign-out"))
    signed_out = AuditEvent.objects.order_by("-id")[0]
    assert (signed_out.action, signed_out.actor) == (
        AuditAction.SIGN_OUT,
        User.objects.get(username="manager@OSCB"),
    )
    assert verify()[0] == 0


def test_the_audit_page_filters_by_person_record_and_date(
    client_as: Callable, partnership: Partnership
) -> None:
    agency = Agency.objects.filter(partnership=partnership)[0]
    client_as("scrutiny").get(reverse("accounts:agency", args=[agency.pk]))
    manager = client_as("manager")
    scrutiny = User.objects.get(username="scrutiny@OSCB")
    page = manager.get(reverse("core:audit"), {"person": scrutiny.pk})
    assert page.status_code == 200
    rows = list(page.context["page"].object_list)
    assert rows and {row.actor_username for row in rows} == {"scrutiny@OSCB"}
    by_record = manager.get(reverse("core:audit"), {"record": f"accounts.agency {agency.pk}"})
    assert {row.object_id for row in by_record.context["page"].object_list} == {str(agency.pk)}
    old = manager.get(
        reverse("core:audit"), {"date_to_0": "1", "date_to_1": "1", "date_to_2": "2001"}
    )
    assert old.context["page"].count == 0


def test_a_manager_sees_only_their_partnerships_trail(
    client_as: Callable, other_partnership: Partnership
) -> None:
    page = client_as("manager").get(reverse("core:audit"), {"record": other_partnership.name})
    assert page.context["page"].count == 0
    assert AuditEvent.objects.filter(partnership=other_partnership).exists()


# Attacks that the chain alone could not catch: the seal (AUDIT_KEY) and the anchor do.


@pytest.fixture
def anchored(tmp_path: Any, settings: Any) -> Any:
    """An anchor of this test's own, at the trail's current end."""
    settings.AUDIT_ANCHOR_PATH = str(tmp_path / "anchor.json")
    newest = AuditEvent.objects.order_by("-id")[0]
    reset_anchor(newest.id, newest.hash)
    return tmp_path / "anchor.json"


def test_new_rows_move_the_anchor_forward_once_committed(
    anchored: Any, partnership: Partnership, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.create_agency(
            partnership, name="Youth Justice", kind=AgencyKind.OTHER, acting_user=None
        )
    newest = AuditEvent.objects.order_by("-id")[0]
    assert read_anchor(anchored) == Anchor(newest.id, newest.hash)
    assert verify()[0] == 0


def test_rows_removed_from_the_end_are_found(anchored: Any) -> None:
    rows = list(AuditEvent.objects.order_by("-id")[:3])
    without_guard("DELETE FROM core_auditevent WHERE id >= %s", [rows[-1].id])
    code, _, err = verify()
    assert code == 1
    remaining = AuditEvent.objects.order_by("-id")[0]
    assert f"the audit trail ends at row {remaining.id}" in err
    assert f"its anchor records row {rows[0].id}: the rows after {remaining.id} were removed" in err


def test_every_row_removed_is_found(anchored: Any) -> None:
    count = AuditEvent.objects.count()
    assert count > 0
    without_guard("DELETE FROM core_auditevent")
    code, _, err = verify()
    assert code == 1
    assert "the audit trail is empty" in err and "every row was removed" in err


def unkeyed_sha256(row: AuditEvent) -> str:
    canonical = json.dumps(row.content(), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def rewrite_from_the_third_row(hash_of: Callable[[AuditEvent], str]) -> AuditEvent:
    """Edit the third row and recompute every hash after it with `hash_of`; the edited row."""
    rows = list(AuditEvent.objects.order_by("id"))
    rows[2].object_repr = "a different record"
    previous = rows[1].hash
    for row in rows[2:]:
        row.previous_hash = previous
        row.hash = previous = hash_of(row)
        without_guard(
            "UPDATE core_auditevent SET object_repr = %s, previous_hash = %s, hash = %s "
            "WHERE id = %s",
            [row.object_repr, row.previous_hash, row.hash, row.id],
        )
    return rows[2]


def test_a_rewritten_trail_with_every_hash_recomputed_is_found(anchored: Any) -> None:
    """Someone with the database but not AUDIT_KEY edits a row and recomputes every hash
    after it the only way they can: without the key."""
    target = rewrite_from_the_third_row(unkeyed_sha256)
    code, _, err = verify()
    assert code == 1
    assert f"audit row {target.id} was altered" in err


def test_a_trail_resealed_with_the_key_is_still_caught_by_the_anchor(anchored: Any) -> None:
    """Even a rewrite sealed with the right key changes the anchored row's seal."""
    rewrite_from_the_third_row(AuditEvent.compute_hash)
    newest = AuditEvent.objects.order_by("-id")[0]
    code, _, err = verify()
    assert code == 1
    assert f"audit row {newest.id} is not the row its anchor records" in err


def test_a_missing_or_edited_anchor_is_named(anchored: Any) -> None:
    data = json.loads(anchored.read_text())
    anchored.write_text(json.dumps(data | {"row": data["row"] - 2}))
    code, _, err = verify()
    assert code == 1 and "was altered" in err and str(anchored) in err
    anchored.unlink()
    code, _, err = verify()
    assert code == 1 and "there is no audit anchor" in err
    out = io.StringIO()
    call_command("audit", "anchor", stdout=out)
    assert "Anchored the audit trail at row" in out.getvalue()
    assert verify()[0] == 0


def test_rows_sealed_with_another_key_do_not_verify(anchored: Any, settings: Any) -> None:
    settings.AUDIT_KEY = "another-key-" + "z" * 20 + "0123456789"
    code, _, err = verify()
    assert code == 1 and "sealed with another AUDIT_KEY" in err
