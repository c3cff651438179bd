"""Reads about partnerships, agencies and people, shared by views and commands."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from casereview.accounts.choices import InvitationKind
from casereview.accounts.models import Agency, Invitation, Membership, Partnership, User
from casereview.core.models import SignInAttempt


def memberships_of(user: User) -> QuerySet[Membership]:
    return memberships_of_person(user.pk)


def memberships_of_person(user_id: Any) -> QuerySet[Membership]:
    """The person's current memberships, each with its partnership, agency and person."""
    return (
        Membership.objects.current()
        .filter(user_id=user_id)
        .select_related("partnership", "agency", "user")
        .order_by("partnership__name", "role")
    )


def membership_for_session(
    user: User, membership_id: int | None, memberships: list[Membership] | None = None
) -> Membership | None:
    """The membership chosen in this session, else the person's first one."""
    if memberships is None:
        memberships = list(memberships_of(user))
    for membership in memberships:
        if membership.pk == membership_id:
            return membership
    return memberships[0] if memberships else None


def agencies_for(user: User, action: str = "view") -> QuerySet[Agency]:
    return Agency.objects.restrict(user, action).order_by("name")


def people_for(user: User, action: str = "view") -> QuerySet[Membership]:
    return (
        Membership.objects.restrict(user, action)
        .select_related("user", "agency")
        .order_by("user__username", "role")
    )


def people_across_partnerships(user: User, action: str = "view") -> QuerySet[User]:
    """Everyone who can sign in, with their roles in every partnership: for a service
    administrator (searched by accounts.filters.PeopleSearch)."""
    memberships = Membership.objects.select_related("partnership", "agency").order_by(
        "partnership__name", "role"
    )
    return (
        User.objects.restrict(user, action)
        .prefetch_related(Prefetch("memberships", queryset=memberships))
        .order_by("username")
    )


def sign_in_attempts(user: User) -> QuerySet[SignInAttempt]:
    """Failed sign-ins and lockouts, newest first."""
    return SignInAttempt.objects.restrict(user, "view").order_by("-id")


def partnerships_for(user: User, action: str = "view") -> QuerySet[Partnership]:
    """Every partnership, with how many people have a role in it and how many invitations
    wait to be accepted: for a service administrator, who sees none of their records."""
    people = (
        Membership.objects.current()
        .filter(partnership=OuterRef("pk"))
        .values("partnership")
        .annotate(count=Count("user", distinct=True))
        .values("count")
    )
    waiting = (
        Invitation.objects.pending()
        .filter(partnership=OuterRef("pk"), kind=InvitationKind.JOIN)
        .values("partnership")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Partnership.objects.restrict(user, action)
        .annotate(
            people=Coalesce(Subquery(people, output_field=IntegerField()), 0),
            invitations_waiting=Coalesce(Subquery(waiting, output_field=IntegerField()), 0),
        )
        .order_by("name")
    )


def invitations_to(user: User, partnership: Partnership) -> QuerySet[Invitation]:
    """The invitations to join `partnership` waiting to be accepted, newest first."""
    return (
        Invitation.objects.restrict(user, "view")
        .pending()
        .filter(partnership=partnership, kind=InvitationKind.JOIN)
        .select_related("invited_by", "agency")
        .order_by("-created")
    )


@dataclass(frozen=True)
class Area:
    """A local authority area some partnership in the service covers."""

    name: str
    partnership_id: int
    partnership_name: str
    nation: str


def known_areas() -> dict[str, Area]:
    """Every local authority area the partnerships of the service cover, by its name
    folded to lower case.

    Read across partnerships, past `restrict()`, on purpose: where a case crosses boundaries
    the person is told which partnership leads, by its name. Nothing else of another
    partnership is read here: its name, its nation and the names of its areas."""
    found: dict[str, Area] = {}
    partnerships = Partnership.objects.order_by("name").values_list(
        "pk", "name", "nation", "local_authorities"
    )
    for pk, name, nation, areas in partnerships:
        for area in areas or []:
            found.setdefault(area.casefold(), Area(area, pk, name, nation))
    return found
