"""The admin site, open to the installation's operators (not only to Django staff)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class OperatorAdminSite(admin.AdminSite):
    site_header = _("interfirm operations")
    site_title = _("interfirm operations")
    index_title = _("Run the installation")

    def has_permission(self, request: HttpRequest) -> bool:
        from interfirm.accounts.selectors import is_operator

        user = request.user
        return bool(user.is_active and (user.is_staff or is_operator(user)))


class OperatorAdminConfig(AdminConfig):
    default_site = "interfirm.accounts.admin_site.OperatorAdminSite"
