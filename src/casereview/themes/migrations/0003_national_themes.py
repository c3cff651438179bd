from django.db import migrations

from casereview.themes.taxonomy import sync_national_themes


def load(apps, schema_editor):
    sync_national_themes(apps.get_model("themes", "Theme"))


class Migration(migrations.Migration):
    dependencies = [("themes", "0002_theme_table")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
