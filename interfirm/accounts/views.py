"""Pages to sign up, sign in, confirm an address, manage colleagues and API tokens, and the dashboard."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from interfirm.accounts import selectors, services
from interfirm.accounts.emails import absolute_url
from interfirm.accounts.forms import (
    ApiTokenForm,
    AuditedPasswordChangeForm,
    EmailPasswordResetForm,
    InvitationForm,
    InvitationSignupForm,
    LoginForm,
    MembershipRoleForm,
    ResendConfirmationForm,
    ResetSetPasswordForm,
    SignupForm,
    SwitchOrganisationForm,
)
from interfirm.accounts.models import Membership, OrganisationKind, User
from interfirm.accounts.selectors import MANAGING_ROLES, SESSION_ORGANISATION_KEY
from interfirm.accounts.throttling import (
    client_ip,
    login_failed,
    login_is_throttled,
    login_succeeded,
    resend_allowed,
)
from interfirm.accounts.tokens import user_for_confirmation_token
from interfirm.lib.access import authenticated, public, role_required


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _membership(request: HttpRequest) -> Membership | None:
    """Return the membership the user acts through (the middleware's lazy object), or None."""
    membership = getattr(request, "membership", None)
    return membership if membership else None


def _manager(request: HttpRequest) -> Membership:
    membership = _membership(request)
    assert membership is not None  # role_required has checked it
    return membership


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


# --- Sign-up and e-mail confirmation ------------------------------------------------------------


@public
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.firm_signup(
            email=data["email"],
            full_name=data["full_name"],
            password=data["password1"],
            legal_name=data["legal_name"],
            country_id=data["country"].pk,
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        request.session["interfirm.signup_email"] = data["email"]
        return redirect("accounts:signup_done")
    return render(request, "accounts/signup.html", {"form": form})


@public
def signup_done(request: HttpRequest) -> HttpResponse:
    return render(
        request, "accounts/signup_done.html", {"email": request.session.get("interfirm.signup_email", "")}
    )


@public
def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    """Show a button that confirms the address and signs in.

    Opening the link only shows the page; the confirmation is a POST, so that a mail scanner that
    follows links does not end up holding the user's session.
    """
    user = user_for_confirmation_token(token)
    if user is None:
        return render(request, "accounts/confirm_invalid.html", status=400)
    if user.email_confirmed:
        return render(request, "accounts/confirm_email.html", {"already": True})
    if request.method == "POST":
        services.email_confirm(user=user)
        login(request, user)
        messages.success(request, _("Your e-mail address is confirmed. Welcome!"))
        return redirect("accounts:dashboard")
    return render(request, "accounts/confirm_email.html", {"email": user.email})


@public
def resend_confirmation(request: HttpRequest) -> HttpResponse:
    form = ResendConfirmationForm(request.POST or None, initial={"email": request.GET.get("email", "")})
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        user = selectors.user_with_email(email=email)
        if user is not None and not user.email_confirmed and resend_allowed(email=email):
            services.email_confirmation_resend(user=user)
        # The same answer whether or not the address has an account: the form reveals nothing.
        messages.info(
            request,
            _("If an account with an unconfirmed address %(email)s exists, we have sent it a new link.")
            % {"email": email},
        )
        return redirect("accounts:login")
    return render(request, "accounts/resend_confirmation.html", {"form": form})


# --- Signing in and out -------------------------------------------------------------------------


@public
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request, reverse(settings.LOGIN_REDIRECT_URL))
    form = LoginForm(request.POST or None)
    context: dict[str, Any] = {"form": form, "next": next_url}
    if request.method != "POST" or not form.is_valid():
        return render(request, "accounts/login.html", context)
    email, ip = form.cleaned_data["email"], client_ip(request)
    if login_is_throttled(email=email, ip=ip):
        minutes = max(1, settings.LOGIN_THROTTLE_WINDOW_SECONDS // 60)
        form.add_error(
            None,
            _(
                "Too many failed attempts. For your security, please wait %(minutes)d minutes and try again,"
                " or reset your password."
            )
            % {"minutes": minutes},
        )
        return render(request, "accounts/login.html", context, status=429)
    user = authenticate(request, email=email, password=form.cleaned_data["password"])
    if user is None:
        login_failed(email=email, ip=ip)
        form.add_error(None, _("The e-mail address or the password is not right."))
        return render(request, "accounts/login.html", context)
    login_succeeded(email=email)
    if not user.email_confirmed:
        context["unconfirmed_email"] = email
        return render(request, "accounts/login.html", context, status=403)
    login(request, user)
    return HttpResponseRedirect(next_url)


@public
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


# --- Passwords (Django's views, our templates and audited forms) -------------------------------


def _as_view(view_class: type[View[Any]], **initkwargs: Any) -> Callable[..., HttpResponse]:
    """Return ``view_class.as_view(**initkwargs)`` typed as the access decorators expect."""
    return cast(Callable[..., HttpResponse], view_class.as_view(**initkwargs))


password_reset = public(
    _as_view(
        auth_views.PasswordResetView,
        form_class=EmailPasswordResetForm,
        template_name="accounts/password_reset.html",
        email_template_name="accounts/email/password_reset_body.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
        extra_email_context={
            "installation_name": settings.INSTALLATION_NAME,
            "site_url": settings.SITE_URL.rstrip("/"),
        },
    )
)
password_reset_done = public(
    _as_view(auth_views.PasswordResetDoneView, template_name="accounts/password_reset_done.html")
)
password_reset_confirm = public(
    _as_view(
        auth_views.PasswordResetConfirmView,
        form_class=ResetSetPasswordForm,
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password_reset_complete"),
    )
)
password_reset_complete = public(
    _as_view(auth_views.PasswordResetCompleteView, template_name="accounts/password_reset_complete.html")
)
password_change = authenticated(
    _as_view(
        auth_views.PasswordChangeView,
        form_class=AuditedPasswordChangeForm,
        template_name="accounts/password_change.html",
        success_url=reverse_lazy("accounts:password_change_done"),
    )
)
password_change_done = authenticated(
    _as_view(auth_views.PasswordChangeDoneView, template_name="accounts/password_change_done.html")
)


# --- Dashboard and organisations ----------------------------------------------------------------


@authenticated
def dashboard(request: HttpRequest) -> HttpResponse:
    from interfirm.firms.selectors import firm_public_counts
    from interfirm.intermediaries.selectors import intermediary_public_counts

    user = _user(request)
    membership = _membership(request)
    organisation = membership.organisation if membership else None
    context: dict[str, Any] = {
        "memberships": list(selectors.memberships_for_user(user=user)),
        "active": membership,
        "organisation": organisation,
        "firm": getattr(organisation, "firm", None)
        if organisation and organisation.kind == OrganisationKind.FIRM
        else None,
        "intermediary": getattr(organisation, "intermediary", None)
        if organisation and organisation.kind == OrganisationKind.INTERMEDIARY
        else None,
        "is_operator": selectors.is_operator(user),
        "is_analyst": selectors.is_analyst(user),
        "firm_counts": firm_public_counts(),
        "intermediary_counts": intermediary_public_counts(),
    }
    return render(request, "accounts/dashboard.html", context)


@authenticated
@require_POST
def switch_organisation(request: HttpRequest) -> HttpResponse:
    form = SwitchOrganisationForm(request.POST)
    if not form.is_valid():
        return render(request, "accounts/bad_request.html", status=400)
    membership = selectors.membership_for_organisation(
        user=_user(request), organisation_id=form.cleaned_data["organisation"]
    )
    request.session[SESSION_ORGANISATION_KEY] = membership.organisation_id
    messages.success(
        request, _("You now act for %(organisation)s.") % {"organisation": membership.organisation.name}
    )
    return HttpResponseRedirect(_safe_next(request, reverse("accounts:dashboard")))


# --- Colleagues and invitations -----------------------------------------------------------------


@role_required(roles=MANAGING_ROLES)
def members(request: HttpRequest) -> HttpResponse:
    manager = _manager(request)
    organisation = manager.organisation
    rows = [
        (
            member,
            MembershipRoleForm(
                organisation=organisation, initial={"role": member.role}, prefix=f"m{member.pk}"
            ),
        )
        for member in selectors.organisation_members(organisation=organisation)
    ]
    return render(
        request,
        "accounts/members.html",
        {
            "organisation": organisation,
            "rows": rows,
            "invitations": selectors.organisation_open_invitations(organisation=organisation),
        },
    )


@role_required(roles=MANAGING_ROLES)
def invite(request: HttpRequest) -> HttpResponse:
    manager = _manager(request)
    form = InvitationForm(request.POST or None, organisation=manager.organisation)
    if request.method == "POST" and form.is_valid():
        services.invitation_create(
            actor=_user(request),
            organisation=manager.organisation,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
        return redirect("accounts:members")
    return render(
        request,
        "accounts/invite.html",
        {"form": form, "organisation": manager.organisation, "valid_days": settings.INVITATION_VALID_DAYS},
    )


@role_required(roles=MANAGING_ROLES)
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = selectors.invitation_get_for_manager(manager=_manager(request), pk=pk)
    services.invitation_revoke(actor=_user(request), invitation=invitation)
    messages.success(request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email})
    return redirect("accounts:members")


def _leaves_no_manager(member: Membership, new_role: str | None) -> bool:
    """Return whether removing ``member`` (or giving them ``new_role``) leaves the organisation unmanaged."""
    if member.role not in MANAGING_ROLES or (new_role is not None and new_role in MANAGING_ROLES):
        return False
    return selectors.organisation_manager_count(organisation=member.organisation) <= 1


@role_required(roles=MANAGING_ROLES)
@require_POST
def member_role(request: HttpRequest, pk: int) -> HttpResponse:
    manager = _manager(request)
    member = selectors.membership_get_for_manager(manager=manager, pk=pk)
    form = MembershipRoleForm(request.POST, organisation=manager.organisation, prefix=f"m{member.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles offered."))
        return redirect("accounts:members")
    role = form.cleaned_data["role"]
    if _leaves_no_manager(member, role):
        messages.error(request, _("The organisation needs at least one manager: appoint another one first."))
        return redirect("accounts:members")
    services.membership_role_change(actor=_user(request), membership=member, role=role)
    messages.success(
        request, _("%(person)s is now %(role)s.") % {"person": member.user, "role": member.get_role_display()}
    )
    if member.pk == manager.pk and role not in MANAGING_ROLES:
        return redirect("accounts:dashboard")
    return redirect("accounts:members")


@role_required(roles=MANAGING_ROLES)
@require_POST
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    manager = _manager(request)
    member = selectors.membership_get_for_manager(manager=manager, pk=pk)
    if _leaves_no_manager(member, None):
        messages.error(request, _("The organisation needs at least one manager: appoint another one first."))
        return redirect("accounts:members")
    services.membership_remove(actor=_user(request), membership=member)
    messages.success(
        request, _("%(person)s no longer belongs to the organisation.") % {"person": member.user}
    )
    if member.user_id == request.user.pk:
        request.session.pop(SESSION_ORGANISATION_KEY, None)
        return redirect("accounts:dashboard")
    return redirect("accounts:members")


@public
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Join an organisation from an invitation link: as the signed-in user, or with a new account."""
    invitation = selectors.invitation_for_token(token=token)
    context: dict[str, Any] = {"invitation": invitation, "organisation": invitation.organisation}
    if not invitation.is_open:
        return render(request, "accounts/invitation_closed.html", context, status=410)
    if request.user.is_authenticated:
        user = _user(request)
        if user.email.lower() != invitation.email.lower():
            context["wrong_user"] = True
            return render(request, "accounts/invitation_accept.html", context, status=403)
        if request.method == "POST":
            membership = services.invitation_accept(invitation=invitation, user=user)
            request.session[SESSION_ORGANISATION_KEY] = membership.organisation_id
            messages.success(
                request,
                _("You have joined %(organisation)s.") % {"organisation": invitation.organisation.name},
            )
            return redirect("accounts:dashboard")
        return render(request, "accounts/invitation_accept.html", context)
    if selectors.user_with_email(email=invitation.email) is not None:
        context["sign_in_url"] = reverse("accounts:login") + "?next=" + request.path
        return render(request, "accounts/invitation_accept.html", context)
    form = InvitationSignupForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        user = services.invitation_accept_new_user(
            invitation=invitation,
            full_name=form.cleaned_data["full_name"],
            password=form.cleaned_data["password1"],
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        login(request, user)
        request.session[SESSION_ORGANISATION_KEY] = invitation.organisation_id
        messages.success(
            request,
            _("Welcome! You have joined %(organisation)s.") % {"organisation": invitation.organisation.name},
        )
        return redirect("accounts:dashboard")
    context["form"] = form
    return render(request, "accounts/invitation_accept.html", context)


# --- API tokens ---------------------------------------------------------------------------------


@authenticated
@never_cache
def tokens(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    membership = _membership(request)
    form = ApiTokenForm(request.POST or None)
    context: dict[str, Any] = {"form": form, "membership": membership, "api_base": absolute_url("/api/")}
    if request.method == "POST" and membership is not None and form.is_valid():
        token, secret = services.api_token_create(
            user=user, organisation=membership.organisation, name=form.cleaned_data["name"]
        )
        # Shown in this response only: the secret is not stored and never sent again.
        context.update(new_token=token, new_secret=secret, form=ApiTokenForm())
    context["tokens"] = selectors.api_tokens_for_user(user=user)
    return render(request, "accounts/tokens.html", context)


@authenticated
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    token = selectors.api_token_get_for_user(user=user, pk=pk)
    services.api_token_revoke(user=user, token=token)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("accounts:tokens")
