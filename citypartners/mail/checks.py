"""Configuration checks (`manage.py check`): every e-mail goes through the outbox, the outbox
delivers through a real transport, and error mails to ADMINS do not need the database."""

import logging

from django.conf import settings
from django.core import checks
from django.utils.log import AdminEmailHandler

from .backends import OUTBOX_BACKEND


def register():
    checks.register(check_mail_settings)


def check_mail_settings(app_configs=None, **kwargs):
    found = []
    delivery = getattr(settings, "MAIL_DELIVERY_BACKEND", "")
    if not delivery:
        found.append(
            checks.Error(
                "MAIL_DELIVERY_BACKEND is not set: the outbox has nothing to deliver through.",
                hint="Name the transport, e.g. django.core.mail.backends.smtp.EmailBackend.",
                id="mail.E001",
            )
        )
    elif delivery == OUTBOX_BACKEND:
        found.append(
            checks.Error(
                "MAIL_DELIVERY_BACKEND is the outbox itself: no e-mail would ever leave.",
                hint="Name the transport, e.g. django.core.mail.backends.smtp.EmailBackend.",
                id="mail.E002",
            )
        )
    if settings.EMAIL_BACKEND != OUTBOX_BACKEND:
        found.append(
            checks.Warning(
                "EMAIL_BACKEND is not the outbox: e-mails are sent during the request, and "
                "lost (or fail the request) while the mail server is down.",
                hint=f"Set EMAIL_BACKEND = {OUTBOX_BACKEND!r} and name the transport in "
                "MAIL_DELIVERY_BACKEND.",
                id="mail.W001",
            )
        )
    if settings.ADMINS and _admin_mail_through_outbox():
        found.append(
            checks.Warning(
                "Error e-mails to ADMINS go through the outbox, which needs the database: "
                "when the database is down, nobody is told.",
                hint="Give the AdminEmailHandler in LOGGING "
                "'email_backend': MAIL_DELIVERY_BACKEND.",
                id="mail.W002",
            )
        )
    return found


def _admin_mail_through_outbox() -> bool:
    loggers = [logging.getLogger()] + [
        item
        for item in logging.Logger.manager.loggerDict.values()
        if isinstance(item, logging.Logger)
    ]
    return any(
        isinstance(handler, AdminEmailHandler)
        and (handler.email_backend or settings.EMAIL_BACKEND) == OUTBOX_BACKEND
        for item in loggers
        for handler in item.handlers
    )
