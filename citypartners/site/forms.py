"""The public feedback form of the accessibility statement."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from citypartners.core.forms import PublicFormMixin


class FeedbackForm(PublicFormMixin, forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=settings.FEEDBACK_MAX_LENGTH,
        strip=True,
        error_messages={
            "required": _("Please write your message."),
            "max_length": _(
                "Please shorten your message to at most %(limit_value)d characters "
                "(it has %(show_value)d)."
            ),
        },
    )
    name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Your e-mail address, if you would like an answer (optional)"),
        required=False,
        error_messages={
            "invalid": _("Please enter a valid e-mail address, such as name@example.org.")
        },
    )
    # A field people never see; bots fill it in (as on the proposal form). A filled-in one is
    # not an error the bot could learn from: the service stores nothing and the page thanks.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        # The browser's own length check would hide our message; the server decides.
        self.fields["message"].widget.attrs.pop("maxlength", None)

    def full_clean(self):
        super().full_clean()
        # Tie each error message to its field for screen readers.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"id_{name}-error"}
                )
