"""The anonymity canary: unique strings planted in every confidential field of two firms; every page,
API answer, search result, export, e-mail and SMS a non-party can reach is rendered and searched.
Zero hits before acceptance; after acceptance, hits only for the accepted counterpart.

The pages and API paths are not listed by hand: every URL pattern of the site and every GET operation
of the API is tried with every object reference the scenario created, so a new page is covered the
day it is added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from config.api import api
from interfirm.accounts.models import Role
from interfirm.firms.models import ContactPerson, Firm
from interfirm.introductions.models import ExpressionOfInterest
from interfirm.introductions.services import eoi_accept, eoi_message_send, eoi_submit
from interfirm.notifications.models import Notification, SmsMessage
from interfirm.testing import (
    add_member,
    client_for,
    make_firm,
    make_intermediary,
    make_opportunity,
    make_user,
)

OWNER = {
    "legal_name": "Ownerqz Canary Holdings Ltd",
    "trade_name": "Ownerqztrade",
    "city": "Ownerqzcity",
    "address": "Ownerqz Road 7",
    "website": "https://ownerqzweb.example",
    "email": "desk@ownerqzmail.example",
    "phone": "+254 700 918273",
    "description": "Ownerqzdescription narrative",
    "needs": "Ownerqzneeds narrative",
}
OWNER_CONTACT = {
    "name": "Ownerqz Contactperson",
    "position": "Ownerqzposition",
    "email": "person@ownerqzmail.example",
    "phone": "+254 733 564738",
}
OWNER_USER = ("manager@ownerqzmail.example", "Ownerqz Managerperson")

SEEKER = {
    "legal_name": "Seekerqz Canary GmbH",
    "trade_name": "Seekerqztrade",
    "city": "Seekerqzcity",
    "address": "Seekerqzstrasse 9",
    "website": "https://seekerqzweb.example",
    "email": "desk@seekerqzmail.example",
    "phone": "+49 30 55512340",
    "description": "Seekerqzdescription narrative",
    "needs": "Seekerqzneeds narrative",
}
SEEKER_CONTACT = {
    "name": "Seekerqz Contactperson",
    "position": "Seekerqzposition",
    "email": "person@seekerqzmail.example",
    "phone": "+49 30 55598760",
}
SEEKER_USER = ("manager@seekerqzmail.example", "Seekerqz Managerperson")


def _canaries(fields: dict[str, str], contact: dict[str, str], user: tuple[str, str]) -> list[str]:
    values = [v for k, v in fields.items() if k != "website"] + list(contact.values()) + list(user)
    values.append(fields["website"].split("//", 1)[1])
    return [re.sub(r"^\+\d+ ", "", v) if v.startswith("+") else v for v in values]


OWNER_CANARIES = _canaries(OWNER, OWNER_CONTACT, OWNER_USER)
SEEKER_CANARIES = _canaries(SEEKER, SEEKER_CONTACT, SEEKER_USER)


def hits(text: str, canaries: list[str]) -> list[str]:
    lowered = text.lower()
    return [c for c in canaries if c.lower() in lowered]


def _firm(fields: dict[str, str], contact: dict[str, str], user: tuple[str, str], country: str) -> Firm:
    manager = make_user(user[0], full_name=user[1])
    data: dict[str, Any] = dict(fields)
    firm = make_firm(data.pop("legal_name"), country=country, manager=manager, **data)
    ContactPerson.objects.create(firm=firm, is_primary=True, **contact)
    return firm


@dataclass
class Scenario:
    owner: Firm
    seeker: Firm
    owner_user: Any
    seeker_user: Any
    opportunity: Any
    eoi: ExpressionOfInterest
    stranger_user: Any
    stranger_firm: Firm
    other_intermediary_user: Any


@pytest.fixture
def scenario(db) -> Scenario:
    owner = _firm(OWNER, OWNER_CONTACT, OWNER_USER, "KEN")
    seeker = _firm(SEEKER, SEEKER_CONTACT, SEEKER_USER, "DEU")
    owner_user = owner.organisation.memberships.get().user
    seeker_user = seeker.organisation.memberships.get().user
    opportunity = make_opportunity(owner, title="Solar drying technology for fruit", kind="offer")
    eoi = eoi_submit(
        actor=seeker_user,
        acting_for=seeker.organisation,
        firm=seeker,
        opportunity=opportunity,
        message="We build drying lines and would license the technology for Europe.",
        idempotency_key="canary-1",
    )
    eoi_message_send(
        actor=owner_user, acting_for=owner.organisation, eoi=eoi, body="What capacity do you need?"
    )
    eoi_message_send(
        actor=seeker_user, acting_for=seeker.organisation, eoi=eoi, body="About two tonnes a day."
    )
    stranger_user = make_user("stranger@thirdfirm.example")
    stranger_firm = make_firm("Third Firm Ltd", country="GHA", manager=stranger_user)
    other_staff = make_user("staff@otherchamber.example")
    other = make_intermediary("Other Chamber", country="GHA")
    add_member(other_staff, other.organisation, Role.MANAGER)
    return Scenario(
        owner, seeker, owner_user, seeker_user, opportunity, eoi, stranger_user, stranger_firm, other_staff
    )


# --- every page and API path, filled with every reference the scenario made ---------------------


def _routes(patterns: list[Any], prefix: str = "", namespace: str = "") -> list[str]:
    routes: list[str] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            if ns in {"admin", "api"}:
                continue
            routes += _routes(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            routes.append(prefix + str(pattern.pattern))
    return routes


def _api_paths() -> list[str]:
    paths = []
    for bound in api._get_bound_routers():
        for path, path_view in bound.path_operations.items():
            if any("GET" in op.methods for op in path_view.operations):
                paths.append("api/" + (bound.prefix + path).lstrip("/"))
    return paths


PARAM = re.compile(r"<(?:(\w+):)?(\w+)>|\{(\w+)\}")


def _values(s: Scenario) -> dict[str, list[str]]:
    refs = [s.owner.reference, s.seeker.reference, s.opportunity.reference, s.stranger_firm.reference]
    pks = [str(s.eoi.pk), str(s.owner.pk), str(s.seeker.pk), str(s.opportunity.pk)]
    pks += [str(pk) for pk in Notification.objects.values_list("pk", flat=True)]
    pks += [str(pk) for pk in ContactPerson.objects.values_list("pk", flat=True)]
    return {"reference": refs, "pk": pks, "id": pks}


def _concrete(route: str, values: dict[str, list[str]]) -> list[str]:
    names = [m.group(2) or m.group(3) for m in PARAM.finditer(route)]
    if not names:
        return ["/" + route]
    paths = []
    for name in set(names):
        candidates = values.get(name) or values.get("pk" if name.endswith("id") else "reference", [])
        for value in candidates:

            def fill(match: re.Match[str], value: str = value, name: str = name) -> str:
                return value if (match.group(2) or match.group(3)) == name else "x"

            paths.append("/" + PARAM.sub(fill, route))
    return paths


def _every_reachable_text(client: Client, s: Scenario) -> dict[str, str]:
    values = _values(s)
    seen: dict[str, str] = {}
    for route in _routes(get_resolver().url_patterns) + _api_paths():
        if "logout" in route or ("token" in route and "confirm" in route):
            continue
        for path in _concrete(route, values):
            response = client.get(path)
            if response.status_code == 200 and not response.streaming:
                seen[path] = response.content.decode("utf-8", "replace")
    return seen


def _leaks(client: Client, s: Scenario, canaries: list[str]) -> dict[str, list[str]]:
    return {
        path: found
        for path, text in _every_reachable_text(client, s).items()
        if (found := hits(text, canaries))
    }


def test_the_scenario_reaches_many_pages(scenario):
    assert len(_every_reachable_text(Client(), scenario)) > 15


def test_an_anonymous_visitor_sees_no_identity_anywhere(scenario):
    assert _leaks(Client(), scenario, OWNER_CANARIES + SEEKER_CANARIES) == {}


def test_a_third_firm_sees_no_identity_anywhere(scenario):
    client = client_for(scenario.stranger_user, scenario.stranger_firm.organisation)
    assert _leaks(client, scenario, OWNER_CANARIES + SEEKER_CANARIES) == {}


def test_an_unrelated_intermediary_sees_no_identity_anywhere(scenario):
    assert (
        _leaks(client_for(scenario.other_intermediary_user), scenario, OWNER_CANARIES + SEEKER_CANARIES) == {}
    )


def test_before_acceptance_neither_side_sees_the_other(scenario):
    owner_client = client_for(scenario.owner_user, scenario.owner.organisation)
    seeker_client = client_for(scenario.seeker_user, scenario.seeker.organisation)
    assert _leaks(owner_client, scenario, SEEKER_CANARIES) == {}
    assert _leaks(seeker_client, scenario, OWNER_CANARIES) == {}


def test_before_acceptance_no_email_or_sms_carries_the_other_sides_identity(scenario):
    for message in mail.outbox:
        text = f"{message.subject} {message.body}"
        if set(message.to) & {OWNER_USER[0]}:
            assert hits(text, SEEKER_CANARIES) == []
        elif set(message.to) & {SEEKER_USER[0]}:
            assert hits(text, OWNER_CANARIES) == []
        else:
            assert hits(text, OWNER_CANARIES + SEEKER_CANARIES) == []
    for sms in SmsMessage.objects.all():
        assert hits(sms.body, OWNER_CANARIES + SEEKER_CANARIES) == []
    for notification in Notification.objects.select_related("recipient"):
        other = SEEKER_CANARIES if notification.recipient_id == scenario.owner_user.pk else OWNER_CANARIES
        assert hits(notification.subject + notification.body, other) == []


def test_after_acceptance_the_counterparts_see_each_other(scenario):
    eoi_accept(actor=scenario.owner_user, acting_for=scenario.owner.organisation, eoi=scenario.eoi)
    seeker_view = client_for(scenario.seeker_user, scenario.seeker.organisation).get(
        f"/introductions/{scenario.eoi.pk}/"
    )
    owner_view = client_for(scenario.owner_user, scenario.owner.organisation).get(
        f"/introductions/{scenario.eoi.pk}/"
    )
    assert OWNER["legal_name"] in seeker_view.content.decode()
    assert OWNER_CONTACT["email"] in seeker_view.content.decode()
    assert SEEKER["legal_name"] in owner_view.content.decode()
    assert SEEKER_CONTACT["email"] in owner_view.content.decode()


def test_after_acceptance_everyone_else_still_sees_nothing(scenario):
    eoi_accept(actor=scenario.owner_user, acting_for=scenario.owner.organisation, eoi=scenario.eoi)
    assert _leaks(Client(), scenario, OWNER_CANARIES + SEEKER_CANARIES) == {}
    client = client_for(scenario.stranger_user, scenario.stranger_firm.organisation)
    assert _leaks(client, scenario, OWNER_CANARIES + SEEKER_CANARIES) == {}
