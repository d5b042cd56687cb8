"""The list pages' shared step: filter, paginate, and keep the filters in page links."""

from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property
from django_filters import FilterSet

from .caching import remembered_count

PAGE_SIZE = 25


class CountedPaginator(Paginator):
    """A paginator whose count of a long list is remembered a minute (core/caching.py):
    paging through a district's 100,000 young people should not count them on every page."""

    @cached_property
    def count(self) -> int:
        if hasattr(self.object_list, "query"):
            return remembered_count(self.object_list)
        return super().count


def filtered_page(request, filterset: FilterSet, base, per_page: int = PAGE_SIZE):
    """The page of ``base`` that the filter form asks for (all of ``base`` when the form is
    empty or invalid, so a bad parameter never widens the scope), and the query string
    without ``page`` for the pagination links."""
    queryset = filterset.qs if filterset.is_valid() else base
    page: Page = CountedPaginator(queryset, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
