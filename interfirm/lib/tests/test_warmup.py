"""``lib.warmup.prepare_for_fork`` and the server's master hook: what a worker would do on its first
requests is done before it forks."""

from __future__ import annotations

import gc
import logging

import pytest
from django.db import connections
from django.template import Template, engines
from django.urls import get_resolver

from interfirm.lib import warmup


@pytest.fixture
def unfrozen():
    yield
    gc.unfreeze()  # the objects of the other tests stay collectable


def _cached_templates() -> set[object]:
    loader = engines["django"].engine.template_loaders[0]  # type: ignore[attr-defined]
    cached = loader.get_template_cache.values()  # templates, and the misses of earlier lookups
    return {template.origin.template_name for template in cached if isinstance(template, Template)}


def test_the_project_templates_are_compiled_and_the_urlconf_imported(unfrozen):
    names = warmup._template_names()
    assert "base.html" in names and len(names) > 50
    assert "matching/_dashboard.html" in names  # an app's templates too
    assert not any(n.startswith("admin/") for n in names)  # Django's own are not the project's

    compiled = warmup.prepare_for_fork()

    assert compiled == len(names)
    assert set(names) <= _cached_templates()
    assert "url_patterns" in get_resolver().__dict__  # the cached property is filled
    assert gc.get_freeze_count() > 0


def test_a_template_that_does_not_compile_is_logged_and_skipped(
    unfrozen, monkeypatch, tmp_path, caplog, settings
):
    broken = tmp_path / "broken-for-warmup.html"
    broken.write_text("{% if %}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    names = warmup._template_names()
    assert "broken-for-warmup.html" in names

    with caplog.at_level(logging.ERROR, logger="interfirm.lib.warmup"):
        compiled = warmup.prepare_for_fork()

    assert compiled == len(names) - 1
    assert "broken-for-warmup.html does not compile" in caplog.text


@pytest.mark.django_db
def test_the_server_master_loads_warms_and_prepares_before_forking(unfrozen, personas, monkeypatch):
    from config import gunicorn
    from interfirm.matching import engine_adapter
    from interfirm.matching.models import Suggestion
    from interfirm.matching.tests.factories import make_network

    make_network(personas)
    stored = Suggestion.objects.count()
    warmed = []
    monkeypatch.setattr(engine_adapter, "warm", lambda current: warmed.append(current))
    closed = []  # the hook closes the connections; the test's own transaction must stay open
    monkeypatch.setattr(connections, "close_all", lambda: closed.append(True))

    class Log:
        def __init__(self) -> None:
            self.lines: list[str] = []

        def info(self, message: str, *args: object) -> None:
            self.lines.append(message % args)

        exception = info

    server = type("Server", (), {"log": Log()})()
    gunicorn.when_ready(server)

    assert warmed and len(warmed[0]) > 0
    assert closed  # no connection of the master's is inherited by the workers
    assert any("matching index" in line and "loaded" in line for line in server.log.lines)
    assert any("templates compiled before the workers fork" in line for line in server.log.lines)
    assert Suggestion.objects.count() == stored
