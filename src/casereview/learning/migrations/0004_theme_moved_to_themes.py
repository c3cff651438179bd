"""Learning points and learning events are tagged with themes.Theme (see themes 0001).

State only: the tables linking them to themes keep their names and their theme_id columns.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('learning', '0003_national_themes'),
        ('themes', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='learningpoint',
                    name='themes',
                    field=models.ManyToManyField(blank=True, related_name='learning_points', to='themes.theme'),
                ),
                migrations.AlterField(
                    model_name='learningevent',
                    name='themes',
                    field=models.ManyToManyField(blank=True, related_name='learning_events', to='themes.theme'),
                ),
            ],
            database_operations=[],
        ),
    ]
