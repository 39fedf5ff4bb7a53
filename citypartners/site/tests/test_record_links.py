"""Links to records are built in one place (site.sections.detail_url and the detail_url tag)
from the section page's routes; no template or module joins an address and a slug."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# {{ index_url }}{{ activity.slug }}/ and the like
TEMPLATE_JOIN = re.compile(r"\{\{[^}]*\}\}\{\{[^}]*\.slug[^}]*\}\}")
# f"{projects_url}{project.slug}/", url + page.reverse_subpage(...), url + "/" + slug
PYTHON_JOIN = re.compile(
    r"f[\"'][^\"']*\{[^}]*url[^}]*\}\{[^}]*slug|reverse_subpage\(|\+ *\w*\.slug\b"
)
HOME = ROOT / "site" / "sections.py"


def _sources(pattern):
    return [p for p in ROOT.rglob(pattern) if "tests" not in p.relative_to(ROOT).parts]


@pytest.mark.parametrize("path", _sources("*.html"), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_joins_an_address_and_a_slug(path):
    assert not TEMPLATE_JOIN.findall(path.read_text(encoding="utf-8"))


def test_no_module_but_sections_builds_record_addresses():
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in _sources("*.py")
        if path != HOME
        for match in PYTHON_JOIN.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_checks_would_find_a_joined_address():
    assert TEMPLATE_JOIN.search('<a href="{{ index_url }}{{ activity.slug }}/">')
    assert PYTHON_JOIN.search('"url": f"{projects_url}{project.slug}/"')
    assert PYTHON_JOIN.search('redirect(self.url + self.reverse_subpage("thanks"))')
