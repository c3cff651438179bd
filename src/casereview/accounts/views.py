from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import FormView, ListView, TemplateView
from django_otp import login as otp_login

from casereview.accounts import backends, invitations, secondfactor, services
from casereview.accounts.choices import InvitationKind, Role
from casereview.accounts.filters import PeopleSearch, SignInAttemptSearch
from casereview.accounts.forms import (
    AcceptInvitationForm,
    AgencyForm,
    ChangePasswordForm,
    ChangePersonForm,
    IdentityForm,
    InviteManagerForm,
    InvitePersonForm,
    LocalAuthoritiesForm,
    PartnershipForm,
    PasswordsForm,
    SecondFactorForm,
    SetUpSecondFactorForm,
    SignInForm,
    suggested_username,
)
from casereview.accounts.middleware import SESSION_KEY, PartnershipRequest, SignedInRequest
from casereview.accounts.models import Agency, Invitation, Membership, User
from casereview.accounts.selectors import (
    agencies_for,
    invitations_to,
    membership_for_session,
    memberships_of,
    partnerships_for,
    people_across_partnerships,
    people_for,
    sign_in_attempts,
)
from casereview.core.concurrency import StaleEditMixin
from casereview.core.forms import parse_id
from casereview.core.tenancy import is_service_admin, user_may
from casereview.core.views import (
    AuditedObjectMixin,
    FilteredListView,
    InvalidFormIs400Mixin,
    PermissionRequiredMixin,
    RecordMixin,
    ServiceFormMixin,
)

if TYPE_CHECKING:
    from casereview.core.views import SignedInPage
else:
    SignedInPage = object


class AgencyChoicesMixin:
    """A form that offers the agencies of the person's partnership (its `agencies` argument)."""

    def get_form_kwargs(self) -> dict[str, Any]:
        agencies = agencies_for(self.request.user)  # type: ignore[attr-defined]
        return {"agencies": agencies, **super().get_form_kwargs()}  # type: ignore[misc]


@method_decorator(login_not_required, name="dispatch")
class SignInView(InvalidFormIs400Mixin, FormView):
    template_name = "accounts/sign_in.html"
    form_class = SignInForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"request": self.request, **super().get_form_kwargs()}

    def form_valid(self, form: SignInForm) -> HttpResponse:
        user = form.user
        assert user is not None  # a valid form has found the person
        login(self.request, user)
        user.active_membership = membership_for_session(user, None)
        services.record_sign_in(user)
        next_url = self.success_url_for(self.request.POST.get("next", ""))
        if settings.MFA_REQUIRED:
            self.request.session[AFTER_SECOND_FACTOR] = next_url
            return redirect(secondfactor.page_to_give_it(user))
        return after_signing_in(self.request, next_url)

    def form_invalid(self, form: SignInForm) -> HttpResponse:
        username = form.cleaned_data.get("username", "")
        if form.locked_out:
            services.record_locked_out(username)
            response = super().form_invalid(form)
            response.status_code = 429
            return response
        if form.non_field_errors():
            services.record_failed_sign_in(username)
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


AFTER_SECOND_FACTOR = "after_second_factor"


def after_signing_in(request: HttpRequest, next_url: str = "") -> HttpResponse:
    """Where a person goes once fully signed in: choose a partnership, or where they were."""
    next_url = next_url or request.session.pop(AFTER_SECOND_FACTOR, "") or reverse("home")
    assert request.user.is_authenticated  # signed in: login() has set the person on the request
    if memberships_of(request.user).count() > 1:
        return redirect("accounts:choose-partnership")
    return HttpResponseRedirect(next_url)


class SecondFactorView(LoginRequiredMixin, InvalidFormIs400Mixin, FormView):
    """The second step of signing in: a code from the app, or a recovery code."""

    template_name = "accounts/second_factor.html"
    form_class = SecondFactorForm
    request: SignedInRequest  # past dispatch (LoginRequiredMixin)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and request.user.is_verified():
            return redirect("home")
        if request.user.is_authenticated and not secondfactor.has_second_factor(request.user):
            return redirect("accounts:second-factor-setup")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: SecondFactorForm) -> HttpResponse:
        device = secondfactor.matching_device(self.request.user, form.cleaned_data["code"])
        if device is None:
            services.record_second_factor_failed(self.request.user)
            form.add_error(
                "code",
                "The code is not right, or it has been used. Check your app and try again "
                "(a code lasts 30 seconds).",
            )
            return self.form_invalid(form)
        otp_login(self.request, device)
        return after_signing_in(self.request)


class SecondFactorSetupView(LoginRequiredMixin, InvalidFormIs400Mixin, FormView):
    """The first sign-in: set up an authenticator app from a QR code, then recovery codes."""

    template_name = "accounts/second_factor_setup.html"
    form_class = SetUpSecondFactorForm
    request: SignedInRequest  # past dispatch (LoginRequiredMixin)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # Setting up a new app replaces the old one: only once signed in with it.
        if (
            request.user.is_authenticated
            and secondfactor.has_second_factor(request.user)
            and not request.user.is_verified()
        ):
            return redirect("accounts:second-factor")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        device = secondfactor.pending_app(self.request.user)
        return {
            "qr_code": secondfactor.qr_code(device),
            "secret": secondfactor.secret_for_typing(device),
            **super().get_context_data(**kwargs),
        }

    def form_valid(self, form: SetUpSecondFactorForm) -> HttpResponse:
        device = secondfactor.pending_app(self.request.user)
        codes = services.set_up_second_factor(
            self.request.user, device=device, code=form.cleaned_data["code"]
        )
        if codes is None:
            form.add_error("code", "The code is not right. Check the code your app shows now.")
            return self.form_invalid(form)
        device.refresh_from_db()
        otp_login(self.request, device)
        next_url = self.request.session.pop(AFTER_SECOND_FACTOR, "") or reverse("home")
        if memberships_of(self.request.user).count() > 1:
            next_url = reverse("accounts:choose-partnership")
        return render(
            self.request,
            "accounts/recovery_codes.html",
            {"codes": codes, "next_url": next_url},
        )


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' lockout response: the sign-in page has already said so (429)."""
    if response is not None:
        return response
    return render(request, "core/errors/429.html", status=429)


class SignOutView(LoginRequiredMixin, View):
    request: SignedInRequest

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "accounts/sign_out.html")

    def post(self, request: HttpRequest) -> HttpResponse:
        services.record_sign_out(self.request.user)
        logout(request)
        messages.success(request, "You have signed out.")
        return redirect("accounts:sign-in")


class ChoosePartnershipView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/choose_partnership.html"
    request: SignedInRequest

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {"choices": memberships_of(self.request.user), **super().get_context_data(**kwargs)}

    def post(self, request: HttpRequest) -> HttpResponse:
        chosen_id = parse_id(request.POST.get("membership", ""))
        chosen = (
            memberships_of(self.request.user).filter(pk=chosen_id).first()
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
    request: SignedInRequest

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


class AgencyListView(AuditedObjectMixin, PermissionRequiredMixin, ListView):
    permission = ("view", "agencies")
    template_name = "accounts/agency_list.html"
    context_object_name = "agencies"
    page_name = "agencies"

    def get_queryset(self) -> Any:
        return agencies_for(self.request.user)


class AgencyPage(RecordMixin):
    """A page about one agency of the person's partnership."""

    selector = staticmethod(agencies_for)
    context_object_name = "agency"


class AgencyDetailView(AgencyPage, TemplateView):
    template_name = "accounts/agency_detail.html"


class AgencyAddView(PermissionRequiredMixin, InvalidFormIs400Mixin, FormView):
    permission = ("add", "agencies")
    request: PartnershipRequest
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


class AgencyChangeView(AgencyPage, StaleEditMixin, ServiceFormMixin, FormView):
    template_name = "accounts/agency_form.html"
    form_class = AgencyForm
    action = "change"

    def get_initial(self) -> dict[str, Any]:
        return {"name": self.object.name, "kind": self.object.kind}

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        return {"partnership": self.object.partnership, "agency": self.object, **kwargs}

    def perform(self, form: AgencyForm) -> HttpResponse:
        services.change_agency(
            self.object, acting_user=self.request.user, read_at=self.read_at, **form.cleaned_data
        )
        messages.success(self.request, f"{self.object.name} has been changed.")
        return redirect("accounts:agency", pk=self.object.pk)


class LocalAuthoritiesView(
    AuditedObjectMixin, PermissionRequiredMixin, StaleEditMixin, ServiceFormMixin, FormView
):
    """The business manager sets the local authority areas the partnership covers."""

    permission = ("change", "partnership")
    request: PartnershipRequest
    template_name = "accounts/local_authorities_form.html"
    form_class = LocalAuthoritiesForm
    page_name = "local authority areas"

    def versioned_records(self) -> list[Any]:
        return [self.request.membership.partnership]

    def get_initial(self) -> dict[str, Any]:
        return {"local_authorities": self.request.membership.partnership.local_authorities}

    def perform(self, form: LocalAuthoritiesForm) -> HttpResponse:
        partnership = services.change_local_authorities(
            self.request.membership.partnership,
            acting_user=self.request.user,
            read_at=self.read_at,
            **form.cleaned_data,
        )
        areas = partnership.local_authorities
        messages.success(
            self.request,
            f"Your partnership covers {', '.join(areas)}."
            if areas
            else "Your partnership covers no local authority area in the service now.",
        )
        return redirect("accounts:agencies")


class PeopleListView(AuditedObjectMixin, PermissionRequiredMixin, ListView):
    permission = ("view", "people")
    template_name = "accounts/people_list.html"
    context_object_name = "people"
    page_name = "people"

    def get_queryset(self) -> Any:
        return people_for(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        partnership = cast(PartnershipRequest, self.request).membership.partnership
        invited = invitations_to(self.request.user, partnership)
        return {**super().get_context_data(**kwargs), "invitations": invited}


class PersonPage(RecordMixin):
    """A page about one person's role in the manager's partnership (their membership)."""

    selector = staticmethod(people_for)
    context_object_name = "person"


class PersonDetailView(PersonPage, TemplateView):
    template_name = "accounts/person_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["may_change_sign_in"] = services.may_change_identity(
            self.request.user, self.object.user
        )
        return context


class PersonInviteView(
    AgencyChoicesMixin, PermissionRequiredMixin, InvalidFormIs400Mixin, FormView
):
    """A business manager invites someone into their partnership, in a role: a link by email
    with which they choose their username and password."""

    permission = ("add", "people")
    request: PartnershipRequest
    template_name = "accounts/person_form.html"
    form_class = InvitePersonForm

    def form_valid(self, form: InvitePersonForm) -> HttpResponse:
        invitation = services.invite_person(
            self.request.membership.partnership, acting_user=self.request.user, **form.cleaned_data
        )
        send_invitation(self.request, invitation)
        return redirect("accounts:people")


def send_invitation(request: HttpRequest, invitation: Invitation) -> None:
    """Email an invitation just made, its link on the address the request came to, and say so;
    or say that it could not be sent, and how to send it again."""
    what = "an invitation" if invitation.kind == InvitationKind.JOIN else "a link"
    try:
        invitations.send(
            invitation, request.build_absolute_uri(invitations.path_of(invitation.token))
        )
    except OSError as failed:  # smtplib's errors are OSErrors, as a refused connection is
        messages.error(
            request,
            f"We could not email {what} to {invitation.full_name} at {invitation.email}: the "
            f'mail server said "{failed}". Nobody can use it. Once email works, do the same '
            f"again: a new one replaces this one.",
        )
        return
    messages.success(
        request,
        f"We have sent {what} to {invitation.full_name} at {invitation.email}. The link works "
        f"once, for 7 days.",
    )


class PersonChangeView(AgencyChoicesMixin, PersonPage, StaleEditMixin, ServiceFormMixin, FormView):
    template_name = "accounts/person_form.html"
    form_class = ChangePersonForm
    action = "change"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # A manager cannot remove their own access by mistake.
        changes_own_access = request.POST.get("role") != self.object.role or (
            "is_active" not in request.POST
        )
        if self.object.user_id == request.user.pk and changes_own_access:
            messages.error(
                request, "You cannot change your own role or access. Ask another manager."
            )
            return redirect("accounts:person", pk=self.object.pk)
        return super().post(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        person = self.object
        return {
            "full_name": person.user.full_name,
            "email": person.user.email,
            "role": person.role,
            "agency": person.agency_id,
            "is_active": person.is_active,
        }

    def get_form(self, form_class: Any = None) -> ChangePersonForm:
        form = cast(ChangePersonForm, super().get_form(form_class))  # its form_class
        if not services.may_change_identity(self.request.user, self.object.user):
            form.lock_identity(services.SHARED_PERSON_REFUSAL.format(name=self.object.user))
        return form

    def versioned_records(self) -> list[Any]:
        return [self.object.user, self.object]

    def perform(self, form: ChangePersonForm) -> HttpResponse:
        services.change_person(
            self.object, acting_user=self.request.user, read_at=self.read_at, **form.cleaned_data
        )
        messages.success(self.request, f"{self.object.user.display_name} has been changed.")
        return redirect("accounts:person", pk=self.object.pk)


def remove_second_factor(request: SignedInRequest, person: User) -> None:
    services.reset_second_factor(person, acting_user=request.user)
    messages.success(
        request,
        f"{person.display_name}'s second factor has been removed. They will set it up again "
        "when they next sign in.",
    )


class PersonSignInPage(PersonPage, TemplateView):
    """The sign-in of a person of the manager's partnership: only the manager may change it,
    and only for someone who belongs to this partnership alone (403 for someone who also
    belongs to another)."""

    action = "change"

    def get_object(self) -> Membership:
        person = super().get_object()
        if not services.may_change_identity(self.request.user, person.user):
            raise PermissionDenied(services.SHARED_PERSON_REFUSAL.format(name=person.user))
        return person


class PersonResetSecondFactorView(PersonSignInPage):
    """A manager removes the second factor of someone in their partnership alone."""

    template_name = "accounts/reset_second_factor.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "person": self.object.user}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        remove_second_factor(self.request, self.object.user)
        return redirect("accounts:person", pk=self.object.pk)


class PersonNewPasswordView(PersonSignInPage):
    """A manager sends someone who has forgotten their password a link to set a new one: only
    for someone who belongs to the manager's partnership alone."""

    template_name = "accounts/person_new_password.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if send_password_link(self.request, self.object.user):
            return redirect("accounts:person", pk=self.object.pk)
        return self.get(request, *args, **kwargs)


def send_password_link(request: SignedInRequest, person: User) -> bool:
    """Send `person` a link to set a new password; False (with the reason shown) if it cannot
    be sent."""
    try:
        invitation = services.send_password_link(person, acting_user=request.user)
    except ValidationError as problem:
        messages.error(request, " ".join(problem.messages))
        return False
    send_invitation(request, invitation)
    return True


# Service administration: people's sign-in across partnerships, and failed sign-ins.


class ServicePeopleView(FilteredListView):
    permission = ("view", "people's sign-in")
    page_name = "people in every partnership"
    template_name = "accounts/service_people.html"
    filterset_class = PeopleSearch
    filter_layout = "search"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_service_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    selector = staticmethod(people_across_partnerships)


class ServicePersonMixin(RecordMixin):
    """The person a service administrator is looking after (404 for anyone else); anyone
    else is refused (403), before any person is looked for."""

    selector = staticmethod(people_across_partnerships)
    action = "change"
    context_object_name = "person"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_service_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ServicePersonView(ServicePersonMixin, TemplateView):
    template_name = "accounts/service_person.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        second_factor = secondfactor.has_second_factor(self.object)
        return {**super().get_context_data(**kwargs), "second_factor": second_factor}


class ServicePersonChangeView(ServicePersonMixin, InvalidFormIs400Mixin, FormView):
    template_name = "accounts/service_person_form.html"
    form_class = IdentityForm

    def get_initial(self) -> dict[str, Any]:
        return {"full_name": self.object.full_name, "email": self.object.email}

    def form_valid(self, form: IdentityForm) -> HttpResponse:
        services.change_identity(self.object, acting_user=self.request.user, **form.cleaned_data)
        messages.success(self.request, f"{self.object.display_name} has been changed.")
        return redirect("accounts:service-person", pk=self.object.pk)


class ServicePersonResetSecondFactorView(ServicePersonMixin, TemplateView):
    template_name = "accounts/reset_second_factor.html"
    extra_context = {"service": True}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        remove_second_factor(self.request, self.object)
        return redirect("accounts:service-person", pk=self.object.pk)


class ServicePersonNewPasswordView(ServicePersonMixin, TemplateView):
    template_name = "accounts/service_person_new_password.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if send_password_link(self.request, self.object):
            return redirect("accounts:service-person", pk=self.object.pk)
        return self.get(request, *args, **kwargs)


class SignInAttemptsView(FilteredListView):
    permission = ("view", "sign-ins")
    page_name = "failed sign-ins"
    template_name = "accounts/sign_in_attempts.html"
    filterset_class = SignInAttemptSearch
    filter_layout = "search"

    selector = staticmethod(sign_in_attempts)


class ServicePartnershipsMixin(SignedInPage):
    """Service administration of partnerships: anyone but a service administrator is refused
    (403) before any partnership is looked for."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not (is_service_admin(request.user) and user_may(request.user, "view", "partnerships")):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ServicePartnershipsView(ServicePartnershipsMixin, FilteredListView):
    permission = ("view", "partnerships")
    page_name = "partnerships"
    template_name = "accounts/service_partnerships.html"

    selector = staticmethod(partnerships_for)


class ServicePartnershipAddView(
    ServicePartnershipsMixin, PermissionRequiredMixin, InvalidFormIs400Mixin, FormView
):
    permission = ("add", "partnerships")
    template_name = "accounts/service_partnership_form.html"
    form_class = PartnershipForm

    def form_valid(self, form: PartnershipForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            partnership = services.create_partnership(
                code=data["code"],
                name=data["name"],
                nation=data["nation"],
                agencies=form.agencies(),
                local_authorities=data["local_authorities"],
                acting_user=self.request.user,
            )
        except ValidationError as refusal:
            for field, refused in refusal.message_dict.items():
                for message in refused:
                    form.add_error(field if field in form.fields else None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"{partnership.name} has been added. Now invite its business manager.",
        )
        return redirect("accounts:service-partnership-invite", pk=partnership.pk)


class ServicePartnershipMixin(ServicePartnershipsMixin, RecordMixin):
    selector = staticmethod(partnerships_for)
    context_object_name = "partnership_shown"  # "partnership" is the one a person acts in


class ServicePartnershipView(ServicePartnershipMixin, TemplateView):
    template_name = "accounts/service_partnership.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        partnership = self.object
        return {
            **super().get_context_data(**kwargs),
            "agencies": Agency.objects.filter(partnership=partnership).order_by("name"),
            "invitations": invitations_to(self.request.user, partnership),
        }


class ServicePartnershipInviteView(ServicePartnershipMixin, InvalidFormIs400Mixin, FormView):
    """A service administrator invites a partnership's business manager."""

    template_name = "accounts/service_partnership_invite.html"
    form_class = InviteManagerForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "mfa_required": settings.MFA_REQUIRED}

    def form_valid(self, form: InviteManagerForm) -> HttpResponse:
        invitation = services.invite_person(
            self.object,
            role=Role.MANAGER,
            agency=None,
            acting_user=self.request.user,
            **form.cleaned_data,
        )
        send_invitation(self.request, invitation)
        return redirect("accounts:service-partnership", pk=self.object.pk)


# Invitations: the page a link opens, for anyone who holds it.


@method_decorator(login_not_required, name="dispatch")
class InvitationView(InvalidFormIs400Mixin, FormView):
    """Where an invited person chooses their username and password (or someone sent a link
    sets a new password), then goes on to their second factor and the home page."""

    invitation: Invitation

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        found = invitations.find(kwargs["token"])
        if found is None:
            raise Http404("No such invitation")
        self.invitation = found
        if problem := invitations.why_unusable(found):
            context = {"invitation": found, "problem": problem}
            return render(request, "accounts/invitation_unusable.html", context, status=410)
        return super().dispatch(request, *args, **kwargs)

    @property
    def joining(self) -> bool:
        return self.invitation.kind == InvitationKind.JOIN

    def get_template_names(self) -> list[str]:
        if self.joining:
            return ["accounts/invitation_accept.html"]
        return ["accounts/invitation_new_password.html"]

    def get_form_class(self) -> type[PasswordsForm]:
        return AcceptInvitationForm if self.joining else PasswordsForm

    def get_form_kwargs(self) -> dict[str, Any]:
        invitation = self.invitation
        person = invitation.user or User(full_name=invitation.full_name, email=invitation.email)
        return {"person": person, **super().get_form_kwargs()}

    def get_initial(self) -> dict[str, Any]:
        if not self.joining:
            return {}
        return {
            "username": suggested_username(self.invitation.email, self.invitation.partnership_code)
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = {
            "invitation": self.invitation,
            "mfa_required": settings.MFA_REQUIRED,
            "signed_in_as": self.signed_in_person(),
        }
        return {**context, **super().get_context_data(**kwargs)}

    def signed_in_person(self) -> User | None:
        """Who is fully signed in on this browser (password and, where required, the second
        factor): they may join with the account they have."""
        user = self.request.user
        if not user.is_authenticated or (settings.MFA_REQUIRED and not user.is_verified()):
            return None
        return user

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        person = self.signed_in_person()
        if self.joining and "join_with_account" in request.POST and person is not None:
            return self.join_with_account(person)
        return super().post(request, *args, **kwargs)

    def join_with_account(self, person: User) -> HttpResponse:
        try:
            membership = services.join_with_account(self.invitation, user=person)
        except ValidationError as problem:
            context = {"invitation": self.invitation, "problem": " ".join(problem.messages)}
            return render(self.request, "accounts/invitation_unusable.html", context, status=410)
        messages.success(
            self.request,
            f"You have joined {membership.partnership.name} as "
            f"{membership.get_role_display().lower()}. Choose it to work in it.",
        )
        return redirect("accounts:choose-partnership")

    def form_valid(self, form: PasswordsForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            if self.joining:
                user = services.accept_invitation(
                    self.invitation, username=data["username"], password=data["password"]
                ).user
            else:
                user = services.set_password_by_link(self.invitation, password=data["password"])
        except ValidationError as problem:  # used or expired since the page was opened
            context = {"invitation": self.invitation, "problem": " ".join(problem.messages)}
            return render(self.request, "accounts/invitation_unusable.html", context, status=410)
        login(self.request, user, backend=backends.PATH)
        user.active_membership = membership_for_session(user, None)
        services.record_sign_in(user)
        if settings.MFA_REQUIRED:
            self.request.session[AFTER_SECOND_FACTOR] = reverse("home")
            return redirect(secondfactor.page_to_give_it(user))
        return after_signing_in(self.request)
