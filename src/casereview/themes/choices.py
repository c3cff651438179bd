from django.db import models


class ThemeGroup(models.TextChoices):
    HARM = "harm", "Harm"
    FAMILY = "family", "Family"
    CHILD = "child", "Child"
    PRACTICE = "practice", "Practice"
