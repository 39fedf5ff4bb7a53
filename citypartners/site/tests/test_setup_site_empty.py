"""`manage.py setup_site` on a database as `migrate` leaves it: asking its questions, and
refusing bad input without writing anything."""

import io
import os

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page

from citypartners.core.home_city import home_city
from citypartners.core.models import OfficeSettings
from citypartners.owners.models import Owner

from .empty import migrated_database, row_counts

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def empty(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), migrated_database():
        yield


@pytest.fixture(autouse=True)
def no_setup_variables(monkeypatch):
    for name in [n for n in os.environ if n.startswith("SETUP_")]:
        monkeypatch.delenv(name)


def _answer(monkeypatch, answers: list[str], passwords: list[str] = ()):
    """Answer the command's questions in turn; record them."""
    asked = []
    answers, passwords = list(answers), list(passwords)

    def _input(prompt=""):
        asked.append(prompt)
        if not answers:
            raise EOFError
        return answers.pop(0)

    def _getpass(prompt=""):
        asked.append(prompt)
        return passwords.pop(0)

    monkeypatch.setattr("builtins.input", _input)
    monkeypatch.setattr("getpass.getpass", _getpass)
    return asked


def test_asked_interactively_it_sets_up_the_office_from_the_answers(monkeypatch):
    asked = _answer(
        monkeypatch,
        [
            "Lisbon",  # the home city
            "PT",  # its country
            "",  # latitude, longitude and time zone as GeoNames has them
            "",
            "",
            "Lissabon",  # its German name
            "",  # the state owner's names and slug: the defaults
            "",
            "",
            "",  # the office's names: the defaults
            "",
            "",  # no unit
            "",
            "Praça do Município",  # street
            "1100-365",  # postcode
            "",  # town: the city
            "",
            "",  # phone, fax
            "",
            "not-an-address",  # the office's e-mail: refused and asked again
            "internacional@lisboa.test",
            "belem:Belém",  # one borough
            "admin@lisboa.test",  # the administrator
            "",  # yes, set it up
        ],
        passwords=["a-long-and-unusual-passphrase"] * 2,
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("setup_site", "--language=en", stdout=out, stderr=err)
    assert "Found in GeoNames: Lisbon (PT)" in out.getvalue()
    assert "“not-an-address” is not a valid e-mail address." in err.getvalue()
    assert "Set up: administrators: 1, cities: 1, owners: 2, pages: 38" in out.getvalue()
    assert "Time zone [Europe/Lisbon]: " in asked
    assert "The office's name (English) [City of Lisbon – International affairs]: " in asked
    # The time zone differs from the server's TIME_ZONE: it says what to set.
    assert "set TIME_ZONE to Europe/Lisbon" in out.getvalue()

    office = OfficeSettings.objects.get()
    assert (office.name_de, office.email) == (
        "Stadt Lissabon – Internationales",
        "internacional@lisboa.test",
    )
    city = home_city()
    assert (city.name_de, city.name_en, city.time_zone) == ("Lissabon", "Lisbon", "Europe/Lisbon")
    assert list(Owner.objects.values_list("slug", "name_de")) == [
        ("lisbon", "Stadt Lissabon"),
        ("belem", "Belém"),
    ]
    assert get_user_model().objects.get().check_password("a-long-and-unusual-passphrase")


def test_answering_no_changes_nothing(monkeypatch):
    answers = ["Hamburg", "DE", "", "", "", ""] + [""] * 14 + ["", "admin@hamburg.test", "n"]
    _answer(monkeypatch, answers, passwords=["a-long-and-unusual-passphrase"] * 2)
    before = row_counts()
    with pytest.raises(CommandError, match="Nothing was changed."):
        call_command("setup_site", "--language=en", stdout=io.StringIO())
    assert row_counts() == before


def test_when_the_answers_run_out_it_stops_and_changes_nothing(monkeypatch):
    _answer(monkeypatch, ["Hamburg"])
    before = row_counts()
    with pytest.raises(CommandError, match="No more input"):
        call_command("setup_site", "--language=en", stdout=io.StringIO())
    assert row_counts() == before


@pytest.mark.parametrize(
    "options,password,message",
    [
        ([], "", "Give the home city: --home-city NAME"),
        (["--home-city=Atlantis", "--home-country=GR"], "", "The home city's place is missing"),
        (["--home-geonames-id=1"], "", "GeoNames id 1 is not in the GeoNames data shipped"),
        (["--home-city=Hamburg", "--home-country=XX", "--home-latitude=1",
          "--home-longitude=1", "--home-time-zone=UTC", "--admin-email=a@hamburg.test"],
         "a-long-and-unusual-passphrase", "“XX” is not an ISO 3166"),
        (["--home-city=Hamburg"], "", "There is no administrator yet: give --admin-email"),
        (["--home-city=Hamburg", "--admin-email=a@hamburg.test"], "",
         "Set SETUP_ADMIN_PASSWORD to the administrator's password."),
        # Refused at the very end, after every page was made: none of them is kept.
        (["--home-city=Hamburg", "--admin-email=a@hamburg.test"], "password",
         "This password is too short."),
    ],
)  # fmt: skip
def test_bad_input_leaves_the_database_as_migrate_left_it(monkeypatch, options, password, message):
    if password:
        monkeypatch.setenv("SETUP_ADMIN_PASSWORD", password)
    before = row_counts()
    with pytest.raises(CommandError) as error:
        call_command("setup_site", "--no-input", "--language=en", *options, stdout=io.StringIO())
    assert message in str(error.value)
    assert row_counts() == before
    assert Page.objects.get(depth=2).title == "Welcome to your new Wagtail site!"


def test_options_may_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("SETUP_HOME_GEONAMES_ID", "2911298")
    monkeypatch.setenv("SETUP_ADMIN_EMAIL", "admin@hamburg.test")
    monkeypatch.setenv("SETUP_ADMIN_PASSWORD", "a-long-and-unusual-passphrase")
    out = io.StringIO()
    call_command("setup_site", "--no-input", "--language=en", stdout=out)
    assert "Set up: administrators: 1, cities: 1, owners: 1, pages: 36" in out.getvalue()
    assert home_city().name_en == "Hamburg"
    assert Owner.objects.get().name_en == "City of Hamburg"
    assert "no e-mail address yet" in out.getvalue()
