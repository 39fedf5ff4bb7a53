"""Every interface string in code and templates has a German translation."""

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
