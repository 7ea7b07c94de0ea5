"""The demo's matching: saved searches for the demo users, the firm manager's suggestions computed."""

from __future__ import annotations

import datetime

import pytest

from interfirm.accounts.models import Membership, Role
from interfirm.demo.generator import DEMO_DOMAIN
from interfirm.demo.matching import demo_matching
from interfirm.matching.models import SavedSearch, Suggestion
from interfirm.matching.tests.factories import make_network
from interfirm.testing import client_for, make_user

pytestmark = pytest.mark.django_db


def test_the_demo_saves_searches_and_the_firm_managers_dashboard_shows_suggestions(personas):
    net = make_network(personas)
    manager = make_user(f"firm.manager@{DEMO_DOMAIN}")
    Membership.objects.create(user=manager, organisation=personas.kenyan_sme.organisation, role=Role.MANAGER)
    assert demo_matching(today=datetime.date(2026, 12, 1)) == 2
    assert SavedSearch.objects.filter(organisation=personas.kenyan_sme.organisation).count() == 2
    assert Suggestion.objects.filter(viewer_firm=personas.kenyan_sme, viewer_opportunity=None).exists()
    assert Suggestion.objects.filter(viewer_opportunity=net.request).exists()
    html = client_for(manager, personas.kenyan_sme.organisation).get("/accounts/").content.decode()
    assert "Suggested partners" in html
    assert "match " in html
    assert "CANARYZQX" not in html
