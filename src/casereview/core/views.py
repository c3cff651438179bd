"""Views shared by every app: permission checks, audited reads, forms that answer 400."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from casereview.core import audit
from casereview.core.choices import AuditAction
from casereview.core.dashboard import WHAT_YOU_CAN_DO, panels_for
from casereview.core.forms import AuditFilterForm
from casereview.core.selectors import audit_events_for
from casereview.core.tenancy import is_service_admin, user_may


class PermissionRequiredMixin:
    """Refuses (403) a signed-in person whose role may not do `permission` = (action, resource).

    Use for pages that are not records; records outside a person's reach answer 404 through
    `restrict()` instead.
    """

    permission: tuple[str, str]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        action, resource = self.permission
        if not user_may(request.user, action, resource):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class AuditedObjectMixin:
    """Writes a 'view' row to the audit trail for every record page a person opens."""

    audit_action = AuditAction.VIEW

    def get_object(self, queryset: Any = None) -> Model:
        obj = super().get_object(queryset)  # type: ignore[misc]
        if self.request.method == "GET":  # type: ignore[attr-defined]
            audit.record(self.audit_action, actor=self.request.user, obj=obj)  # type: ignore[attr-defined]
        return obj


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


class HomeView(TemplateView):
    template_name = "core/home.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.membership is None and is_service_admin(request.user):
            return render(request, "accounts/service_home.html")
        if request.membership is None:
            return render(request, "core/no_membership.html", status=403)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["panels"] = panels_for(self.request.user)
        context["what_you_can_do"] = WHAT_YOU_CAN_DO.get(self.request.membership.role, "")
        return context


class FilteredListView(PermissionRequiredMixin, TemplateView):
    """A register: a GET filter form, the records it selects, one page of them at a time.

    Subclasses give `filter_form()` and `records(filters)`. Filters with mistakes answer 400
    with the error summary, and the list unfiltered.
    """

    page_size = 50

    def filter_form(self) -> Any:
        raise NotImplementedError

    def records(self, filters: dict[str, Any]) -> Any:
        raise NotImplementedError

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.filter_form()
        filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
        page = Paginator(self.records(filters), self.page_size).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = self.get_context_data(
            form=form, page=page, query=query.urlencode(), filtered=bool(filters)
        )
        return self.render_to_response(context, status=400 if form.errors else 200)


class AuditTrailView(FilteredListView):
    permission = ("view", "audit trail")
    template_name = "core/audit.html"

    def filter_form(self) -> AuditFilterForm:
        return AuditFilterForm(self.request.GET or None)

    def records(self, filters: dict[str, Any]) -> Any:
        return audit_events_for(self.request.user, **filters)


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
