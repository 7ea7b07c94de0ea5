from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransferConfig(AppConfig):
    name = "interfirm.transfer"
    label = "transfer"
    verbose_name = _("Bulk import and export")
