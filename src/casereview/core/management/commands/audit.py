"""casereview audit verify: check that no row of the audit trail was altered or removed."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from casereview.core.audit import verify_chain


class Command(BaseCommand):
    help = "Work with the audit trail."

    def add_arguments(self, parser: Any) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="verify")
        subcommands.add_parser(
            "verify", help="Check the hash chain; exit 1 naming the first altered or removed row."
        )

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        checked, problem = verify_chain()
        if problem is not None:
            self.stderr.write(f"casereview audit verify: {problem.message}")
            sys.exit(1)
        self.stdout.write(f"The audit trail is intact: {checked} rows checked.")
