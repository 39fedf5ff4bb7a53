"""The sign-language page in Debian's Chromium: the example video plays, its captions load,
its controls are reached by keyboard, and axe-core finds nothing, in both languages."""

import pytest

from citypartners.site.models import VideoPage

from .factories import example_video_on
from .test_browser import _axe_violations, browser, page  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

URLS = {"de": "/de/gebaerdensprache/", "en": "/en/sign-language/"}

PLAY = """async () => {
  const video = document.querySelector('video');
  video.muted = true;
  await video.play();
  const start = video.currentTime;
  await new Promise(resolve => setTimeout(resolve, 1200));
  return {start, now: video.currentTime, ready: video.readyState, paused: video.paused,
          error: video.error && video.error.code};
}"""

CUES = """async () => {
  const tracks = document.querySelector('video').textTracks;
  tracks[0].mode = 'showing';
  for (let i = 0; i < 50 && !(tracks[0].cues && tracks[0].cues.length); i++) {
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  return {language: tracks[0].language, count: tracks[0].cues ? tracks[0].cues.length : 0,
          first: tracks[0].cues && tracks[0].cues.length ? tracks[0].cues[0].text : ''};
}"""


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_example_video_plays_with_captions_in_either_language(page, language):  # noqa: F811
    example_video_on(VideoPage.objects.get(locale__language_code="de"))
    page.goto(URLS[language])
    video = page.locator("video")
    assert video.get_attribute("autoplay") is None
    played = page.evaluate(PLAY)
    assert played["error"] is None
    assert played["ready"] >= 2 and not played["paused"]
    assert played["now"] > played["start"]

    cues = page.evaluate(CUES)
    assert cues["language"] == language and cues["count"] == 2
    assert cues["first"].startswith({"de": "Beispielvideo", "en": "Example video"}[language])

    # The player is reached with the Tab key, like the download link below it.
    page.evaluate("document.querySelector('video').pause()")
    page.locator("h1").click()  # start tabbing from the page's heading
    reached = []
    for _ in range(30):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.tagName"))
        if reached[-1] == "VIDEO":
            break
    assert "VIDEO" in reached
    # The player's own buttons answer the keyboard: space starts it.
    page.keyboard.press("Space")
    page.wait_for_function("!document.querySelector('video').paused", timeout=5000)

    assert _axe_violations(page) == []


def test_the_download_link_gives_the_video_file(page):  # noqa: F811
    example_video_on(VideoPage.objects.get(locale__language_code="de"))
    page.goto(URLS["en"])
    link = page.get_by_role("link", name="Download the video")
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "video/webm"
    assert len(response.body()) > 10_000
