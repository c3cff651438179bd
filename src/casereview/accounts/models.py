from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, Self

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from casereview.accounts.choices import AgencyKind, InvitationKind, Role
from casereview.core.choices import Nation
from casereview.core.tenancy import Member, PartnershipOwned, RestrictedQuerySet

if TYPE_CHECKING:
    from casereview.core.tenancy import Person

partnership_code_validator = RegexValidator(
    r"^[A-Z0-9-]{2,16}$", "Enter 2 to 16 capital letters, digits or hyphens, like OSCB"
)


class Partnership(models.Model):
    """A local safeguarding partnership (formerly a Local Safeguarding Children Board)."""

    code = models.CharField(
        max_length=16,
        unique=True,
        validators=[partnership_code_validator],
        error_messages={"unique": "Another partnership has this code already. Choose another."},
    )
    name = models.CharField(max_length=200)
    nation = models.CharField(max_length=20, choices=Nation.choices)
    # The local authority areas the partnership's safeguarding arrangements cover ("Oxfordshire";
    # a partnership may cover two or more): where a case crosses boundaries, they say which
    # partnership leads (referrals/rules.py, leading_area).
    local_authorities = models.JSONField(
        default=list,
        blank=True,
        help_text="The names of the local authority areas the partnership covers",
    )

    objects = RestrictedQuerySet.as_manager()
    permission_resource = "home"

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def reach(cls, membership: Member, action: str) -> Q:
        return Q(pk=membership.partnership_id)

    # Service administrators add partnerships and see each one's name and people: no record.
    service_admin_resource = "partnerships"

    @classmethod
    def service_admin_reach(cls, action: str) -> Q:
        return Q()


class Agency(PartnershipOwned):
    """A member agency of the partnership: police, children's social care, health, ..."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=AgencyKind.choices)
    external_key = models.CharField(
        max_length=100, blank=True, help_text="The agency's id in exchange-format documents"
    )

    permission_resource = "agencies"

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name"], name="agency_name_unique_in_partnership"
            ),
            models.UniqueConstraint(
                fields=["partnership", "external_key"],
                condition=~Q(external_key=""),
                name="agency_external_key_unique_in_partnership",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PersonManager(UserManager.from_queryset(RestrictedQuerySet)):  # type: ignore[misc]
    # django-stubs makes a typed manager of `Manager.from_queryset(...)`, not of UserManager's
    # ("Unsupported dynamic base class"): what the selectors call is declared here for mypy.
    if TYPE_CHECKING:

        def restrict(self, user: Person, action: str = "view") -> RestrictedQuerySet[User]: ...


class User(AbstractUser):
    """A person who signs in. What they may see comes from their memberships.

    A service administrator stands above partnerships: they add partnerships and look after
    people's sign-in (name, email, password, second factor) and see failed sign-ins, but no
    case record of any partnership.
    """

    full_name = models.CharField(max_length=150, blank=True)
    is_service_admin = models.BooleanField(
        "service administrator",
        default=False,
        help_text="Looks after people's sign-in across partnerships; sees no case records",
    )

    objects: ClassVar[PersonManager] = PersonManager()
    permission_resource = "people"

    # The membership the person acts in, for the request at hand (ActiveMembershipMiddleware).
    active_membership: Membership | None = None
    # Their current memberships, read with them on each request (accounts.backends); None for
    # a person read any other way.
    current_memberships: list[Membership] | None = None
    # Whether they gave their second factor in this session: django_otp's OTPMiddleware sets it
    # on the signed-in person of each request.
    is_verified: Callable[[], bool]

    class Meta:
        ordering = ["username"]

    @classmethod
    def reach(cls, membership: Member, action: str) -> Q:
        return Q(memberships__partnership_id=membership.partnership_id)

    service_admin_resource = "people's sign-in"

    @classmethod
    def service_admin_reach(cls, action: str) -> Q:
        return Q()

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


class MembershipQuerySet(RestrictedQuerySet["Membership"]):
    def current(self) -> Self:
        return self.filter(is_active=True, user__is_active=True)


class Membership(PartnershipOwned):
    """A person's place in a partnership: their role and, where it matters, their agency."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="memberships")
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    is_active = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()  # type: ignore[misc]  # see PartnershipOwned.objects
    permission_resource = "people"

    class Meta:
        ordering = ["user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partnership", "role"], name="one_membership_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.partnership.code})"


class GlossaryTerm(PartnershipOwned):
    """An abbreviation the partnership's papers use: IMR, Individual Management Review."""

    term = models.CharField(max_length=50)
    meaning = models.CharField(max_length=300)

    permission_resource = "agencies"  # reference data: whoever sees the agencies sees these

    class Meta:
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "term"], name="one_meaning_per_term")
        ]

    def __str__(self) -> str:
        return f"{self.term}: {self.meaning}"


class InvitationQuerySet(RestrictedQuerySet["Invitation"]):
    def pending(self) -> Self:
        """Links not yet used, and not yet expired."""
        return self.filter(accepted_at__isnull=True, expires__gt=timezone.now())


class Invitation(models.Model):
    """A single-use link, sent by email, that expires: to join a partnership in a role and
    choose a password (a new person), or to set a new password (someone who has forgotten
    theirs, `user`). Only a hash of the link's token is kept (ADR 0015)."""

    kind = models.CharField(max_length=20, choices=InvitationKind.choices)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    role = models.CharField(max_length=20, choices=Role.choices, blank=True)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    email = models.EmailField()
    full_name = models.CharField(max_length=150)
    # The person who joined by it, or whose password it sets.
    user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    expires = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)

    objects = InvitationQuerySet.as_manager()
    permission_resource = "people"
    # The link's token, on an invitation just made (services.invite_person): never stored.
    token = ""
    service_admin_resource = "partnerships"

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=InvitationKind.NEW_PASSWORD, user__isnull=False)
                | Q(kind=InvitationKind.JOIN, partnership__isnull=False) & ~Q(role=""),
                name="invitation_names_a_person_or_a_role",
            )
        ]

    def __str__(self) -> str:
        if self.kind == InvitationKind.NEW_PASSWORD:
            return f"link to set a new password, for {self.email}"
        return f"invitation of {self.email} to {self.partnership_code} as {self.get_role_display()}"

    def clean(self) -> None:
        if self.agency is not None and self.agency.partnership_id != self.partnership_id:
            raise ValidationError({"agency": "Select one of the partnership's own agencies"})
        if self.role == Role.AGENCY_LEAD and self.agency is None:
            raise ValidationError({"agency": "Select the agency this agency lead works for"})

    @property
    def partnership_code(self) -> str:
        return self.partnership.code if self.partnership is not None else ""

    @property
    def inviter_name(self) -> str:
        return self.invited_by.display_name if self.invited_by is not None else "the service"

    @property
    def is_used(self) -> bool:
        return self.accepted_at is not None

    @property
    def has_expired(self) -> bool:
        return self.expires <= timezone.now()

    @classmethod
    def reach(cls, membership: Member, action: str) -> Q:
        return Q(partnership_id=membership.partnership_id)

    @classmethod
    def service_admin_reach(cls, action: str) -> Q:
        return Q()
