"""Reads about users, their organisations and roles."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from interfirm.accounts.models import (
    ApiToken,
    Invitation,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)

SESSION_ORGANISATION_KEY = "interfirm.organisation_id"
# The roles that may invite colleagues, change roles and remove members.
MANAGING_ROLES: tuple[str, ...] = (Role.MANAGER, Role.OPERATOR)


def memberships_for_user(*, user: User) -> QuerySet[Membership]:
    """Return the user's memberships, the organisation loaded."""
    return Membership.objects.filter(user=user).select_related("organisation").order_by("created_at", "id")


def active_membership(request: HttpRequest) -> Membership | None:
    """Return the membership the user acts through: the one chosen in the session, else the first."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    memberships = list(memberships_for_user(user=user))
    if not memberships:
        return None
    chosen = request.session.get(SESSION_ORGANISATION_KEY)
    for membership in memberships:
        if membership.organisation_id == chosen:
            return membership
    return memberships[0]


def is_operator(user: User) -> bool:
    """Return whether the user runs the installation (operator role, or a superuser)."""
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or Membership.objects.filter(
            user=user, role=Role.OPERATOR, organisation__kind=OrganisationKind.OPERATOR
        ).exists()
    )


def is_analyst(user: User) -> bool:
    """Return whether the user may read statistics (analysts and operators)."""
    if not user.is_authenticated:
        return False
    return is_operator(user) or Membership.objects.filter(user=user, role=Role.ANALYST).exists()


def membership_for_organisation(*, user: User, organisation_id: int) -> Membership:
    """Return the user's membership in the organisation ``organisation_id``; 404 if they have none."""
    membership = memberships_for_user(user=user).filter(organisation_id=organisation_id).first()
    if membership is None:
        raise Http404
    return membership


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    """Return the memberships of ``organisation``, the users loaded, by name."""
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


def organisation_open_invitations(*, organisation: Organisation) -> QuerySet[Invitation]:
    """Return the invitations of ``organisation`` that can still be accepted, newest first."""
    return Invitation.objects.filter(
        organisation=organisation,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).select_related("invited_by")


def organisation_manager_count(*, organisation: Organisation) -> int:
    """Return how many members of ``organisation`` may manage it."""
    return Membership.objects.filter(organisation=organisation, role__in=MANAGING_ROLES).count()


def membership_get_for_manager(*, manager: Membership, pk: int) -> Membership:
    """Return a membership of the organisation ``manager`` manages; 404 for any other."""
    if not manager.can_manage:
        raise Http404
    membership = (
        Membership.objects.filter(pk=pk, organisation_id=manager.organisation_id)
        .select_related("user")
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def invitation_get_for_manager(*, manager: Membership, pk: int) -> Invitation:
    """Return an open invitation of the organisation ``manager`` manages; 404 for any other."""
    if not manager.can_manage:
        raise Http404
    invitation = organisation_open_invitations(organisation=manager.organisation).filter(pk=pk).first()
    if invitation is None:
        raise Http404
    return invitation


def invitation_for_token(*, token: str) -> Invitation:
    """Return the invitation a secret from an e-mail link names (open or not); 404 if none does."""
    from interfirm.accounts.tokens import hash_invitation_token

    invitation = (
        Invitation.objects.filter(token_hash=hash_invitation_token(token))
        .select_related("organisation", "invited_by")
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def api_tokens_for_user(*, user: User) -> QuerySet[ApiToken]:
    """Return the user's API tokens (revoked ones included), newest first."""
    return ApiToken.objects.filter(user=user).select_related("organisation").order_by("-created_at", "-id")


def api_token_get_for_user(*, user: User, pk: int) -> ApiToken:
    """Return one of the user's own tokens that is not revoked; 404 for any other."""
    token = (
        ApiToken.objects.filter(pk=pk, user=user, revoked_at__isnull=True)
        .select_related("organisation")
        .first()
    )
    if token is None:
        raise Http404
    return token


def user_with_email(*, email: str) -> User | None:
    """Return the active user who signs in with ``email`` (any case), or None."""
    return User.objects.filter(email__iexact=email.strip(), is_active=True).first()
