"""Signed links sent by e-mail: confirming an address, joining an organisation."""

from __future__ import annotations

import hashlib
import secrets

from django.core import signing

from interfirm.accounts.models import User

_CONFIRM_SALT = "interfirm.accounts.confirm-email"
# A confirmation link stays valid for three days, like a password-reset link.
CONFIRM_EMAIL_MAX_AGE = 60 * 60 * 24 * 3


def email_confirmation_token(user: User) -> str:
    """Return a signed, timestamped token that confirms ``user``'s current e-mail address."""
    return signing.TimestampSigner(salt=_CONFIRM_SALT).sign_object({"u": user.pk, "e": user.email})


def user_for_confirmation_token(token: str) -> User | None:
    """Return the user a valid confirmation token names, or None (bad signature, expired, address changed)."""
    try:
        data = signing.TimestampSigner(salt=_CONFIRM_SALT).unsign_object(token, max_age=CONFIRM_EMAIL_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = User.objects.filter(pk=data["u"], is_active=True).first()
    if user is None or user.email != data.get("e"):
        return None
    return user


def new_invitation_token() -> str:
    """Return a fresh invitation secret; only its hash is stored."""
    return secrets.token_urlsafe(32)


def hash_invitation_token(token: str) -> str:
    """Return the stored form (SHA-256) of an invitation secret."""
    return hashlib.sha256(token.encode()).hexdigest()
