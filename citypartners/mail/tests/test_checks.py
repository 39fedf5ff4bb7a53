"""`manage.py check` says when mail would bypass the outbox, when the outbox could never
deliver, and when error mails to ADMINS would need the database."""

import logging

import pytest
from django.utils.log import AdminEmailHandler

from citypartners.mail.backends import OUTBOX_BACKEND
from citypartners.mail.checks import check_mail_settings

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def _ids():
    return [found.id for found in check_mail_settings()]


def test_the_test_settings_pass():
    assert _ids() == []


def test_a_transport_that_is_the_outbox_itself_or_none_is_an_error(settings):
    settings.MAIL_DELIVERY_BACKEND = OUTBOX_BACKEND
    assert _ids() == ["mail.E002"]
    settings.MAIL_DELIVERY_BACKEND = ""
    assert _ids() == ["mail.E001"]


def test_mail_around_the_outbox_is_a_warning(settings):
    settings.EMAIL_BACKEND = SMTP
    assert _ids() == ["mail.W001"]


@pytest.fixture
def admin_handlers():
    """Every AdminEmailHandler that logging has, Django's default "mail_admins" among them."""
    loggers = [logging.getLogger()] + [
        item
        for item in logging.Logger.manager.loggerDict.values()
        if isinstance(item, logging.Logger)
    ]
    found = [h for item in loggers for h in item.handlers if isinstance(h, AdminEmailHandler)]
    assert found
    return found


def test_error_mails_to_admins_must_not_need_the_database(settings, monkeypatch, admin_handlers):
    settings.ADMINS = [("Operations", "ops@example.org")]
    assert _ids() == []  # the settings give the handler the delivery backend
    for handler in admin_handlers:  # as Django's default handler would: EMAIL_BACKEND
        monkeypatch.setattr(handler, "email_backend", None)
    assert _ids() == ["mail.W002"]
    for handler in admin_handlers:
        monkeypatch.setattr(handler, "email_backend", SMTP)
    assert _ids() == []
