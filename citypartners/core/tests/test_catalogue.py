"""Every interface string in code and templates has a German translation."""

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[3]


def test_every_interface_string_is_translated_into_german(tmp_path):
    if not shutil.which("xgettext"):
        if os.environ.get("CI"):
            pytest.fail("GNU gettext is missing: apt-get install gettext")
        pytest.skip("GNU gettext is not installed")
    # Extract into a copy, so that the real catalogue stays as it is.
    for name in ("citypartners", "locale", "manage.py"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "de", "--no-obsolete"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={"DJANGO_SETTINGS_MODULE": "citypartners.settings.test", "PATH": "/usr/bin:/bin"},
    )
    catalogue = polib.pofile(str(tmp_path / "locale/de/LC_MESSAGES/django.po"))
    missing = [e.msgid for e in catalogue if not e.translated() and not e.obsolete]
    assert missing == [], "Run `make messages` and translate: " + "; ".join(missing)


# The names under which makemessages (xgettext with Django's keywords) finds a string: a
# translation function imported under any other name marks strings the catalogue never gets
# (the OpenAPI texts were marked with an alias `N_` and stayed English on the German site).
EXTRACTED_NAMES = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}


def test_every_translation_function_is_imported_under_a_name_makemessages_reads():
    wrong = []
    for path in sorted((ROOT / "citypartners").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
                for alias in node.names:
                    name = alias.asname or alias.name
                    if "gettext" in alias.name and name not in EXTRACTED_NAMES:
                        wrong.append(f"{path.relative_to(ROOT)}: {alias.name} as {name}")
    assert wrong == [], "makemessages does not read these names: " + "; ".join(wrong)
