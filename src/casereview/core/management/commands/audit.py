"""casereview audit verify | anchor: check the audit trail, or anchor it at its newest row."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from casereview.core.anchor import anchor_path
from casereview.core.audit import anchor_at_head, verify_chain


class Command(BaseCommand):
    help = "Work with the audit trail."

    def add_arguments(self, parser: Any) -> None:
        subcommands = parser.add_subparsers(
            dest="subcommand", required=True, metavar="verify|anchor"
        )
        subcommands.add_parser(
            "verify",
            help="Check the sealed chain and its anchor; exit 1 naming the first altered or "
            "removed row.",
        )
        subcommands.add_parser(
            "anchor",
            help="Anchor the trail at its newest row, after checking the chain (for a "
            "database that was restored or moved).",
        )

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        if subcommand == "anchor":
            return self.anchor()
        checked, problem = verify_chain()
        if problem is not None:
            self.stderr.write(f"casereview audit verify: {problem.message}")
            sys.exit(1)
        self.stdout.write(f"The audit trail is intact: {checked} rows checked.")

    def anchor(self) -> None:
        _, problem = verify_chain(check_anchor=False)
        if problem is not None:
            self.stderr.write(f"casereview audit anchor: not anchored: {problem.message}")
            sys.exit(1)
        newest = anchor_at_head()
        if newest is None:
            self.stdout.write("The audit trail is empty: nothing to anchor.")
            return
        self.stdout.write(f"Anchored the audit trail at row {newest.id} in {anchor_path()}.")
