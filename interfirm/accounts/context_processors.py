"""Template context: the organisation the user is acting for."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def organisation(request: HttpRequest) -> dict[str, Any]:
    return {
        "membership": getattr(request, "membership", None),
        "installation_name": settings.INSTALLATION_NAME,
    }
