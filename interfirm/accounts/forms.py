"""Forms of the accounts pages. They validate everything; the services assume valid input."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from interfirm.accounts.models import ROLES_BY_KIND, Membership, Organisation, Role, User
from interfirm.accounts.services import user_password_set
from interfirm.geo.forms import CountryChoiceField


def _normalised_email(value: str) -> str:
    return value.strip().lower()


class PasswordPairMixin(forms.Form):
    """A new password typed twice and checked against Django's password validators."""

    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def password_user(self) -> User:
        """Return an unsaved user with the typed details, for the similarity validator."""
        return User(
            email=self.cleaned_data.get("email", ""), full_name=self.cleaned_data.get("full_name", "")
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                password_validation.validate_password(first, self.password_user())
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class SignupForm(PasswordPairMixin, forms.Form):
    """Register a firm: the person who signs up becomes its manager."""

    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    full_name = forms.CharField(
        label=_("Your full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    legal_name = forms.CharField(
        label=_("Legal name of the firm"),
        max_length=200,
        help_text=_(
            "Kept confidential: other firms see your profile without your name until you introduce yourself."
        ),
    )
    country = CountryChoiceField(label=_("Country where the firm is registered"), empty_label="—")
    register_anyway = forms.BooleanField(
        label=_("This is a different firm: register it anyway"), required=False
    )

    field_order = ["email", "full_name", "password1", "password2", "legal_name", "country"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Set in clean(): whether a firm of this name is already registered in the country.
        self.has_duplicate_firm = False

    def clean_email(self) -> str:
        email = _normalised_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this e-mail address already exists. Sign in, or reset your password."),
                code="duplicate",
            )
        return email

    def clean_legal_name(self) -> str:
        name = " ".join(self.cleaned_data["legal_name"].split())
        if not name:
            raise forms.ValidationError(_("Enter the legal name of the firm."), code="required")
        return name

    def clean(self) -> dict[str, Any]:
        from interfirm.firms.selectors import firm_possible_duplicates

        cleaned = super().clean()
        name, country = cleaned.get("legal_name"), cleaned.get("country")
        if name and country and firm_possible_duplicates(legal_name=name, country_id=country.pk):
            self.has_duplicate_firm = True
            if not cleaned.get("register_anyway"):
                self.add_error(
                    "legal_name",
                    forms.ValidationError(
                        _("A firm of this name is already registered in %(country)s."),
                        code="duplicate_firm",
                        params={"country": country.label},
                    ),
                )
        return cleaned


class LoginForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def clean_email(self) -> str:
        return _normalised_email(self.cleaned_data["email"])


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def clean_email(self) -> str:
        return _normalised_email(self.cleaned_data["email"])


class InvitationForm(forms.Form):
    """Invite a colleague to the organisation, with one of the roles its kind allows."""

    email = forms.EmailField(label=_("Colleague's e-mail address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        cast(forms.ChoiceField, self.fields["role"]).choices = role_choices_for(organisation)

    def clean_email(self) -> str:
        email = _normalised_email(self.cleaned_data["email"])
        if Membership.objects.filter(organisation=self.organisation, user__email__iexact=email).exists():
            raise forms.ValidationError(_("This person is already a member."), code="member")
        return email


def role_choices_for(organisation: Organisation) -> list[tuple[str, str]]:
    """Return the roles an organisation of this kind can give, as form choices."""
    allowed = ROLES_BY_KIND.get(organisation.kind, ())
    return [(value, str(label)) for value, label in Role.choices if value in allowed]


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = role_choices_for(organisation)


class InvitationSignupForm(PasswordPairMixin, forms.Form):
    """A new person accepting an invitation chooses their name and password."""

    full_name = forms.CharField(
        label=_("Your full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )

    field_order = ["full_name", "password1", "password2"]

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def password_user(self) -> User:
        return User(email=self.email, full_name=self.cleaned_data.get("full_name", ""))


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("Say where it is used, for example “ERP export”."),
    )


class SwitchOrganisationForm(forms.Form):
    organisation = forms.IntegerField(widget=forms.HiddenInput)


class EmailPasswordResetForm(PasswordResetForm):
    """Django's reset form; the address is matched without regard to case."""

    def clean_email(self) -> str:
        return _normalised_email(self.cleaned_data["email"])


class ResetSetPasswordForm(SetPasswordForm):
    """Set a new password from a reset link, through the service (audited; confirms the address)."""

    def save(self, commit: bool = True) -> Any:
        user_password_set(user=self.user, password=self.cleaned_data["new_password1"], reset=True)
        return self.user


class AuditedPasswordChangeForm(PasswordChangeForm):
    """Change one's password through the service (audited)."""

    def save(self, commit: bool = True) -> Any:
        user_password_set(user=self.user, password=self.cleaned_data["new_password1"])
        return self.user
