"""The neutral texts of a new office's pages, in German and English.

They say only what is true of any office's site (what a section is for, who publishes the
site, what the software stores) and name the office and its city from the setup's input;
they invent nothing, and the office rewrites them in the back office.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

LANGUAGES = ("de", "en")


def _lines(*values) -> str:
    """The non-empty values, escaped, one a line."""
    return format_html_join(mark_safe("<br>"), "{}", ((v,) for v in values if v))


def neutral_texts(*, office, city) -> dict:
    """Short texts for every page (key -> field -> language -> HTML), true of any office's
    site: `office` is a setup.OfficeData, `city` a setup.HomeCityData."""
    both = {"de": city.name_de, "en": city.name_en}
    town = {
        lang: " ".join(p for p in (office.postcode, getattr(office, f"town_{lang}")) if p)
        for lang in LANGUAGES
    }
    name = {"de": office.name_de, "en": office.name_en}
    unit = {"de": office.unit_de, "en": office.unit_en}
    contact_de = _lines(
        office.email and f"E-Mail: {office.email}", office.phone and f"Telefon: {office.phone}"
    )
    contact_en = _lines(
        office.email and f"E-mail: {office.email}", office.phone and f"Phone: {office.phone}"
    )
    write_to = {
        "de": format_html(" an {}", office.email) if office.email else "",
        "en": format_html(" at {}", office.email) if office.email else "",
    }
    texts = {
        "home": {
            "intro": {
                "de": format_html(
                    "<p>Städtepartnerschaften verbinden {} mit Städten in aller Welt. Hier "
                    "finden Sie die Partnerstädte, was in den Partnerschaften geschieht und wie "
                    "Sie mitmachen können.</p>",
                    both["de"],
                ),
                "en": format_html(
                    "<p>City partnerships connect {} with cities around the world. Here you "
                    "find the partner cities, what happens in the partnerships and how you can "
                    "take part.</p>",
                    both["en"],
                ),
            }
        },
        "boroughs": {
            "intro": {
                "de": "<p>Die Bezirke pflegen eigene Städtepartnerschaften. "
                "Hier finden Sie sie, nach Bezirken geordnet.</p>",
                "en": "<p>The boroughs keep city partnerships of their own. "
                "You find them here, borough by borough.</p>",
            }
        },
        "project_cooperations": {
            "intro": {
                "de": format_html(
                    "<p>Mit manchen Städten arbeitet {} bei einzelnen Projekten zusammen, ohne "
                    "dass eine Städtepartnerschaft vereinbart ist. Diese Städte und ihre "
                    "Projekte finden Sie hier.</p>",
                    both["de"],
                ),
                "en": format_html(
                    "<p>With some cities, {} works together on single projects without a "
                    "formal city partnership. You find these cities and their projects "
                    "here.</p>",
                    both["en"],
                ),
            }
        },
        "activities": {
            "intro": {
                "de": "<p>Aktivitäten und Veranstaltungen der Städtepartnerschaften. Filtern "
                "Sie nach Partnerstadt, Schwerpunkt, Art und Zeitraum oder öffnen Sie den "
                "Monatskalender.</p>",
                "en": "<p>Activities and events of the city partnerships. Filter by partner "
                "city, focus area, kind and period, or open the monthly calendar.</p>",
            }
        },
        "get_involved": {
            "body": {
                "de": "<p>Städtepartnerschaften leben von Menschen, die mitmachen: Schulen und "
                "Hochschulen, Vereine, Kultureinrichtungen, Unternehmen und Initiativen. Hier "
                "finden Sie Ansprechpersonen und können uns eine Aktivität oder ein Projekt "
                "vorschlagen.</p>",
                "en": "<p>City partnerships live from the people who take part: schools and "
                "universities, clubs, cultural institutions, companies and initiatives. Here "
                "you find people to ask and can propose an activity or a project to us.</p>",
            },
            "thanks_text": {
                "de": "<p>Vielen Dank, Ihr Vorschlag ist bei uns angekommen. Wir antworten "
                "Ihnen per E-Mail.</p>",
                "en": "<p>Thank you, your proposal has reached us. We will answer you by "
                "e-mail.</p>",
            },
        },
        "projects": {
            "intro": {
                "de": "<p>Projekte der Städtepartnerschaften: geplant, laufend und "
                "abgeschlossen.</p>",
                "en": "<p>Projects of the city partnerships: planned, running and completed.</p>",
            }
        },
        "organisations": {
            "intro": {
                "de": format_html(
                    "<p>Diese Einrichtungen in {} und in den Partnerstädten tragen die "
                    "Partnerschaften mit.</p>",
                    both["de"],
                ),
                "en": format_html(
                    "<p>These institutions in {} and in the partner cities carry the "
                    "partnerships.</p>",
                    both["en"],
                ),
            }
        },
        "annual_reports": {
            "intro": {
                "de": "<p>Jedes Jahr berichten wir hier, was in den Städtepartnerschaften "
                "geschehen ist: Aktivitäten und Projekte mit jeder Partnerstadt, neue und "
                "beendete Partnerschaften.</p>",
                "en": "<p>Each year we report here what happened in the city partnerships: "
                "activities and projects with each partner city, new and ended "
                "partnerships.</p>",
            }
        },
        "imprint": {
            "body": {
                "de": format_html(
                    "<h2>Herausgeber</h2><p>{}</p>{}",
                    _lines(name["de"], unit["de"], office.street, town["de"]),
                    format_html("<h2>Kontakt</h2><p>{}</p>", contact_de) if contact_de else "",
                ),
                "en": format_html(
                    "<h2>Publisher</h2><p>{}</p>{}",
                    _lines(name["en"], unit["en"], office.street, town["en"]),
                    format_html("<h2>Contact</h2><p>{}</p>", contact_en) if contact_en else "",
                ),
            }
        },
        "privacy": {
            "body": {
                "de": format_html(
                    "<h2>Verantwortliche Stelle</h2><p>{}</p><h2>Was wir speichern</h2><p>Die "
                    "öffentlichen Seiten verwenden keine Analyse- oder Werbedienste. Wenn Sie uns "
                    "über ein Formular schreiben, "
                    "speichern wir Ihre Angaben, um Ihr Anliegen zu bearbeiten.</p><h2>Ihre "
                    "Rechte</h2><p>Sie können Auskunft über Ihre gespeicherten Daten verlangen, "
                    "ihre Berichtigung oder Löschung. Schreiben Sie uns dazu{}.</p>",
                    _lines(name["de"], office.street, town["de"]),
                    write_to["de"],
                ),
                "en": format_html(
                    "<h2>Controller</h2><p>{}</p><h2>What we store</h2><p>The public pages "
                    "use no analytics or advertising services. When you write to us through a "
                    "form, we store what you tell us "
                    "in order to deal with your request.</p><h2>Your rights</h2><p>You may ask "
                    "what data we hold about you, and have it corrected or erased. Write to "
                    "us{}.</p>",
                    _lines(name["en"], office.street, town["en"]),
                    write_to["en"],
                ),
            }
        },
        "easy_language": {
            "body": {
                "de": format_html(
                    "<p>Auf dieser Internet-Seite geht es um Städte-Partnerschaften.</p><p>Eine "
                    "Städte-Partnerschaft ist wie eine Freundschaft zwischen 2 Städten.</p><p>"
                    "Hier steht: Welche Städte sind Partner von {}? Was machen die Städte "
                    "zusammen? Wie können Sie mitmachen?</p>",
                    both["de"],
                ),
                "en": format_html(
                    "<p>This website is about city partnerships.</p><p>A city partnership is "
                    "like a friendship between 2 cities.</p><p>Here you can read: Which cities "
                    "are partners of {}? What do the cities do together? How can you take "
                    "part?</p>",
                    both["en"],
                ),
            }
        },
        "sign_language": {
            "body": {
                "de": "<p>Auf dieser Seite erklärt ein Video in Deutscher Gebärdensprache "
                "(DGS), was Sie auf dieser Website finden.</p>",
                "en": "<p>On this page a video in German Sign Language (DGS) explains what "
                "you find on this website.</p>",
            },
            "transcript": {"de": "", "en": ""},  # written with the video
        },
        "accessibility": {
            "body": {
                "de": format_html(
                    "<p>{} möchte, dass alle Menschen diese Website gut nutzen können. Sie "
                    "soll die Anforderungen der Barrierefreie-Informationstechnik-Verordnung "
                    "(BITV 2.0) erfüllen.</p><h2>Barrieren melden</h2><p>Wenn Ihnen eine "
                    "Barriere auffällt, schreiben Sie uns mit dem Formular auf dieser "
                    "Seite.</p>",
                    name["de"],
                ),
                "en": format_html(
                    "<p>{} wants everyone to be able to use this website. It is meant to meet "
                    "the requirements of the German accessibility regulation (BITV 2.0).</p>"
                    "<h2>Report a barrier</h2><p>If you come across a barrier, write to us "
                    "with the form on this page.</p>",
                    name["en"],
                ),
            },
            "thanks_text": {
                "de": "<p>Vielen Dank für Ihre Nachricht, wir haben sie erhalten. Wenn Sie "
                "eine E-Mail-Adresse angegeben haben, antworten wir Ihnen.</p>",
                "en": "<p>Thank you for your message, we have received it. If you gave us an "
                "e-mail address, we will reply.</p>",
            },
        },
    }
    return {
        key: {
            name: {lang: str(html) for lang, html in by_lang.items()}
            for name, by_lang in page.items()
        }
        for key, page in texts.items()
    }


def home_titles(city) -> dict[str, str]:
    """The overview's title in German and English."""
    return {
        "de": f"Städtepartnerschaften von {city.name_de}",
        "en": f"City partnerships of {city.name_en}",
    }
