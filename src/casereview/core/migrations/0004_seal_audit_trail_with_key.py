"""Reseal an existing audit trail with AUDIT_KEY (HMAC-SHA256), then anchor it.

Rows written before this migration were chained with plain SHA-256, which anyone with the
database could recompute. The old chain is checked first: if it does not verify, the migration
stops and says where, so that an altered trail is never resealed as if it were intact.
"""

import hashlib
import hmac
import json

from django.conf import settings
from django.db import migrations, transaction

GENESIS_HASH = "0" * 64


def content(row, previous_hash):
    return {
        "occurred_at": row.occurred_at.isoformat(),
        "actor": row.actor_id,
        "actor_username": row.actor_username,
        "role": row.role,
        "partnership": row.partnership_id,
        "action": row.action,
        "object_type": row.object_type,
        "object_id": row.object_id,
        "object_repr": row.object_repr,
        "changes": row.changes,
        "request_id": row.request_id,
        "previous_hash": previous_hash,
    }


def canonical(data):
    return json.dumps(data, sort_keys=True, separators=(",", ":"), default=str).encode()


def reseal(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    connection = schema_editor.connection
    rows = list(AuditEvent.objects.order_by("id"))
    if not rows:
        return
    expected = GENESIS_HASH
    for row in rows:
        old = hashlib.sha256(canonical(content(row, row.previous_hash))).hexdigest()
        if row.previous_hash != expected or old != row.hash:
            raise RuntimeError(
                f"the audit trail does not verify at row {row.id}: it was altered before this "
                "upgrade. Restore it from a backup before migrating."
            )
        expected = row.hash
    key = settings.AUDIT_KEY.encode()
    guarded = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if guarded:
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only")
        previous = GENESIS_HASH
        for row in rows:
            sealed = hmac.new(key, canonical(content(row, previous)), hashlib.sha256).hexdigest()
            cursor.execute(
                "UPDATE core_auditevent SET previous_hash = %s, hash = %s WHERE id = %s",
                [previous, sealed, row.id],
            )
            previous = sealed
        if guarded:
            cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_append_only")
    newest_id = rows[-1].id

    def anchor():
        from casereview.core.anchor import reset_anchor

        reset_anchor(newest_id, previous)

    transaction.on_commit(anchor, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_signinattempt_alter_auditevent_action")]

    operations = [migrations.RunPython(reseal, migrations.RunPython.noop)]
