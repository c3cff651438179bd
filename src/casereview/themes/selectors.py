"""Reading the themes a person may see: the national taxonomy and their partnership's own."""

from __future__ import annotations

from django.db.models import QuerySet

from casereview.accounts.models import User
from casereview.themes.models import Theme


def themes_for(user: User, action: str = "view") -> QuerySet[Theme]:
    return Theme.objects.restrict(user, action)
