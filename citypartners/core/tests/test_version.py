"""One version number: the package, pyproject.toml and the changelog agree."""

import pathlib
import tomllib

import citypartners

ROOT = pathlib.Path(__file__).resolve().parents[3]


def test_the_version_is_the_same_everywhere():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["version"] == citypartners.__version__
    release = citypartners.__version__.removesuffix(".dev0")
    assert f"## {release} " in (ROOT / "CHANGELOG.md").read_text() or (
        f"## {release}\n" in (ROOT / "CHANGELOG.md").read_text()
    )
