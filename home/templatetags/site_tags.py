"""Template tags shared by every public page."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language, gettext

from wagtail.models import Locale, Page

from core.i18n import SOURCE_LANGUAGE, LocalizedText, current_language
from core.translation import partly_untranslated, untranslated_fields

register = template.Library()


def _locale_for(language):
    return Locale.objects.filter(language_code=language).first()


@register.simple_tag(takes_context=True)
def finder_url(context):
    """The address of the group finder in the page's language (the search box leads there)."""
    from search.models import FinderPage

    cache = context.render_context
    if "finder_url" not in cache:
        finder = FinderPage.objects.live().filter(locale__language_code=current_language()).first()
        cache["finder_url"] = finder.get_url(context.get("request")) if finder else "/"
    return cache["finder_url"]


@register.simple_tag(takes_context=True)
def page_in_language(context, page, language):
    """The live version of ``page`` in ``language``, or that language's home page."""
    request = context.get("request")
    locale = _locale_for(language)
    if locale is None:
        return None
    if page is not None:
        twin = page.get_translations(inclusive=True).filter(locale=locale).live().first()
        if twin is not None:
            return twin.get_url(request)
    home = Page.objects.filter(depth=2, locale=locale).live().first()
    return home.get_url(request) if home else f"/{language}/"


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the same page in the other language.

    On pages whose address parameters mean the same in both languages (the finder's selection, the
    week programme's week), the link keeps them, so a reader switching language keeps their place.
    """
    page = context.get("page")
    request = context.get("request")
    current = current_language()
    query = ""
    if getattr(page, "language_switch_keeps_query", False) and request is not None and request.GET:
        query = "?" + request.GET.urlencode()
    links = []
    for code, label, hreflang in (("fi", "Suomeksi", "fi"), ("sv", "På svenska", "sv")):
        if code == current:
            continue
        links.append({"url": page_in_language(context, page, code) + query, "label": label, "lang": hreflang})
    return {"links": links}


@register.inclusion_tag("components/alternate_links.html", takes_context=True)
def alternate_links(context):
    """``<link rel="alternate" hreflang>`` for every language version of the page, plus x-default."""
    page = context.get("page")
    request = context.get("request")
    if page is None or request is None:
        return {"links": []}
    twins = _twins(page, request) if getattr(page, "pk", None) else []
    links = [
        {"lang": twin.locale.language_code, "url": request.build_absolute_uri(twin.get_url(request))}
        for twin in twins
        if twin.get_url(request)
    ]
    if len(links) > 1:
        links.append({"lang": "x-default", "url": links[0]["url"]})
    return {"links": links}


@register.simple_tag(takes_context=True)
def home_url(context):
    home = Page.objects.filter(depth=2, locale__language_code=get_language() or "fi").live().first()
    return home.get_url(context.get("request")) if home else "/"


@register.simple_tag(takes_context=True)
def organisations_url(context):
    from organisations.models import OrganisationIndexPage

    index = OrganisationIndexPage.objects.live().filter(locale__language_code=current_language()).first()
    return index.get_url(context.get("request")) if index else None


@register.filter
def lang_attr(value):
    """`` lang="fi"`` when a text's language differs from the page's, else nothing."""
    lang = getattr(value, "lang", None)
    if lang and lang != current_language():
        return format_html(' lang="{}"', lang)
    return ""


@register.filter
def lang_span(value):
    """A text that knows its language (``LocalizedText``), in a ``<span lang>`` only when it is not the page's.

    ``{{ venue.name|lang_span }}``: most names are in the reader's language and need no element of
    their own (the brochure is faster with fewer of them), a Finnish fallback gets one.
    """
    lang = getattr(value, "lang", None)
    if lang and lang != current_language():
        return format_html('<span lang="{}">{}</span>', lang, value)
    return conditional_escape(value)


@register.filter
def in_sentence(value):
    """A label (``Omaishoitajat``) as a word inside a sentence: its first letter in lower case.

    Labels of the vocabularies begin with a capital, as they stand alone in the filters. A label
    that begins with two capitals (an abbreviation) is left as it is. Keeps the text's language.
    """
    text = str(value)
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    lang = getattr(value, "lang", None)
    return LocalizedText(text, lang) if lang else text


@register.simple_tag
def text_lang(page, field):
    """`` lang="fi"`` for the element of a page's text ``field`` when its readers see it in Finnish.

    ``<p{% text_lang page "summary" %}>{{ page.summary }}</p>``: the whole text of an untranslated
    page, and the fields a partial translation left in Finnish (``core.translation.untranslated_fields``).
    """
    if page is not None and field in untranslated_fields(page):
        return format_html(' lang="{}"', SOURCE_LANGUAGE)
    return ""


@register.simple_tag
def page_text(page, field):
    """The text of a page's ``field``, in a ``<span lang="fi">`` only when its readers see it in Finnish.

    For texts inside a sentence (the brochure's facts): no element at all when none is needed.
    """
    text = getattr(page, field, "") or ""
    if field in untranslated_fields(page):
        return format_html('<span lang="{}">{}</span>', SOURCE_LANGUAGE, text)
    return conditional_escape(text)


@register.filter
def is_partly_untranslated(page):
    """True when a translated page still shows some texts in Finnish (it then says so)."""
    return page is not None and partly_untranslated(page)


@register.simple_tag(takes_context=True)
def absolute_page_url(context, page):
    """The page's full address with the host the reader asked for (not the Wagtail site's own setting).

    The printed pages show it and the brochure's QR codes contain it, so they must agree.
    """
    request = context.get("request")
    url = page.get_url(request)
    if request is None or not url:
        return page.full_url or ""
    return request.build_absolute_uri(url)


OG_LOCALES = {"fi": "fi_FI", "sv": "sv_FI"}
DESCRIPTION_LENGTH = 300


def _twins(page, request):
    """The live language versions of ``page`` (one query, kept on the request for the other tags)."""
    cache = getattr(request, "_page_twins", None)
    if cache is None or cache[0] != page.pk:
        twins = sorted(
            page.get_translations(inclusive=True).live().select_related("locale"), key=lambda p: p.locale.language_code
        )
        cache = (page.pk, twins)
        request._page_twins = cache
    return cache[1]


def share_description(page):
    """What a page is about in a sentence or two: its search description, a group's summary, the
    beginning of an organisation's description, or the site's own description."""
    from django.utils.html import strip_tags
    from django.utils.text import Truncator
    from django.utils.translation import gettext

    text = getattr(page, "search_description", "") or getattr(page, "summary", "") or ""
    if not text and getattr(page, "description", None):
        text = strip_tags(str(page.description))
    text = " ".join(str(text).split())
    if not text:
        text = gettext(
            "Free groups in Central Ostrobothnia that anyone can join: no referral, no registration. "
            "Find a group near you and just come."
        )
    return Truncator(text).chars(DESCRIPTION_LENGTH)


@register.inclusion_tag("components/share_meta.html", takes_context=True)
def share_meta(context):
    """Meta description, Open Graph and Twitter card tags: how a shared link previews.

    The language and its alternate (``og:locale``), the page's own image or the site's default
    share image, and ``noindex`` for pages that should stay reachable but not be found by search
    engines (an ended group, the embeddable listing).
    """
    from django.templatetags.static import static

    page = context.get("page")
    request = context.get("request")
    language = current_language()
    data = {
        "description": context.get("meta_description") or share_description(page),
        "title": context.get("share_title") or (getattr(page, "seo_title", "") or getattr(page, "title", "")),
        "locale": OG_LOCALES.get(language, "fi_FI"),
        "alternate_locales": [code for lang, code in OG_LOCALES.items() if lang != language],
        "noindex": bool(context.get("noindex")) or getattr(page, "status", "") == "ended",
        "url": "",
        "image": "",
        "image_alt": "",
    }
    if request is None:
        return data
    if page is not None and getattr(page, "pk", None):
        url = page.get_url(request)
        data["url"] = request.build_absolute_uri(url) if url else ""
        twins = _twins(page, request)
        data["alternate_locales"] = [
            OG_LOCALES[twin.locale.language_code]
            for twin in twins
            if twin.locale.language_code != language and twin.locale.language_code in OG_LOCALES
        ]
    else:
        data["url"] = request.build_absolute_uri()
    image = getattr(page, "image", None)
    if image is not None:
        data["image"] = request.build_absolute_uri(image.get_rendition("width-800").url)
        data["image_alt"] = getattr(page, "image_alt", "")
    else:
        data["image"] = request.build_absolute_uri(static("share.png"))
        data["image_alt"] = site_image_alt()
    return data


def site_image_alt():
    """The description of the default share image, in the reader's language."""
    from django.utils.translation import gettext

    return gettext("Ryhmähaku – low-threshold groups in Central Ostrobothnia")


@register.simple_tag
def text_language_mark(page, field):
    """ " (på finska)" after a text of a page that its readers see in Finnish, in the reader's language.

    ``lang="fi"`` (:func:`text_lang`) tells a screen reader; this tells everyone else, so a Swedish
    reader knows before opening the page that its text is in Finnish.
    """
    if page is not None and field in untranslated_fields(page):
        return format_html(' <span class="language-mark">{}</span>', gettext("(in Finnish)"))
    return ""
