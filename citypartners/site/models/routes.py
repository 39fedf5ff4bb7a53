"""Sub-routes whose address reads in the page's language: a German page thanks at
``danke/``, an English one at ``thanks/``; the German month calendar is ``kalender/``, the
English one ``calendar/``. The other language's segment answers with a permanent redirect
to the page's own, and the language switch swaps the segment (``route_in_language``, read
by site.templatetags.citypartners_tags.page_translation_urls)."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.contrib.routable_page.models import path

from ..sections import route_url

LANGUAGES = ("de", "en")
THANKS_SEGMENTS = {"de": "danke", "en": "thanks"}
CALENDAR_SEGMENTS = {"de": "kalender", "en": "calendar"}


def page_language(page) -> str:
    """The language of `page`'s addresses: its locale's, English for any other."""
    language = page.locale.language_code
    return language if language in LANGUAGES else "en"


def segment_in_language(
    rest: str, segments: dict[str, str], language: str, *, position: int = 0
) -> str:
    """`rest` (a sub-route's address after the page's own, with its query) whose segment at
    `position`, when it is its last and one of `segments`, is written in `language`."""
    path_part, mark, query = rest.partition("?")
    parts = path_part.split("/")
    if len(parts) == position + 2 and parts[position] in segments.values() and not parts[-1]:
        parts[position] = segments.get(language, segments["en"])
    return "/".join(parts) + mark + query


class LocalisedRoutesMixin:
    """A routable page with sub-routes named ``<name>_de`` and ``<name>_en``, one per
    language's segment (`localised_segments`: the segments and their position)."""

    localised_segments: tuple[tuple[dict[str, str], int], ...] = ()

    def localised_route(self, name: str) -> str:
        """The name of route `name` in the page's own language."""
        return f"{name}_{page_language(self)}"

    def localised_route_url(self, name: str, *, request=None, **kwargs) -> str | None:
        return route_url(self, self.localised_route(name), request=request, **kwargs)

    def route_in_language(self, rest: str, language: str) -> str:
        """The rest of a sub-route's address as it reads in `language`."""
        for segments, position in self.localised_segments:
            rest = segment_in_language(rest, segments, language, position=position)
        return rest

    def redirect_to_own_language(self, request, name: str, segment_language: str, **kwargs):
        """A permanent redirect to route `name` in the page's language (with the query) when
        the request came in through the other language's segment (an address whose /de/ or
        /en/ was swapped by hand, or an old one); None when it came through the page's own."""
        if segment_language == page_language(self):
            return None
        url = self.localised_route_url(name, request=request, **kwargs)
        if query := request.GET.urlencode():
            url += "?" + query
        return redirect(url, permanent=True)


class ThanksRoutesMixin(LocalisedRoutesMixin):
    """A routable page with a confirmation page after a form (`thanks_template`)."""

    thanks_template = ""
    localised_segments = ((THANKS_SEGMENTS, 0),)

    def thanks_route(self) -> str:
        """The name of the thanks route in the page's own language."""
        return self.localised_route("thanks")

    def thanks_url(self, *, request=None) -> str | None:
        return self.localised_route_url("thanks", request=request)

    @path("danke/", name="thanks_de")
    def thanks_de(self, request):
        return self._thanks(request, "de")

    @path("thanks/", name="thanks_en")
    def thanks_en(self, request):
        return self._thanks(request, "en")

    def _thanks(self, request, segment_language):
        # The English page once lived at danke/.
        if moved := self.redirect_to_own_language(request, "thanks", segment_language):
            return moved
        return TemplateResponse(request, self.thanks_template, self.get_context(request))
