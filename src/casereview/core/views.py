"""Views shared by every app: permission checks, audited reads, records in reach, registers,
forms that answer 400."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from casereview.core import audit
from casereview.core.choices import AuditAction
from casereview.core.dashboard import WHAT_YOU_CAN_DO, panels_for
from casereview.core.filters import AuditFilter, RecordFilterSet
from casereview.core.paging import PLACES, BadCursor, keyset_page
from casereview.core.selectors import audit_events_for
from casereview.core.tenancy import is_service_admin, user_may

if TYPE_CHECKING:
    from django.views.generic.base import TemplateResponseMixin, View

    from casereview.accounts.middleware import SignedInRequest

    class SignedInPage(TemplateResponseMixin, View):
        """The view a mixin of a signed-in person's page is mixed into, as mypy sees it: its
        request's user is a User, where django-stubs says `User | AnonymousUser`. A mixin
        cannot declare `request` itself: mypy wants the same type in each base that declares
        it (TemplateResponseMixin and View), and here the mixin is one of them."""

        request: SignedInRequest
else:
    SignedInPage = object  # at run time the mixins are plain classes, as before


class PermissionRequiredMixin(SignedInPage):
    """Refuses (403) a signed-in person whose role may not do `permission` = (action, resource).

    Use for pages that are not records; records outside a person's reach answer 404 through
    `restrict()` instead.
    """

    permission: tuple[str, str]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        action, resource = self.permission
        if not user_may(request.user, action, resource):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# Answers that show the page: 400 is a form or filter with mistakes, shown with its records.
SHOWN_STATUSES = frozenset({200, 400})


def _is_empty(value: Any) -> bool:
    return value is None or value is False or (isinstance(value, str | list | tuple) and not value)


def _filter_value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def page_description(name: str, filters: Iterable[tuple[str, Any]], page: Any = None) -> str:
    """A page as the audit trail names it: "referral register: decision=pending, page 2"."""
    words = [f"{key}={_filter_value(value)}" for key, value in filters if not _is_empty(value)]
    if page is not None:
        words.append(f"page {page}")
    return f"{name}: {', '.join(words)}" if words else name


class AuditedObjectMixin(SignedInPage):
    """Writes the audit trail's 'view' row for what a page shows, on each GET that shows it.

    A page about one record names it: `audited_record()`, by default its `object`
    (RecordMixin).
    Any other page names itself (`page_name`) and what it was asked to show:
    `audited_page()`, by default its query's parameters. Refusals and redirects show nothing
    and write nothing; a download is left to the service that wrote it, whose export or
    download row says what was written.
    """

    audit_action = AuditAction.VIEW
    page_name = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = super().dispatch(request, *args, **kwargs)
        if (
            request.method == "GET"
            and response.status_code in SHOWN_STATUSES
            and not response.get("Content-Disposition", "").startswith("attachment")
        ):
            self.record_read()
        return response

    def audited_record(self) -> Model | None:
        return getattr(self, "object", None)

    def audited_page(self) -> str:
        query = self.request.GET
        page = query.get("page")
        filters = ((key, ",".join(query.getlist(key))) for key in query if key != "page")
        return page_description(self.page_name, filters, page)

    def record_read(self) -> None:
        user = self.request.user
        record = self.audited_record()
        if record is not None:
            audit.record(self.audit_action, actor=user, obj=record)
            return
        if not self.page_name:
            raise ImproperlyConfigured(f"{type(self).__name__} names neither record nor page")
        audit.record(self.audit_action, actor=user, object_repr=self.audited_page())


class RecordMixin(AuditedObjectMixin):
    """A page about one record: the record the URL names, found among those in the person's
    reach, or 404.

    The reach is the app's selector, `selector(user, action=action)` (`referrals_for`,
    `reviews_for`, ...), which goes through `restrict()`: a record outside it is not found,
    whoever asks and whatever the page, and a page not found writes nothing in the audit
    trail. Each GET that shows the page writes one 'view' row naming the record
    (AuditedObjectMixin); a download leaves it to the service that wrote the file.

    The record is found first, before any permission check later in `dispatch`: what is out
    of reach is not found (404) rather than refused (403). It is `self.object`, and in the
    template `object` and `context_object_name`. `records()` narrows or widens the queryset
    (to prefetch what the page shows, or for a selector that takes no action).
    """

    selector: Callable[..., QuerySet[Any]] | None = None  # a staticmethod
    action = "view"
    context_object_name = ""
    pk_url_kwarg = "pk"
    object: Any

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def in_reach(self, action: str) -> QuerySet[Any]:
        """The records of the page's kind in the person's reach for `action`."""
        if self.selector is None:
            raise ImproperlyConfigured(f"{type(self).__name__} names no selector")
        return self.selector(self.request.user, action=action)

    def records(self) -> QuerySet[Any]:
        return self.in_reach(self.action)

    def get_object(self) -> Any:
        pk = self.kwargs[self.pk_url_kwarg]
        return get_object_or_404(self.records(), pk=pk)

    def may(self, action: str) -> bool:
        """Whether the record is also in the person's reach for `action` ("change")."""
        return self.in_reach(action).filter(pk=self.object.pk).exists()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        named = {self.context_object_name: self.object} if self.context_object_name else {}
        return {"object": self.object, **named, **super().get_context_data(**kwargs)}  # type: ignore[misc]

    def versioned_records(self) -> list[Model | None]:
        """What a change form of the record saves (core.concurrency.StaleEditMixin): the
        record itself, unless the view says otherwise."""
        return [self.object]


class InvalidFormIs400Mixin:
    """A form sent back with errors answers 400 Bad Request, with the error summary."""

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)  # type: ignore[misc]
        response.status_code = 400
        return response


@method_decorator(login_not_required, name="dispatch")
class PublicPage(TemplateView):
    """Information pages anyone may read, signed in or not."""


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    reason = str(exception) if exception is not None and exception.args else ""
    return render(request, "core/errors/403.html", {"reason": reason}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "core/errors/500.html", status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "core/errors/csrf.html", status=403)


class HomeView(AuditedObjectMixin, TemplateView):
    """What needs each person's attention: case references, their deadlines, review titles."""

    template_name = "core/home.html"
    page_name = "home"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.request.membership is None and is_service_admin(request.user):
            return render(request, "accounts/service_home.html")
        if self.request.membership is None:
            return render(request, "core/no_membership.html", status=403)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["panels"] = panels_for(self.request.user)
        membership = self.request.membership
        assert membership is not None  # get() shows another page to anyone acting in none
        context["what_you_can_do"] = WHAT_YOU_CAN_DO.get(membership.role, "")
        return context


class FilteredListView(AuditedObjectMixin, PermissionRequiredMixin, TemplateView):
    """A register: the records in the person's reach, filtered, one page of them at a time
    (core/register.html).

    Subclasses give `selector(user)` (or `records()`), the records in the person's reach in
    the order listed, the `page_name` the audit trail knows the page by, and
    `filterset_class`, the FilterSet over the records (core.filters), if the list has one.
    Filters with mistakes answer 400 with the error summary, and the list unfiltered. The
    audit row names the filters chosen and the page shown.

    A list as deep as the nation's sets `keyset`: its pages are found by the ordering's key
    (core.paging), and a link whose key does not read answers 400 with the first page and a
    sentence saying so. Other lists are paged by number.
    """

    selector: Callable[..., QuerySet[Any]] | None = None  # a staticmethod: selector(user)
    filterset_class: type[RecordFilterSet] | None = None
    filter_layout = "beside"  # or "search": one search box above the list
    page_size = 50
    # Keyset paging (core.paging) for lists as deep as the nation's; page numbers otherwise.
    keyset = False

    def rows_shown(self, rows: list[Any]) -> None:
        """Called with the page's records before they are shown: a register whose rows show
        many-valued fields (a review's themes) reads them here, for the page's rows alone,
        as plain values, which costs far less than prefetching model instances for them."""

    def records(self) -> QuerySet[Any]:
        if self.selector is None:
            raise ImproperlyConfigured(f"{type(self).__name__} names no selector")
        return self.selector(self.request.user)

    def listed(self, records: QuerySet[Any]) -> Any:
        """The filtered records in the order listed, for a list paged by number: the records,
        or a sequence of them in an order the database does not keep (a search's ranking)."""
        return records

    def get_filterset(self) -> RecordFilterSet | None:
        if self.filterset_class is None:
            return None
        return self.filterset_class(
            self.request.GET or None, queryset=self.records(), request=self.request
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        filterset = self.get_filterset()
        chosen = filterset.chosen() if filterset is not None else {}
        records = filterset.records if filterset is not None else self.records()
        bad_link = False
        if self.keyset:
            try:
                page: Any = keyset_page(records, request.GET, self.page_size)
            except BadCursor:
                bad_link = True
                page = keyset_page(records, QueryDict(), self.page_size)
            self.shown = (chosen, page.label)
        else:
            page = Paginator(self.listed(records), self.page_size).get_page(request.GET.get("page"))
            self.shown = (chosen, page.number)
            page.object_list = list(page.object_list)
        self.rows_shown(page.object_list)
        query = request.GET.copy()
        for place in ("page", *PLACES):
            query.pop(place, None)
        form = filterset.form if filterset is not None else None
        context = self.get_context_data(
            form=form,
            page=page,
            query=query.urlencode(),
            filtered=bool(chosen),
            filter_layout=self.filter_layout,
            bad_link=bad_link,
        )
        mistaken = bad_link or bool(form and form.errors)
        return self.render_to_response(context, status=400 if mistaken else 200)

    def audited_page(self) -> str:
        chosen, page = self.shown
        return page_description(self.page_name, chosen.items(), page)


class AuditTrailView(FilteredListView):
    permission = ("view", "audit trail")
    template_name = "core/audit.html"
    page_name = "audit trail"
    filterset_class = AuditFilter
    selector = staticmethod(audit_events_for)
    keyset = True


class ServiceFormMixin(InvalidFormIs400Mixin):
    """A form whose valid data goes to one service; the service's refusals become form errors.

    Subclasses implement `perform(form)`, which calls the service and returns the response.
    """

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            return self.perform(form)
        except ValidationError as refusal:
            for field, messages in refusal.message_dict.items():
                target = field if field in form.fields else None
                for message in messages:
                    form.add_error(target, message)
            return self.form_invalid(form)

    def perform(self, form: Any) -> HttpResponse:
        raise NotImplementedError
