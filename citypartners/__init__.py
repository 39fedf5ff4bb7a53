"""citypartners: the web platform of a city's international office."""

# The release; pyproject.toml and CHANGELOG.md name the same (core/tests/test_version.py).
__version__ = "0.2.0.dev0"
