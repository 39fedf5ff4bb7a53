"""The neutral texts of a new office's pages, in German and English.

They say only what is true of any office's site (what a section is for, who publishes the
site, what the software stores) and name the office and its city from the setup's input;
they invent nothing, and the office rewrites them in the back office.
"""

from dataclasses import dataclass

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
                "de": "<p>Hier erklären wir diese Internet-Seite in Leichter Sprache.</p><p>Es "
                "gibt mehrere Themen. Jedes Thema hat eine eigene Seite.</p><p>Klicken Sie auf "
                "ein Thema. Dann lesen Sie mehr.</p>",
                "en": "<p>Here we explain this website in Easy Read.</p><p>There are several "
                "topics. Each topic has its own page.</p><p>Click on a topic. Then you can "
                "read more.</p>",
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
                    "<p>{} möchte, dass alle Menschen diese Website gut nutzen können.</p>",
                    name["de"],
                ),
                "en": format_html(
                    "<p>{} wants everyone to be able to use this website well.</p>",
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


# --- the pages in easy language (Leichte Sprache; the English site's "Easy Read") ----------------
# Written to the rules of Leichte Sprache: short sentences, one statement a sentence, common
# words, hard words explained, numbers as digits, long compound words split with a hyphen.
# Each German text and its English one have the same parts in the same order (paragraphs,
# headings, list items), so that setup links them as wagtail-localize translations. What
# changes with the data (the partner cities, the office's address, the form's page) the
# page adds itself (EasyLanguagePage.shows); these texts name only the home city.
@dataclass(frozen=True)
class EasyTopic:
    """One page in easy language below the easy-language page."""

    key: str
    slugs: dict
    titles: dict
    body: dict  # language -> HTML
    shows: str = ""  # EasyLanguagePage.Shows


def easy_language_topics(*, city) -> tuple[EasyTopic, ...]:
    """The easy-language pages every office's site has; `city` names the home city."""
    return (
        EasyTopic(
            "partnerships",
            {"de": "staedte-partnerschaften", "en": "city-partnerships"},
            {"de": "Was sind Städte-Partnerschaften?", "en": "What are city partnerships?"},
            {
                "de": "<p>Eine Städte-Partnerschaft ist wie eine Freundschaft zwischen 2 "
                "Städten.</p><p>Die Städte liegen oft in verschiedenen Ländern.</p><p>Die 2 "
                "Städte unterschreiben einen Vertrag. Ein Vertrag ist ein wichtiges Papier. In "
                "dem Vertrag steht: Wir wollen zusammen-arbeiten.</p><p>Dann lernen sich die "
                "Menschen aus den 2 Städten kennen.</p><p>Und die Städte lernen "
                "voneinander.</p><h2>Was machen die Partner-Städte zusammen?</h2><p>Das "
                "machen Partner-Städte oft:</p><ul><li>Schüler und Schülerinnen besuchen "
                "die andere Stadt.</li>"
                "<li>Künstler und Künstlerinnen zeigen ihre Kunst in der anderen Stadt.</li>"
                "<li>Menschen aus der Verwaltung treffen sich. Die Verwaltung sind die Ämter "
                "von einer Stadt.</li></ul><h2>Warum gibt es Städte-Partnerschaften?</h2><p>"
                "Menschen aus verschiedenen Ländern lernen sich kennen.</p><p>So verstehen "
                "sie sich besser.</p><p>Das ist gut für den Frieden.</p>",
                "en": "<p>A city partnership is like a friendship between 2 cities.</p><p>The "
                "cities are often in different countries.</p><p>The 2 cities sign an "
                "agreement. An agreement is an important paper. The agreement says: We want "
                "to work together.</p><p>Then people from the 2 cities get to know each "
                "other.</p><p>And the cities learn from each other.</p><h2>What do partner "
                "cities do together?</h2><p>Partner cities often do these things:</p><ul><li>"
                "School students visit "
                "the other city.</li><li>Artists show their art in the other city.</li><li>"
                "People from the administration meet. The administration means the offices "
                "that run a city.</li></ul><h2>Why are there city partnerships?</h2><p>People "
                "from different countries get to know each other.</p><p>Then they understand "
                "each other better.</p><p>That is good for peace.</p>",
            },
        ),
        EasyTopic(
            "partner_cities",
            {"de": "partner-staedte", "en": "partner-cities"},
            {"de": "Die Partner-Städte", "en": "The partner cities"},
            {
                "de": format_html(
                    "<p>{} hat Partner-Städte in vielen Ländern.</p><p>Bei jeder Stadt steht: "
                    "Seit welchem Jahr ist die Stadt ein Partner?</p><p>Manche Städte haben "
                    "eine eigene Seite. Dann ist der Name von der Stadt ein Link. Ein Link "
                    "bringt Sie zu einer anderen Seite.</p><p>Die Seite über die Stadt ist in "
                    "schwerer Sprache.</p>",
                    city.name_de,
                ),
                "en": format_html(
                    "<p>{} has partner cities in many countries.</p><p>For each city you can "
                    "read: Since which year is the city a partner?</p><p>Some cities have a "
                    "page of their own. Then the name of the city is a link. A link takes you "
                    "to another page.</p><p>The page about the city is in standard "
                    "English.</p>",
                    city.name_en,
                ),
            },
            shows="partner_cities",
        ),
        EasyTopic(
            "take_part",
            {"de": "mitmachen", "en": "take-part"},
            {"de": "So können Sie mitmachen", "en": "How you can take part"},
            {
                "de": "<p>Alle können bei den Städte-Partnerschaften mitmachen.</p><p>Das "
                "können sein:</p><ul><li>Schulen</li><li>Vereine</li><li>Firmen</li><li>einzelne "
                "Menschen</li></ul><p>Ein Projekt ist eine Sache: Menschen planen die Sache "
                "zusammen. Und dann machen sie die Sache zusammen.</p><p>Haben Sie eine Idee "
                "für ein Projekt mit einer Partner-Stadt? Dann schreiben Sie uns Ihre "
                "Idee.</p><p>Dafür gibt es ein Formular. Ein Formular ist wie ein Brief mit "
                "Feldern. Sie schreiben Ihre Idee in die Felder.</p><p>Wir lesen jede "
                "Idee.</p>",
                "en": "<p>Everyone can take part in the city partnerships.</p><p>That "
                "can be:</p><ul><li>schools</li><li>clubs</li><li>companies</li><li>single "
                "people</li></ul><p>A project is a thing that people plan together. And then "
                "they do the thing together.</p><p>Do you have an idea for a project with a "
                "partner city? Then write to us about your idea.</p><p>There is a form for "
                "this. A form is like a letter with boxes. You write your idea in the "
                "boxes.</p><p>We read every idea.</p>",
            },
            shows="take_part",
        ),
        EasyTopic(
            "contact",
            {"de": "kontakt", "en": "contact"},
            {"de": "So erreichen Sie uns", "en": "How to contact us"},
            {
                "de": "<p>Haben Sie eine Frage? Dann fragen Sie uns.</p><p>Sie können uns "
                "schreiben. Oder Sie können uns anrufen.</p><p>Unsere Adresse steht auch "
                "unten auf jeder Seite.</p>",
                "en": "<p>Do you have a question? Then ask us.</p><p>You can write to us. Or "
                "you can call us.</p><p>Our address is also at the bottom of every "
                "page.</p>",
            },
            shows="contact",
        ),
        EasyTopic(
            "navigation",
            {"de": "so-benutzen-sie-die-seite", "en": "how-to-use-this-website"},
            {"de": "So benutzen Sie diese Internet-Seite", "en": "How to use this website"},
            {
                "de": "<h2>Oben auf jeder Seite</h2><p>Oben steht der Name von dieser "
                "Internet-Seite. Klicken Sie auf den Namen. Dann kommen Sie zur "
                "Start-Seite.</p><p>Daneben ist die Suche. Schreiben Sie ein Wort in das Feld. "
                "Dann klicken Sie auf den Knopf daneben. Dann sehen Sie alle Seiten mit dem "
                "Wort.</p><p>Dort ist auch ein Link mit dem Wort: English. Klicken Sie auf den "
                "Link. Dann lesen Sie die Seite auf Englisch.</p><p>Dort sind auch die Links "
                "zur Leichten Sprache und zur Gebärden-Sprache. Gebärden-Sprache ist eine "
                "Sprache mit den Händen. Bei den Links sind kleine Bilder: ein Buch und 2 "
                "Hände.</p><h2>Das Menü</h2><p>Unter dem Namen ist das Menü. Ein Menü ist eine "
                "Liste mit Links. Ein Link bringt Sie zu einer anderen Seite.</p><p>Im Menü "
                "sind die wichtigen Teile von der Internet-Seite. Dort stehen auch "
                "die Partner-Städte.</p><p>Sie sind gerade in einem Teil? Dann ist dieser Teil im "
                "Menü unterstrichen.</p><h2>Der Weg zur Seite</h2><p>Unter dem Menü steht auf "
                "vielen Seiten ein Weg. Der Weg zeigt: Hier sind Sie gerade.</p><p>Sie können "
                "auf jeden Teil von dem Weg klicken. Dann kommen Sie zu dieser Seite "
                "zurück.</p><h2>Unten auf jeder Seite</h2><p>Ganz unten steht unsere "
                "Adresse.</p><p>Dort sind auch Links zu wichtigen Seiten. Ein wichtiger Link ist: "
                "Impressum. Im Impressum steht: Wer hat diese Internet-Seite gemacht?</p><h2>Mit "
                "der Tastatur</h2><p>Sie können die Seite auch mit der Tastatur benutzen. Die "
                "Tastatur ist das Brett mit den Buchstaben.</p><p>Drücken Sie die Tab-Taste. "
                "Dann springen Sie zum nächsten Link.</p><p>Drücken Sie die Enter-Taste. Dann "
                "öffnen Sie den Link.</p>",
                "en": "<h2>At the top of every page</h2><p>At the top is the name of this "
                "website. Click on the name. Then you come to the start page.</p><p>Next to "
                "it is the search. Write a word in the box. Then click on the button next to "
                "it. Then you see all pages with the word.</p><p>There is also a link with the "
                "word: Deutsch. Click on the link. Then you read the page in German.</p><p>"
                "There are also the links to Easy Read and to sign language. Sign language is "
                "a language with the hands. The links have small pictures: a book and 2 "
                "hands.</p><h2>The menu</h2><p>Below the name is the menu. A menu is a list of "
                "links. A link takes you to another page.</p><p>The menu has the important "
                "parts of the website. The partner cities are there too.</p><p>Are you in one "
                "part right now? Then this part is underlined in the menu.</p><h2>The path "
                "to the page</h2><p>Below the menu, many pages show a path. The path shows: "
                "This is where you are.</p><p>You can click on each part of the path. Then "
                "you go back to that page.</p><h2>At the bottom of every page</h2><p>At the "
                "very bottom is our address.</p><p>There are also links to important pages. "
                "One important link is: Imprint. The imprint says: Who made this website?</p><h2>"
                "With the keyboard</h2><p>You can also use the page with the keyboard. The "
                "keyboard is the board with the letters.</p><p>Press the Tab key. Then you "
                "jump to the next link.</p><p>Press the Enter key. Then you open the "
                "link.</p>",
            },
        ),
    )
