"""Reads about users, their organisations and roles."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest

from interfirm.accounts.models import Membership, OrganisationKind, Role, User

SESSION_ORGANISATION_KEY = "interfirm.organisation_id"


def memberships_for_user(*, user: User) -> QuerySet[Membership]:
    """Return the user's memberships, the organisation loaded."""
    return Membership.objects.filter(user=user).select_related("organisation").order_by("created_at", "id")


def active_membership(request: HttpRequest) -> Membership | None:
    """Return the membership the user acts through: the one chosen in the session, else the first."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    memberships = list(memberships_for_user(user=user))  # type: ignore[arg-type]
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
    return user.is_superuser or Membership.objects.filter(
        user=user, role=Role.OPERATOR, organisation__kind=OrganisationKind.OPERATOR
    ).exists()


def is_analyst(user: User) -> bool:
    """Return whether the user may read statistics (analysts and operators)."""
    if not user.is_authenticated:
        return False
    return is_operator(user) or Membership.objects.filter(user=user, role=Role.ANALYST).exists()
