"""Signing in with a username and password, and finding the person again on each request."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from casereview.accounts.models import User
from casereview.accounts.selectors import memberships_of_person

PATH = "casereview.accounts.backends.MemberBackend"


class MemberBackend(ModelBackend):
    """Django's ModelBackend, but a signed-in person is read with their current memberships in
    one query (each membership joins its person), not one query for the person and another for
    what they may act as. ActiveMembershipMiddleware takes the memberships from the person.
    Someone with no current membership (a service administrator) is read alone, as before."""

    def get_user(self, user_id: Any) -> User | None:
        memberships = list(memberships_of_person(user_id))
        if not memberships:
            found = super().get_user(user_id)
            if found is not None:
                found.current_memberships = []
            return found
        user = memberships[0].user
        for membership in memberships:
            membership.user = user  # one person, not a copy a membership
        user.current_memberships = memberships
        return user if self.user_can_authenticate(user) else None
