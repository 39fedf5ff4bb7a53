"""Set up an office's own site on an empty database, without the demo: asks for what it needs,
or takes it from options and SETUP_* environment variables with --no-input.

The work is citypartners.site.setup.site_setup (all or nothing, idempotent); this command
only gathers the input. The administrator's password is never an option: it comes from
SETUP_ADMIN_PASSWORD or a prompt.
"""

import getpass
import os
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from citypartners.core.i18n import terminal_language
from citypartners.site.setup import (
    AdminData,
    HomeCityData,
    OfficeData,
    OwnerData,
    home_city_find,
    site_setup,
)

ENVIRONMENT_PREFIX = "SETUP_"
PASSWORD_VARIABLE = "SETUP_ADMIN_PASSWORD"

# Option name -> what it is; each may also come from SETUP_<NAME> (e.g. SETUP_HOME_CITY).
OPTIONS = {
    "home-city": "the home city's name (English), looked up in the GeoNames data shipped",
    "home-city-de": "its German name (default: the same)",
    "home-country": "its country as an ISO code (default DE)",
    "home-geonames-id": "its GeoNames id, instead of name and country",
    "home-latitude": "its latitude, if the lookup finds nothing or you know better",
    "home-longitude": "its longitude",
    "home-time-zone": "its time zone, e.g. Europe/Lisbon",
    "office-name-de": "the office's name in German (default: from the state owner's name)",
    "office-name-en": "the office's name in English",
    "unit-de": "the unit within the office, German",
    "unit-en": "the unit within the office, English",
    "street": "street and number",
    "postcode": "postcode",
    "town-de": "town in the address, German (default: the home city)",
    "town-en": "town in the address, English",
    "phone": "phone",
    "fax": "fax",
    "email": "the office's e-mail address (proposals from the public are sent there)",
    "state-slug": "the state owner's slug (default: from the home city)",
    "state-name-de": "the state owner's German name (default: Stadt <city>)",
    "state-name-en": "the state owner's English name (default: City of <city>)",
    "boroughs": 'boroughs as "slug:German name[:English name]", comma-separated',
    "admin-email": "the first administrator's e-mail (the password: SETUP_ADMIN_PASSWORD)",
}


@dataclass
class Input:
    """The answers gathered from options, environment and prompts."""

    values: dict
    interactive: bool

    def get(self, name: str) -> str:
        return (self.values.get(name) or "").strip()


class Command(BaseCommand):
    help = (
        "Set up the office's site without the demo: the German and English pages, the office "
        "settings with the home city, the owners and a first administrator. Asks for what it "
        "needs; with --no-input it takes options and SETUP_* environment variables. Running it "
        "again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-input", "--noinput", action="store_false", dest="interactive", default=True
        )
        parser.add_argument("--language", choices=[code for code, _name in settings.LANGUAGES])
        for name, text in OPTIONS.items():
            parser.add_argument(f"--{name}", help=text)

    def handle(self, *args, interactive=True, language=None, **options):
        with translation.override(terminal_language(language)):
            values = {}
            for name in OPTIONS:
                dest = name.replace("-", "_")
                values[name] = options.get(dest) or os.environ.get(
                    ENVIRONMENT_PREFIX + dest.upper(), ""
                )
            self.input = Input(values=values, interactive=interactive)
            try:
                data = self._gather()
                if interactive and not self._confirm():
                    raise CommandError(_("Nothing was changed."))
                report = site_setup(**data)
            except EOFError as error:
                raise CommandError(
                    _("No more input: answer the questions, or use --no-input with options.")
                ) from error
            except ValidationError as error:
                raise CommandError(
                    "\n".join([*error.messages, _("Nothing was changed.")])
                ) from error
            self._say_done(report, data)

    # --- asking ----------------------------------------------------------------------------
    def _ask(self, name: str, question: str, default: str = "", check=None) -> str:
        """The option's value, else (interactively) the answer to `question`, else `default`.
        An answer that `check` refuses is asked again; an option it refuses is an error."""
        value = self.input.get(name)
        if value or not self.input.interactive:
            value = value or default
            if value and check is not None:
                check(value)
            return value
        prompt = f"{question} [{default}]: " if default else f"{question}: "
        while True:
            answer = input(prompt).strip() or default
            if not answer or check is None:
                return answer
            try:
                check(answer)
            except ValidationError as error:
                self.stderr.write("; ".join(error.messages))
                continue
            return answer

    def _confirm(self) -> bool:
        answer = input(_("Set up the site now? [Y/n]: ")).strip().lower()
        return answer in ("", "y", "yes", "j", "ja")

    def _gather(self) -> dict:
        city = self._home_city()
        state_name_de = self._ask(
            "state-name-de", _("The state owner's name (German)"), f"Stadt {city.name_de}"
        )
        state_name_en = self._ask(
            "state-name-en", _("The state owner's name (English)"), f"City of {city.name_en}"
        )
        state = OwnerData(
            slug=self._ask("state-slug", _("The state owner's slug"), slugify(city.name_en)),
            name_de=state_name_de,
            name_en=state_name_en,
        )
        office = OfficeData(
            name_de=self._ask(
                "office-name-de",
                _("The office's name (German)"),
                f"{state_name_de} – Internationales",
            ),
            name_en=self._ask(
                "office-name-en",
                _("The office's name (English)"),
                f"{state_name_en} – International affairs",
            ),
            unit_de=self._ask("unit-de", _("Unit (German), may be empty")),
            unit_en=self._ask("unit-en", _("Unit (English), may be empty")),
            street=self._ask("street", _("Street and number")),
            postcode=self._ask("postcode", _("Postcode")),
            town_de=self._ask("town-de", _("Town (German)"), city.name_de),
            town_en=self._ask("town-en", _("Town (English)"), city.name_en),
            phone=self._ask("phone", _("Phone")),
            fax=self._ask("fax", _("Fax")),
            email=self._ask("email", _("The office's e-mail address"), check=_check_email),
        )
        boroughs = _boroughs(
            self._ask(
                "boroughs",
                _('Boroughs as "slug:German name[:English name]", comma-separated; may be empty'),
                check=_boroughs,
            )
        )
        return {
            "office": office,
            "city": city,
            "state": state,
            "boroughs": boroughs,
            "admin": self._admin(),
        }

    def _home_city(self) -> HomeCityData:
        geonames_id = self.input.get("home-geonames-id")
        name = (
            ""
            if geonames_id
            else self._ask("home-city", _("The home city (its English name, or a GeoNames id)"))
        )
        if name.isdigit():
            name, geonames_id = "", name
        if geonames_id:
            _check_integer(geonames_id)
        if not name and not geonames_id:
            raise ValidationError(
                _(
                    "Give the home city: --home-city NAME (with --home-country) or "
                    "--home-geonames-id ID."
                )
            )
        country = "" if geonames_id else self._ask("home-country", _("Its country"), "DE")
        found = home_city_find(
            name=name, country_code=country, geonames_id=int(geonames_id) if geonames_id else None
        )
        if found is not None:
            self.stdout.write(
                _("Found in GeoNames: %(name)s (%(country)s), %(lat)s, %(lon)s, %(zone)s.")
                % {
                    "name": found["name"],
                    "country": found["country_code"],
                    "lat": found["latitude"],
                    "lon": found["longitude"],
                    "zone": found["time_zone"],
                }
            )
        elif geonames_id:
            raise ValidationError(
                _(
                    "GeoNames id %(id)s is not in the GeoNames data shipped (cities of 15,000 "
                    "people or more); give --home-city with --home-latitude, --home-longitude "
                    "and --home-time-zone."
                )
                % {"id": geonames_id}
            )
        else:
            self.stdout.write(
                _(
                    "%(name)s (%(country)s) is not in the GeoNames data shipped; give its place "
                    "and time zone."
                )
                % {"name": name, "country": country}
            )
        found = found or {}
        name_en = name or found.get("name", "")
        place = {
            "latitude": self._ask(
                "home-latitude", _("Latitude"), _text(found.get("latitude")), _check_number
            ),
            "longitude": self._ask(
                "home-longitude", _("Longitude"), _text(found.get("longitude")), _check_number
            ),
            "time_zone": self._ask("home-time-zone", _("Time zone"), found.get("time_zone", "")),
        }
        missing = [key for key, value in place.items() if not value]
        if missing:
            raise ValidationError(
                _(
                    "The home city's place is missing (%(missing)s): give --home-latitude, "
                    "--home-longitude and --home-time-zone."
                )
                % {"missing": ", ".join(missing)}
            )
        return HomeCityData(
            name_en=name_en,
            name_de=self._ask("home-city-de", _("The home city's German name"), name_en),
            country_code=(found.get("country_code") or country).upper(),
            latitude=float(place["latitude"]),
            longitude=float(place["longitude"]),
            time_zone=place["time_zone"],
            geonames_id=found.get("geonames_id"),
        )

    def _admin(self) -> AdminData | None:
        has_admin = get_user_model().objects.filter(is_superuser=True).exists()
        question = _("The first administrator's e-mail address")
        if has_admin:
            question = _("Another administrator's e-mail address (empty: none)")
        email = self._ask("admin-email", question, check=_check_email)
        if not email:
            if has_admin:
                return None
            raise ValidationError(
                _("There is no administrator yet: give --admin-email, and the password in %(var)s.")
                % {"var": PASSWORD_VARIABLE}
            )
        User = get_user_model()
        if User.objects.filter(username__iexact=email).exists():
            return AdminData(email=email, password="")  # kept as it is; no password needed
        password = os.environ.get(PASSWORD_VARIABLE, "")
        if not password and self.input.interactive:
            password = getpass.getpass(_("Password (at least 12 characters): "))
            if password != getpass.getpass(_("Password (again): ")):
                raise ValidationError(_("The passwords differ."))
        if not password:
            raise ValidationError(
                _("Set %(var)s to the administrator's password.") % {"var": PASSWORD_VARIABLE}
            )
        return AdminData(email=email, password=password)

    # --- telling ---------------------------------------------------------------------------
    def _say_done(self, report, data):
        if report.total:
            self.stdout.write(
                self.style.SUCCESS(_("Set up: %(what)s.") % {"what": report.summary()})
            )
        else:
            self.stdout.write(_("The site is set up already; nothing changed."))
        for kept in report.kept:
            self.stdout.write(
                _("Kept as it is: %(what)s (change it in the back office).") % {"what": kept}
            )
        if not data["office"].email:
            self.stdout.write(
                _(
                    "The office has no e-mail address yet: proposals from the public are not "
                    "mailed until it is set under Settings."
                )
            )
        zone = data["city"].time_zone
        if zone != settings.TIME_ZONE:
            self.stdout.write(
                _(
                    "The home city's time zone is %(zone)s, the server's setting TIME_ZONE is "
                    "%(setting)s: set TIME_ZONE to %(zone)s in the deployment's settings, so "
                    "that times typed into the back office mean the same."
                )
                % {"zone": zone, "setting": settings.TIME_ZONE}
            )
        self.stdout.write(
            _(
                "Next: log in at /admin/, then import partnerships with "
                "`manage.py import_csv partnerships FILE` or "
                "`manage.py import_wikidata FILE --owner %(owner)s`."
            )
            % {"owner": data["state"].slug}
        )


def _text(value) -> str:
    return "" if value is None else str(value)


def _check_email(value: str):
    try:
        validate_email(value)
    except ValidationError as error:
        raise ValidationError(
            _("“%(email)s” is not a valid e-mail address.") % {"email": value}
        ) from error


def _check_number(value: str):
    try:
        float(value)
    except ValueError as error:
        raise ValidationError(_("“%(value)s” is not a number.") % {"value": value}) from error


def _check_integer(value: str):
    if not value.isdigit():
        raise ValidationError(_("“%(value)s” is not a whole number.") % {"value": value})


def _boroughs(value: str) -> tuple[OwnerData, ...]:
    """Boroughs from "slug:German name[:English name], …"; refuses what it cannot read."""
    boroughs = []
    for part in filter(None, (p.strip() for p in value.split(","))):
        fields = [f.strip() for f in part.split(":")]
        if len(fields) not in (2, 3) or not all(fields):
            raise ValidationError(
                _("“%(part)s” is not a borough as slug:German name[:English name].")
                % {"part": part}
            )
        slug, name_de = fields[0], fields[1]
        boroughs.append(OwnerData(slug=slug, name_de=name_de, name_en=fields[-1]))
    return tuple(boroughs)
