"""Every view declares who may reach it: ``public``, ``authenticated`` or ``role_required(...)``.

A test walks the URL configuration and fails for any view without a declaration, so a new page
cannot ship unclassified. The decorators also enforce what they declare.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse

ACCESS_ATTR = "interfirm_access"
PUBLIC = "public"
AUTHENTICATED = "authenticated"
ROLE = "role"

View = TypeVar("View", bound=Callable[..., HttpResponse])


def public(view: View) -> View:
    """Mark a view as reachable by anyone, signed in or not."""
    setattr(view, ACCESS_ATTR, PUBLIC)
    return view


def authenticated(view: View) -> View:
    """Require a signed-in user; others are sent to the sign-in page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    setattr(wrapper, ACCESS_ATTR, AUTHENTICATED)
    return wrapper  # type: ignore[return-value]


def role_required(
    *, kinds: tuple[str, ...] = (), roles: tuple[str, ...] = (), operator: bool = False
) -> Callable[[View], View]:
    """Require a membership in an organisation of one of ``kinds`` with one of ``roles``.

    ``operator=True`` requires an operator of the installation instead. A signed-in user without
    the role gets a 404, not a 403: a page the user may not use does not exist for them.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            from interfirm.accounts.selectors import is_operator

            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if operator:
                if not is_operator(request.user):
                    raise Http404
            else:
                membership = getattr(request, "membership", None)
                if not membership:
                    raise Http404
                if kinds and membership.organisation.kind not in kinds:
                    raise Http404
                if roles and membership.role not in roles:
                    raise Http404
            return view(request, *args, **kwargs)

        setattr(wrapper, ACCESS_ATTR, ROLE)
        return wrapper  # type: ignore[return-value]

    return decorator


def access_of(view: Callable[..., Any]) -> str | None:
    """Return the declared access of a view callable (class-based views included), or None."""
    for candidate in (view, getattr(view, "view_class", None), getattr(view, "__wrapped__", None)):
        if candidate is not None and getattr(candidate, ACCESS_ATTR, None):
            return str(getattr(candidate, ACCESS_ATTR))
    return None
