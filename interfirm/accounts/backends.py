"""Sign-in by e-mail address, case-insensitive."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from interfirm.accounts.models import User


class EmailBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        email = (kwargs.get("email") or username or "").strip().lower()
        if not email or password is None:
            return None
        try:
            user = User.objects.get(email__iexact=email)
        except User.DoesNotExist:
            User().set_password(password)  # same work either way: no timing oracle for unknown addresses
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def _is_operator(self, user_obj: Any) -> bool:
        from interfirm.accounts.selectors import is_operator

        if not getattr(user_obj, "is_active", False):
            return False
        cached = getattr(user_obj, "_interfirm_is_operator", None)
        if cached is None:
            cached = is_operator(user_obj)
            user_obj._interfirm_is_operator = cached
        return bool(cached)

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        """Operators of the installation hold every model permission (the admin is their tool);
        what must never change, such as the audit trail, refuses in its ModelAdmin."""
        return self._is_operator(user_obj) or super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return self._is_operator(user_obj) or super().has_module_perms(user_obj, app_label)
