"""Reads about partnerships, agencies and people, shared by views and commands."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from casereview.accounts.models import Agency, Membership, User
from casereview.core.models import SignInAttempt


def memberships_of(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.current()
        .filter(user=user)
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
