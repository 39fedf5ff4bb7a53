"""Reference data the partnerships point to: cities and focus areas."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PublishingPanel,
)
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from citypartners.core.countries import country_name, validate_country_code
from citypartners.core.i18n import localized
from citypartners.core.models import NamedVocabulary, ScheduleAnnotatedMixin
from citypartners.core.stemming import stem_text


class FocusArea(NamedVocabulary):
    """A field of exchange, such as culture or youth exchange."""

    class Meta(NamedVocabulary.Meta):
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")


class City(
    ScheduleAnnotatedMixin,
    WorkflowMixin,
    PreviewableMixin,
    LockableMixin,
    DraftStateMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """A city anywhere in the world, named in German, English and its own language; a new
    city is public only once published (selectors.cities_public)."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_de = models.CharField(_("name (German)"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Names the city in addresses, such as the city's calendar feed."),
    )
    name_local = models.CharField(
        _("name in its own language"),
        max_length=200,
        blank=True,
        help_text=_("In the city's own script, for example Москва or 東京."),
    )
    country_code = models.CharField(
        _("country"),
        max_length=2,
        validators=[validate_country_code],
        help_text=_("ISO 3166 code of two letters, for example FR."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    geonames_id = models.PositiveIntegerField(
        _("GeoNames id"),
        null=True,
        blank=True,
        unique=True,
        help_text=_("Filled by the GeoNames lookup; identifies the city on geonames.org."),
    )

    wikidata_id = models.CharField(
        _("Wikidata id"),
        max_length=20,
        null=True,
        blank=True,
        unique=True,
        validators=[RegexValidator(r"^Q[1-9][0-9]*$", _("A Wikidata id looks like Q64."))],
        help_text=_("For example Q64 for Berlin; the Wikidata import matches cities by it."),
    )
    # Who added the city: a borough's editors may change it until another owner's
    # partnership uses it (accounts.permissions.CityPermissionPolicy). Empty: the state.
    created_by_owner = models.ForeignKey(
        "owners.Owner",
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    panels = [
        FieldPanel("name_en"),
        FieldPanel("name_de"),
        FieldPanel("name_local"),
        FieldPanel("slug"),
        FieldPanel("country_code"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("geonames_id"),
                FieldPanel("wikidata_id"),
            ],
            heading=_("Location"),
        ),
        InlinePanel(
            "summaries",
            heading=_("Summaries in the partner city's languages"),
            label=_("summary"),
            help_text=_(
                "A few sentences about the partnership in a language of the partner city, "
                "shown on its page in German and English alike."
            ),
        ),
        PublishingPanel(),
    ]

    search_fields = [
        index.SearchField("name_en"),
        index.SearchField("name_de"),
        index.SearchField("name_local"),
        index.SearchField("stemmed_names"),
        index.AutocompleteField("name_en"),
        index.AutocompleteField("name_de"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return localized(self, "name")

    @property
    def country_name(self):
        return country_name(self.country_code)

    def get_preview_template(self, request, mode_name):
        return "partnerships/city_preview.html"

    def get_preview_context(self, request, mode_name):
        return {"city": self, "preview": True}

    def stemmed_names(self) -> str:
        return " ".join(
            [stem_text(self.name_de, language="de"), stem_text(self.name_en, language="en")]
        )
