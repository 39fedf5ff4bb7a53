"""Production settings from the environment: SMTP by URL or by parts, Redis, admins, levels;
a value that cannot work stops the start with a message naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from citypartners.settings.environment import (
    admins,
    cache_settings,
    email_settings,
    env_bool,
    log_level,
)

ROOT = Path(__file__).resolve().parents[3]
SMTP = "django.core.mail.backends.smtp.EmailBackend"


def test_smtp_by_url_with_starttls_user_and_password():
    found = email_settings({"EMAIL_URL": "smtp+tls://office%40example.org:p%3Ass@mail.example.org"})
    assert found == {
        "MAIL_DELIVERY_BACKEND": SMTP,
        "EMAIL_HOST": "mail.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "office@example.org",
        "EMAIL_HOST_PASSWORD": "p:ss",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 10,
    }


@pytest.mark.parametrize(
    "url, port, tls, ssl",
    [
        ("smtp://relay.example.org", 25, False, False),
        ("smtps://relay.example.org", 465, False, True),
        ("smtp+ssl://relay.example.org:2465", 2465, False, True),
        ("smtp+tls://relay.example.org:2525?timeout=30", 2525, True, False),
    ],
)
def test_smtp_url_schemes_choose_tls_and_the_usual_port(url, port, tls, ssl):
    found = email_settings({"EMAIL_URL": url})
    assert (found["EMAIL_PORT"], found["EMAIL_USE_TLS"], found["EMAIL_USE_SSL"]) == (port, tls, ssl)


def test_smtp_by_host_port_user_password_and_tls():
    found = email_settings(
        {
            "EMAIL_HOST": "mail.example.org",
            "EMAIL_PORT": "2525",
            "EMAIL_HOST_USER": "office",
            "EMAIL_HOST_PASSWORD": "secret",
            "EMAIL_USE_TLS": "yes",
            "EMAIL_TIMEOUT": "20",
        }
    )
    assert found["EMAIL_HOST"] == "mail.example.org" and found["EMAIL_PORT"] == 2525
    assert (found["EMAIL_HOST_USER"], found["EMAIL_HOST_PASSWORD"]) == ("office", "secret")
    assert found["EMAIL_USE_TLS"] is True and found["EMAIL_TIMEOUT"] == 20


def test_without_any_mail_variable_the_local_server_on_port_25():
    found = email_settings({})
    assert (found["EMAIL_HOST"], found["EMAIL_PORT"], found["EMAIL_USE_TLS"]) == (
        "localhost",
        25,
        False,
    )


@pytest.mark.parametrize(
    "environ, says",
    [
        ({"EMAIL_PORT": "abc"}, "EMAIL_PORT must be a whole number, not 'abc'"),
        ({"EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1"}, "exclude each other"),
        ({"EMAIL_USE_TLS": "maybe"}, "EMAIL_USE_TLS must be one of"),
        ({"EMAIL_URL": "http://mail.example.org"}, "EMAIL_URL must start with smtp://"),
        ({"EMAIL_URL": "smtp+tls://"}, "EMAIL_URL names no host"),
        ({"EMAIL_URL": "smtp://mail.example.org:port"}, "port that is not a number"),
        ({"EMAIL_URL": "smtp://a.example.org", "EMAIL_HOST": "b.example.org"}, "not both"),
        ({"EMAIL_HOST_PASSWORD": "secret"}, "without a user"),
    ],
)
def test_mail_settings_that_cannot_work_say_why(environ, says):
    with pytest.raises(ImproperlyConfigured, match=says):
        email_settings(environ)


def test_redis_url_gives_a_shared_cache_with_short_timeouts():
    default = cache_settings("redis://127.0.0.1:6379/1")["default"]
    assert default["BACKEND"] == "citypartners.core.cache.ResilientRedisCache"
    assert default["LOCATION"] == "redis://127.0.0.1:6379/1"
    assert default["OPTIONS"]["socket_timeout"] <= 2
    assert cache_settings("")["default"]["BACKEND"].endswith("LocMemCache")
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL must start with"):
        cache_settings("http://127.0.0.1:6379")


def test_admins_are_addresses_with_optional_names():
    assert admins("Ops Team <ops@example.org>, it@example.org") == [
        ("Ops Team", "ops@example.org"),
        ("it@example.org", "it@example.org"),
    ]
    assert admins("") == []
    with pytest.raises(ImproperlyConfigured, match="ADMINS must be e-mail addresses"):
        admins("ops team")


def test_log_level_and_switches_take_only_known_words():
    assert log_level(environ={"LOG_LEVEL": "warning"}) == "WARNING"
    with pytest.raises(ImproperlyConfigured, match="LOG_LEVEL must be one of"):
        log_level(environ={"LOG_LEVEL": "loud"})
    assert env_bool("X", environ={"X": "On"}) is True
    assert env_bool("X", default=True, environ={}) is True


def _production(extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("EMAIL_", "DJANGO_", "REDIS_", "ADMINS", "MEDIA_", "STATIC_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "citypartners.settings.production",
            "DJANGO_SECRET_KEY": "a-long-random-secret-key-for-the-settings-test-" + "k7Z" * 10,
            "DJANGO_ALLOWED_HOSTS": "partnerschaften.example.org,.example.net",
        }
    )
    env.update(extra)
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_SSL, s.MAIL_DELIVERY_BACKEND, "
        "s.EMAIL_BACKEND, s.CACHES['default']['BACKEND'], s.MEDIA_ROOT, s.ADMINS, "
        "s.CSRF_TRUSTED_ORIGINS, s.WAGTAILADMIN_BASE_URL, s.TRUSTED_PROXY_COUNT, s.TIME_ZONE)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_production_settings_read_the_environment():
    result = _production(
        {
            "EMAIL_URL": "smtps://office:pw@mail.example.org",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            "MEDIA_ROOT": "/srv/uploads",
            "ADMINS": "ops@example.org",
            "TRUSTED_PROXY_COUNT": "2",
            "TIME_ZONE": "Europe/Lisbon",
        }
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "mail.example.org",
        "465",
        "True",
        SMTP,
        "citypartners.mail.backends.OutboxBackend",  # which delivers through SMTP
        "citypartners.core.cache.ResilientRedisCache",
        "/srv/uploads",
        "[('ops@example.org',",
        "'ops@example.org')]",
        "['https://partnerschaften.example.org',",
        "'https://*.example.net']",
        "https://partnerschaften.example.org",
        "2",
        "Europe/Lisbon",
    ]


def test_production_refuses_to_start_with_a_bad_mail_port_or_a_short_secret():
    result = _production({"EMAIL_PORT": "twenty-five"})
    assert result.returncode != 0
    assert "EMAIL_PORT must be a whole number, not 'twenty-five'" in result.stderr
    result = _production({"DJANGO_SECRET_KEY": "short"})
    assert result.returncode != 0 and "DJANGO_SECRET_KEY must be set" in result.stderr
    result = _production({"TIME_ZONE": "Europe/Lissabon"})
    assert result.returncode != 0
    assert "TIME_ZONE must be a time zone such as" in result.stderr
