"""The demo network: content, idempotence, reset, and a login for each role.

The demo is loaded once for the package (``conftest.demo``) inside a transaction that is rolled back at
the end; each test runs in its own savepoint on top of it.
"""

from __future__ import annotations

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client

from interfirm.accounts.models import Membership, Organisation, Role, User
from interfirm.demo.data.cases import CASE_FIRMS
from interfirm.demo.generator import BASE_DATE, DEMO_DOMAIN, DEVELOPED
from interfirm.demo.models import DemoObject
from interfirm.demo.services import (
    DEMO_PASSWORD,
    DemoError,
    demo_delete,
    demo_exchange_fingerprint,
    demo_fingerprint,
    demo_load,
    demo_logins,
)
from interfirm.firms.models import ContactPerson, Firm, Representation
from interfirm.geo.models import Country
from interfirm.intermediaries.models import Intermediary
from interfirm.introductions.models import ExpressionOfInterest, Message
from interfirm.notifications.models import Notification
from interfirm.opportunities.models import Opportunity, Review


def _counts() -> dict[str, int]:
    return {
        "opportunities": Opportunity.objects.count(),
        "reviews": Review.objects.count(),
        "interests": ExpressionOfInterest.objects.count(),
        "messages": Message.objects.count(),
        "notifications": Notification.objects.count(),
        "organisations": Organisation.objects.count(),
        "firms": Firm.objects.count(),
        "intermediaries": Intermediary.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "contacts": ContactPerson.objects.count(),
        "representations": Representation.objects.count(),
        "registry": DemoObject.objects.count(),
    }


def _demo_intermediary_countries() -> list[Country]:
    return list(Country.objects.filter(intermediaries__slug__endswith="-demo").distinct())


def test_it_loads_at_least_twelve_intermediaries_in_ten_countries(demo, db):
    assert demo.intermediaries == 19
    assert Intermediary.objects.filter(slug__endswith="-demo").count() == 19
    assert len(_demo_intermediary_countries()) >= 10


def test_the_intermediaries_cover_all_five_regions(demo, db):
    regions = {country.region for country in _demo_intermediary_countries()}
    assert regions == {"Africa", "Americas", "Asia", "Europe", "Oceania"}


def test_the_intermediary_countries_include_an_ldc_and_a_transition_economy(demo, db):
    countries = _demo_intermediary_countries()
    assert {c.iso3 for c in countries if c.in_group("LDC", on=BASE_DATE)} >= {"ETH", "KHM"}
    assert {c.iso3 for c in countries if c.economy_group == "transition"} == {"UZB"}


def test_it_loads_three_hundred_firms_of_all_four_size_classes(demo, db):
    assert demo.firms == 300
    assert Firm.objects.count() == 300
    assert set(Firm.objects.values_list("size_class", flat=True)) == {"micro", "small", "medium", "large"}
    assert Firm.objects.values("country").distinct().count() >= 40


def test_the_report_case_firms_exist(demo, db):
    enzymes = Firm.objects.get(legal_name="Bangalore Enzymes Private Limited (demo)")
    assert (enzymes.country_id, enzymes.city, enzymes.size_class) == ("IND", "Bengaluru", "medium")
    assert "papain" in enzymes.description
    assert Firm.objects.get(legal_name="Cork Biochemicals Limited (demo)").country_id == "IRL"
    names = set(Firm.objects.values_list("legal_name", flat=True))
    assert {case.legal_name for case in CASE_FIRMS} <= names


def test_the_indian_partners_of_the_telecom_multinational_differ_in_size(demo, db):
    keys = ("case-mumbai-consolidated", "case-bengaluru-infotech", "case-deccan-digital", "case-pune-signal")
    names = [case.legal_name for case in CASE_FIRMS if case.key in keys]
    sizes = set(Firm.objects.filter(legal_name__in=names).values_list("size_class", flat=True))
    assert sizes == {"large", "medium", "small"}


def test_about_a_third_of_developing_country_smes_are_registered_by_an_intermediary(demo, db):
    smes = Firm.objects.exclude(country__in=DEVELOPED).exclude(size_class="large")
    represented = smes.filter(representations__isnull=False)
    assert 0.25 <= represented.count() / smes.count() <= 0.45
    assert not Membership.objects.filter(organisation__firm__in=represented).exists()
    consent = Representation.objects.get(firm__legal_name="Damietta Furniture Workshop (demo)")
    assert (consent.intermediary.slug, consent.consent_method, consent.consent_given_by) == (
        "nile-sme-agency-demo",
        "in_person",
        "Mahmoud Gaber, owner",
    )


def test_the_nairobi_chamber_has_a_portfolio(demo, db):
    chamber = Intermediary.objects.get(slug="nairobi-chamber-demo")
    assert chamber.representations.count() > 0


def test_every_demo_user_is_confirmed_and_under_the_demo_domain(demo, db):
    # object_id is text (the registry holds several models); compare ids of registered users only.
    registered = DemoObject.objects.filter(content_type=ContentType.objects.get_for_model(User))
    users = User.objects.filter(pk__in=[int(pk) for pk in registered.values_list("object_id", flat=True)])
    assert users.count() == demo.users
    assert all(user.email.endswith("@" + DEMO_DOMAIN) and user.email_confirmed for user in users)
    assert not users.filter(is_superuser=True).exists()


@pytest.mark.parametrize(
    ("email", "kind", "role"),
    [
        (f"firm.manager@{DEMO_DOMAIN}", "firm", Role.MANAGER),
        (f"firm.member@{DEMO_DOMAIN}", "firm", Role.MEMBER),
        (f"intermediary.manager@{DEMO_DOMAIN}", "intermediary", Role.MANAGER),
        (f"intermediary.member@{DEMO_DOMAIN}", "intermediary", Role.MEMBER),
        (f"operator@{DEMO_DOMAIN}", "operator", Role.OPERATOR),
        (f"analyst@{DEMO_DOMAIN}", "public_authority", Role.ANALYST),
    ],
)
def test_each_role_can_log_in_with_the_demo_password(demo, db, email, kind, role):
    assert Client().login(email=email, password=DEMO_PASSWORD)
    membership = Membership.objects.get(user__email=email)
    assert (membership.organisation.kind, membership.role) == (kind, role)


def test_the_printed_logins_are_the_ones_that_exist(demo, db):
    emails = [login.email for login in demo_logins()]
    assert User.objects.filter(email__in=emails).count() == 6


def test_the_operator_can_use_the_admin_through_the_role_alone(demo, db):
    operator = User.objects.get(email=f"operator@{DEMO_DOMAIN}")
    assert (operator.is_staff, operator.is_superuser) == (False, False)
    client = Client()
    client.force_login(operator)
    assert client.get("/admin/firms/firm/").status_code == 200


def test_loading_again_leaves_the_same_data(demo, db):
    before = _counts()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert _counts() == before
    assert "already loaded" in out.getvalue()


def test_if_empty_does_nothing_but_prints_the_logins(demo, db):
    before = _counts()
    out = io.StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert _counts() == before
    assert f"firm.manager@{DEMO_DOMAIN}" in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()


def test_reset_loads_identical_data_again_and_prints_the_counts(demo, db):
    before_counts = _counts()
    before = demo_fingerprint()
    exchange = demo_exchange_fingerprint()
    references = sorted(Firm.objects.values_list("reference", flat=True))
    out = io.StringIO()
    call_command("load_demo", "--reset", stdout=out)
    assert demo_fingerprint() == before
    assert demo_exchange_fingerprint() == exchange
    assert sorted(Firm.objects.values_list("reference", flat=True)) == references
    assert _counts() == before_counts
    # The summary it prints counts the opportunities and expressions by status.
    assert "300 firms (78 registered by an intermediary), 263 users, 400 opportunities" in out.getvalue()
    assert f"  Opportunities by status: {_by_status(demo.opportunities)}\n" in out.getvalue()
    assert f"  Expressions of interest by status: {_by_status(demo.interests)}\n" in out.getvalue()


def _by_status(counts: dict[str, int]) -> str:
    return ", ".join(f"{status} {n}" for status, n in sorted(counts.items(), key=lambda i: (-i[1], i[0])))


def test_reset_deletes_only_demo_data(demo, personas):
    demo_delete()
    assert list(Firm.objects.values_list("legal_name", flat=True).order_by("legal_name")) == [
        "Amani Fresh Foods Ltd",
        "Rheinwerk Maschinenbau GmbH",
    ]
    assert list(Intermediary.objects.values_list("slug", flat=True)) == ["kenya-chamber"]
    assert DemoObject.objects.count() == 0


def test_it_refuses_to_load_over_a_real_user_with_a_demo_address(demo, db):
    demo_delete()
    User.objects.create_user(f"firm.manager@{DEMO_DOMAIN}", "x-real-password")
    with pytest.raises(DemoError, match=r"firm\.manager@"):
        demo_load()
