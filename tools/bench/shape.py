"""The shape of the benchmark's Berlin-size generated data, made comparable with the world.

The bench compares each URL's query count at world size with the same URL's at Berlin size,
both on generated data (generate_data). A list that is empty on a page skips the queries of
its rows' related records (Django prefetches nothing for no rows), so a page must have every
list filled at both sizes for the comparison to measure the size and not the shape. At
Berlin size the generator's 20 projects are drawn from about 120 partnerships, most of them
the boroughs': the state's city pages then show no project, which the world's do. As
demo/tests/test_world_query_counts.py does for its two sizes, the partner city pages that
the bench measures (bench.discover) get a running project here when they have none.
"""

from bench import discover
from citypartners.projects.models import Project
from citypartners.projects.selectors import projects_public

SHOWN = [Project.Status.RUNNING, Project.Status.DONE]  # what a city page lists


def fill_city_page_lists() -> list[str]:
    """Link a project the city pages show to each measured partner city page's partnership
    that has none; returns the pages' addresses that got one."""
    project = projects_public().filter(status__in=SHOWN).order_by("pk").first()
    if project is None:
        return []
    filled = []
    for code in discover.languages():
        for _name, page in discover.city_pages(code):
            if page is None:
                continue
            partnership = page.partnership
            if projects_public().filter(partnerships=partnership, status__in=SHOWN).exists():
                continue
            Project.partnerships.through.objects.get_or_create(
                project_id=project.pk, partnership_id=partnership.pk
            )
            filled.append(page.url)
    return filled
