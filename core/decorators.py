from functools import wraps

from django.http import Http404

from .scoping import is_staff_member, is_youth


def staff_required(view):
    """Pages for programme staff. Others are outside their scope: 404, as for any object."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_staff_member(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def youth_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_youth(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
