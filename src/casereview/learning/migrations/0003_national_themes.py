from django.db import migrations

from casereview.learning.taxonomy import sync_national_themes


def load(apps, schema_editor):
    sync_national_themes(apps.get_model("learning", "Theme"))


class Migration(migrations.Migration):
    dependencies = [("learning", "0002_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
