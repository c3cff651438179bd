"""Loaded the national theme taxonomy while themes were learning's.

The taxonomy has since moved to the themes app, which loads it (themes 0003): on a database
where this migration once ran, that finds the themes already there and changes nothing.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("learning", "0002_initial")]

    operations = []
