"""A pending import keeps a compressed copy of what was uploaded, not a JSON column (ADR 0009).

Pending imports waiting to be confirmed keep working: each document is written as compact
JSON and compressed, as a workbook's document now is. Going back clears them instead (their
uploaders upload the file again): pending imports are short-lived.
"""

import json
import zlib

from django.db import migrations, models


def compress_documents(apps, schema_editor):
    PendingImport = apps.get_model("exchange", "PendingImport")
    for pk in PendingImport.objects.values_list("pk", flat=True):
        pending = PendingImport.objects.get(pk=pk)
        text = json.dumps(pending.document, ensure_ascii=False, separators=(",", ":"))
        pending.compressed = zlib.compress(text.encode())
        pending.holds = "document"
        pending.save(update_fields=["compressed", "holds"])


def clear_pending_imports(apps, schema_editor):
    apps.get_model("exchange", "PendingImport").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("exchange", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="pendingimport",
            name="holds",
            field=models.CharField(
                choices=[
                    ("file", "the uploaded JSON file"),
                    ("document", "the document read from a workbook, as JSON"),
                ],
                default="document",
                max_length=8,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="pendingimport",
            name="compressed",
            field=models.BinaryField(default=b""),
            preserve_default=False,
        ),
        migrations.RunPython(compress_documents, migrations.RunPython.noop),
        migrations.RemoveField(model_name="pendingimport", name="document"),
        # Undone first when going back: the JSON column returns to an empty table.
        migrations.RunPython(migrations.RunPython.noop, clear_pending_imports),
    ]
