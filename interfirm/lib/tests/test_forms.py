"""The shared form fields: a value no key can hold is an unknown choice, never a database error."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django import forms

import interfirm
from interfirm.intermediaries.models import Network
from interfirm.lib.forms import ModelMultipleChoiceField


@pytest.fixture
def network(db):
    return Network.objects.create(code="test-network", name="Test network")


@pytest.mark.parametrize("value", ["99999999999999999999999", "-99999999999999999999999", " 1" + "0" * 30])
def test_a_key_no_integer_holds_is_an_unknown_choice(network, value):
    field = ModelMultipleChoiceField(queryset=Network.objects.all())
    with pytest.raises(forms.ValidationError) as raised:
        field.clean([str(network.pk), value])
    assert raised.value.code == "invalid_choice"
    assert value in raised.value.messages[0]


def test_known_and_malformed_keys_are_answered_as_before(network):
    field = ModelMultipleChoiceField(queryset=Network.objects.all())
    assert list(field.clean([str(network.pk)])) == [network]
    with pytest.raises(forms.ValidationError) as raised:
        field.clean(["abc"])
    assert raised.value.code == "invalid_pk_value"
    with pytest.raises(forms.ValidationError) as raised:
        field.clean([str(network.pk + 1)])
    assert raised.value.code == "invalid_choice"


def _form_classes() -> list[type[forms.BaseForm]]:
    for module in pkgutil.iter_modules(interfirm.__path__):
        try:
            importlib.import_module(f"interfirm.{module.name}.forms")
        except ModuleNotFoundError:
            continue
    found: list[type[forms.BaseForm]] = []
    stack: list[type] = [forms.BaseForm]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("interfirm."):
            found.append(cls)
    return found


def test_every_multiple_choice_of_the_apps_forms_is_the_shared_field():
    classes = _form_classes()
    assert len(classes) > 20
    plain = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in classes
        for name, field in getattr(cls, "base_fields", {}).items()
        if isinstance(field, forms.ModelMultipleChoiceField)
        and not isinstance(field, ModelMultipleChoiceField)
    ]
    assert plain == []


def test_every_many_to_many_of_the_admin_is_the_shared_field(db):
    from django.contrib import admin
    from django.test import RequestFactory

    from interfirm.accounts.models import User

    request = RequestFactory().get("/admin/")
    request.user = User.objects.create_superuser("root@interfirm.example", "x" * 20)
    many = plain = 0
    for model, model_admin in admin.site._registry.items():
        for name, field in model_admin.get_form(request).base_fields.items():
            if isinstance(field, forms.ModelMultipleChoiceField):
                many += 1
                if not isinstance(field, ModelMultipleChoiceField):
                    plain += 1
                    print(model.__name__, name)
    assert many > 5
    assert plain == 0


def test_an_admin_form_answers_a_key_no_integer_holds_with_its_message(db, client):
    from django.contrib.auth.models import Group

    from interfirm.accounts.models import User

    User.objects.create_superuser("root@interfirm.example", "x" * 20)
    client.login(email="root@interfirm.example", password="x" * 20)
    response = client.post(
        "/admin/auth/group/add/", {"name": "Reviewers", "permissions": ["99999999999999999999999"]}
    )
    assert response.status_code == 200
    assert "99999999999999999999999 is not one of the available choices" in response.content.decode()
    assert not Group.objects.exists()
