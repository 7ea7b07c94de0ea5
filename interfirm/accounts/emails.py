"""E-mails of the accounts app, rendered from text templates in the recipient's language.

Services hand these functions to ``transaction.on_commit``: nothing is sent for a change that is
rolled back. A mail server that is down does not undo the change or break the page; the failure is
logged and the user can ask for the message again (confirmation) or the manager can invite again.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from interfirm.accounts.models import Invitation, User
from interfirm.accounts.tokens import email_confirmation_token

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    """Return ``path`` on this installation's public address (``settings.SITE_URL``)."""
    return settings.SITE_URL.rstrip("/") + path


def send_templated_mail(*, to: str, template: str, context: dict[str, Any], language: str) -> bool:
    """Render ``accounts/email/<template>_subject.txt`` and ``_body.txt`` in ``language`` and send them.

    Return whether the message was handed to the mail backend.
    """
    context = {
        "installation_name": settings.INSTALLATION_NAME,
        "site_url": settings.SITE_URL.rstrip("/"),
        **context,
    }
    with translation.override(language):
        subject = " ".join(render_to_string(f"accounts/email/{template}_subject.txt", context).split())
        body = render_to_string(f"accounts/email/{template}_body.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    except Exception:  # the change is committed; a mail failure must not turn it into an error page
        logger.exception("could not send the %s e-mail to %s", template, to)
        return False
    return True


def send_confirmation_email(user: User) -> bool:
    """Send ``user`` a link that confirms the address and signs them in."""
    token = email_confirmation_token(user)
    url = absolute_url(reverse("accounts:confirm_email", kwargs={"token": token}))
    return send_templated_mail(
        to=user.email,
        template="confirm_email",
        context={"user": user, "confirm_url": url, "valid_days": 3},
        language=user.preferred_language,
    )


def send_invitation_email(invitation: Invitation, token: str, language: str) -> bool:
    """Send the invited person the link that lets them join the organisation."""
    url = absolute_url(reverse("accounts:invitation_accept", kwargs={"token": token}))
    return send_templated_mail(
        to=invitation.email,
        template="invitation",
        context={
            "invitation": invitation,
            "organisation": invitation.organisation,
            "invited_by": invitation.invited_by,
            "role": invitation.get_role_display(),
            "accept_url": url,
            "valid_days": settings.INVITATION_VALID_DAYS,
        },
        language=language,
    )
