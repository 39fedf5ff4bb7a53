"""Labels of Wagtail's and wagtail-localize's own forms that they leave untranslated (issue 14,
item 6: one language at a time).

Django labels a form field without a label after its name ("email_address" reads "Email
address" in every language), Wagtail's Locale model has an untranslated name, and
wagtail-localize names its report's menu item when the
first request builds the menu, in that request's language. Each is given a translated label
here. What must stay true: every label set here is a lazy translation, read in the language
of whoever sees it. Remove an entry once Wagtail labels the field itself.
"""

from django.utils.translation import gettext_lazy as _


def vendor_labels_translate() -> None:
    """Give the untranslated fields and filters of Wagtail's forms translated labels."""
    from wagtail.admin.forms.choosers import EmailLinkChooserForm  # noqa: PLC0415 (apps loaded)
    from wagtail.admin.forms.workflows import WorkflowPageForm  # noqa: PLC0415 (the same)
    from wagtail.models import Locale  # noqa: PLC0415 (the same)
    from wagtail.users.forms import PagePermissionsForm  # noqa: PLC0415 (the same)
    from wagtail_localize.views.report import (  # noqa: PLC0415 (the same)
        TranslationsReportFilterSet,
    )

    # Wagtail names its Locale model without marking the name for translation: "Locale" in
    # every language. The same words, translated (a migration compares them untranslated,
    # so it sees no change).
    Locale._meta.verbose_name = _("locale")
    Locale._meta.verbose_name_plural = _("locales")

    EmailLinkChooserForm.base_fields["email_address"].label = _("Email address")
    PagePermissionsForm.base_fields["page"].label = _("Page")
    WorkflowPageForm.base_fields["page"].label = _("Page")
    filters = TranslationsReportFilterSet.base_filters
    filters["source_locale"].label = _("Source language")
    filters["target_locale"].label = _("Target language")


def reports_menu_translate(menu_items, report_url) -> None:
    """wagtail-localize's "Translations" report in the reader's language (its menu item is
    labelled once, in the language of the request that first built the menu)."""
    for item in menu_items:
        if item.url == report_url:
            item.label = _("Translations")
