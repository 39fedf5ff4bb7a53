import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_createeditor_reads_the_password_from_the_environment(monkeypatch, client):
    monkeypatch.setenv("CITYPARTNERS_EDITOR_PASSWORD", "a long and careful passphrase")
    call_command("createeditor", "--email", "Editor@Example.org")
    user = get_user_model().objects.get(email="Editor@example.org")
    assert client.login(username=user.username, password="a long and careful passphrase")
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    "email,password,message",
    [
        # Commands speak the site's default language, German.
        ("not-an-address", "a long and careful passphrase", "keine gültige E-Mail-Adresse"),
        ("short@example.org", "short", "zu kurz"),
        ("common@example.org", "password1234", "zu üblich"),
    ],
)
def test_createeditor_refuses_bad_input_and_saves_nothing(monkeypatch, email, password, message):
    monkeypatch.setenv("CITYPARTNERS_EDITOR_PASSWORD", password)
    count = get_user_model().objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("createeditor", "--email", email)
    assert get_user_model().objects.count() == count


def test_createeditor_refuses_a_second_account_for_the_same_address(monkeypatch):
    monkeypatch.setenv("CITYPARTNERS_EDITOR_PASSWORD", "a long and careful passphrase")
    call_command("createeditor", "--email", "twice@example.org")
    with pytest.raises(CommandError, match="besteht bereits ein Konto"):
        call_command("createeditor", "--email", "TWICE@example.org")


def test_createeditor_without_password_and_terminal_fails_clearly(monkeypatch):
    monkeypatch.delenv("CITYPARTNERS_EDITOR_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="CITYPARTNERS_EDITOR_PASSWORD"):
        call_command("createeditor", "--email", "nobody@example.org")
