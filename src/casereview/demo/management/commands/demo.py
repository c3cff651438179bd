"""casereview demo: load the demonstration partnerships and users, idempotently."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from casereview.accounts import services
from casereview.accounts.choices import Role
from casereview.accounts.models import Agency, Membership, Partnership, User
from casereview.actionplans.choices import MonitoringGroup, Scope
from casereview.actionplans.services import add_action, add_recommendation, seat_on_group
from casereview.core.partialdates import PartialDate
from casereview.demo.partnerships import (
    DEMO_NATIONAL_RECOMMENDATIONS,
    DEMO_NATIONAL_REVIEW_PUBLISHED,
    DEMO_NATIONAL_REVIEW_TITLE,
    DEMO_PARTNERSHIPS,
    MONITORING_SEATS,
    OSCB,
    SERVICE_ADMIN_USERNAME,
    SHARED_REVIEWER_USERNAME,
    DemoPartnership,
    demo_username,
)
from casereview.exchange.files import seed_document
from casereview.exchange.services import import_document
from casereview.reviews.models import NationalReview
from casereview.reviews.services import add_national_review
from casereview.themes.models import Theme
from casereview.themes.taxonomy import sync_national_themes


class Command(BaseCommand):
    help = "Load the demonstration partnerships and one user per role in each (ROLE@CODE)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--password",
            help="Password for the demo users (12 characters or more). Without it, new users "
            "get a generated password, printed once.",
        )
        parser.add_argument(
            "--without-seed",
            action="store_true",
            help="Only the partnerships, their agencies and the users, without the seed's "
            "reviews, referrals and learning (the test suite starts from this).",
        )

    def handle(
        self,
        *args: Any,
        password: str | None = None,
        without_seed: bool = False,
        **options: Any,
    ) -> None:
        if password is not None and len(password) < 12:
            raise CommandError("--password must have at least 12 characters")
        generated = password is None
        password = password or secrets.token_urlsafe(12)
        created_users: list[str] = []
        with transaction.atomic():
            sync_national_themes(Theme)  # normally loaded by a migration; a flush removes them
            for demo in DEMO_PARTNERSHIPS:
                partnership = self.partnership(demo)
                if demo.code == OSCB.code and not without_seed:
                    # The seed's reviews, referrals, learning and glossary, pseudonymised as
                    # published, through the import: a second run finds nothing to change.
                    loaded = import_document(seed_document())
                    if loaded.changes_anything:
                        self.stdout.write(f"Loaded the seed's records: {loaded.describe()}.")
                    self.national_review(partnership)
                created_users += self.users(demo, partnership, password, reset=not generated)
                self.monitoring_seats(demo, partnership)
            created_users += self.people_above_partnerships(password, reset=not generated)
        self.report(created_users, password, generated)

    def national_review(self, partnership: Partnership) -> None:
        """A national review of the Panel's, with actions on its recommendations, once."""
        if NationalReview.objects.filter(
            partnership=partnership, title=DEMO_NATIONAL_REVIEW_TITLE
        ).exists():
            return
        national = add_national_review(
            partnership,
            title=DEMO_NATIONAL_REVIEW_TITLE,
            published=PartialDate.parse(DEMO_NATIONAL_REVIEW_PUBLISHED),
            acting_user=None,
        )
        for number, demo in enumerate(DEMO_NATIONAL_RECOMMENDATIONS, start=1):
            recommendation = add_recommendation(
                national,
                number=number,
                text=demo.text,
                scope=Scope.MULTI_AGENCY,
                monitored_by=MonitoringGroup.EXECUTIVE,
                acting_user=None,
            )
            add_action(
                recommendation,
                text=demo.action,
                owner_agency=Agency.objects.get(partnership=partnership, external_key=demo.owner),
                due=PartialDate.parse(demo.due),
                acting_user=None,
            )
        self.stdout.write(f"Recorded the national review {DEMO_NATIONAL_REVIEW_TITLE}.")

    def monitoring_seats(self, demo: DemoPartnership, partnership: Partnership) -> None:
        """The business manager sits on the executive group and the subgroup member on the
        performance, audit and quality assurance subgroup: they verify those groups' actions."""
        for role, group in MONITORING_SEATS.items():
            user = User.objects.get(username=demo_username(role, demo.code))
            seat_on_group(partnership, group=group, user=user, acting_user=None)

    def partnership(self, demo: DemoPartnership) -> Partnership:
        partnership = Partnership.objects.filter(code=demo.code).first()
        if partnership is None:
            partnership = services.create_partnership(
                code=demo.code,
                name=demo.name,
                nation=demo.nation,
                local_authorities=demo.local_authorities,
                acting_user=None,
            )
        elif not partnership.local_authorities:  # loaded before partnerships had areas
            services.change_local_authorities(
                partnership, local_authorities=demo.local_authorities, acting_user=None
            )
        for agency in demo.agencies:
            exists = Agency.objects.filter(
                partnership=partnership, external_key=agency.key
            ).exists()
            if not exists:
                services.create_agency(
                    partnership,
                    name=agency.name,
                    kind=agency.kind,
                    external_key=agency.key,
                    acting_user=None,
                )
        return partnership

    def users(
        self, demo: DemoPartnership, partnership: Partnership, password: str, *, reset: bool
    ) -> list[str]:
        created = []
        for role in Role:
            username = demo_username(role.value, demo.code)
            agency_key = demo.agency_of_role.get(role)
            agency = (
                Agency.objects.get(partnership=partnership, external_key=agency_key)
                if agency_key
                else None
            )
            user = User.objects.filter(username=username).first()
            if user is None:
                services.add_person(
                    partnership,
                    username=username,
                    full_name=f"Demo {role.label.lower()} ({demo.code})",
                    email=f"{role.value}@{demo.code.lower()}.example.org",
                    role=role.value,
                    agency=agency,
                    password=password,
                    acting_user=None,
                )
                created.append(username)
                continue
            if not Membership.objects.filter(
                user=user, partnership=partnership, role=role
            ).exists():
                raise CommandError(f"{username} exists but has no {role.value} role in {demo.code}")
            if reset and not user.check_password(password):
                services.set_password(user, new_password=password, acting_user=None)
        return created

    def people_above_partnerships(self, password: str, *, reset: bool) -> list[str]:
        """A service administrator, and a reviewer who works for both demo partnerships."""
        created = []
        admin = User.objects.filter(username=SERVICE_ADMIN_USERNAME).first()
        if admin is None:
            services.add_service_admin(
                username=SERVICE_ADMIN_USERNAME,
                full_name="Demo service administrator",
                email="service-admin@example.org",
                password=password,
                acting_user=None,
            )
            created.append(SERVICE_ADMIN_USERNAME)
        elif reset and not admin.check_password(password):
            services.set_password(admin, new_password=password, acting_user=None)
        shared = User.objects.filter(username=SHARED_REVIEWER_USERNAME).first()
        if shared is None:
            partnerships = [Partnership.objects.get(code=d.code) for d in DEMO_PARTNERSHIPS]
            first = services.add_person(
                partnerships[0],
                username=SHARED_REVIEWER_USERNAME,
                full_name="Demo reviewer for both partnerships",
                email="shared-reviewer@example.org",
                role=Role.REVIEWER,
                agency=None,
                password=password,
                acting_user=None,
            )
            for partnership in partnerships[1:]:
                services.add_membership(
                    partnership, user=first.user, role=Role.REVIEWER, agency=None, acting_user=None
                )
            created.append(SHARED_REVIEWER_USERNAME)
        elif reset and not shared.check_password(password):
            services.set_password(shared, new_password=password, acting_user=None)
        return created

    def report(self, created: list[str], password: str, generated: bool) -> None:
        database = settings.DATABASES["default"]
        self.stderr.write(f"Database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}")
        if created:
            self.stdout.write(f"Created {len(created)} demo users: {', '.join(created)}")
            if generated:
                self.stdout.write(f"Their password (shown only this once): {password}")
        else:
            self.stdout.write(
                "The demo partnerships and users were already loaded; nothing changed."
            )
            if generated:
                self.stdout.write(
                    "Sign in with the password printed when they were created, or run "
                    "`casereview demo --password NEW-PASSWORD` to set one."
                )
        self.stdout.write("Sign in at http://127.0.0.1:8000/sign-in/ as manager@OSCB, for example.")
        if settings.MFA_REQUIRED:
            self.stdout.write(
                "At the first sign-in, set up an authenticator app on your phone from the QR code."
            )
