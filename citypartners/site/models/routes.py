"""Sub-routes whose address reads in the page's language: a German page thanks at
``danke/``, an English one at ``thanks/``; the other language's segment answers with a
permanent redirect to the page's own, and the language switch swaps the segment
(``route_in_language``, read by site.templatetags.citypartners_tags.page_translation_urls)."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.contrib.routable_page.models import path

from ..sections import route_url

THANKS_SEGMENTS = {"de": "danke", "en": "thanks"}


def page_language(page) -> str:
    """The language of `page`'s addresses: its locale's, English for any other."""
    language = page.locale.language_code
    return language if language in THANKS_SEGMENTS else "en"


def segment_in_language(rest: str, segments: dict[str, str], language: str) -> str:
    """`rest` (a sub-route's address after the page's own, with its query) with a
    first segment that is one of `segments` written in `language`."""
    path_part, mark, query = rest.partition("?")
    parts = path_part.split("/")
    if len(parts) == 2 and parts[0] in segments.values() and not parts[1]:
        parts[0] = segments.get(language, segments["en"])
    return "/".join(parts) + mark + query


class ThanksRoutesMixin:
    """A routable page with a confirmation page after a form (`thanks_template`)."""

    thanks_template = ""

    def thanks_route(self) -> str:
        """The name of the thanks route in the page's own language."""
        return f"thanks_{page_language(self)}"

    def thanks_url(self, *, request=None) -> str | None:
        return route_url(self, self.thanks_route(), request=request)

    def route_in_language(self, rest: str, language: str) -> str:
        """The rest of a sub-route's address as it reads in `language`."""
        return segment_in_language(rest, THANKS_SEGMENTS, language)

    @path("danke/", name="thanks_de")
    def thanks_de(self, request):
        return self._thanks(request, "de")

    @path("thanks/", name="thanks_en")
    def thanks_en(self, request):
        return self._thanks(request, "en")

    def _thanks(self, request, segment_language):
        if segment_language != page_language(self):
            # The address in the other language (the English page once lived at danke/).
            return redirect(self.thanks_url(request=request), permanent=True)
        return TemplateResponse(request, self.thanks_template, self.get_context(request))
