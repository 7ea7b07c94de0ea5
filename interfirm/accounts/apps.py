from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def create_cache_tables(using: str = "default", **_kwargs: Any) -> None:
    """Create the table of every database cache (``CACHES``) after ``migrate``, as
    ``manage.py createcachetable`` does: login throttling relies on the cache, so an installation
    migrated the usual way must not need a second command (existing tables are left alone)."""
    from django.conf import settings
    from django.core.management import call_command

    if any(c.get("BACKEND", "").endswith("db.DatabaseCache") for c in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)


class AccountsConfig(AppConfig):
    name = "interfirm.accounts"
    label = "accounts"

    def ready(self) -> None:
        post_migrate.connect(create_cache_tables, sender=self, dispatch_uid="interfirm.create_cache_tables")
