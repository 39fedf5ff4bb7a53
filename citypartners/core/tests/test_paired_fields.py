"""Which fields count as a text in two languages (core.i18n.paired_fields): the fallback
marking, the missing-translation list and translation completeness read them."""

from citypartners.core.i18n import paired_fields
from citypartners.partnerships.models import City
from citypartners.site.models import VideoPage


def test_a_video_pages_captions_per_language_are_files_not_texts():
    assert {"captions_de", "captions_en"} <= {f.name for f in VideoPage._meta.concrete_fields}
    assert "captions" not in {name for name, _required in paired_fields(VideoPage)}


def test_a_required_text_pair_is_found_as_required():
    assert ("name", True) in paired_fields(City)
