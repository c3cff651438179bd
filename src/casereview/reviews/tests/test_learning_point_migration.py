"""A review's learning points move from learning to reviews (reviews 0004 and 0005, learning
0006) with every point, its place and its themes: this test takes a database holding learning
points back to before the move, adds one the old way, and brings it forward again."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.apps import apps as current_apps
from django.core.management import call_command
from django.db import connection

from casereview.accounts.models import Partnership
from casereview.testing.fixtures import DEMO_PASSWORD, HOME_CODE
from casereview.testing.migrations import migrate
from casereview.testing.records import make_review

BEFORE_THE_MOVE = [
    ("learning", "0005_delete_theme"),
    ("reviews", "0003_theme_moved_to_themes"),
    ("themes", "0003_national_themes"),  # the themes had moved already
]


def held(apps: Any, app: str) -> list[tuple[Any, ...]]:
    """Every learning point with its review, text, place and themes."""
    point = apps.get_model(app, "LearningPoint")
    through = point._meta.get_field("themes").remote_field.through
    themes: dict[int, list[int]] = {}
    for point_id, theme_id in through.objects.values_list("learningpoint_id", "theme_id"):
        themes.setdefault(point_id, []).append(theme_id)
    return sorted(
        (pk, review_id, text, position, tuple(sorted(themes.get(pk, []))))
        for pk, review_id, text, position in point.objects.values_list(
            "pk", "review_id", "text", "position"
        )
    )


@pytest.mark.django_db(transaction=True)  # SQLite changes tables outside a transaction only
def test_moving_learning_points_to_reviews_keeps_every_point_and_its_themes() -> None:
    call_command(
        "demo",
        password=DEMO_PASSWORD,
        without_seed=True,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    review = make_review(Partnership.objects.get(code=HOME_CODE))  # with a tagged point
    now = held(current_apps, "reviews")
    assert now and all(themes for *_, themes in now)

    try:
        executor = migrate(BEFORE_THE_MOVE)
        tables = connection.introspection.table_names()
        assert "learning_learningpoint" in tables and "reviews_learningpoint" not in tables
        old = executor.loader.project_state(BEFORE_THE_MOVE).apps
        assert held(old, "learning") == now
        # Written before the move: a second point on the review, tagged with a theme.
        point = old.get_model("learning", "LearningPoint").objects.create(
            review_id=review.pk, text="Written before the move", position=2
        )
        point.themes.add(old.get_model("themes", "Theme").objects.first())
        expected = held(old, "learning")
    finally:
        migrate()  # forward again, whatever happened: later tests need today's tables

    tables = connection.introspection.table_names()
    assert "learning_learningpoint" not in tables
    assert {"reviews_learningpoint", "reviews_learningpoint_themes"} <= set(tables)
    assert held(current_apps, "reviews") == expected
    assert review.learning_points.filter(text="Written before the move").exists()
