"""Uploads are judged by their content: disguised, oversized and script-carrying files are
refused with a clear message, and nothing is stored."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from citypartners.accounts.services import account_create

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.domain)</script></svg>"
)


def _png(size=(8, 8)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def editor(client):
    client.force_login(
        account_create(
            email="e@example.org", password="a long and careful passphrase", role="state-editor"
        )
    )
    return client


def _upload_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {
            "title": "Beispiel",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def _upload_image(client, name, content):
    return client.post(
        "/admin/images/add/",
        {
            "title": "Beispiel",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def _errors(response):
    return " ".join(str(e) for e in response.context["form"].errors.get("file", []))


def test_a_real_pdf_is_stored(editor):
    response = _upload_document(editor, "bericht.pdf", PDF)
    assert response.status_code == 302
    assert Document.objects.filter(title="Beispiel").count() == 1


@pytest.mark.parametrize(
    "name,content",
    [("bericht.pdf", HTML), ("video.mp4", PDF), ("untertitel.vtt", HTML), ("bild.pdf", _png())],
)
def test_a_disguised_document_is_refused(editor, name, content):
    response = _upload_document(editor, name, content)
    assert response.status_code == 200
    assert "ist keine" in _errors(response)  # "... ist keine PDF-Datei, egal wie sie heißt"
    assert not Document.objects.exists()


def test_a_document_over_the_limit_is_refused(editor, settings):
    settings.DOCUMENT_MAX_UPLOAD_SIZE = 1024
    response = _upload_document(editor, "gross.pdf", PDF + b"0" * 2048)
    assert "größer als" in _errors(response)
    assert not Document.objects.exists()


@pytest.mark.parametrize("name,content", [("bild.svg", SVG), ("seite.html", HTML)])
def test_svg_and_html_documents_are_refused(editor, name, content):
    response = _upload_document(editor, name, content)
    assert response.status_code == 200 and _errors(response)
    assert not Document.objects.exists()


def test_a_real_png_is_stored(editor):
    assert _upload_image(editor, "bild.png", _png()).status_code == 302
    assert Image.objects.filter(title="Beispiel").exists()


@pytest.mark.parametrize("name,content", [("bild.png", HTML), ("bild.svg", SVG), ("bild.jpg", PDF)])
def test_disguised_images_and_svg_with_script_are_refused(editor, name, content):
    response = _upload_image(editor, name, content)
    assert response.status_code == 200 and _errors(response)
    assert not Image.objects.exists()


def test_an_image_over_the_limit_is_refused(editor, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    response = _upload_image(editor, "bild.png", _png((200, 200)))
    assert response.status_code == 200 and _errors(response)
    assert not Image.objects.exists()


def test_documents_are_served_so_that_they_cannot_run_scripts(client):
    document = Document.objects.create(
        title="Untertitel", file=SimpleUploadedFile("untertitel.vtt", b"WEBVTT\n\n")
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["Content-Disposition"].startswith("attachment")


def test_uploaded_media_get_a_sandbox_policy(rf):
    from django.http import HttpResponse

    from citypartners.core.middleware import SecurityHeadersMiddleware

    middleware = SecurityHeadersMiddleware(lambda request: HttpResponse(HTML))
    policy = middleware(rf.get("/media/original_images/bild.png"))["Content-Security-Policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy
