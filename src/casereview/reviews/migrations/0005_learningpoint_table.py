"""The learning points table takes this app's name: learning_learningpoint becomes
reviews_learningpoint, and its themes table follows (Django renames a model's many-to-many
tables with it)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("reviews", "0004_learningpoint_moved_to_reviews"),
        ("learning", "0006_learningpoint_moved_to_reviews"),
    ]

    operations = [
        migrations.AlterModelTable(name="learningpoint", table=None),
    ]
