"""casereview partnership add CODE --name NAME --nation NATION --manager EMAIL: a partnership.

A new partnership (with the local authority areas it covers, each `--area NAME`, and the
agencies named by `--agency KIND=NAME`, if any) and an invitation
for its first business manager: a link that works once, for 7 days, printed on stdout and
emailed to them. The link is on the service's address, SERVICE_URL.
"""

from __future__ import annotations

import sys
from typing import Any, NoReturn

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from casereview.accounts import invitations, services
from casereview.accounts.choices import AgencyKind, Role
from casereview.accounts.models import Partnership, partnership_code_validator
from casereview.core.choices import Nation

PROGRAM = "casereview partnership add"


class Command(BaseCommand):
    help = "Add a partnership and invite its first business manager."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="add")
        add = subcommands.add_parser("add", help="add a partnership and invite its manager")
        add.add_argument("code", help="2 to 16 capital letters, digits or hyphens, like NSP")
        add.add_argument("--name", required=True, help="the partnership's name")
        add.add_argument("--nation", required=True, help=f"one of: {', '.join(Nation.values)}")
        add.add_argument("--manager", required=True, metavar="EMAIL", help="its first manager")
        add.add_argument("--manager-name", default="", help="the manager's full name")
        add.add_argument(
            "--area",
            action="append",
            default=[],
            metavar="NAME",
            help="a local authority area it covers, like Oxfordshire (give one --area for each; "
            "its manager can add them later)",
        )
        add.add_argument(
            "--agency",
            action="append",
            default=[],
            metavar="KIND=NAME",
            help=f"an agency it starts with (KIND one of: {', '.join(AgencyKind.values)})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        code, name, nation = options["code"], options["name"].strip(), options["nation"]
        email, manager_name = options["manager"].strip(), options["manager_name"].strip()
        self.check_input(code, name, nation, email)
        agencies = [self.agency(value) for value in options["agency"]]
        try:
            with transaction.atomic():
                partnership = services.create_partnership(
                    code=code,
                    name=name,
                    nation=nation,
                    agencies=agencies,
                    local_authorities=options["area"],
                    acting_user=None,
                )
                invitation = services.invite_person(
                    partnership,
                    full_name=manager_name or email,
                    email=email,
                    role=Role.MANAGER,
                    agency=None,
                    acting_user=None,
                )
        except ValidationError as wrong:
            self.fail("; ".join(wrong.messages))
        link = invitations.link_for_commands(invitation.token)
        self.stdout.write(link)
        areas = partnership.local_authorities
        self.stderr.write(
            f"Added the partnership {partnership.code}, {partnership.name}, covering "
            f"{', '.join(areas) if areas else 'no local authority area yet'}. Its business manager "
            f"is invited at {email}: the link above works once, until "
            f"{date_format(timezone.localtime(invitation.expires), 'j F Y, H:i')}."
        )
        try:
            invitations.send(invitation, link)
        except OSError as error:
            self.stderr.write(
                f"{PROGRAM}: the invitation could not be emailed ({error}): give them the link."
            )

    def check_input(self, code: str, name: str, nation: str, email: str) -> None:
        try:
            partnership_code_validator(code)
        except ValidationError:
            self.fail(
                f"the code {code!r} is not 2 to 16 capital letters, digits or hyphens, like NSP"
            )
        if Partnership.objects.filter(code=code).exists():
            self.fail(f"the code {code!r} is taken by another partnership: choose another")
        if not name:
            self.fail("--name is blank: give the partnership's name")
        if nation not in Nation.values:
            self.fail(f"--nation {nation!r} is not a nation: use one of {', '.join(Nation.values)}")
        try:
            validate_email(email)
        except ValidationError:
            self.fail(f"--manager {email!r} is not an email address, like name@example.org")

    def agency(self, value: str) -> tuple[str, str]:
        kind, _, name = value.partition("=")
        if kind not in AgencyKind.values or not name.strip():
            self.fail(
                f"--agency {value!r} is not KIND=NAME with KIND one of "
                f"{', '.join(AgencyKind.values)}, like police=Northshire Police"
            )
        return kind, name.strip()

    def fail(self, message: str) -> NoReturn:
        self.stderr.write(f"{PROGRAM}: {message}")
        sys.exit(1)
