"""The demo, loaded once for the demo's test package.

It is loaded inside a transaction that is rolled back at the end, so other packages never see it; each
test runs in its own savepoint on top of it. The work the load leaves for after the commit (the search
index, the notification deliveries) is run at once, as a commit would, with notifications as quiet as
in a real load.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test import TestCase

from interfirm.demo.services import DemoLoadReport, demo_load, demo_notifications_quiet


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker) -> Iterator[DemoLoadReport]:
    with django_db_blocker.unblock(), transaction.atomic():
        with demo_notifications_quiet(), TestCase.captureOnCommitCallbacks(execute=True):
            report = demo_load()
        assert report is not None
        yield report
        transaction.set_rollback(True)
