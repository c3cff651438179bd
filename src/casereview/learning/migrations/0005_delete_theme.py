"""learning.Theme leaves Django's picture of this app; its table and rows are themes.Theme's."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('learning', '0004_theme_moved_to_themes'),
        ('reviews', '0003_theme_moved_to_themes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Theme')],
            database_operations=[],
        ),
    ]
