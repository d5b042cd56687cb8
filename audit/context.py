"""The request being served, so services can record where an action came from without
taking a request argument."""

from contextvars import ContextVar

current_request: ContextVar = ContextVar("current_request", default=None)


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)

    def process_exception(self, request, exception):
        """Denied accesses of signed-in people are worth knowing about (probing by URL), within
        limits (``record_denied``)."""
        from django.core.exceptions import PermissionDenied
        from django.http import Http404

        from .services import record_denied

        if isinstance(exception, Http404 | PermissionDenied) and request.user.is_authenticated:
            status = 403 if isinstance(exception, PermissionDenied) else 404
            record_denied(request, status)  # rate-limited per person
        return None
