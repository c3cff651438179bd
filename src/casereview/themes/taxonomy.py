"""The national theme taxonomy (spec/themes.md), shipped as data in data/themes.json.

Codes are stable; labels may be reworded. `sync_national_themes` makes the database match the
file: run by a migration, and again by any later migration that rewords a label.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def national_themes() -> tuple[dict[str, str], ...]:
    text = resources.files("casereview.themes").joinpath("data/themes.json").read_text("utf-8")
    return tuple(json.loads(text))


def national_codes() -> frozenset[str]:
    return frozenset(theme["code"] for theme in national_themes())


def sync_national_themes(theme_model: Any) -> int:
    """Create or update each national theme; returns how many there are."""
    for theme in national_themes():
        theme_model.objects.update_or_create(
            partnership=None,
            code=theme["code"],
            defaults={"group": theme["group"], "label": theme["label"], "covers": theme["covers"]},
        )
    return len(national_themes())
