from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "citypartners.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.fields import RichTextField

        from . import checks  # noqa: F401  (registers the deployment checks)
        from .rich_text_input import RichTextFormField  # Wagtail admin forms need loaded apps

        # Imported here: Wagtail's admin forms need the apps loaded.
        register_form_field_override(RichTextField, override={"form_class": RichTextFormField})

        from .home_city import home_city_forget  # both read the models, loaded only now
        from .models import OfficeSettings  # the same: models load only after the apps

        # A saved home city shows at once in this process (other processes: within minutes).
        for signal in (post_save, post_delete):
            signal.connect(home_city_forget, sender=OfficeSettings, dispatch_uid="home_city")
