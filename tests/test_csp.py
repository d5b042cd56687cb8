"""The Content-Security-Policy header: django-csp's, written once per process for the pages
that take the site's policy as it is (youthventure.middleware.ContentSecurityPolicyMiddleware)."""

from csp.utils import build_policy
from django.http import HttpResponse
from django.urls import reverse

from youthventure.middleware import ContentSecurityPolicyMiddleware

HEADER = "Content-Security-Policy"


def test_pages_carry_the_sites_policy_as_django_csp_writes_it(client, db):
    first = client.get(reverse("accounts:privacy"))
    again = client.get(reverse("accounts:privacy"))

    assert first[HEADER] == again[HEADER] == build_policy()
    assert "script-src 'self'" in first[HEADER] and "frame-ancestors 'none'" in first[HEADER]
    assert "Content-Security-Policy-Report-Only" not in first


def test_a_changed_policy_is_written_afresh(client, db, settings):
    client.get(reverse("accounts:privacy"))
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}

    assert client.get(reverse("accounts:privacy"))[HEADER] == "default-src 'none'"


def test_a_response_with_its_own_policy_goes_to_django_csp(rf):
    own = HttpResponse()
    own._csp_update = {"img-src": ["https://maps.example.cn"]}
    middleware = ContentSecurityPolicyMiddleware(lambda request: own)
    request = rf.get("/")
    middleware.process_request(request)
    response = middleware.process_response(request, own)
    assert "https://maps.example.cn" in response[HEADER]
