import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import ModelLogEntry

pytestmark = pytest.mark.django_db

PASSWORD = "a long and careful passphrase"
NAMES = ("--first-name", "Erika", "--last-name", "Mustermann")


@pytest.fixture
def password(monkeypatch):
    monkeypatch.setenv("CITYPARTNERS_USER_PASSWORD", PASSWORD)


def test_createuser_puts_a_borough_editor_in_the_group_for_the_borough(password, client):
    call_command(
        "createuser",
        *NAMES,
        "--email",
        "Editor@Example.org",
        "--group",
        "borough-editor",
        "--owner",
        "mitte",
    )
    user = get_user_model().objects.get(email="Editor@example.org")
    # The role's group, and the group with the rights on the borough's own page.
    assert sorted(g.name for g in user.groups.all()) == [
        "Borough editors",
        "Borough editors: mitte",
    ]
    assert user.membership.owner.slug == "mitte"
    assert ModelLogEntry.objects.filter(action="citypartners.account_create").exists()
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_createuser_state_roles_default_to_the_state(password):
    call_command("createuser", *NAMES, "--email", "mod@example.org", "--group", "state-moderator")
    user = get_user_model().objects.get(email="mod@example.org")
    assert user.membership.owner.kind == "state"
    assert user.has_perm("activities.publish_activity")
    assert user.has_perm("accounts.view_audit_log")


@pytest.mark.parametrize(
    "args,message",
    [
        # Commands speak the site's default language, German.
        (["--email", "not-an-address", "--group", "reviewer"], "keine gültige E-Mail-Adresse"),
        (["--email", "b@example.org", "--group", "borough-editor"], "--owner"),
        (
            ["--email", "b@example.org", "--group", "borough-editor", "--owner", "nowhere"],
            "nowhere",
        ),
        (
            [
                "--email",
                "b@example.org",
                "--group",
                "borough-editor",
                "--owner",
                "land-berlin",
            ],
            "Bezirk",
        ),
        (
            ["--email", "s@example.org", "--group", "state-editor", "--owner", "mitte"],
            "Land",
        ),
        (["--email", "g@example.org"], "--group"),
    ],
)
def test_createuser_refuses_bad_input_and_saves_nothing(password, args, message):
    count = get_user_model().objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("createuser", *NAMES, *args)
    assert get_user_model().objects.count() == count


@pytest.mark.parametrize("password,message", [("short", "zu kurz"), ("password1234", "zu üblich")])
def test_createuser_checks_the_password(monkeypatch, password, message):
    monkeypatch.setenv("CITYPARTNERS_USER_PASSWORD", password)
    with pytest.raises(CommandError, match=message):
        call_command("createuser", *NAMES, "--email", "p@example.org", "--group", "reviewer")
    assert not get_user_model().objects.filter(email="p@example.org").exists()


def test_createuser_refuses_a_second_account_for_the_same_address(password):
    call_command("createuser", *NAMES, "--email", "twice@example.org", "--group", "reviewer")
    with pytest.raises(CommandError, match="besteht bereits ein Konto"):
        call_command("createuser", *NAMES, "--email", "TWICE@example.org", "--group", "reviewer")


def test_createuser_without_password_and_terminal_fails_clearly(monkeypatch):
    monkeypatch.delenv("CITYPARTNERS_USER_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="CITYPARTNERS_USER_PASSWORD"):
        call_command("createuser", *NAMES, "--email", "nobody@example.org", "--group", "reviewer")


def test_createuser_stores_the_first_and_last_name_given_as_options(password):
    call_command(
        "createuser",
        "--email",
        "named@example.org",
        "--group",
        "reviewer",
        "--first-name",
        " Erika ",
        "--last-name",
        "Mustermann",
    )
    user = get_user_model().objects.get(email="named@example.org")
    assert (user.first_name, user.last_name) == ("Erika", "Mustermann")


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_createuser_asks_for_the_names_in_a_terminal(password, monkeypatch):
    monkeypatch.setattr("sys.stdin", _Terminal())
    answers = iter(["Max", "Muster"])
    asked = []

    def answer(prompt):
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr("builtins.input", answer)
    call_command("createuser", "--email", "asked@example.org", "--group", "reviewer")
    user = get_user_model().objects.get(email="asked@example.org")
    assert (user.first_name, user.last_name) == ("Max", "Muster")
    assert asked == ["First name: ", "Last name: "]


@pytest.mark.parametrize(
    "names",
    [(), ("--first-name", "Erika"), ("--first-name", "Erika", "--last-name", "  ")],
)
def test_createuser_without_names_and_terminal_refuses_and_saves_nothing(password, names):
    with pytest.raises(CommandError, match="--first-name and --last-name"):
        call_command(
            "createuser", "--email", "anonymous@example.org", "--group", "reviewer", *names
        )
    assert not get_user_model().objects.filter(email="anonymous@example.org").exists()


def _settings_as_shown(response):
    """The account settings form as shown, every panel's fields with their values."""
    data = {}
    for panels in response.context["panels_by_tab"].values():
        for panel in panels:
            for field in panel.get_form():
                value = field.value()
                if field.name == "avatar" or value is None or value is False:
                    continue  # no new picture, an unticked box
                data[field.html_name] = "on" if value is True else value
    return data


def test_an_account_made_by_createuser_can_change_its_language(password, client):
    call_command("createuser", *NAMES, "--email", "lang@example.org", "--group", "reviewer")
    user = get_user_model().objects.get(email="lang@example.org")
    client.force_login(user)
    response = client.get("/admin/account/")
    data = _settings_as_shown(response)
    assert data["name_email-first_name"] == "Erika"
    data["locale-preferred_language"] = "en"
    response = client.post("/admin/account/", data)
    assert response.status_code == 302, response.context and [
        panel.get_form().errors
        for panels in response.context["panels_by_tab"].values()
        for panel in panels
    ]
    user.wagtail_userprofile.refresh_from_db()
    assert user.wagtail_userprofile.preferred_language == "en"
    assert '<html lang="en"' in client.get("/admin/").content.decode()
