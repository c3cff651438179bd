from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from casereview.accounts.models import Membership, User
from casereview.accounts.secondfactor import page_to_give_it, past_second_factor
from casereview.accounts.selectors import membership_for_session, memberships_of

SESSION_KEY = "active_membership_id"

Handler = Callable[[HttpRequest], HttpResponse]


class MemberRequest(HttpRequest):
    """A request as ActiveMembershipMiddleware leaves it."""

    membership: Membership | None
    memberships: list[Membership]


class SignedInRequest(MemberRequest):
    """A request to a page only a signed-in person reaches: LoginRequiredMiddleware (or
    LoginRequiredMixin, or a permission) has turned anyone else away, so its user is a User."""

    user: User


class PartnershipRequest(SignedInRequest):
    """A request to a page for a role in a partnership (its permission is a role's, which no
    one acting in no partnership has): the membership the person acts in is set."""

    membership: Membership


class ActiveMembershipMiddleware:
    """Sets the membership a signed-in person acts in, on the request and on the user.

    `restrict(user, action)` reads it from the user, so a queryset can never be scoped by a
    partnership the person is not acting in.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: MemberRequest) -> HttpResponse:
        request.membership, request.memberships = None, []
        if request.user.is_authenticated:
            # Read with the person (accounts.backends.MemberBackend), or else now.
            preloaded = getattr(request.user, "current_memberships", None)
            request.memberships = (
                preloaded if preloaded is not None else list(memberships_of(request.user))
            )
            membership = membership_for_session(
                request.user, request.session.get(SESSION_KEY), request.memberships
            )
            request.membership = membership
            request.user.active_membership = membership
        return self.get_response(request)


# The only pages someone signed in with a password alone may reach.
BEFORE_SECOND_FACTOR = {
    "accounts:second-factor",
    "accounts:second-factor-setup",
    "accounts:sign-out",
}


class SecondFactorRequiredMiddleware:
    """With MFA_REQUIRED, a person who has not given their second factor reaches nothing but
    the pages that ask for it (and pages anyone may read, signed in or not)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable, view_args: list, view_kwargs: dict
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or past_second_factor(user):
            return None
        if not getattr(view_func, "login_required", True):
            return None  # public pages: cookies, accessibility, the exchange schema
        match = request.resolver_match
        if match is not None and match.view_name in BEFORE_SECOND_FACTOR:
            return None
        return redirect(page_to_give_it(user))
