"""Documents in production: the application checks, nginx sends the file (and answers Range
requests, so a video can be sought)."""

import pytest
from django.core.files.base import ContentFile
from django.http import Http404
from django.test import override_settings
from django.test.client import RequestFactory
from wagtail.documents import get_document_model
from wagtail.utils.sendfile import _get_sendfile

from citypartners.core import sendfile_nginx


def test_the_response_names_the_file_below_media_for_nginx(settings):
    stored = settings.MEDIA_ROOT / "documents" / "Beispiel video ä.webm"
    stored.parent.mkdir(parents=True)
    stored.write_bytes(b"\x1aE\xdf\xa3")
    response = sendfile_nginx.sendfile(
        RequestFactory().get("/"), str(stored), mimetype="video/webm"
    )
    assert response["X-Accel-Redirect"] == "/media/documents/Beispiel%20video%20%C3%A4.webm"
    assert response["Content-Type"] == "video/webm"
    assert response.content == b""


def test_a_file_outside_media_is_never_named(settings, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("no")
    with pytest.raises(Http404):
        sendfile_nginx.sendfile(RequestFactory().get("/"), str(outside))
    with pytest.raises(Http404):
        sendfile_nginx.sendfile(
            RequestFactory().get("/"), str(settings.MEDIA_ROOT / ".." / "secret.txt")
        )


@pytest.mark.django_db
def test_wagtail_serves_a_document_through_it_when_production_says_so(client, settings):
    document = get_document_model()(
        title="Beispielvideo", file=ContentFile(b"\x1aE\xdf\xa3webm", name="beispiel.webm")
    )
    document.save()
    _get_sendfile.clear()
    try:
        with override_settings(SENDFILE_BACKEND="citypartners.core.sendfile_nginx"):
            response = client.get(document.url)
    finally:
        _get_sendfile.clear()
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/media/{document.file.name}"
    assert response["Content-Type"] == "video/webm"
