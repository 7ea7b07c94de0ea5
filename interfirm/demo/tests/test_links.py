"""No page of the demo links to a page that fails: every role (and a visitor) follows the links of the
pages it can reach, a few of each kind, and none answers 404 or 500 (a link to a page the viewer may not
open is a broken promise as much as a broken link)."""

from __future__ import annotations

import re
from collections import Counter, deque

import pytest
from django.test import Client

from interfirm.demo.services import DEMO_DOMAIN

# Links not followed: leaving the session, the admin (its own tests), files and exports (own tests).
SKIP = re.compile(
    r"^/(accounts/logout|admin/|static/|media/|api/)|\.(pdf|csv|json|svg|png|js|css|txt)$|export"
)
HREF = re.compile(r'href="(/[^"#]*)"')
PER_KIND = 1  # pages of each kind of URL (ids and references collapsed)
MAX_PAGES = 250


def _kind(path: str) -> str:
    bare, _, query = path.partition("?")
    bare = re.sub(r"[A-Z]{2}[0-9A-F]{8}", "REF", bare)
    bare = re.sub(r"\d+", "N", bare)
    keys = sorted(part.partition("=")[0] for part in query.split("&") if part)
    return bare + ("?" + "&".join(keys) if keys else "")


def _crawl(client: Client) -> dict[str, tuple[int, str]]:
    """Return {link: (status, page that linked it)} for every link that failed."""
    failed: dict[str, tuple[int, str]] = {}
    queue: deque[tuple[str, str]] = deque([("/", ""), ("/accounts/", "")])
    seen: set[str] = set()
    kinds: Counter[str] = Counter()
    pages = 0
    while queue and pages < MAX_PAGES:
        path, parent = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        kinds[_kind(path)] += 1
        if kinds[_kind(path)] > PER_KIND:
            continue
        pages += 1
        response = client.get(path)
        if response.status_code >= 400:
            failed[path] = (response.status_code, parent)
            continue
        if response.status_code in (301, 302, 303):
            location = response.headers.get("Location", "")
            if location.startswith("/") and not SKIP.search(location):
                queue.append((location, path))
            continue
        if "text/html" not in response.headers.get("Content-Type", ""):
            continue
        for href in HREF.findall(response.content.decode()):
            href = href.replace("&amp;", "&")
            if not href.startswith("//") and not SKIP.search(href) and href not in seen:
                queue.append((href, path))
    assert pages > 20, "the crawl reached too few pages to mean anything"
    return failed


@pytest.mark.parametrize(
    "login",
    ["", "firm.manager", "firm.member", "intermediary.manager", "intermediary.member", "operator", "analyst"],
)
def test_no_link_of_a_role_leads_to_a_page_that_fails(demo, db, login):
    client = Client()
    if login:
        from interfirm.accounts.models import User

        client.force_login(User.objects.get(email=f"{login}@{DEMO_DOMAIN}"))
    assert _crawl(client) == {}
