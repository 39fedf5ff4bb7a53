"""The back office's money screen: amounts typed and shown in the admin's language, a clear
message and nothing saved on bad input, the owner rules (a borough's editors keep their own
lines and see other owners' lines only where public), filters, exports, history."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from citypartners.accounts.roles import ROLES
from citypartners.accounts.services import account_create, roles_sync
from citypartners.core.tests.edit_tokens import opened_tokens
from citypartners.funding.models import BudgetLine, FundingSource
from citypartners.owners.models import Owner
from citypartners.partnerships.models import FocusArea, Partnership

from .factories import BudgetLineFactory

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_funding_budgetline:list"
ADD = "wagtailsnippets_funding_budgetline:add"
EDIT = "wagtailsnippets_funding_budgetline:edit"
HISTORY = "wagtailsnippets_funding_budgetline:history"
INSPECT = "wagtailsnippets_funding_budgetline:inspect"
NBSP = "\N{NO-BREAK SPACE}"


def _client(role="state-editor", language="de", owner=None, name="editor"):
    user = account_create(
        email=f"{name}-{role}-{language}@example.org",
        password="a long and careful passphrase",
        role=role,
        owner=owner,
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def warsaw():
    return Partnership.objects.get(owner__slug="land-berlin", city__slug="warsaw")


@pytest.fixture
def mitte_partnership():
    return Partnership.objects.get(owner__slug="mitte")


def _refused(response) -> bool:
    """Turned away: Wagtail answers a refused screen with a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"].rstrip("/").endswith("/admin")
    )


def _form(partnership, **overrides):
    data = {
        "owner": partnership.owner_id,
        "partnership": partnership.pk,
        "project": "",
        "activity": "",
        "year": "2025",
        "source": FundingSource.EU,
        "focus_area": FocusArea.objects.get(slug="climate").pk,
        "amount_planned": "",
        "amount_spent": "",
        "note_de": "Beispiel: Flugkosten",
        "note_en": "Example: flights",
    }
    data.update(overrides)
    return data


def test_a_german_editor_enters_1_234_56_and_sees_it_in_the_list(warsaw):
    client = _client(language="de")
    response = client.post(
        reverse(ADD), _form(warsaw, amount_planned="1.234,56", amount_spent="12.000")
    )
    assert response.status_code == 302
    line = BudgetLine.objects.get()
    assert (line.amount_planned, line.amount_spent) == (Decimal("1234.56"), Decimal("12000"))
    assert line.is_public is False
    html = client.get(reverse(LIST)).content.decode()
    assert f"1.234,56{NBSP}€" in html and f"12.000,00{NBSP}€" in html
    assert "EU-Programm" in html  # needs the German catalogue
    edit = client.get(reverse(EDIT, args=[line.pk])).content.decode()
    assert 'value="1.234,56"' in edit
    inspect = client.get(reverse(INSPECT, args=[line.pk])).content.decode()
    assert f"1.234,56{NBSP}€" in inspect and "Geplant (Euro)" in inspect


def test_an_english_editor_enters_and_reads_amounts_the_english_way(warsaw):
    client = _client(language="en")
    response = client.post(reverse(ADD), _form(warsaw, amount_spent="€1,234.56"))
    assert response.status_code == 302
    assert BudgetLine.objects.get().amount_spent == Decimal("1234.56")
    html = client.get(reverse(LIST)).content.decode()
    assert "€1,234.56" in html and "EU programme" in html


@pytest.mark.parametrize(
    ("language", "typed", "message"),
    [
        ("en", "1.234,56", "“1.234,56” is not an amount in euro. Write it as €1,234.56."),
        ("en", "lots", "“lots” is not an amount in euro. Write it as €1,234.56."),
        (
            "de",
            "1,234.56",
            f"„1,234.56“ ist kein Betrag in Euro. Schreiben Sie ihn so: 1.234,56{NBSP}€.",
        ),
    ],
)
def test_an_amount_in_the_wrong_format_gets_a_clear_message_and_saves_nothing(
    warsaw, language, typed, message
):
    client = _client(language=language)
    response = client.post(reverse(ADD), _form(warsaw, amount_planned=typed))
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not BudgetLine.objects.exists()


def test_a_line_without_amounts_or_with_a_negative_one_saves_nothing(warsaw):
    client = _client(language="en")
    response = client.post(reverse(ADD), _form(warsaw))
    assert "Give the amount planned, the amount spent, or both." in response.content.decode()
    response = client.post(reverse(ADD), _form(warsaw, amount_spent="-5"))
    assert "greater than or equal to 0" in response.content.decode()
    assert not BudgetLine.objects.exists()


def test_every_edit_is_in_the_history_and_a_stale_edit_is_refused(warsaw):
    first = _client(language="en", name="first")
    second = _client(language="en", name="second")
    first.post(reverse(ADD), _form(warsaw, amount_planned="100"))
    line = BudgetLine.objects.get()
    opened = opened_tokens(line)
    edit = reverse(EDIT, args=[line.pk])
    assert first.post(edit, _form(warsaw, amount_planned="200", **opened)).status_code == 302
    response = second.post(edit, _form(warsaw, amount_planned="300", **opened))
    assert response.status_code == 200
    assert "Someone else saved this record after you opened it." in response.content.decode()
    line.refresh_from_db()
    assert line.amount_planned == Decimal("200")
    actions = ModelLogEntry.objects.for_instance(line).values_list("action", flat=True)
    assert sorted(actions) == ["wagtail.create", "wagtail.edit"]
    history = first.get(reverse(HISTORY, args=[line.pk])).content.decode()
    assert "Created" in history and "Edited" in history


def test_a_borough_editor_keeps_only_the_borough_s_lines_and_reads_others_only_if_public(
    warsaw, mitte_partnership
):
    mitte = Owner.objects.get(slug="mitte")
    own = BudgetLineFactory(partnership=mitte_partnership, owner=mitte, note_en="Example: own")
    internal = BudgetLineFactory(partnership=warsaw, note_en="Example: state internal")
    public = BudgetLineFactory(partnership=warsaw, note_en="Example: state public", is_public=True)
    client = _client(role="borough-editor", language="en", owner="mitte")
    html = client.get(reverse(LIST)).content.decode()
    assert "Example: own" in html and "Example: state public" in html
    assert "Example: state internal" not in html
    assert client.get(reverse(EDIT, args=[own.pk])).status_code == 200
    assert _refused(client.get(reverse(EDIT, args=[public.pk])))
    assert _refused(client.get(reverse(EDIT, args=[internal.pk])))
    assert client.get(reverse(INSPECT, args=[public.pk])).status_code == 200
    assert _refused(client.get(reverse(INSPECT, args=[internal.pk])))
    # A line for the state's partnership, or in the state's name, is refused.
    response = client.post(reverse(ADD), _form(warsaw, owner=mitte.pk, amount_spent="5"))
    assert response.status_code == 200
    response = client.post(reverse(ADD), _form(mitte_partnership, owner=warsaw.owner_id))
    assert response.status_code == 200
    assert BudgetLine.objects.count() == 3
    response = client.post(reverse(ADD), _form(mitte_partnership, amount_spent="5"))
    assert response.status_code == 302
    assert BudgetLine.objects.filter(owner=mitte).count() == 2


def test_reviewers_read_every_line_and_contact_stewards_none(warsaw):
    BudgetLineFactory(partnership=warsaw, note_en="Example: state internal")
    reviewer = _client(role="reviewer", language="en")
    assert "Example: state internal" in reviewer.get(reverse(LIST)).content.decode()
    assert _refused(reviewer.get(reverse(ADD)))
    steward = _client(role="contact-steward", language="en")
    assert _refused(steward.get(reverse(LIST)))


def test_the_list_filters_by_year_source_owner_and_public(warsaw, mitte_partnership):
    BudgetLineFactory(partnership=warsaw, year=2023, note_en="Example: A")
    BudgetLineFactory(
        partnership=warsaw, year=2024, source=FundingSource.FOUNDATION, note_en="Example: B"
    )
    BudgetLineFactory(partnership=mitte_partnership, year=2024, note_en="Example: C")
    BudgetLineFactory(partnership=warsaw, year=2024, is_public=True, note_en="Example: D")
    client = _client(language="en")

    def shown(**query):
        html = client.get(reverse(LIST), query).content.decode()
        return {n for n in "ABCD" if f"Example: {n}" in html}

    assert shown() == set("ABCD")
    assert shown(year=2024) == set("BCD")
    assert shown(source="foundation") == {"B"}
    assert shown(owner=mitte_partnership.owner_id) == {"C"}
    assert shown(is_public="true") == {"D"}
    assert shown(partnership=mitte_partnership.pk) == {"C"}
    assert shown(q="Example: B") == {"B"}


def test_the_export_has_the_amounts_as_numbers_under_german_headings(warsaw):
    BudgetLineFactory(
        partnership=warsaw,
        year=2024,
        source=FundingSource.FEDERAL,
        amount_planned=Decimal("1234.56"),
        amount_spent=Decimal("99.90"),
        note_de="Beispiel: Reisekosten",
    )
    client = _client(language="de")
    response = client.get(reverse(LIST), {"export": "csv"})
    assert 'filename="haushaltsposten.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["Jahr", "Träger", "Partnerschaft"]
    assert rows[1][:3] == ["2024", "Land Berlin", "Land Berlin – Warschau"]
    assert rows[1][5:] == ["Bundesmittel", "", "1234.56", "99.90", "nein", "Beispiel: Reisekosten"]
    response = client.get(reverse(LIST), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    row = list(sheet.values)[1]
    assert row[7] == pytest.approx(1234.56) and row[8] == pytest.approx(99.9)


def test_the_roles_sync_gives_each_role_its_money_permissions():
    """An existing install gets the money permissions at its next migrate (roles_sync)."""
    money = Permission.objects.filter(content_type__app_label="funding")
    for group in Group.objects.all():
        group.permissions.remove(*money)
    roles_sync()

    def codenames(role):
        group = Group.objects.get(name=ROLES[role].group)
        return set(
            group.permissions.filter(content_type__app_label="funding").values_list(
                "codename", flat=True
            )
        )

    crud = {f"{action}_budgetline" for action in ("add", "change", "delete", "view")}
    assert codenames("state-editor") == crud
    assert codenames("state-moderator") == crud
    assert codenames("borough-editor") == crud  # narrowed to the borough by the owner rules
    assert codenames("reviewer") == {"view_budgetline"}
    assert codenames("contact-steward") == set()
