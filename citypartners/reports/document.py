"""A report as a document of its own: one HTML file with its styles inside (the command's
``--format html``, and the source of the PDF), in the report's language, with a cover (the
office's name, the date made, the question) and a table of contents."""

from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Site

from citypartners.core.i18n import localized
from citypartners.core.models import OfficeSettings

from . import text
from .chart import matrix_charts


def office_name() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return ""
    office = OfficeSettings.for_site(site)
    return " – ".join(
        part for part in (localized(office, "name"), localized(office, "unit")) if part
    )


def html(report, *, language: str, preamble: list | None = None) -> str:
    with translation.override(language):
        return render_to_string(
            "reports/document.html",
            {
                "report": report,
                "language": language,
                "office": office_name(),
                "question": text.question(report.query),
                "summary": [
                    (label, report.summary[key]) for key, label in text.summary_labels().items()
                ],
                "charts": matrix_charts(report.matrix, title_id="report-matrix-caption"),
                "preamble": preamble,  # paragraphs on the cover (the annual report's notice)
            },
        )


def pdf(report, *, language: str, preamble: list | None = None) -> bytes:
    """The document as PDF/UA: tagged (headings, tables, lists as structure), with the
    document's language and title, page numbers and the contents' page references."""
    from weasyprint import HTML  # loads Pango: only where a PDF is made

    return HTML(string=html(report, language=language, preamble=preamble)).write_pdf(
        pdf_variant="pdf/ua-1"
    )
