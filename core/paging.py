"""The list pages' shared step: filter, paginate, and keep the filters in page links."""

from django.core.paginator import Page, Paginator
from django_filters import FilterSet

PAGE_SIZE = 25


def filtered_page(request, filterset: FilterSet, base, per_page: int = PAGE_SIZE):
    """The page of ``base`` that the filter form asks for (all of ``base`` when the form is
    empty or invalid, so a bad parameter never widens the scope), and the query string
    without ``page`` for the pagination links."""
    queryset = filterset.qs if filterset.is_valid() else base
    page: Page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
