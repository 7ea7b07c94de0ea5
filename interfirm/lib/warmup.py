"""Prepare a server process before it forks its workers (gunicorn's master, ``config/gunicorn.py``).

Django does much of its work on the first request a process serves: it imports the URLconf, and with
it every view module and the API (about a second here), reads each language's catalogue and compiles
each template when it is first rendered. In a forking server each worker would pay that on its
first requests, all of them at once after a start or a restart, while users wait. Done once in the
master, the workers inherit the result.

Then the objects made so far (the application, and the matching index when loaded first) are moved
out of the garbage collector's sight with ``gc.freeze()``: a full collection in a worker would
otherwise walk them all (hundreds of milliseconds with a large index, a pause for every request in
flight) and touch their memory, which the workers then stop sharing with the master.
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation

logger = logging.getLogger(__name__)


def _template_names() -> list[str]:
    """Return the names of the project's own templates (its ``templates/`` folder and its apps')."""
    templates: list[dict[str, Any]] = settings.TEMPLATES
    roots = [Path(d) for t in templates for d in t.get("DIRS", ())]
    for config in apps.get_app_configs():
        folder = Path(config.path) / "templates"
        if config.name.startswith("interfirm.") and folder.is_dir():
            roots.append(folder)
    names: set[str] = set()
    for root in roots:
        names.update(str(p.relative_to(root)) for p in root.rglob("*.html"))
        names.update(str(p.relative_to(root)) for p in root.rglob("*.txt"))
    return sorted(names)


# Any text: looking one up loads the language's catalogues (a variable, not a literal, so that
# makemessages does not take it for a message to translate).
_ANY_MESSAGE = "Partners"


def prepare_for_fork() -> int:
    """Import the URLconf, load every language's catalogue, compile the project's templates and freeze
    the objects made so far; return the number of templates compiled. A template that fails to
    compile is logged and skipped: it fails on its own page as it would have anyway."""
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018  (imports every view module and the API)
    resolver.reverse_dict  # noqa: B018
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext(_ANY_MESSAGE)
    compiled = 0
    for engine in engines.all():
        for name in _template_names():
            try:
                engine.get_template(name)
                compiled += 1
            except TemplateDoesNotExist:
                continue  # a name of another engine's folder
            except TemplateSyntaxError:
                logger.exception("template %s does not compile", name)
    gc.collect()
    gc.freeze()
    return compiled
