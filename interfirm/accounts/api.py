"""API of accounts: who am I, and for which organisations may I act."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from interfirm.accounts.models import Membership, User
from interfirm.accounts.selectors import memberships_for_user

router = Router(tags=["accounts"])


class MembershipOut(Schema):
    organisation_id: int
    kind: str
    name: str
    role: str


class UserOut(Schema):
    id: int
    email: str
    full_name: str
    email_confirmed: bool
    preferred_language: str


class MeOut(Schema):
    user: UserOut
    acting_for: MembershipOut | None
    memberships: list[MembershipOut]


def _membership_out(membership: Membership) -> dict[str, Any]:
    return {
        "organisation_id": membership.organisation_id,
        "kind": membership.organisation.kind,
        "name": membership.organisation.name,
        "role": membership.role,
    }


@router.get("/me", response=MeOut, summary="The signed-in user and their organisations")
def me(request: HttpRequest) -> dict[str, Any]:
    """Return the user, the organisation this request acts for (a token's own, or the session's
    choice) and all the user's memberships with their roles. Authenticated."""
    user: User = request.user  # type: ignore[assignment]
    memberships = list(memberships_for_user(user=user))
    acting = getattr(request, "membership", None)
    acting_id = acting.organisation_id if acting else None
    current = next((m for m in memberships if m.organisation_id == acting_id), None)
    return {
        "user": {
            "id": user.pk,
            "email": user.email,
            "full_name": user.full_name,
            "email_confirmed": user.email_confirmed,
            "preferred_language": user.preferred_language,
        },
        "acting_for": _membership_out(current) if current else None,
        "memberships": [_membership_out(m) for m in memberships],
    }
