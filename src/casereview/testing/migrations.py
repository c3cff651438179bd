"""Taking the test database back to earlier migrations and forward again, for the tests of a
migration that moves a model between apps."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets: Sequence[tuple[str, str | None]] | None = None) -> MigrationExecutor:
    """Migrate to `targets` (every app's latest by default); the executor returned reads the
    migrations applied now."""
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets or executor.loader.graph.leaf_nodes()))
    return MigrationExecutor(connection)
