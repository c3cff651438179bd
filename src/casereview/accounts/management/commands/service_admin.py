"""casereview service_admin add USERNAME --email EMAIL [--name NAME]: a service administrator.

Service administrators look after people's sign-in in every partnership and see failed
sign-ins; they see no case record. The first password is printed once: give it to them in
person. They set up their second factor when they first sign in.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from casereview.accounts import services
from casereview.accounts.models import User
from casereview.accounts.passwords import first_password


class Command(BaseCommand):
    help = "Add a service administrator (people's sign-in in every partnership; no case records)."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="add")
        add = subcommands.add_parser("add", help="add a service administrator")
        add.add_argument("username")
        add.add_argument("--email", required=True)
        add.add_argument("--name", default="", help="their full name")

    def handle(self, *args: Any, username: str, email: str, name: str, **options: Any) -> None:
        if User.objects.filter(username__iexact=username).exists():
            self.stderr.write(f"casereview service_admin: the username {username!r} is taken")
            sys.exit(1)
        password = first_password()
        try:
            services.add_service_admin(
                username=username, full_name=name, email=email, password=password, acting_user=None
            )
        except ValidationError as wrong:
            problems = "; ".join(
                f"{field}: {' '.join(m)}" for field, m in wrong.message_dict.items()
            )
            self.stderr.write(f"casereview service_admin: {problems}")
            sys.exit(1)
        self.stdout.write(f"Added the service administrator {username}.")
        self.stdout.write(f"Their first password (shown only this once): {password}")
