"""Every page the cast can open offers only what its viewer may do.

For each member of the permission-matrix cast the walk starts at every page the matrix says
they may open (200) and follows, page after page, every link and every form on it: links and
GET forms are opened, POST forms are submitted as the page would submit them (hidden fields and
the button's name and value) inside a savepoint that is rolled back. A 403 means the page showed
a link or a button to someone who may not use it (the bank's "修改" shown to village staff):
navigation must mirror the permission predicates. The views still decide; this keeps the pages
honest.
"""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.urls import Resolver404, resolve, reverse

from projects.models import Stage

from .factories import VentureProjectFactory
from .matrix import ROLES, build_objects, gather

MATRIX = gather()
# Not pages of the portal: static files, Django's admin (the cast holds no superuser), the
# language switch (a redirect back) and signing out (a confirmation page whose POST would end
# the walk's session).
SKIP_PREFIXES = ("/static/", "/admin/", "/i18n/", "/accounts/logout/")
# Enough for every page the small cast reaches, small enough to stop a walk that runs away
# (links that make new links, say).
MAX_PAGES = 400


class _Links(HTMLParser):
    """The links and forms of one HTML page (forms with their hidden fields and buttons)."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = {
                "action": attrs.get("action") or "",
                "method": (attrs.get("method") or "get").lower(),
                "fields": {},
                "buttons": [],
            }
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "button", "select", "textarea"):
            kind = (attrs.get("type") or ("submit" if tag == "button" else "text")).lower()
            name = attrs.get("name")
            if kind == "submit":
                self._form["buttons"].append((name, attrs.get("value") or ""))
            elif name and kind == "hidden":
                self._form["fields"][name] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _internal(page_url: str, href: str) -> str | None:
    """The path and query ``href`` leads to from ``page_url``, or None if it leaves the
    portal or is not a page."""
    if href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    parts = urlsplit(urljoin(f"http://testserver{page_url}", href))
    if parts.netloc != "testserver" or parts.path.startswith(SKIP_PREFIXES):
        return None
    try:
        resolve(parts.path)
    except Resolver404:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture
def objects(request, cast):
    """What the matrix rows need (tests/<app>/matrix.py), so every page has something on it."""
    found = build_objects(request, cast)
    # A project of youth_a's in every stage, so that every move's button is on some page.
    village_a1 = request.getfixturevalue("village_a1")
    for stage in Stage.values:
        VentureProjectFactory(lead=cast["youth_a"], centre=village_a1, stage=stage)
    return found


def _starts(role: str, objects) -> list[str]:
    urls = []
    for name, (build_args, expected, *method) in MATRIX.items():
        if expected[role] == 200 and not method:
            urls.append(reverse(name, args=build_args(objects) if build_args else None))
    return urls


def walk(client, starts: list[str]) -> tuple[int, list[str]]:
    """Open every page reachable from ``starts``; returns the number of pages and forms tried
    and what was refused with 403, each as ``"<what> on <page>"``."""
    seen: set[str] = set()
    queue = [(url, "(start)") for url in starts]
    refused: list[str] = []
    tried = 0
    while queue:
        url, source = queue.pop(0)
        # One visit per path: the same list with another page number or filter shows the
        # same kind of links.
        key = urlsplit(url).path
        if key in seen:
            continue
        seen.add(key)
        assert len(seen) <= MAX_PAGES, f"the walk ran past {MAX_PAGES} pages"
        response = client.get(url)
        tried += 1
        if response.status_code == 403:
            refused.append(f"link {url} on {source}")
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        for href in parser.links:
            target = _internal(url, href)
            if target is not None:
                queue.append((target, url))
        for form in parser.forms:
            target = _internal(url, form["action"] or url)
            if target is None:
                continue
            if form["method"] == "get":
                queue.append((target, url))
                continue
            for name, value in form["buttons"] or [(None, "")]:
                data = dict(form["fields"])
                if name:
                    data[name] = value
                tried += 1
                cookies = client.cookies
                savepoint = transaction.savepoint()
                try:
                    status = client.post(target, data).status_code
                finally:
                    transaction.savepoint_rollback(savepoint)
                    client.cookies = cookies
                if status == 403:
                    refused.append(f"form {target} {data} on {url}")
    return tried, refused


@pytest.mark.parametrize("role", ROLES)
def test_no_page_offers_what_its_viewer_may_not_do(client, objects, role):
    if objects[role] is not None:
        client.force_login(objects[role])
    tried, refused = walk(client, _starts(role, objects))
    assert tried > 3, "the walk found next to nothing"
    assert not refused, f"{role} is shown what they may not do:\n" + "\n".join(refused)


class _WithPage:
    """The test client, but one more page: ``path`` answers with ``html``."""

    def __init__(self, client, path: str, html: str):
        self._client, self._path, self._html = client, path, html

    def __getattr__(self, name):
        return getattr(self._client, name)

    def __setattr__(self, name, value):
        if name.startswith("_"):
            super().__setattr__(name, value)
        else:
            setattr(self._client, name, value)

    def get(self, url, *args, **kwargs):
        if url == self._path:
            return HttpResponse(self._html)
        return self._client.get(url, *args, **kwargs)


def test_the_walk_fails_on_a_link_or_a_button_its_viewer_may_not_use(client, objects):
    client.force_login(objects["village_staff"])
    edit = reverse("partners:bank_update", args=[objects["bank"].pk])
    carry_out = reverse("accounts:erasure_carry_out", args=[objects["erasure"].pk])
    page = "/a-page-showing-too-much/"
    html = (
        f'<a href="{edit}">修改</a><a href="https://elsewhere.example.com/">x</a>'
        f'<form method="post" action="{carry_out}"><button type="submit">执行</button></form>'
    )
    tried, refused = walk(_WithPage(client, page, html), [page])
    assert refused == [f"form {carry_out} {{}} on {page}", f"link {edit} on {page}"]
