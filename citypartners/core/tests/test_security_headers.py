"""Public pages send a strict policy; the admin a looser one; production passes check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("url", ["/de/", "/en/warsaw/", "/en/activities/", "/de/suche/?q=Paris"])
def test_public_pages_send_the_strict_policy(client, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "style-src 'self';" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'self'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    # Nothing on the page needs what the policy forbids.
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    # Every script is a file, except data blocks (JSON-LD), which browsers never execute.
    assert all(
        script.get("src") or script.get("type") == "application/ld+json"
        for script in soup.find_all("script")
    )
    assert not soup.find_all(style=True) and not soup.find_all("style")
    assert not [tag for tag in soup.find_all(True) if any(a.startswith("on") for a in tag.attrs)]


def test_admin_may_frame_its_own_previews(client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("a", "a@example.org", "x" * 16))
    response = client.get("/admin/")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


def test_production_settings_pass_check_deploy_without_warnings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "citypartners.settings.production",
        "DJANGO_SECRET_KEY": "a-long-random-secret-key-for-the-deploy-check-" + "x9Q" * 10,
        "DJANGO_ALLOWED_HOSTS": "partnerschaften.example.org",
        "REDIS_URL": "redis://127.0.0.1:6379/0",  # not contacted by the checks
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set only while the browser tests run
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_the_cache_is_not_shared(settings):
    from django.core.checks import run_checks

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert "citypartners.W001" in [m.id for m in run_checks(include_deployment_checks=True)]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
    assert "citypartners.W001" not in [m.id for m in run_checks(include_deployment_checks=True)]
