from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password

from casereview.accounts.choices import AgencyKind, Role
from casereview.accounts.models import Agency, Partnership, User, partnership_code_validator
from casereview.core.choices import Nation
from casereview.core.forms import GovUKForm


class SignInForm(GovUKForm):
    username = forms.CharField(
        label="Username",
        max_length=150,
        help_text="Usually your role and partnership, like manager@OSCB",
    )
    password = forms.CharField(label="Password", strip=False, widget=forms.PasswordInput)

    error_messages = {
        "required_username": "Enter your username",
        "required_password": "Enter your password",
        "invalid": "The username or password is not right. Check them and try again.",
        "locked": "There have been too many attempts to sign in with this username. Wait 15 "
        "minutes and try again, or ask your business manager or a service administrator to "
        "set you a new password.",
    }

    def __init__(self, request: Any, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user: User | None = None
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = self.error_messages[
            "required_username"
        ]
        self.fields["password"].error_messages["required"] = self.error_messages[
            "required_password"
        ]
        self.fields["username"].widget.attrs.update(autocomplete="username", spellcheck="false")
        self.fields["password"].widget.attrs.update(autocomplete="current-password")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        username, password = data.get("username"), data.get("password")
        if username and password:
            self.user = authenticate(self.request, username=username, password=password)
            if self.locked_out:
                self.user = None
                raise forms.ValidationError(self.error_messages["locked"], code="locked")
            if self.user is None:
                raise forms.ValidationError(self.error_messages["invalid"])
        return data

    @property
    def locked_out(self) -> bool:
        """Whether django-axes refused this username (set on the request as it checks)."""
        return bool(getattr(self.request, "axes_locked_out", False))


class ChangePasswordForm(GovUKForm):
    current_password = forms.CharField(
        label="Current password", strip=False, widget=forms.PasswordInput
    )
    new_password = forms.CharField(
        label="New password",
        strip=False,
        widget=forms.PasswordInput,
        help_text="At least 12 characters. A few unrelated words make a strong password.",
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["current_password"].error_messages["required"] = "Enter your current password"
        self.fields["new_password"].error_messages["required"] = "Enter a new password"
        self.fields["current_password"].widget.attrs["autocomplete"] = "current-password"
        self.fields["new_password"].widget.attrs["autocomplete"] = "new-password"

    def clean_current_password(self) -> str:
        value = self.cleaned_data["current_password"]
        if not self.user.check_password(value):
            raise forms.ValidationError("Your current password is not right")
        return value

    def clean_new_password(self) -> str:
        value = self.cleaned_data["new_password"]
        validate_password(value, self.user)
        return value


class AgencyForm(GovUKForm):
    name = forms.CharField(
        label="Name", max_length=200, help_text="For example, Thames Valley Police"
    )
    kind = forms.ChoiceField(
        label="Kind of agency", choices=AgencyKind.choices, widget=forms.RadioSelect
    )

    def __init__(
        self, partnership: Partnership, *args: Any, agency: Agency | None = None, **kwargs: Any
    ) -> None:
        self.partnership = partnership
        self.agency = agency
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = "Enter the agency's name"
        self.fields["kind"].error_messages["required"] = "Select the kind of agency"

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        others = Agency.objects.filter(partnership=self.partnership, name__iexact=name)
        if self.agency is not None:
            others = others.exclude(pk=self.agency.pk)
        if others.exists():
            raise forms.ValidationError("Your partnership already has an agency with this name")
        return name


class LinesField(forms.CharField):
    """A list of names, one a line in a text area; blank lines are left out."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def clean(self, value: Any) -> list[str]:
        text = super().clean(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class LocalAuthoritiesForm(GovUKForm):
    """The local authority areas the partnership covers, one a line."""

    local_authorities = LinesField(
        label="Local authority areas your partnership covers",
        required=False,
        help_text="One a line, as each local authority names its area: for example, "
        "Oxfordshire. Where a case crosses boundaries, these say which partnership leads.",
    )


class PersonForm(GovUKForm):
    full_name = forms.CharField(label="Full name", max_length=150)
    email = forms.EmailField(
        label="Email address", help_text="Reminders about actions are sent here", required=False
    )
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect)
    agency = forms.ModelChoiceField(
        label="Agency",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="None",
        help_text="Agency leads must have one: they see their agency's actions",
    )

    def __init__(self, agencies: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer("agency", agencies)
        self.fields["full_name"].error_messages["required"] = "Enter the person's full name"
        self.fields["role"].error_messages["required"] = "Select the person's role"
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.org"
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("role") == Role.AGENCY_LEAD and not data.get("agency"):
            self.add_error("agency", "Select the agency this agency lead works for")
        return data


class InvitePersonForm(PersonForm):
    """Whom a business manager invites, in which role: the invitation goes to their email."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.required = True
        email.help_text = "The invitation is sent here. Reminders about actions are sent here too."
        email.error_messages["required"] = "Enter the email address to send the invitation to"


class ChangePersonForm(PersonForm):
    is_active = forms.BooleanField(label="Can sign in and act in this partnership", required=False)

    def lock_identity(self, reason: str) -> None:
        """The name and email are shown but cannot be changed here, and the hint says why."""
        for name in ("full_name", "email"):
            self.fields[name].disabled = True
            self.fields[name].help_text = reason


class IdentityForm(GovUKForm):
    """A person's name and email address, the same in every partnership they belong to."""

    full_name = forms.CharField(label="Full name", max_length=150)
    email = forms.EmailField(
        label="Email address", help_text="Reminders about actions are sent here", required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].error_messages["required"] = "Enter the person's full name"
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.org"
        )


class SecondFactorForm(GovUKForm):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The 6-digit code your authenticator app shows now, or one of your recovery codes",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].error_messages["required"] = (
            "Enter the code from your authenticator app"
        )
        self.fields["code"].widget.attrs.update(
            autocomplete="one-time-code", spellcheck="false", inputmode="text"
        )
        self.fields["code"].widget.attrs["class"] = "govuk-input govuk-input--width-10"


class SetUpSecondFactorForm(GovUKForm):
    code = forms.CharField(
        label="Code from your app",
        max_length=10,
        help_text="After you scan the QR code, your app shows a 6-digit code. Enter it here.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].error_messages["required"] = "Enter the 6-digit code from your app"
        self.fields["code"].widget.attrs.update(
            autocomplete="one-time-code", spellcheck="false", inputmode="numeric"
        )
        self.fields["code"].widget.attrs["class"] = "govuk-input govuk-input--width-10"


def _name_and_email(form: GovUKForm) -> None:
    form.fields["full_name"].error_messages["required"] = "Enter the person's full name"
    form.fields["email"].error_messages["required"] = (
        "Enter the email address to send the invitation to"
    )
    form.fields["email"].error_messages["invalid"] = (
        "Enter an email address in the correct format, like name@example.org"
    )


AGENCY_KINDS_OFFERED = [kind for kind in AgencyKind if kind != AgencyKind.NATIONAL_PANEL]


class PartnershipForm(GovUKForm):
    """A new partnership, and the agencies it starts with: one box per kind of agency, each
    filled in naming an agency of that kind (its manager adds others later)."""

    name = forms.CharField(
        label="Name", max_length=200, help_text="For example, Northshire Safeguarding Partnership"
    )
    code = forms.CharField(
        label="Code",
        max_length=16,
        help_text="2 to 16 capital letters, digits or hyphens, like NSP. It names the "
        "partnership in files and usernames, and cannot be changed later.",
    )
    nation = forms.ChoiceField(label="Nation", choices=Nation.choices, widget=forms.RadioSelect)
    local_authorities = LinesField(
        label="Local authority areas it covers",
        required=False,
        help_text="One a line, like Northshire, or leave blank: its business manager can add "
        "them later.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = "Enter the partnership's name"
        self.fields["code"].error_messages["required"] = "Enter the partnership's code"
        self.fields["nation"].error_messages["required"] = "Select the nation it is in"
        self.fields["code"].widget.attrs.update(spellcheck="false", autocapitalize="characters")
        self.fields["code"].widget.attrs["class"] = "govuk-input govuk-input--width-10"
        for kind in AGENCY_KINDS_OFFERED:
            self.fields[self.agency_field(kind)] = forms.CharField(
                label=f"{kind.label} agency",
                max_length=200,
                required=False,
                help_text="Its name, or leave blank for none"
                + (", for example Northshire Police" if kind == AgencyKind.POLICE else ""),
            )

    @staticmethod
    def agency_field(kind: str) -> str:
        return f"agency_{kind}"

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip().upper()
        partnership_code_validator(code)
        if Partnership.objects.filter(code=code).exists():
            raise forms.ValidationError(
                "Another partnership has this code already. Choose another."
            )
        return code

    def clean(self) -> dict[str, Any]:
        super().clean()
        names: dict[str, str] = {}
        for kind in AGENCY_KINDS_OFFERED:
            field = self.agency_field(kind)
            name = (self.cleaned_data.get(field) or "").strip()
            if name and name.lower() in names:
                self.add_error(field, f"The {names[name.lower()]} agency has this name already")
            elif name:
                names[name.lower()] = kind.label.lower()
        return self.cleaned_data

    def agencies(self) -> list[tuple[str, str]]:
        """The agencies asked for: (kind, name)."""
        named = (
            (kind, (self.cleaned_data.get(self.agency_field(kind)) or "").strip())
            for kind in AGENCY_KINDS_OFFERED
        )
        return [(kind.value, name) for kind, name in named if name]


class InviteManagerForm(GovUKForm):
    """The business manager a service administrator invites to a partnership."""

    full_name = forms.CharField(label="Full name", max_length=150)
    email = forms.EmailField(label="Email address", help_text="The invitation is sent here")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _name_and_email(self)


class PasswordsForm(GovUKForm):
    """A new password, typed twice, checked as every password is (12 characters, zxcvbn)."""

    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput,
        help_text="At least 12 characters. A few unrelated words make a strong password.",
    )
    password_again = forms.CharField(
        label="The same password again", strip=False, widget=forms.PasswordInput
    )

    def __init__(self, person: User, *args: Any, **kwargs: Any) -> None:
        self.person = person
        super().__init__(*args, **kwargs)
        self.fields["password"].error_messages["required"] = "Enter a password"
        self.fields["password_again"].error_messages["required"] = "Enter the password again"
        for name in ("password", "password_again"):
            self.fields[name].widget.attrs["autocomplete"] = "new-password"

    def clean(self) -> dict[str, Any]:
        super().clean()
        password, again = self.cleaned_data.get("password"), self.cleaned_data.get("password_again")
        if password and again and password != again:
            self.add_error("password_again", "The two passwords are not the same. Type them again.")
        elif password and "password" not in self.errors:
            self.person.username = self.cleaned_data.get("username", self.person.username)
            try:
                validate_password(password, self.person)
            except forms.ValidationError as problems:
                self.add_error("password", problems)
        return self.cleaned_data


class AcceptInvitationForm(PasswordsForm):
    """The username and password an invited person chooses."""

    username = forms.CharField(
        label="Username",
        max_length=150,
        help_text="What you will sign in with: letters, digits and @ . + - _ only",
    )
    field_order = ["username", "password", "password_again"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter a username"
        self.fields["username"].widget.attrs.update(autocomplete="username", spellcheck="false")

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        User.username_validator(username)
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("This username is taken. Choose another.")
        return username


def suggested_username(email: str, code: str) -> str:
    """A free username from an email address: its part before the @, else that and the
    partnership's code, else with a number."""
    local = "".join(c for c in email.split("@")[0] if c.isalnum() or c in "._+-")[:120] or "user"
    for candidate in (local, f"{local}@{code}", *(f"{local}{n}@{code}" for n in range(2, 100))):
        if not User.objects.filter(username__iexact=candidate).exists():
            return candidate
    return ""
