"""Public lists paged at a bounded cost whatever the data size (issue 17).

Django's paginator counts every row of the list on each page view and lets any page number
through, so the activity archive of a million rows cost a count of all of them, and a deep
page an offset as large. A public list pages through its first MOST rows only: the count
reads at most MOST + 1 rows (a LIMIT inside the count), the deepest offset is MOST, and a
list with more says so (``_pagination.html``) and points to the filters and the open data,
which have everything (the API pages by cursor, the downloads stream).

What must stay true: ``count`` never reads more than ``most`` + 1 rows, and ``more`` is true
exactly when the list has more rows than it pages through.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

MOST = 10_000


def bounded_count(queryset, most: int | None = None) -> tuple[int, bool]:
    """How many rows ``queryset`` has, counted no further than ``most`` (MOST): the count,
    at most ``most``, and whether it is the whole number. One query reading at most
    ``most`` + 1 rows."""
    most = MOST if most is None else most
    found = queryset.order_by()[: most + 1].count()
    return min(found, most), found <= most


class BoundedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, most: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.most = MOST if most is None else most

    @cached_property
    def _counted(self) -> tuple[int, bool]:
        rows = self.object_list
        if hasattr(rows, "query"):  # a queryset: counted with a LIMIT
            return bounded_count(rows, self.most)
        return min(len(rows), self.most), len(rows) <= self.most

    @property
    def count(self) -> int:
        """The rows paged through: all of them, or the first ``most`` when there are more."""
        return self._counted[0]

    @property
    def more(self) -> bool:
        """Whether the list has more rows than it pages through."""
        return not self._counted[1]
