"""The themes table takes this app's name: learning_theme becomes themes_theme, rows and all.

The tables that tag reviews, learning points and learning events with themes follow the
rename (PostgreSQL and SQLite both carry foreign keys over to the renamed table).
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('themes', '0001_initial'),
        ('learning', '0005_delete_theme'),
    ]

    operations = [
        migrations.AlterModelTable(name='theme', table=None),
    ]
