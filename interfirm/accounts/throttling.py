"""Login throttling, shared between processes through Django's cache.

After ``settings.LOGIN_THROTTLE_FAILURES`` failed sign-ins for one e-mail address, or from one client
address, within ``settings.LOGIN_THROTTLE_WINDOW_SECONDS`` of the first failure, further attempts are
refused until that window has passed. The counter is stored with its own expiry (not ``cache.incr``,
which resets the expiry on the database cache), so the window is the same on every cache backend.
Two concurrent failures may count as one: the limit is a brake on guessing, not an exact quota.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

_PREFIX = "interfirm:login-failures:"


def _email_key(email: str) -> str:
    return _PREFIX + "email:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()


def _ip_key(ip: str) -> str:
    return _PREFIX + "ip:" + hashlib.sha256(ip.encode()).hexdigest()


def client_ip(request: HttpRequest) -> str:
    """Return the client address. Only REMOTE_ADDR: a forwarded header can be forged by the client."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def _count(key: str) -> int:
    value = cache.get(key)
    if not value:
        return 0
    count, window_end = value
    return int(count) if window_end > time.time() else 0


def _bump(key: str) -> None:
    now = time.time()
    value = cache.get(key)
    if value and value[1] > now:
        count, window_end = int(value[0]) + 1, float(value[1])
    else:
        count, window_end = 1, now + settings.LOGIN_THROTTLE_WINDOW_SECONDS
    cache.set(key, (count, window_end), timeout=max(1, int(window_end - now) + 1))


def login_is_throttled(*, email: str, ip: str) -> bool:
    """Return whether sign-in attempts for ``email`` or from ``ip`` are refused for now."""
    limit = settings.LOGIN_THROTTLE_FAILURES
    return _count(_email_key(email)) >= limit or _count(_ip_key(ip)) >= limit


def login_failed(*, email: str, ip: str) -> None:
    """Count a failed sign-in against the address and the client."""
    _bump(_email_key(email))
    _bump(_ip_key(ip))


def login_succeeded(*, email: str) -> None:
    """Forget the failures counted against ``email`` (those of the client address stay)."""
    cache.delete(_email_key(email))


# Re-sending a confirmation link is limited too, so that the form cannot be used to flood a mailbox.
RESEND_INTERVAL_SECONDS = 60


def resend_allowed(*, email: str) -> bool:
    """Return True (and start the interval) if a confirmation link may be re-sent to ``email`` now."""
    key = "interfirm:resend-confirmation:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return bool(cache.add(key, 1, timeout=RESEND_INTERVAL_SECONDS))
