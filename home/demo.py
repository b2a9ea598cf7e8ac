"""Demo information pages, in Finnish and Swedish (used by ``manage.py load_demo``): what the groups
are, and the accessibility statement."""

from wagtail.models import Locale

from core.translation import create_translation

from .models import HomePage, InformationPage

ABOUT = {
    "fi": {
        "title": "Mitä matalan kynnyksen ryhmät ovat?",
        "slug": "tietoa-ryhmista",
        "intro": "Matalan kynnyksen ryhmiin on helppo tulla. Useimmat ovat maksuttomia, eikä useimpiin tarvitse ilmoittautua.",
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
        "intro": "Det är lätt att komma till en lågtröskelgrupp. De flesta är gratis och till de flesta behöver du inte anmäla dig.",
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

# The accessibility statement that the law on providing digital services (306/2019) asks for.
# docs/accessibility.md explains how it was assessed and what to update before publishing.
ACCESSIBILITY = {
    "fi": {
        "title": "Saavutettavuusseloste",
        "slug": "saavutettavuusseloste",
        "intro": "Kerromme tässä, miten hyvin Ryhmähaku toimii eri tavoin sivuja käyttäville ihmisille, "
        "mitä puutteita tiedämme ja miten voit antaa palautetta.",
        "body": [
            ("heading", "Miten saavutettava Ryhmähaku on?"),
            (
                "paragraph",
                "<p>Ryhmähaku täyttää saavutettavuusvaatimukset osittain. Tavoite on, että palvelu täyttää "
                "WCAG 2.1 -ohjeen A- ja AA-tason vaatimukset. Vaatimuksista säädetään laissa digitaalisten "
                "palvelujen tarjoamisesta (306/2019). Tiedossa olevat puutteet kerrotaan alla.</p>",
            ),
            ("heading", "Miten saavutettavuus on arvioitu?"),
            (
                "paragraph",
                "<p>Olemme arvioineet palvelun itse. Automaattiset testit käyvät jokaisen muutoksen jälkeen "
                "oikealla selaimella läpi kaikki julkiset sivutyypit suomeksi ja ruotsiksi:</p>"
                "<ul><li>WCAG 2.1 -ohjeen A- ja AA-tason tarkistukset (axe-core)</li>"
                "<li>käyttö pelkällä näppäimistöllä, ja kohdistus näkyy aina</li>"
                "<li>käyttö ilman JavaScriptiä</li>"
                "<li>320 pikselin levyinen näyttö ilman sivuttaista vieritystä, myös kun tekstin välejä "
                "on suurennettu</li></ul>"
                "<p>Palvelua ei ole vielä testattu ruudunlukuohjelmilla eikä apuvälineitä käyttävien "
                "ihmisten kanssa, eikä ulkopuolinen asiantuntija ole arvioinut sitä.</p>",
            ),
            ("heading", "Tiedossa olevat puutteet"),
            (
                "paragraph",
                "<ul><li>Ryhmiä ylläpitävien toimijoiden hallintanäkymä on osittain englanniksi, eikä "
                "englanninkielisiä tekstejä ole merkitty englanniksi (WCAG 3.1.2). Hallintanäkymän "
                "saavutettavuutta ei ole arvioitu kokonaan.</li>"
                "<li>Toimijat kirjoittavat ryhmien tekstit ja kuvien kuvaukset itse. Ohjeistamme heitä, "
                "mutta emme tarkista jokaista tekstiä etukäteen.</li>"
                "<li>Osa ryhmistä on vielä vain suomeksi. Ruotsinkielisillä sivuilla suomenkielinen "
                "teksti on merkitty suomeksi, jotta ruudunlukuohjelma lukee sen oikein.</li>"
                "<li>Verkossa kokoontuvat ryhmät käyttävät muiden palveluja, esimerkiksi Teamsia tai "
                "Discordia. Niiden saavutettavuudesta vastaavat palvelujen tarjoajat.</li></ul>",
            ),
            ("heading", "Anna palautetta"),
            (
                "paragraph",
                "<p>Huomasitko puutteen? Kerro siitä ryhmätoiminnan koordinaattorille, niin korjaamme sen. "
                "Vastaamme kahden viikon kuluessa. Sähköposti: ryhmat@example.org, puhelin +358 40 000 0001."
                "</p>",
            ),
            ("heading", "Valvontaviranomainen"),
            (
                "paragraph",
                "<p>Jos et saa vastausta kahden viikon kuluessa tai et ole tyytyväinen vastaukseen, voit "
                "tehdä ilmoituksen valvontaviranomaiselle. Digitaalisten palvelujen saavutettavuutta "
                "valvoo Liikenne- ja viestintävirasto Traficom (ennen vuotta 2025 Etelä-Suomen "
                "aluehallintovirasto). Ohjeet ilmoituksen tekemiseen ovat sivustolla "
                "saavutettavuusvaatimukset.fi.</p>"
                "<p>Seloste on laadittu 1.12.2026.</p>",
            ),
        ],
    },
    "sv": {
        "title": "Tillgänglighetsutlåtande",
        "slug": "tillganglighetsutlatande",
        "intro": "Här berättar vi hur väl Gruppsök fungerar för människor som använder webbplatser på "
        "olika sätt, vilka brister vi känner till och hur du kan ge respons.",
        "body": [
            ("heading", "Hur tillgänglig är Gruppsök?"),
            (
                "paragraph",
                "<p>Gruppsök uppfyller tillgänglighetskraven delvis. Målet är att tjänsten uppfyller "
                "kraven på nivå A och AA i riktlinjerna WCAG 2.1. Kraven finns i lagen om tillhandahållande "
                "av digitala tjänster (306/2019). De brister vi känner till finns nedan.</p>",
            ),
            ("heading", "Hur har tillgängligheten bedömts?"),
            (
                "paragraph",
                "<p>Vi har bedömt tjänsten själva. Automatiska test går efter varje ändring igenom alla "
                "typer av offentliga sidor på finska och svenska i en riktig webbläsare:</p>"
                "<ul><li>kontrollerna på nivå A och AA i WCAG 2.1 (axe-core)</li>"
                "<li>användning med enbart tangentbord, och fokus syns alltid</li>"
                "<li>användning utan JavaScript</li>"
                "<li>en 320 pixlar bred skärm utan rullning i sidled, också när avståndet mellan "
                "bokstäver, ord och rader har ökats</li></ul>"
                "<p>Tjänsten har ännu inte testats med skärmläsare eller tillsammans med personer som "
                "använder hjälpmedel, och ingen utomstående expert har bedömt den.</p>",
            ),
            ("heading", "Brister som vi känner till"),
            (
                "paragraph",
                "<ul><li>Administrationsvyn för aktörerna som sköter grupperna är delvis på engelska, och "
                "de engelska texterna är inte märkta som engelska (WCAG 3.1.2). Administrationsvyns "
                "tillgänglighet har inte bedömts helt.</li>"
                "<li>Aktörerna skriver själva texterna om grupperna och beskrivningarna av bilderna. Vi "
                "ger dem anvisningar, men vi granskar inte varje text på förhand.</li>"
                "<li>En del grupper finns ännu bara på finska. På de svenska sidorna är den finska texten "
                "märkt som finska, så att en skärmläsare läser den rätt.</li>"
                "<li>Grupper som träffas på nätet använder andra tjänster, till exempel Teams eller "
                "Discord. De som erbjuder tjänsterna ansvarar för deras tillgänglighet.</li></ul>",
            ),
            ("heading", "Ge respons"),
            (
                "paragraph",
                "<p>Har du hittat en brist? Berätta för koordinatorn för gruppverksamheten, så rättar vi "
                "den. Vi svarar inom två veckor. E-post: ryhmat@example.org, telefon +358 40 000 0001.</p>",
            ),
            ("heading", "Tillsynsmyndighet"),
            (
                "paragraph",
                "<p>Om du inte får svar inom två veckor eller inte är nöjd med svaret kan du anmäla saken "
                "till tillsynsmyndigheten. Tillgängligheten i digitala tjänster övervakas av Transport- och "
                "kommunikationsverket Traficom (före år 2025 av Regionförvaltningsverket i Södra Finland). "
                "Anvisningar för anmälan finns på webbplatsen saavutettavuusvaatimukset.fi.</p>"
                "<p>Utlåtandet har gjorts 1.12.2026.</p>",
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
    """Create the information pages (what low-threshold groups are, the accessibility statement)
    in both languages, if they are missing."""
    fi = Locale.objects.get(language_code="fi")
    sv = Locale.objects.get(language_code="sv")
    home = HomePage.objects.get(locale=fi, depth=2)
    for texts in (ABOUT, ACCESSIBILITY):
        page = InformationPage.objects.child_of(home).filter(slug=texts["fi"]["slug"]).first()
        if page is None:
            page = InformationPage(locale=fi, **_values(texts["fi"]))
            home.add_child(instance=page)
            page.save_revision().publish()
        translation = page.get_translation_or_none(sv)
        if translation is None or translation.alias_of_id:
            translation = create_translation(page, sv, _values(texts["sv"]))
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
