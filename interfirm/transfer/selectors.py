"""Reads of the transfer app across the permission boundary."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from interfirm.accounts.models import Membership, OrganisationKind
from interfirm.transfer.models import PendingUpload

# The organisations that import: intermediaries (for the firms they act for) and the operator.
IMPORTING_KINDS: tuple[str, ...] = (OrganisationKind.INTERMEDIARY, OrganisationKind.OPERATOR)


def importing_membership(membership: Membership | None) -> Membership:
    """Return the membership if it acts for an intermediary or the operator; ``Http404`` otherwise."""
    if not membership or membership.organisation.kind not in IMPORTING_KINDS:
        raise Http404
    return membership


def pending_upload_get(*, user: Any, membership: Membership | None, pk: int) -> PendingUpload:
    """Return the upload ``pk`` if ``user`` made it while acting for the same organisation; ``Http404``
    for anyone else's, and for one dropped after its time."""
    from interfirm.transfer.services import pending_uploads_expired_before

    membership = importing_membership(membership)
    if user is None or not user.is_authenticated:
        raise Http404
    upload = PendingUpload.objects.filter(
        pk=pk,
        user_id=user.pk,
        organisation_id=membership.organisation_id,
        created_at__gte=pending_uploads_expired_before(),
    ).first()
    if upload is None:
        raise Http404
    return upload
