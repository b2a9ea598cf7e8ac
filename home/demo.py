"""Demo information pages, in Finnish and Swedish (used by ``manage.py load_demo``)."""

from wagtail.models import Locale

from .models import HomePage, InformationPage
from .translation import create_translation

ABOUT = {
    "fi": {
        "title": "Mitä matalan kynnyksen ryhmät ovat?",
        "slug": "tietoa-ryhmista",
        "intro": "Matalan kynnyksen ryhmiin on helppo tulla. Ne ovat maksuttomia, eikä niihin tarvitse ilmoittautua.",
        "body": [
            ("heading", "Kenelle ryhmät ovat?"),
            (
                "paragraph",
                "<p>Ryhmät ovat kaikille. Sinun ei tarvitse olla tietyn ikäinen, asua tietyssä kunnassa tai "
                "olla minkään palvelun asiakas. Osa ryhmistä on suunnattu esimerkiksi ikääntyneille tai "
                "nuorille, mutta silloinkin kaikki ovat tervetulleita.</p>",
            ),
            ("heading", "Miten ryhmään tullaan?"),
            (
                "paragraph",
                "<p>Katso ryhmän aika ja paikka ja tule paikalle. Lähetettä ei tarvita. Sinun ei tarvitse "
                "kertoa nimeäsi, ja voit tulla yksin. Voit myös vain kuunnella: mihinkään ei ole pakko "
                "osallistua.</p>",
            ),
            ("heading", "Kuka ryhmiä järjestää?"),
            (
                "paragraph",
                "<p>Ryhmiä järjestävät yhdessä Keski-Pohjanmaan hyvinvointialue Soite, alueen kunnat, "
                "seurakunnat ja järjestöt. Ryhmiä ohjaa yleensä kaksi ohjaajaa: ammattilainen ja "
                "kokemusosaaja tai vapaaehtoinen.</p>",
            ),
        ],
    },
    "sv": {
        "title": "Vad är lågtröskelgrupper?",
        "slug": "om-grupperna",
        "intro": "Det är lätt att komma till en lågtröskelgrupp. Grupperna är gratis och du behöver inte anmäla dig.",
        "body": [
            ("heading", "Vem är grupperna för?"),
            (
                "paragraph",
                "<p>Grupperna är för alla. Du behöver inte vara i en viss ålder, bo i en viss kommun eller "
                "vara kund hos någon tjänst. En del grupper riktar sig till exempel till äldre eller unga, "
                "men också då är alla välkomna.</p>",
            ),
            ("heading", "Hur kommer jag med?"),
            (
                "paragraph",
                "<p>Se när och var gruppen träffas och kom dit. Du behöver ingen remiss. Du behöver inte "
                "säga ditt namn och du kan komma ensam. Du kan också bara lyssna: du måste inte delta i "
                "allt.</p>",
            ),
            ("heading", "Vem ordnar grupperna?"),
            (
                "paragraph",
                "<p>Grupperna ordnas tillsammans av välfärdsområdet Soite i Mellersta Österbotten, "
                "kommunerna, församlingarna och organisationerna i området. Oftast leds en grupp av två "
                "ledare: en yrkesperson och en erfarenhetsexpert eller frivillig.</p>",
            ),
        ],
    },
}


def _values(texts):
    return {
        "title": texts["title"],
        "slug": texts["slug"],
        "intro": texts["intro"],
        "body": [{"type": kind, "value": value} for kind, value in texts["body"]],
    }


def ensure_information_pages():
    """Create the "what are low-threshold groups" page in both languages, if it is missing."""
    fi = Locale.objects.get(language_code="fi")
    sv = Locale.objects.get(language_code="sv")
    home = HomePage.objects.get(locale=fi, depth=2)
    page = InformationPage.objects.child_of(home).filter(slug=ABOUT["fi"]["slug"]).first()
    if page is None:
        page = InformationPage(locale=fi, **_values(ABOUT["fi"]))
        home.add_child(instance=page)
        page.save_revision().publish()
    translation = page.get_translation_or_none(sv)
    if translation is None or translation.alias_of_id:
        translation = create_translation(page, sv, _values(ABOUT["sv"]))
        translation.save_revision().publish()


DEMO_CONTACT = {
    "title_fi": "Ryhmätoiminnan koordinaattori",
    "title_sv": "Koordinator för gruppverksamheten",
    "organisation_fi": "Keski-Pohjanmaan hyvinvointialue Soite",
    "organisation_sv": "Välfärdsområdet i Mellersta Österbotten Soite",
    "phone": "+358 40 000 0001",
    "email": "ryhmat@example.org",
}


def ensure_site_contact():
    """Give the demo site a (fictional) coordinator contact, unless one has been set already."""
    from wagtail.models import Site

    from .models import SiteContact

    contact = SiteContact.for_site(Site.objects.get(is_default_site=True))
    if not contact.is_set:
        for field, value in DEMO_CONTACT.items():
            setattr(contact, field, value)
        contact.save()
