"""A review's learning points move from learning to reviews, where the review they belong to is.

Only Django's picture of the models changes here: the table stays learning_learningpoint (and
its themes table learning_learningpoint_themes), rows and all, until 0005 gives them this
app's name. learning 0006 takes the model out of learning's picture.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("reviews", "0003_theme_moved_to_themes"),
        ("learning", "0005_delete_theme"),
        ("themes", "0003_national_themes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="LearningPoint",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("text", models.TextField()),
                        ("position", models.PositiveIntegerField(default=0)),
                        (
                            "review",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="learning_points",
                                to="reviews.review",
                            ),
                        ),
                        (
                            "themes",
                            models.ManyToManyField(
                                blank=True, related_name="learning_points", to="themes.theme"
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["review", "position", "pk"],
                        "db_table": "learning_learningpoint",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
