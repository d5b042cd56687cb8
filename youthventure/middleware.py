from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import LazyObject, empty


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Simplified Chinese unless the person switched to English (the language cookie).

    The browser's Accept-Language is ignored on purpose: many phones and office PCs
    here are set to English, yet the programme's working language is Chinese.

    The portal's addresses carry no language prefix (no ``i18n_patterns``;
    ``tests/test_caching.py`` checks), so Django's look at the path for one, twice a request,
    is left out: the language is the cookie's, else Chinese.
    """

    def process_request(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        translation.activate(translation.get_language_from_request(request, check_path=False))
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class LoadedUserMiddleware:
    """``request.user`` as the user itself instead of Django's lazy proxy, from here on.

    Every page below this point needs the user (the sign-in requirement asks at once), and
    each of the ~60 reads of ``request.user`` a page makes (access checks, scope, menu,
    templates) went through ``SimpleLazyObject.__getattribute__``: ~0.1 ms a request. Sits
    after the anonymous page cache, so a kept public page still loads no one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if isinstance(user, LazyObject):
            if user._wrapped is empty:
                user._setup()
            request.user = user._wrapped
        return self.get_response(request)


# Set by django-csp's decorators (csp_update, csp_replace, csp_exempt ...) on a response that
# needs its own policy.
_OWN_POLICY = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the policy written once per process for the responses
    that take the site's policy as it is (no nonce asked, no decorator, no excluded prefix):
    building it took ~0.15 ms a request. Anything else goes to django-csp."""

    _written: dict[bool, str] = {}

    def process_response(self, request, response):
        if (
            getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in _OWN_POLICY)
            or _excludes_prefixes()
            or (settings.DEBUG and response.status_code in (404, 500))
        ):
            return super().process_response(request, response)
        for report_only, header in ((False, HEADER), (True, HEADER_REPORT_ONLY)):
            if report_only not in self._written:
                self._written[report_only] = build_policy(report_only=report_only)
            if self._written[report_only] and header not in response:
                response[header] = self._written[report_only]
        # As django-csp does: asking for a nonce after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


def _excludes_prefixes() -> bool:
    return any(
        (getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES")
        for name in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY")
    )


@receiver(setting_changed)
def _policy_changed(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        ContentSecurityPolicyMiddleware._written.clear()
