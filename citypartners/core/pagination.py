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


class BoundedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, most: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.most = MOST if most is None else most
        self.more = False

    @cached_property
    def count(self) -> int:
        """The rows paged through: all of them, or the first ``most`` when there are more."""
        rows = self.object_list
        if hasattr(rows, "query"):  # a queryset: counted with a LIMIT
            found = rows[: self.most + 1].count()
        else:
            found = len(rows)
        self.more = found > self.most
        return min(found, self.most)
