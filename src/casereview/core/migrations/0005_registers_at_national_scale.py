"""The audit trail at national scale (ADR 0019): a partnership's trail newest first, and on
PostgreSQL the words of a record's name found through a trigram index."""

from django.conf import settings
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

# What `object_repr__icontains` asks PostgreSQL: UPPER(object_repr::text) LIKE UPPER('%…%').
RECORD_WORDS = """
CREATE INDEX IF NOT EXISTS audit_record_words_idx ON core_auditevent
    USING gin (UPPER(object_repr::text) gin_trgm_ops)
"""


def create_record_words(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(RECORD_WORDS, params=None)


def drop_record_words(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS audit_record_words_idx", params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_partnership_local_authorities"),
        ("core", "0004_seal_audit_trail_with_key"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["partnership", "-id"], name="audit_trail_idx"),
        ),
        TrigramExtension(),  # pg_trgm, a trusted extension: the database's owner may add it
        migrations.RunPython(create_record_words, drop_record_words),
    ]
