"""Query helpers that keep a read at one query whatever the data size."""

from django.db.models import Aggregate, OuterRef, Subquery, TextField


class Joined(Aggregate):
    """The values of a group joined by ``separator`` (PostgreSQL's STRING_AGG, SQLite's
    GROUP_CONCAT), in no particular order: sort them where order matters."""

    output_field = TextField()

    def __init__(self, expression, *, separator: str = "|", **extra):
        self.separator = separator
        super().__init__(expression, **extra)

    def as_sql(self, compiler, connection, **extra):
        function = "STRING_AGG" if connection.vendor == "postgresql" else "GROUP_CONCAT"
        if connection.vendor == "postgresql":
            template = "%(function)s((%(expressions)s)::text, %(separator)s)"
        else:
            template = "%(function)s(%(expressions)s, %(separator)s)"
        sql, params = super().as_sql(
            compiler, connection, function=function, template=template, separator="%s", **extra
        )
        return sql, (*params, self.separator)


def joined_related(through_queryset, owner_field: str, expression, *, separator: str = "|"):
    """A subquery giving, for each row of the outer query, the ``expression`` of its related
    rows in ``through_queryset`` (linked by ``owner_field`` to the outer primary key), joined
    by ``separator``: a many-to-many list as one text column, without a query per row."""
    return Subquery(
        through_queryset.filter(**{owner_field: OuterRef("pk")})
        .order_by()
        .values(owner_field)
        .annotate(joined=Joined(expression, separator=separator))
        .values("joined")[:1],
        output_field=TextField(),
    )
