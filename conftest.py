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
