"""learning.LearningPoint leaves Django's picture of this app; its table and rows are
reviews.LearningPoint's (reviews 0004)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("learning", "0005_delete_theme"),
        ("reviews", "0004_learningpoint_moved_to_reviews"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="LearningPoint")],
            database_operations=[],
        ),
    ]
