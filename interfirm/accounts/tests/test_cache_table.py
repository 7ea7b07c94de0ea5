"""``manage.py migrate`` creates the database cache's table: an installation migrated the usual way
(without ``createcachetable``) must not answer its first login with "no such table"."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

DB_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "test_interfirm_cache"}
}


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


@pytest.mark.django_db(transaction=True)
def test_migrate_creates_the_database_caches_table():
    with override_settings(CACHES=DB_CACHE):
        try:
            assert "test_interfirm_cache" not in _tables()
            call_command("migrate", verbosity=0)
            assert "test_interfirm_cache" in _tables()
            caches["default"].set("key", "value")  # usable, and a second migrate leaves it alone
            call_command("migrate", verbosity=0)
            assert caches["default"].get("key") == "value"
        finally:
            caches["default"].close()
            with connection.cursor() as cursor:
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name('test_interfirm_cache')}")
