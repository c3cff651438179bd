from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from casereview.accounts.selectors import membership_for_session, memberships_of

SESSION_KEY = "active_membership_id"

Handler = Callable[[HttpRequest], HttpResponse]


class ActiveMembershipMiddleware:
    """Sets the membership a signed-in person acts in, on the request and on the user.

    `restrict(user, action)` reads it from the user, so a queryset can never be scoped by a
    partnership the person is not acting in.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.membership, request.memberships = None, []
        if request.user.is_authenticated:
            request.memberships = list(memberships_of(request.user))
            membership = membership_for_session(
                request.user, request.session.get(SESSION_KEY), request.memberships
            )
            request.membership = membership
            request.user.active_membership = membership
        return self.get_response(request)
