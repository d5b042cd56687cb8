"""Every URL of the portal × every member of the cast → the expected status code.

404 means "outside your scope" (a stranger cannot even learn the object exists),
403 means "inside your scope, but your role may not do this", 302 from an
anonymous visitor is the redirect to the sign-in page. The rows live with each app's
tests (``tests/<app>/matrix.py``, see tests/matrix.py); the meta-test at the bottom fails
when a URL, namespaced or not, has no row in any of them.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .matrix import ROLES, build_objects, gather, matrix_modules

# Django admin's URLs are not the portal's own.
FOREIGN_NAMESPACES = {"admin"}
# Public URLs whose 302 is their own redirect, not the way to the sign-in page (each app's
# matrix module may add to these).
PUBLIC_REDIRECTS = {"set_language"}.union(
    *(getattr(module, "PUBLIC_REDIRECTS", set()) for module in matrix_modules())
)
# Top-level (not namespaced) URL names that are allauth's, tested through its own pages and the
# sign-in tests; every other top-level name must have a row.
ALLAUTH_PREFIXES = ("account_", "mfa_", "socialaccount_")

MATRIX = gather()
CASES = [(name, role) for name in MATRIX for role in ROLES]


@pytest.fixture
def objects(request, cast):
    return build_objects(request, cast)


@pytest.mark.parametrize(("url_name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_permission_matrix(client, objects, url_name, role):
    build_args, expected, *method = MATRIX[url_name]
    method = method[0] if method else "get"
    url = reverse(url_name, args=build_args(objects) if build_args else None)
    if objects[role] is not None:
        client.force_login(objects[role])
    response = getattr(client, method)(url)
    assert response.status_code == expected[role], f"{role} {method} {url}"
    if expected[role] == 302 and role == "anonymous" and url_name not in PUBLIC_REDIRECTS:
        assert response["Location"].startswith(reverse("account_login"))


def _own_url_names(resolver=None, namespace=None):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            if ns not in FOREIGN_NAMESPACES:
                yield from _own_url_names(pattern, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            if namespace is not None:
                yield f"{namespace}:{pattern.name}"
            elif not pattern.name.startswith(ALLAUTH_PREFIXES):
                yield pattern.name


def test_every_url_has_a_row_in_the_matrix():
    names = set(_own_url_names())
    assert "accounts:youth_detail" in names  # the walk itself works
    assert "healthz" in names  # ...and finds top-level names too
    missing = names - set(MATRIX)
    assert not missing, f"URLs without a permission-matrix row: {sorted(missing)}"


def test_the_matrix_has_no_stale_rows():
    assert set(MATRIX) <= set(_own_url_names())
