"""The taxonomy's move from learning to its own app keeps every theme and every tag.

Before the move, themes were learning.Theme in the table learning_theme; themes 0001 to 0003,
learning 0004 and 0005 and reviews 0003 make them themes.Theme in themes_theme. This test
takes a database holding themes back to before the move, adds a theme and a tag the old way,
and brings it forward again.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.apps import apps as current_apps
from django.core.management import call_command
from django.db import connection

from casereview.accounts.models import Partnership
from casereview.learning.services import add_partnership_theme
from casereview.testing.fixtures import DEMO_PASSWORD, HOME_CODE
from casereview.testing.migrations import migrate
from casereview.testing.records import make_learning_event, make_review

BEFORE_THE_MOVE = [
    ("learning", "0003_national_themes"),
    ("reviews", "0002_review_complete_by_learningsummary"),
]


def held(
    apps: Any, theme_app: str, point_app: str = "learning"
) -> dict[str, list[tuple[Any, ...]]]:
    """Every theme and every tag, as the models of `apps` read them (learning points moved to
    reviews after the themes did: reviews 0004)."""
    theme = apps.get_model(theme_app, "Theme")
    tags = {
        "reviews": (apps.get_model("reviews", "Review"), "review_id"),
        "learning points": (apps.get_model(point_app, "LearningPoint"), "learningpoint_id"),
        "learning events": (apps.get_model("learning", "LearningEvent"), "learningevent_id"),
    }
    found = {
        "themes": sorted(
            theme.objects.values_list("pk", "partnership_id", "code", "group", "label", "covers")
        )
    }
    for name, (model, column) in tags.items():
        through = model._meta.get_field("themes").remote_field.through
        found[name] = sorted(through.objects.values_list(column, "theme_id"))
    return found


@pytest.mark.django_db(transaction=True)  # SQLite changes tables outside a transaction only
def test_moving_the_taxonomy_keeps_every_theme_and_every_tag() -> None:
    call_command(
        "demo",
        password=DEMO_PASSWORD,
        without_seed=True,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    partnership = Partnership.objects.get(code=HOME_CODE)
    review = make_review(partnership)  # tagged, with a tagged learning point
    make_learning_event(partnership)  # tagged
    add_partnership_theme(
        partnership, code="county_lines", group="harm", label="County lines", acting_user=None
    )
    now = held(current_apps, "themes", "reviews")
    assert len(now["themes"]) > 40 and all(now[name] for name in now)

    try:
        executor = migrate([("themes", None)])
        assert "learning_theme" in connection.introspection.table_names()
        assert "themes_theme" not in connection.introspection.table_names()
        old = executor.loader.project_state(BEFORE_THE_MOVE).apps
        assert held(old, "learning") == now

        # Written before the move: a theme of the partnership's own, tagging the review.
        added = old.get_model("learning", "Theme").objects.create(
            partnership_id=partnership.pk, code="online_harm", group="harm", label="Online harm"
        )
        old.get_model("reviews", "Review").objects.get(pk=review.pk).themes.add(added)
        expected = held(old, "learning")
    finally:
        migrate()  # forward again, whatever happened: later tests need today's tables

    assert "learning_theme" not in connection.introspection.table_names()
    assert held(current_apps, "themes", "reviews") == expected
    assert added.pk in review.themes.values_list("pk", flat=True)
