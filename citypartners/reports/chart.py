"""The report's table of activities per partner city and focus area as an SVG chart: a grid
of the same cells, each shaded by its number and labelled with it. Drawn on the server
(no script, no outside service) and described by the table printed beside it."""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

CELL_W, CELL_H, LABEL_W, HEAD_H = 64, 24, 180, 96
SHADES = ["#ffffff", "#dbe9f6", "#a9cce3", "#5d9ccb", "#1f5f99"]  # light to dark


def _shade(value: int, top: int) -> tuple[str, str]:
    if value == 0 or top == 0:
        return SHADES[0], "#1a1a1a"
    step = 1 + min(3, (value * 4 - 1) // top)
    return SHADES[step], "#ffffff" if step >= 3 else "#1a1a1a"


CHART_ROWS = 30  # partner cities per chart: one chart fits on a printed page


def _top(rows) -> int:
    return max((max(cells, default=0) for _city, cells in rows), default=0)


def matrix_charts(matrix, *, title_id: str, per_chart: int = CHART_ROWS) -> list[str]:
    """The chart in parts of ``per_chart`` partner cities each, shaded on one scale, so that
    a long table's chart prints legibly, a part to a page."""
    rows = list(matrix.rows())
    top = _top(rows)
    return [
        matrix_svg(matrix, title_id=title_id, rows=rows[start : start + per_chart], top=top)
        for start in range(0, max(1, len(rows)), per_chart)
    ]


def matrix_svg(matrix, *, title_id: str, rows=None, top: int | None = None) -> str:
    """The chart (of ``rows``, by default the whole table), labelled by the element with id
    ``title_id`` (the table's caption); ``top`` the number shaded darkest."""
    areas = matrix.focus_areas
    rows = list(matrix.rows()) if rows is None else rows
    top = _top(rows) if top is None else top
    width = LABEL_W + CELL_W * max(1, len(areas))
    height = HEAD_H + CELL_H * max(1, len(rows))
    parts = []
    for column, area in enumerate(areas):
        x = LABEL_W + column * CELL_W + CELL_W / 2
        name = area.name if area is not None else _("without focus area")
        parts.append(
            format_html(
                '<text x="{}" y="{}" transform="rotate(-45 {} {})" font-size="11">{}</text>',
                x,
                HEAD_H - 6,
                x,
                HEAD_H - 6,
                name,
            )
        )
    for row, (city, cells) in enumerate(rows):
        y = HEAD_H + row * CELL_H
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="12" text-anchor="end">{}</text>',
                LABEL_W - 8,
                y + CELL_H * 0.7,
                city.name,
            )
        )
        for column, value in enumerate(cells):
            fill, ink = _shade(value, top)
            x = LABEL_W + column * CELL_W
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#767676"/>'
                    '<text x="{}" y="{}" font-size="12" text-anchor="middle" fill="{}">{}</text>',
                    x,
                    y,
                    CELL_W,
                    CELL_H,
                    fill,
                    x + CELL_W / 2,
                    y + CELL_H * 0.7,
                    ink,
                    value,
                )
            )
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{escape(title_id)}"'
        f' viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        f' class="report-chart">{"".join(parts)}</svg>'
    )
