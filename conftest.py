"""Test set-up shared by every app: reference data loaded once per test database, personas."""

from __future__ import annotations

import pytest

from interfirm.testing import Personas, make_personas


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the reference data (countries, ISIC, services) once into the test database."""
    from interfirm.reference import load_all_reference

    with django_db_blocker.unblock():
        load_all_reference()


@pytest.fixture
def personas(db) -> Personas:
    return make_personas()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts and ends in the default language: a page requested in Spanish leaves the
    thread's language active, and the next test's messages would come back in Spanish."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()
