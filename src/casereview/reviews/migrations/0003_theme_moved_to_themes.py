"""Reviews are tagged with themes.Theme (see themes 0001).

State only: reviews_review_themes keeps its name and its theme_id column.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reviews', '0002_review_complete_by_learningsummary'),
        ('themes', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='review',
                    name='themes',
                    field=models.ManyToManyField(blank=True, related_name='reviews', to='themes.theme'),
                ),
            ],
            database_operations=[],
        ),
    ]
