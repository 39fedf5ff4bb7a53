"""Documents sent by nginx: Wagtail's document view checks who may see a document, then
answers with an empty response naming the file in X-Accel-Redirect, and nginx sends the
file from its internal location /media/documents/ (deploy/nginx/citypartners.conf).

nginx answers Range requests, so a video can be sought to any point without downloading it
whole; Django's own file response cannot. Production sets SENDFILE_BACKEND to this module.
"""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpResponse

INTERNAL_PREFIX = "/media/"


def sendfile(request, filename, mimetype="application/octet-stream", **kwargs):
    """The response that has nginx send `filename`, a file below MEDIA_ROOT."""
    root = Path(settings.MEDIA_ROOT).resolve()
    path = Path(filename).resolve()
    if not path.is_relative_to(root):
        raise Http404("not an uploaded file")
    response = HttpResponse(content_type=mimetype)
    response["X-Accel-Redirect"] = INTERNAL_PREFIX + quote(path.relative_to(root).as_posix())
    return response
