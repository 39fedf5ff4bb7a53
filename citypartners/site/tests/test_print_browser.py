"""Print (issue 16, item 7): the overview, a partner city page and an activity page print
without navigation, search, language switch or footer links, with each link's address after
it (absolute), their map and tables no wider than an A4 page, black on white."""

import io

import pytest
from pypdf import PdfReader

from .pages import activity_view_urls, one_page_of_each_type
from .test_browser import browser  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A4 is 210 mm wide; less the print style's page margins (2 x 1.6 cm), 17.8 cm are printed:
# 673 CSS pixels at 96 per inch.
PRINTABLE = 673

HIDDEN = [".skip-link", ".main-nav", ".header-search", ".language-switch", ".footer-nav"]

# What is wider than the printed page, and the tables, maps and timelines' widths.
MEASURE = """(printable) => ({
  width: document.documentElement.scrollWidth,
  wide: [...document.querySelectorAll('main table, main figure svg, main figure')]
    .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > printable + 1)
    .map(e => e.tagName.toLowerCase() + '.' + e.getAttribute('class')),
  counted: document.querySelectorAll('main table, main figure').length,
})"""

# Each shown link in the main content: its address and what the print style adds after it.
LINK_SUFFIXES = """() => [...document.querySelectorAll('main a[href]')]
  .filter(a => a.getClientRects().length && !a.closest('svg'))
  .map(a => ({href: a.getAttribute('href'), url: a.href,
              after: getComputedStyle(a, '::after').content}))"""


@pytest.fixture
def printer(browser, live_server, small_site):  # noqa: F811 (the imported fixture)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": PRINTABLE, "height": 1000}
    )
    page = context.new_page()
    page.emulate_media(media="print")
    yield page
    context.close()


def _printed_pages() -> dict[str, tuple[str, str]]:
    """(address, a name the printout must carry) per printed page type, in both languages."""
    pages = {
        f"{model} {url[1:3]}": url
        for model, de, en in one_page_of_each_type()
        if model in ("homepage", "partnercitypage")
        for url in (de, en)
    }
    for url in activity_view_urls():
        if "/aktivitaeten/" in url or "/activities/" in url:
            if not url.rstrip("/").endswith(("kalender", "calendar")):
                pages[f"activity {url[1:3]}"] = url
    return pages


def test_printed_pages_show_no_navigation_and_each_links_absolute_address(printer):
    failures = {}
    for name, url in _printed_pages().items():
        printer.goto(url)
        shown = [selector for selector in HIDDEN if printer.locator(selector).first.is_visible()]
        if shown:
            failures[f"{name}: shown"] = shown
        links = printer.evaluate(LINK_SUFFIXES)
        assert any(link["href"].startswith("/") for link in links), name
        for link in links:
            if link["href"].startswith(("/", "http")):
                expected = f'" ({link["url"]})"'  # the address as the browser resolves it
            else:  # within the page, mail
                expected = "none"
            if link["after"] != expected:
                failures[f"{name}: {link['href']}"] = link["after"]
    assert failures == {}


def test_printed_tables_maps_and_timeline_fit_the_width_of_an_a4_page(printer):
    counted = 0
    for name, url in _printed_pages().items():
        printer.goto(url)
        measured = printer.evaluate(MEASURE, PRINTABLE)
        assert measured["width"] <= PRINTABLE, (name, measured)
        assert measured["wide"] == [], name
        counted += measured["counted"]
    assert counted >= 2  # the overview's map and timeline at least


def test_printed_text_is_black_on_white(printer):
    printer.goto(_printed_pages()["homepage en"])
    colours = printer.evaluate(
        """() => [...document.querySelectorAll('main h1, main h2, main p, main td, main a')]
          .filter(e => e.getClientRects().length)
          .map(e => getComputedStyle(e).color)"""
    )
    assert colours and set(colours) == {"rgb(0, 0, 0)"}


def test_the_three_page_types_print_to_a4_pdfs_that_carry_their_text(printer, tmp_path):
    names = {"homepage en": "Warsaw", "partnercitypage en": "Paris", "activity en": "Warsaw"}
    pages = _printed_pages()
    for name, text in names.items():
        printer.goto(pages[name])
        pdf = printer.pdf(format="A4", print_background=True)
        (tmp_path / f"{name.replace(' ', '-')}.pdf").write_bytes(pdf)
        reader = PdfReader(io.BytesIO(pdf))
        assert 0 < len(reader.pages) <= 6, (name, len(reader.pages))
        box = reader.pages[0].mediabox
        # A4: 210 by 297 mm, 595 by 842 points (Chromium rounds to its inches).
        assert abs(float(box.width) - 595) < 2 and abs(float(box.height) - 842) < 2
        printed = " ".join(page.extract_text() for page in reader.pages)
        assert text in printed, name
        assert "Skip to main content" not in printed
        assert "/en/" in printed  # a link's address
