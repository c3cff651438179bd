from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from casereview.accounts import services
from casereview.accounts.forms import (
    AddPersonForm,
    AgencyForm,
    ChangePasswordForm,
    ChangePersonForm,
    SignInForm,
)
from casereview.accounts.middleware import SESSION_KEY
from casereview.accounts.selectors import (
    agencies_for,
    membership_for_session,
    memberships_of,
    people_for,
)
from casereview.core.forms import parse_id
from casereview.core.views import AuditedObjectMixin, InvalidFormIs400Mixin, PermissionRequiredMixin


@method_decorator(login_not_required, name="dispatch")
class SignInView(InvalidFormIs400Mixin, FormView):
    template_name = "accounts/sign_in.html"
    form_class = SignInForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"request": self.request, **super().get_form_kwargs()}

    def form_valid(self, form: SignInForm) -> HttpResponse:
        user = form.user
        login(self.request, user)
        user.active_membership = membership_for_session(user, None)
        services.record_sign_in(user)
        if memberships_of(user).count() > 1:
            return redirect("accounts:choose-partnership")
        return HttpResponseRedirect(self.success_url_for(self.request.POST.get("next", "")))

    def form_invalid(self, form: SignInForm) -> HttpResponse:
        if form.non_field_errors():
            services.record_failed_sign_in(form.cleaned_data.get("username", ""))
        return super().form_invalid(form)

    def success_url_for(self, next_url: str) -> str:
        if next_url and url_has_allowed_host_and_scheme(
            next_url,
            allowed_hosts={self.request.get_host()},
            require_https=self.request.is_secure(),
        ):
            return next_url
        return reverse("home")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {"next": self.request.GET.get("next", ""), **super().get_context_data(**kwargs)}


class SignOutView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "accounts/sign_out.html")

    def post(self, request: HttpRequest) -> HttpResponse:
        services.record_sign_out(request.user)
        logout(request)
        messages.success(request, "You have signed out.")
        return redirect("accounts:sign-in")


class ChoosePartnershipView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/choose_partnership.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {"choices": memberships_of(self.request.user), **super().get_context_data(**kwargs)}

    def post(self, request: HttpRequest) -> HttpResponse:
        chosen_id = parse_id(request.POST.get("membership", ""))
        chosen = (
            memberships_of(request.user).filter(pk=chosen_id).first()
            if chosen_id is not None
            else None
        )
        if chosen is None:
            context = self.get_context_data(error="Select the partnership and role to act in")
            return self.render_to_response(context, status=400)
        request.session[SESSION_KEY] = chosen.pk
        return redirect("home")


class ChangePasswordView(LoginRequiredMixin, InvalidFormIs400Mixin, FormView):
    template_name = "accounts/change_password.html"
    form_class = ChangePasswordForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user, **super().get_form_kwargs()}

    def form_valid(self, form: ChangePasswordForm) -> HttpResponse:
        services.set_password(
            self.request.user,
            new_password=form.cleaned_data["new_password"],
            acting_user=self.request.user,
        )
        update_session_auth_hash(self.request, self.request.user)
        messages.success(self.request, "Your password has been changed.")
        return redirect("home")


class AgencyListView(PermissionRequiredMixin, ListView):
    permission = ("view", "agencies")
    template_name = "accounts/agency_list.html"
    context_object_name = "agencies"

    def get_queryset(self) -> Any:
        return agencies_for(self.request.user)


class AgencyDetailView(AuditedObjectMixin, DetailView):
    template_name = "accounts/agency_detail.html"
    context_object_name = "agency"

    def get_queryset(self) -> Any:
        return agencies_for(self.request.user)


class AgencyAddView(PermissionRequiredMixin, InvalidFormIs400Mixin, FormView):
    permission = ("add", "agencies")
    template_name = "accounts/agency_form.html"
    form_class = AgencyForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"partnership": self.request.membership.partnership, **super().get_form_kwargs()}

    def form_valid(self, form: AgencyForm) -> HttpResponse:
        agency = services.create_agency(
            self.request.membership.partnership, acting_user=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, f"{agency.name} has been added.")
        return redirect("accounts:agency", pk=agency.pk)


class AgencyChangeView(InvalidFormIs400Mixin, FormView):
    template_name = "accounts/agency_form.html"
    form_class = AgencyForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.agency = get_object_or_404(agencies_for(request.user, "change"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        return {"name": self.agency.name, "kind": self.agency.kind}

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        return {"partnership": self.agency.partnership, "agency": self.agency, **kwargs}

    def form_valid(self, form: AgencyForm) -> HttpResponse:
        services.change_agency(self.agency, acting_user=self.request.user, **form.cleaned_data)
        messages.success(self.request, f"{self.agency.name} has been changed.")
        return redirect("accounts:agency", pk=self.agency.pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {"agency": self.agency, **super().get_context_data(**kwargs)}


class PeopleListView(PermissionRequiredMixin, ListView):
    permission = ("view", "people")
    template_name = "accounts/people_list.html"
    context_object_name = "people"

    def get_queryset(self) -> Any:
        return people_for(self.request.user)


class PersonDetailView(AuditedObjectMixin, DetailView):
    template_name = "accounts/person_detail.html"
    context_object_name = "person"

    def get_queryset(self) -> Any:
        return people_for(self.request.user)


class PersonAddView(PermissionRequiredMixin, InvalidFormIs400Mixin, FormView):
    permission = ("add", "people")
    template_name = "accounts/person_form.html"
    form_class = AddPersonForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"agencies": agencies_for(self.request.user), **super().get_form_kwargs()}

    def form_valid(self, form: AddPersonForm) -> HttpResponse:
        password = first_password()
        membership = services.add_person(
            self.request.membership.partnership,
            password=password,
            acting_user=self.request.user,
            **form.cleaned_data,
        )
        return render(
            self.request,
            "accounts/person_added.html",
            {"person": membership, "password": password},
        )


class PersonChangeView(InvalidFormIs400Mixin, FormView):
    template_name = "accounts/person_form.html"
    form_class = ChangePersonForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.person = get_object_or_404(people_for(request.user, "change"), pk=kwargs["pk"])
        # A manager cannot remove their own access by mistake.
        changes_own_access = request.POST.get("role") != self.person.role or (
            "is_active" not in request.POST
        )
        if (
            self.person.user_id == request.user.pk
            and request.method == "POST"
            and changes_own_access
        ):
            messages.error(
                request, "You cannot change your own role or access. Ask another manager."
            )
            return redirect("accounts:person", pk=self.person.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        person = self.person
        return {
            "full_name": person.user.full_name,
            "email": person.user.email,
            "role": person.role,
            "agency": person.agency_id,
            "is_active": person.is_active,
        }

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"agencies": agencies_for(self.request.user), **super().get_form_kwargs()}

    def form_valid(self, form: ChangePersonForm) -> HttpResponse:
        services.change_person(self.person, acting_user=self.request.user, **form.cleaned_data)
        messages.success(self.request, f"{self.person.user.display_name} has been changed.")
        return redirect("accounts:person", pk=self.person.pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {"person": self.person, **super().get_context_data(**kwargs)}


def first_password() -> str:
    """A first password the manager passes on; four random words' worth of entropy."""
    return "-".join(secrets.token_urlsafe(6) for _ in range(3))


class PersonNewPasswordView(View):
    """A manager sets a new first password for someone who has forgotten theirs."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_object_or_404(people_for(request.user, "change"), pk=pk)
        return render(request, "accounts/person_new_password.html", {"person": person})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_object_or_404(people_for(request.user, "change"), pk=pk)
        password = first_password()
        services.set_password(person.user, new_password=password, acting_user=request.user)
        context = {"person": person, "password": password, "new_password": True}
        return render(request, "accounts/person_added.html", context)
