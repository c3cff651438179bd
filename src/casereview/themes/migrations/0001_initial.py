"""The theme taxonomy moves from learning to an app of its own, below reviews and learning.

Only Django's picture of the models changes here: the table stays learning_theme, with its
rows, until 0002 gives it this app's name. learning 0004 and 0005 and reviews 0003 move the
references to it.
"""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0001_initial'),
        ('learning', '0003_national_themes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Theme',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=50, validators=[django.core.validators.RegexValidator('^[a-z][a-z0-9_]{1,49}$', 'Use lower-case letters, digits and underscores, like county_lines')])),
                        ('group', models.CharField(choices=[('harm', 'Harm'), ('family', 'Family'), ('child', 'Child'), ('practice', 'Practice')], max_length=10)),
                        ('label', models.CharField(max_length=100)),
                        ('covers', models.CharField(blank=True, max_length=300)),
                        ('partnership', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.partnership')),
                    ],
                    options={
                        'ordering': ['group', 'label'],
                        'db_table': 'learning_theme',
                        'constraints': [
                            models.UniqueConstraint(condition=models.Q(('partnership__isnull', True)), fields=('code',), name='national_theme_code'),
                            models.UniqueConstraint(fields=('partnership', 'code'), name='partnership_theme_code'),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
