"""Writes about users, organisations, memberships, invitations and API tokens.

Every function runs in one transaction, records what it did in the audit trail, and sends its
e-mails only once the transaction has committed. Views validate; these functions assume valid input.
"""

from __future__ import annotations

import datetime
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from interfirm.accounts.api_auth import hash_token, new_token_secret
from interfirm.accounts.emails import send_confirmation_email, send_invitation_email
from interfirm.accounts.models import ApiToken, Invitation, Membership, Organisation, User
from interfirm.accounts.tokens import hash_invitation_token, new_invitation_token
from interfirm.audit.services import audit_record


@transaction.atomic
def firm_signup(
    *, email: str, full_name: str, password: str, legal_name: str, country_id: str, language: str = "en"
) -> User:
    """Create a user with an unconfirmed address, their firm (they manage it), and mail a confirmation link.

    Return the new user.
    """
    from interfirm.firms.services import firm_create

    user = User.objects.create_user(
        email, password, full_name=full_name, email_confirmed=False, preferred_language=language
    )
    firm = firm_create(
        actor=user, acting_for=None, legal_name=legal_name, country_id=country_id, manager=user
    )
    audit_record(
        actor=user,
        acting_for=firm.organisation,
        action="user.signup",
        obj=user,
        changes={"email": user.email, "full_name": user.full_name, "firm": firm.pk},
    )
    transaction.on_commit(partial(send_confirmation_email, user))
    return user


def email_confirmation_resend(*, user: User) -> None:
    """Mail ``user`` a new confirmation link (nothing is written)."""
    transaction.on_commit(partial(send_confirmation_email, user))


@transaction.atomic
def email_confirm(*, user: User) -> None:
    """Mark ``user``'s e-mail address as confirmed."""
    user.email_confirmed = True
    user.save(update_fields=["email_confirmed"])
    audit_record(
        actor=user, acting_for=None, action="user.email_confirm", obj=user, changes={"email": user.email}
    )


@transaction.atomic
def user_password_set(*, user: User, password: str, reset: bool = False) -> None:
    """Give ``user`` a new password. A reset by e-mail link also proves the address, so confirms it."""
    user.set_password(password)
    fields = ["password"]
    changes: dict[str, object] = {}
    if reset and not user.email_confirmed:
        user.email_confirmed = True
        fields.append("email_confirmed")
        changes["email_confirmed"] = [False, True]
    user.save(update_fields=fields)
    audit_record(
        actor=user,
        acting_for=None,
        action="user.password_reset" if reset else "user.password_change",
        obj=user,
        changes=changes,
    )


@transaction.atomic
def invitation_create(
    *, actor: User, organisation: Organisation, email: str, role: str, language: str
) -> Invitation:
    """Invite ``email`` to join ``organisation`` with ``role`` and mail them the link.

    Earlier open invitations of the same address to the same organisation are revoked: the newest
    link is the one that works. Return the invitation.
    """
    email = email.strip().lower()
    now = timezone.now()
    Invitation.objects.filter(
        organisation=organisation, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    token = new_invitation_token()
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        token_hash=hash_invitation_token(token),
        invited_by=actor,
        created_at=now,
        expires_at=now + datetime.timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    audit_record(
        actor=actor,
        acting_for=organisation,
        action="invitation.create",
        obj=invitation,
        changes={"email": email, "role": role, "expires_at": invitation.expires_at},
    )
    transaction.on_commit(partial(send_invitation_email, invitation, token, language))
    return invitation


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> None:
    """Withdraw an open invitation."""
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        acting_for=invitation.organisation,
        action="invitation.revoke",
        obj=invitation,
        changes={"email": invitation.email},
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Make ``user`` (whose address the invitation was sent to) a member with the invited role.

    A user who already belongs to the organisation keeps their role. Return the membership.
    """
    now = timezone.now()
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role, "created_at": now}
    )
    if not user.email_confirmed:  # the link reached the address: that confirms it
        user.email_confirmed = True
        user.save(update_fields=["email_confirmed"])
    invitation.accepted_at = now
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit_record(
        actor=user,
        acting_for=invitation.organisation,
        action="invitation.accept",
        obj=invitation,
        changes={"membership": membership.pk, "role": membership.role, "new_membership": created},
    )
    return membership


@transaction.atomic
def invitation_accept_new_user(
    *, invitation: Invitation, full_name: str, password: str, language: str
) -> User:
    """Create an account for the invited address (confirmed: the invitation proves it) and accept.

    Return the new user.
    """
    user = User.objects.create_user(
        invitation.email, password, full_name=full_name, email_confirmed=True, preferred_language=language
    )
    audit_record(
        actor=user,
        acting_for=invitation.organisation,
        action="user.create",
        obj=user,
        changes={"email": user.email, "full_name": full_name, "invitation": invitation.pk},
    )
    invitation_accept(invitation=invitation, user=user)
    return user


@transaction.atomic
def membership_role_change(*, actor: User, membership: Membership, role: str) -> None:
    """Give a member another role within their organisation."""
    before = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    audit_record(
        actor=actor,
        acting_for=membership.organisation,
        action="membership.role_change",
        obj=membership,
        changes={"user": membership.user.email, "role": [before, role]},
    )


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    """Remove a member from their organisation; their API tokens for it stop working."""
    organisation = membership.organisation
    ApiToken.objects.filter(user=membership.user, organisation=organisation, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    audit_record(
        actor=actor,
        acting_for=organisation,
        action="membership.remove",
        obj=membership,
        changes={"user": membership.user.email, "role": membership.role},
    )
    membership.delete()


@transaction.atomic
def api_token_create(*, user: User, organisation: Organisation, name: str) -> tuple[ApiToken, str]:
    """Create an API token acting for ``organisation``. Return it with its secret, which is not stored."""
    secret = new_token_secret()
    token = ApiToken.objects.create(
        user=user, organisation=organisation, name=name, prefix=secret[:12], key_hash=hash_token(secret)
    )
    audit_record(
        actor=user,
        acting_for=organisation,
        action="api_token.create",
        obj=token,
        changes={"name": name, "prefix": token.prefix},
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, user: User, token: ApiToken) -> None:
    """Revoke one of the user's API tokens."""
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=user,
        acting_for=token.organisation,
        action="api_token.revoke",
        obj=token,
        changes={"name": token.name, "prefix": token.prefix},
    )
