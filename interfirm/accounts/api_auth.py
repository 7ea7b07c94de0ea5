"""API authentication: personal tokens (stored hashed) or the browser session."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth

from interfirm.accounts.models import ApiToken, Membership

TOKEN_PREFIX = "ifm_"


def hash_token(secret: str) -> str:
    """Return the stored form of a token secret."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_token_secret() -> str:
    """Return a fresh token secret; only its hash is stored."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class TokenAuth(HttpBearer):
    """``Authorization: Bearer ifm_…``: acts as the token's user for the token's organisation."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if not token.startswith(TOKEN_PREFIX):
            return None
        try:
            api_token = ApiToken.objects.select_related("user", "organisation").get(
                key_hash=hash_token(token), revoked_at__isnull=True
            )
        except ApiToken.DoesNotExist:
            return None
        if not api_token.user.is_active:
            return None
        membership = Membership.objects.filter(
            user=api_token.user, organisation=api_token.organisation
        ).first()
        if membership is None:
            return None
        now = timezone.now()
        if api_token.last_used_at is None or (now - api_token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        request.membership = membership  # type: ignore[attr-defined]
        return api_token.user


api_auth = [TokenAuth(), SessionAuth()]


class _Restricted:
    """An authentication, then a rule of the operation's page (``rule(request)``, with ``request.user``
    and ``request.membership`` set), both before any parameter or body is read: a caller the rule
    turns away gets 404 whatever it sends, not the 422 of input the operation would refuse."""

    def __init__(self, rule: Callable[[HttpRequest], bool], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rule = rule

    def authenticate(self, request: HttpRequest, key: Any) -> Any:
        user = super().authenticate(request, key)  # type: ignore[misc]
        if user and not self.rule(request):
            raise Http404  # the API answers it as every 404 ("not found")
        return user


class RestrictedTokenAuth(_Restricted, TokenAuth):
    """``TokenAuth``, then the operation's rule."""


class RestrictedSessionAuth(_Restricted, SessionAuth):
    """The browser session, then the operation's rule."""


def api_auth_where(rule: Callable[[HttpRequest], bool]) -> list[Any]:
    """Return the API's authentication for an operation open to whom ``rule`` allows: anonymous
    callers get 401 as everywhere, authenticated callers the rule refuses 404 (``auth=`` of the
    operation; for rules that need no object: one that does is checked in the operation)."""
    return [RestrictedTokenAuth(rule), RestrictedSessionAuth(rule)]
