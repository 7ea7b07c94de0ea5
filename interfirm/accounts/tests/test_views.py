"""Pages of accounts: sign-up, confirmation, sign-in, passwords, dashboard, colleagues, tokens."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from interfirm.accounts.models import ApiToken, Invitation, Membership, Role, User
from interfirm.accounts.selectors import SESSION_ORGANISATION_KEY
from interfirm.accounts.tokens import email_confirmation_token
from interfirm.audit.models import AuditEntry
from interfirm.firms.models import Firm
from interfirm.testing import PASSWORD, Personas, add_member, client_for, make_user

NEW_PASSWORD = "mango-pulp-export-2031"


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    cache.clear()


def signup_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "email": "Achieng@Tamu-Organics.example",
        "full_name": "Achieng Odhiambo",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "legal_name": "Tamu Organics Ltd",
        "country": "KEN",
    }
    data.update(overrides)
    return data


def link_in(message: mail.EmailMessage) -> str:
    """Return the path of the single link of this installation in an e-mail body."""
    match = re.search(r"https?://[^/\s]+(/\S+)", str(message.body))
    assert match is not None
    return match.group(1)


# --- Sign-up ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_signup_creates_an_unconfirmed_user_managing_a_new_firm(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:signup"), signup_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:signup_done")
    user = User.objects.get(email="achieng@tamu-organics.example")
    assert user.email_confirmed is False
    assert user.full_name == "Achieng Odhiambo"
    firm = Firm.objects.get(legal_name="Tamu Organics Ltd")
    assert firm.country_id == "KEN"
    membership = Membership.objects.get(user=user)
    assert (membership.organisation_id, membership.role) == (firm.organisation_id, Role.MANAGER)


@pytest.mark.django_db
def test_signup_sends_one_confirmation_email_whose_link_confirms_and_signs_in(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:signup"), signup_data())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["achieng@tamu-organics.example"]
    path = link_in(mail.outbox[0])
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    assert User.objects.get(email="achieng@tamu-organics.example").email_confirmed is True
    assert client.get(reverse("accounts:dashboard")).status_code == 200


@pytest.mark.django_db
def test_opening_the_confirmation_link_does_not_confirm_without_the_button(client: Client) -> None:
    user = make_user("late@example.org", email_confirmed=False)
    client.get(reverse("accounts:confirm_email", kwargs={"token": email_confirmation_token(user)}))
    user.refresh_from_db()
    assert user.email_confirmed is False


@pytest.mark.django_db
def test_signup_with_a_taken_email_names_the_email_field(client: Client, personas: Personas) -> None:
    response = client.post(reverse("accounts:signup"), signup_data(email="WANJIRU@amanifresh.example"))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["email"]
    assert not Firm.objects.filter(legal_name="Tamu Organics Ltd").exists()


@pytest.mark.django_db
def test_signup_with_a_malformed_email_names_the_email_field(client: Client) -> None:
    response = client.post(reverse("accounts:signup"), signup_data(email="not-an-address"))
    assert list(response.context["form"].errors) == ["email"]


@pytest.mark.django_db
def test_signup_with_differing_passwords_names_the_second_password(client: Client) -> None:
    response = client.post(reverse("accounts:signup"), signup_data(password2="something-else-2031"))
    assert list(response.context["form"].errors) == ["password2"]


@pytest.mark.django_db
def test_signup_with_an_unknown_country_names_the_country_field(client: Client) -> None:
    response = client.post(reverse("accounts:signup"), signup_data(country="XXX"))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["country"]


@pytest.mark.django_db
def test_signup_of_a_firm_already_registered_in_the_country_warns_and_saves_nothing(
    client: Client, personas: Personas
) -> None:
    response = client.post(reverse("accounts:signup"), signup_data(legal_name="AMANI FRESH FOODS"))
    assert response.status_code == 200
    assert response.context["form"].has_duplicate_firm is True
    assert "A firm of this name is already registered in Kenya." in response.content.decode()
    assert 'name="register_anyway"' in response.content.decode()
    assert not User.objects.filter(email="achieng@tamu-organics.example").exists()


@pytest.mark.django_db
def test_the_duplicate_warning_reveals_nothing_about_the_existing_firm(
    client: Client, personas: Personas
) -> None:
    response = client.post(reverse("accounts:signup"), signup_data(legal_name="Amani Fresh Foods"))
    body = response.content.decode()
    assert "Nairobi" not in body
    assert "amanifresh" not in body
    assert personas.kenyan_sme.reference not in body


@pytest.mark.django_db
def test_signup_of_a_namesake_firm_goes_through_when_the_box_is_ticked(
    client: Client, personas: Personas
) -> None:
    response = client.post(
        reverse("accounts:signup"), signup_data(legal_name="Amani Fresh Foods", register_anyway="on")
    )
    assert response.status_code == 302
    assert Firm.objects.filter(country_id="KEN", name_key="amani fresh foods").count() == 2


@pytest.mark.django_db
def test_the_same_name_in_another_country_is_no_duplicate(client: Client, personas: Personas) -> None:
    response = client.post(
        reverse("accounts:signup"), signup_data(legal_name="Amani Fresh Foods", country="TZA")
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_an_invalid_confirmation_token_answers_400(client: Client) -> None:
    response = client.get(reverse("accounts:confirm_email", kwargs={"token": "garbage"}))
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


@pytest.mark.django_db
def test_an_expired_confirmation_token_answers_400(client: Client, time_machine: Any) -> None:
    user = make_user("late@example.org", email_confirmed=False)
    time_machine.move_to(timezone.now() - datetime.timedelta(days=4))
    token = email_confirmation_token(user)
    time_machine.move_to(timezone.now() + datetime.timedelta(days=4))
    assert client.post(reverse("accounts:confirm_email", kwargs={"token": token})).status_code == 400
    user.refresh_from_db()
    assert user.email_confirmed is False


@pytest.mark.django_db
def test_a_token_signed_for_another_purpose_is_refused(client: Client) -> None:
    user = make_user("late@example.org", email_confirmed=False)
    token = signing.TimestampSigner(salt="other").sign_object({"u": user.pk, "e": user.email})
    assert client.get(reverse("accounts:confirm_email", kwargs={"token": token})).status_code == 400


@pytest.mark.django_db
def test_resend_confirmation_mails_a_new_link_to_an_unconfirmed_user(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    make_user("late@example.org", email_confirmed=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:resend_confirmation"), {"email": "Late@example.org"})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["late@example.org"]]


@pytest.mark.django_db
def test_resend_confirmation_sends_nothing_for_an_unknown_address_but_answers_the_same(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:resend_confirmation"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


# --- Sign-in ------------------------------------------------------------------------------------


def login(client: Client, email: str, password: str = PASSWORD) -> Any:
    return client.post(reverse("accounts:login"), {"email": email, "password": password})


@pytest.mark.django_db
def test_login_with_the_right_password_signs_in(client: Client, personas: Personas) -> None:
    response = login(client, "Wanjiru@AmaniFresh.example")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    assert client.session["_auth_user_id"] == str(personas.amani_manager.pk)


@pytest.mark.django_db
def test_login_follows_a_local_next_but_not_a_foreign_one(client: Client, personas: Personas) -> None:
    response = client.post(
        reverse("accounts:login") + "?next=https://evil.example/",
        {"email": "wanjiru@amanifresh.example", "password": PASSWORD},
    )
    assert response["Location"] == reverse("accounts:dashboard")


@pytest.mark.django_db
def test_login_with_a_wrong_password_is_refused(client: Client, personas: Personas) -> None:
    response = login(client, "wanjiru@amanifresh.example", "wrong-password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].non_field_errors() == ["The e-mail address or the password is not right."]


@pytest.mark.django_db
def test_login_with_an_unconfirmed_email_is_refused_with_a_resend_link(client: Client) -> None:
    make_user("late@example.org", email_confirmed=False)
    response = login(client, "late@example.org")
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
    assert reverse("accounts:resend_confirmation") + "?email=late%40example.org" in response.content.decode()


@pytest.mark.django_db
def test_login_is_throttled_after_the_limit_of_failures_for_an_email(
    client: Client, personas: Personas, settings: Any
) -> None:
    settings.LOGIN_THROTTLE_FAILURES = 3
    for _ in range(3):
        assert login(client, "wanjiru@amanifresh.example", "wrong").status_code == 200
    response = login(client, "wanjiru@amanifresh.example")  # even the right password
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_is_throttled_after_the_limit_of_failures_from_one_client(
    client: Client, personas: Personas, settings: Any
) -> None:
    settings.LOGIN_THROTTLE_FAILURES = 3
    for n in range(3):
        login(client, f"guess{n}@example.org", "wrong")
    assert login(client, "wanjiru@amanifresh.example").status_code == 429


@pytest.mark.django_db
def test_login_throttling_ends_with_the_window(
    client: Client, personas: Personas, settings: Any, time_machine: Any
) -> None:
    settings.LOGIN_THROTTLE_FAILURES = 2
    time_machine.move_to(timezone.now())
    login(client, "wanjiru@amanifresh.example", "wrong")
    login(client, "wanjiru@amanifresh.example", "wrong")
    time_machine.shift(datetime.timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW_SECONDS + 1))
    assert login(client, "wanjiru@amanifresh.example").status_code == 302


@pytest.mark.django_db
def test_a_successful_login_resets_the_failures_of_the_email(
    client: Client, personas: Personas, settings: Any
) -> None:
    settings.LOGIN_THROTTLE_FAILURES = 3
    login(client, "wanjiru@amanifresh.example", "wrong")
    login(client, "wanjiru@amanifresh.example", "wrong")
    assert login(client, "wanjiru@amanifresh.example").status_code == 302
    other = Client(REMOTE_ADDR="10.0.0.9")
    login(other, "wanjiru@amanifresh.example", "wrong")
    login(other, "wanjiru@amanifresh.example", "wrong")
    assert login(other, "wanjiru@amanifresh.example").status_code == 302


@pytest.mark.django_db
def test_logout_needs_a_post(client: Client, personas: Personas) -> None:
    client.force_login(personas.amani_manager)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


# --- Passwords ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_password_reset_by_email_end_to_end(client: Client, personas: Personas) -> None:
    response = client.post(reverse("accounts:password_reset"), {"email": "Wanjiru@amanifresh.example"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    link = link_in(mail.outbox[0])
    response = client.get(link)
    assert response.status_code == 302  # Django moves the token into the session
    form_url = response["Location"]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == reverse("accounts:password_reset_complete")
    assert login(client, "wanjiru@amanifresh.example", NEW_PASSWORD).status_code == 302


@pytest.mark.django_db
def test_password_reset_is_audited(client: Client, personas: Personas) -> None:
    client.post(reverse("accounts:password_reset"), {"email": "wanjiru@amanifresh.example"})
    form_url = client.get(link_in(mail.outbox[0]))["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert (
        AuditEntry.objects.filter(
            action="user.password_reset", object_id=str(personas.amani_manager.pk)
        ).count()
        == 1
    )


@pytest.mark.django_db
def test_password_reset_for_an_unknown_address_sends_nothing(client: Client) -> None:
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_used_password_reset_link_no_longer_works(client: Client, personas: Personas) -> None:
    client.post(reverse("accounts:password_reset"), {"email": "wanjiru@amanifresh.example"})
    link = link_in(mail.outbox[0])
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    response = Client().get(link, follow=True)
    assert response.context["validlink"] is False


@pytest.mark.django_db
def test_password_change_needs_the_old_password(personas: Personas) -> None:
    client = client_for(personas.amani_manager)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert list(response.context["form"].errors) == ["old_password"]


@pytest.mark.django_db
def test_password_change_sets_the_new_password(personas: Personas) -> None:
    client = client_for(personas.amani_manager)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == reverse("accounts:password_change_done")
    personas.amani_manager.refresh_from_db()
    assert personas.amani_manager.check_password(NEW_PASSWORD) is True


# --- Dashboard and organisations ----------------------------------------------------------------


@pytest.mark.django_db
def test_dashboard_needs_a_signed_in_user(client: Client) -> None:
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_dashboard_shows_the_firm_and_role_the_user_acts_for(personas: Personas) -> None:
    response = client_for(personas.amani_manager).get(reverse("accounts:dashboard"))
    body = response.content.decode()
    assert "You act for Amani Fresh Foods Ltd" in body
    assert "Manager" in body
    assert reverse("accounts:members") in body


@pytest.mark.django_db
def test_dashboard_links_a_firm_to_its_profile(personas: Personas) -> None:
    body = client_for(personas.amani_manager).get(reverse("accounts:dashboard")).content.decode()
    assert f'href="{reverse("firms:mine")}"' in body
    assert f'href="{reverse("firms:edit")}"' in body


@pytest.mark.django_db
def test_dashboard_links_an_intermediary_to_its_portfolio_and_directory_entry(personas: Personas) -> None:
    body = client_for(personas.chamber_staff).get(reverse("accounts:dashboard")).content.decode()
    assert f'href="{reverse("firms:portfolio")}"' in body
    assert f'href="{reverse("firms:register")}"' in body
    assert f'href="{reverse("intermediaries:edit")}"' in body


@pytest.mark.django_db
def test_dashboard_offers_the_directory_entry_only_to_the_manager_who_may_edit_it(personas: Personas) -> None:
    member = make_user("clerk@kenyachamber.example")
    add_member(member, personas.chamber.organisation, Role.MEMBER)
    client = client_for(member, personas.chamber.organisation)
    body = client.get(reverse("accounts:dashboard")).content.decode()
    assert f'href="{reverse("intermediaries:edit")}"' not in body
    assert f'href="{reverse("firms:portfolio")}"' in body
    assert client.get(reverse("intermediaries:edit")).status_code == 404


@pytest.mark.django_db
def test_dashboard_links_an_operator_to_the_admin(personas: Personas) -> None:
    body = client_for(personas.operator_user).get(reverse("accounts:dashboard")).content.decode()
    assert f'href="{reverse("admin:index")}"' in body
    assert f'href="{reverse("admin:audit_auditentry_changelist")}"' in body


@pytest.mark.django_db
def test_dashboard_shows_an_analyst_the_public_figures(personas: Personas) -> None:
    response = client_for(personas.analyst_user).get(reverse("accounts:dashboard"))
    assert response.context["firm_counts"] == {"firms": 2, "countries": 2}
    assert "The exchange in figures" in response.content.decode()
    assert reverse("admin:index") not in response.content.decode()


@pytest.mark.django_db
def test_dashboard_of_a_user_without_organisation_explains_what_to_do() -> None:
    response = client_for(make_user("loner@example.org")).get(reverse("accounts:dashboard"))
    assert response.status_code == 200
    assert "You do not belong to an organisation yet" in response.content.decode()


@pytest.mark.django_db
def test_switching_to_one_of_ones_organisations_changes_the_organisation_acted_for(
    personas: Personas,
) -> None:
    add_member(personas.chamber_staff, personas.kenyan_sme.organisation, Role.MEMBER)
    client = client_for(personas.chamber_staff)
    response = client.post(
        reverse("accounts:switch_organisation"), {"organisation": personas.kenyan_sme.organisation_id}
    )
    assert response.status_code == 302
    assert client.session[SESSION_ORGANISATION_KEY] == personas.kenyan_sme.organisation_id
    assert (
        client.get(reverse("accounts:dashboard")).context["organisation"] == personas.kenyan_sme.organisation
    )


@pytest.mark.django_db
def test_switching_to_a_foreign_organisation_answers_404(personas: Personas) -> None:
    client = client_for(personas.chamber_staff)
    response = client.post(
        reverse("accounts:switch_organisation"),
        {"organisation": personas.german_manufacturer.organisation_id},
    )
    assert response.status_code == 404
    assert SESSION_ORGANISATION_KEY not in client.session


@pytest.mark.django_db
def test_switching_without_an_organisation_answers_400(personas: Personas) -> None:
    response = client_for(personas.chamber_staff).post(
        reverse("accounts:switch_organisation"), {"organisation": "x"}
    )
    assert response.status_code == 400


# --- Colleagues and invitations -----------------------------------------------------------------


def invite(client: Client, email: str, role: str = Role.MEMBER) -> Any:
    return client.post(reverse("accounts:invite"), {"email": email, "role": role})


@pytest.mark.django_db
def test_a_manager_sees_the_members_and_open_invitations(personas: Personas) -> None:
    client = client_for(personas.amani_manager)
    invite(client, "colleague@amanifresh.example")
    response = client.get(reverse("accounts:members"))
    assert [m.user for m, _form in response.context["rows"]] == [personas.amani_manager]
    assert [i.email for i in response.context["invitations"]] == ["colleague@amanifresh.example"]


@pytest.mark.django_db
def test_a_manager_invites_a_colleague_by_email(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(personas.amani_manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, "Colleague@AmaniFresh.example")
    assert response["Location"] == reverse("accounts:members")
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.organisation) == (
        "colleague@amanifresh.example",
        Role.MEMBER,
        personas.kenyan_sme.organisation,
    )
    assert [m.to for m in mail.outbox] == [["colleague@amanifresh.example"]]
    token = link_in(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    assert token not in invitation.token_hash
    assert len(invitation.token_hash) == 64


@pytest.mark.django_db
def test_the_invitation_offers_only_the_roles_of_the_organisation_kind(personas: Personas) -> None:
    response = invite(client_for(personas.amani_manager), "colleague@amanifresh.example", Role.OPERATOR)
    assert list(response.context["form"].errors) == ["role"]
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_inviting_an_existing_member_names_the_email_field(personas: Personas) -> None:
    response = invite(client_for(personas.amani_manager), "wanjiru@amanifresh.example")
    assert list(response.context["form"].errors) == ["email"]


@pytest.mark.django_db
def test_a_member_who_is_not_a_manager_cannot_invite(personas: Personas) -> None:
    clerk = make_user("clerk@amanifresh.example")
    add_member(clerk, personas.kenyan_sme.organisation, Role.MEMBER)
    client = client_for(clerk)
    assert client.get(reverse("accounts:invite")).status_code == 404
    assert invite(client, "someone@example.org").status_code == 404
    assert client.get(reverse("accounts:members")).status_code == 404


def _invited(personas: Personas, email: str, capture: Any, role: str = Role.MEMBER) -> str:
    """Invite ``email`` to Amani Fresh Foods and return the path of the link in the e-mail."""
    with capture(execute=True):
        invite(client_for(personas.amani_manager), email, role)
    return link_in(mail.outbox[-1])


@pytest.mark.django_db
def test_a_new_person_accepts_an_invitation_with_a_name_and_password(
    client: Client, personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    path = _invited(personas, "new@amanifresh.example", django_capture_on_commit_callbacks)
    response = client.post(
        path, {"full_name": "Baraka Mwangi", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response["Location"] == reverse("accounts:dashboard")
    user = User.objects.get(email="new@amanifresh.example")
    assert (user.full_name, user.email_confirmed) == ("Baraka Mwangi", True)
    assert Membership.objects.get(user=user).organisation == personas.kenyan_sme.organisation
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_an_existing_user_is_asked_to_sign_in_to_accept(
    client: Client, personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    path = _invited(personas, "k.vogel@rheinwerk.example", django_capture_on_commit_callbacks)
    response = client.get(path)
    assert response.context["sign_in_url"] == reverse("accounts:login") + "?next=" + path
    assert "form" not in response.context


@pytest.mark.django_db
def test_an_existing_user_signed_in_accepts_and_acts_for_the_organisation(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    path = _invited(personas, "k.vogel@rheinwerk.example", django_capture_on_commit_callbacks, Role.MANAGER)
    client = client_for(personas.rheinwerk_manager)
    response = client.post(path)
    assert response["Location"] == reverse("accounts:dashboard")
    membership = Membership.objects.get(
        user=personas.rheinwerk_manager, organisation=personas.kenyan_sme.organisation
    )
    assert membership.role == Role.MANAGER
    assert client.session[SESSION_ORGANISATION_KEY] == personas.kenyan_sme.organisation_id
    assert Invitation.objects.get().accepted_by == personas.rheinwerk_manager


@pytest.mark.django_db
def test_a_user_signed_in_with_another_address_cannot_accept(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    path = _invited(personas, "k.vogel@rheinwerk.example", django_capture_on_commit_callbacks)
    response = client_for(personas.chamber_staff).post(path)
    assert response.status_code == 403
    assert not Membership.objects.filter(
        user=personas.chamber_staff, organisation=personas.kenyan_sme.organisation
    ).exists()


@pytest.mark.django_db
def test_an_expired_invitation_is_refused(
    client: Client, personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    path = _invited(personas, "new@amanifresh.example", django_capture_on_commit_callbacks)
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.post(
        path, {"full_name": "Baraka Mwangi", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 410
    assert not User.objects.filter(email="new@amanifresh.example").exists()


@pytest.mark.django_db
def test_an_invitation_cannot_be_accepted_twice(
    client: Client, personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    path = _invited(personas, "new@amanifresh.example", django_capture_on_commit_callbacks)
    client.post(path, {"full_name": "Baraka Mwangi", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert Client().get(path).status_code == 410


@pytest.mark.django_db
def test_an_unknown_invitation_token_answers_404(client: Client) -> None:
    assert client.get(reverse("accounts:invitation_accept", kwargs={"token": "nope"})).status_code == 404


@pytest.mark.django_db
def test_a_revoked_invitation_is_refused(
    client: Client, personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    path = _invited(personas, "new@amanifresh.example", django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    response = client_for(personas.amani_manager).post(
        reverse("accounts:invitation_revoke", kwargs={"pk": invitation.pk})
    )
    assert response.status_code == 302
    assert client.get(path).status_code == 410


@pytest.mark.django_db
def test_a_manager_cannot_revoke_another_organisations_invitation(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    _invited(personas, "new@amanifresh.example", django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    response = client_for(personas.rheinwerk_manager).post(
        reverse("accounts:invitation_revoke", kwargs={"pk": invitation.pk})
    )
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_manager_changes_a_members_role(personas: Personas) -> None:
    clerk = make_user("clerk@amanifresh.example")
    membership = add_member(clerk, personas.kenyan_sme.organisation, Role.MEMBER)
    response = client_for(personas.amani_manager).post(
        reverse("accounts:member_role", kwargs={"pk": membership.pk}),
        {f"m{membership.pk}-role": Role.MANAGER},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.MANAGER


@pytest.mark.django_db
def test_the_last_manager_cannot_step_down(personas: Personas) -> None:
    membership = Membership.objects.get(user=personas.amani_manager)
    client_for(personas.amani_manager).post(
        reverse("accounts:member_role", kwargs={"pk": membership.pk}), {f"m{membership.pk}-role": Role.MEMBER}
    )
    membership.refresh_from_db()
    assert membership.role == Role.MANAGER


@pytest.mark.django_db
def test_the_last_manager_cannot_be_removed(personas: Personas) -> None:
    membership = Membership.objects.get(user=personas.amani_manager)
    client_for(personas.amani_manager).post(reverse("accounts:member_remove", kwargs={"pk": membership.pk}))
    assert Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.django_db
def test_a_manager_removes_a_member(personas: Personas) -> None:
    clerk = make_user("clerk@amanifresh.example")
    membership = add_member(clerk, personas.kenyan_sme.organisation, Role.MEMBER)
    client_for(personas.amani_manager).post(reverse("accounts:member_remove", kwargs={"pk": membership.pk}))
    assert not Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.django_db
def test_a_manager_cannot_remove_a_member_of_another_organisation(personas: Personas) -> None:
    membership = Membership.objects.get(user=personas.rheinwerk_manager)
    response = client_for(personas.amani_manager).post(
        reverse("accounts:member_remove", kwargs={"pk": membership.pk})
    )
    assert response.status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


# --- API tokens ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_token_is_shown_once_and_only_its_hash_is_kept(personas: Personas) -> None:
    client = client_for(personas.amani_manager)
    response = client.post(reverse("accounts:tokens"), {"name": "ERP export"})
    secret = response.context["new_secret"]
    token = ApiToken.objects.get()
    assert (token.name, token.user, token.organisation) == (
        "ERP export",
        personas.amani_manager,
        personas.kenyan_sme.organisation,
    )
    assert secret in response.content.decode()
    assert secret not in client.get(reverse("accounts:tokens")).content.decode()
    assert token.key_hash != secret
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_a_token_without_a_name_names_the_field(personas: Personas) -> None:
    response = client_for(personas.amani_manager).post(reverse("accounts:tokens"), {"name": ""})
    assert list(response.context["form"].errors) == ["name"]
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_a_user_revokes_their_token(personas: Personas) -> None:
    client = client_for(personas.amani_manager)
    client.post(reverse("accounts:tokens"), {"name": "ERP export"})
    token = ApiToken.objects.get()
    assert client.post(reverse("accounts:token_revoke", kwargs={"pk": token.pk})).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.django_db
def test_a_user_cannot_revoke_someone_elses_token(personas: Personas) -> None:
    client_for(personas.amani_manager).post(reverse("accounts:tokens"), {"name": "ERP export"})
    token = ApiToken.objects.get()
    response = client_for(personas.rheinwerk_manager).post(
        reverse("accounts:token_revoke", kwargs={"pk": token.pk})
    )
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_user_without_organisation_cannot_create_a_token() -> None:
    client = client_for(make_user("loner@example.org"))
    response = client.post(reverse("accounts:tokens"), {"name": "ERP export"})
    assert response.status_code == 200
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    ["signup", "signup_done", "login", "resend_confirmation", "password_reset", "password_reset_done"],
)
def test_the_public_account_pages_open(client: Client, name: str) -> None:
    assert client.get(reverse(f"accounts:{name}")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["dashboard", "members", "invite", "tokens", "password_change"])
def test_the_pages_of_a_manager_open(personas: Personas, name: str) -> None:
    assert client_for(personas.amani_manager).get(reverse(f"accounts:{name}")).status_code == 200
