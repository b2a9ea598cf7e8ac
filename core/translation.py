"""Language-independent facts of translated pages.

Every group and organisation exists once per language tree (``/fi/...`` and ``/sv/...``).
Only the *texts* are translated; the *facts* (schedule, venue, vocabularies, contact, status...)
are the same in both languages and are edited on the Finnish source page. This mixin keeps the
facts of a translation equal to its source every time the translation is saved, and
:func:`propagate_facts` pushes them to the live translations when the source is published, so a
Swedish reader never sees an old meeting time while the Swedish texts wait for approval.
"""

from django.db import transaction

from wagtail.models import Locale

from .frontend_cache import purge_after_facts_changed
from .i18n import SOURCE_LANGUAGE, current_language


def copy_child(child, exclude):
    """Return an unsaved copy of a child object, without its primary key and parental key."""
    values = {
        field.attname: getattr(child, field.attname)
        for field in child._meta.concrete_fields
        if not field.primary_key and field.name not in exclude
    }
    return type(child)(**values)


class SharedFactsMixin:
    """Mixin for translatable pages whose facts come from the source-language page.

    Subclasses list the names of plain fields (``shared_fields``), parental many-to-many fields
    (``shared_m2m_fields``) and child relations (``shared_child_relations``) that are facts.
    """

    shared_fields: list[str] = []
    shared_m2m_fields: list[str] = []
    shared_child_relations: list[str] = []

    def get_source_page(self):
        """Return the source-language (Finnish) twin of this page, or None for a source page."""
        return source_page_of(self)

    def copy_facts_from(self, source):
        """Copy the facts of ``source`` onto this (unsaved) page object."""
        for name in self.shared_fields:
            setattr(self, name, getattr(source, name))
        for name in self.shared_m2m_fields:
            setattr(self, name, list(getattr(source, name).all()))
        for name in self.shared_child_relations:
            relation = getattr(type(self), name).rel
            parental_key = relation.field.name
            setattr(self, name, [copy_child(child, {parental_key}) for child in getattr(source, name).all()])

    def save(self, *args, **kwargs):
        # Partial saves (update_fields) are Wagtail's bookkeeping, not content changes.
        if kwargs.get("update_fields") is None and not self.alias_of_id:
            source = self.get_source_page()
            if source is not None and source.pk != self.pk:
                self.copy_facts_from(source)
        return super().save(*args, **kwargs)

    def save_revision(self, *args, **kwargs):
        # A translation's draft carries the Finnish page's facts too, whatever path made it (the
        # editor, a revert to an old revision), so a reviewer sees the facts that will go live.
        if not self.alias_of_id:
            source = self.get_source_page()
            if source is not None and source.pk != self.pk:
                self.copy_facts_from(source)
        return super().save_revision(*args, **kwargs)


def propagate_facts(source_page):
    """Save every live translation of ``source_page`` so that it picks up the current facts.

    The translation's row is what the public sees; its draft revisions (a translation waiting for
    approval) get the facts again when they are published, through :meth:`SharedFactsMixin.save`.
    A translation that has been started but not yet approved still shows the Finnish text, so it
    takes over the new Finnish texts as well.
    """
    model = type(source_page)
    translations = model.objects.filter(
        translation_key=source_page.translation_key, alias_of__isnull=True, live=True
    ).exclude(pk=source_page.pk)
    with transaction.atomic():
        for translation in translations:
            if translation.awaiting_translation:
                copy_texts(source_page, translation)
            translation.save()
    # Saved, not published: Wagtail purges only the source page from the CDN or Varnish.
    purge_after_facts_changed(translations)


# -- The state of a translation --------------------------------------------------------------
#
# A Swedish page is in one of these states (see docs/translation.md):
#
# * *missing*: an alias of the Finnish page (wagtail-localize's synchronised tree). Readers see
#   the Finnish text with a notice. Opening it in the editor offers to start a translation.
# * *in progress*: started, so no longer an alias, but ``awaiting_translation``: the live row
#   still holds the Finnish text and the Swedish texts are a draft that goes through the same
#   approval workflow as any change.
# * *translated*: published. ``translated_from`` keeps the Finnish texts it was made from.
# * *out of date*: translated, but the live Finnish texts differ from ``translated_from``.


def source_page_of(page):
    """The Finnish (source) version of ``page``, specific; None for a Finnish page or if there is none."""
    default_locale_id = Locale.get_default().pk
    if page.locale_id == default_locale_id:
        return None
    model = page.specific_class
    return model.objects.filter(translation_key=page.translation_key, locale_id=default_locale_id).first()


def source_texts(page):
    """The translated texts of ``page`` as comparable, JSON-serialisable values."""
    texts = {}
    for name in page.translated_fields:
        value = getattr(page, name, "")
        if hasattr(value, "get_prep_value"):  # a StreamField's value
            value = value.get_prep_value()
        texts[name] = value if isinstance(value, list) else str(value or "")
    return texts


def untranslated_fields(page):
    """The names of ``page``'s translated fields that its readers see in Finnish (a set).

    Templates mark each of these with ``lang="fi"`` (``{% text_lang page "summary" %}``), so that a
    screen reader reads Finnish text as Finnish on a Swedish page. A page that is not translated
    at all (``is_untranslated``) shows every text in Finnish. A published translation can be
    partial: a field whose text is still the Finnish text it was made from (``translated_from``)
    was left untranslated: the importer puts the Finnish text in a field the file gives no
    Swedish for, and a translator may leave a field as it was. (The import format reads a Swedish
    text equal to the Finnish one as "not translated" too.) Empty fields are left out. Needs no
    query, so lists of pages may call it for each; the answer is kept on the page object.
    """
    cached = getattr(page, "_untranslated_fields", None)
    if cached is not None:
        return cached
    if _shows_source_text(page):
        found = {name for name in page.translated_fields if getattr(page, name, None)}
    elif page.translated_from:  # only translations that have been published keep this record
        current = source_texts(page)
        found = {name for name, text in current.items() if text and text == page.translated_from.get(name)}
    else:
        found = set()
    page._untranslated_fields = frozenset(found)
    return page._untranslated_fields


# Fields that are not visible text on their own (an image's description is read out with the image).
NOT_NOTICED = {"title", "image_alt"}


def partly_untranslated(page):
    """True when a translated page still shows some of its texts in Finnish, beyond a name.

    The page then says that some details are only in Finnish. A title alone does not count: it is
    a name, often the same in both languages ("Boccia"), and the reader sees that it is Finnish.
    """
    return not _shows_source_text(page) and bool(untranslated_fields(page) - NOT_NOTICED)


def _shows_source_text(page):
    """``page.is_untranslated`` without reading the page's locale (a query per page in a list).

    An alias shows its original's text; it is the Finnish text when the page is read in another
    language than Finnish, and a page is always rendered in its own tree's language.
    """
    if page.awaiting_translation:
        return True
    return bool(page.alias_of_id) and current_language() != SOURCE_LANGUAGE


def copy_texts(source, translation):
    """Put the texts of ``source`` on ``translation`` (unsaved)."""
    for name in source.translated_fields:
        setattr(translation, name, getattr(source, name))


def changed_source_fields(translation, source=None):
    """The names of the texts that changed in Finnish since ``translation`` was published.

    Empty for a translation that is not published yet or that has no record of its source
    (made before the record was kept), and for a source page itself.
    """
    if translation.awaiting_translation or translation.alias_of_id or not translation.translated_from:
        return []
    source = source or source_page_of(translation)
    if source is None or source.pk == translation.pk:
        return []
    current = source_texts(source)
    return [
        name for name in translation.translated_fields if current.get(name) != translation.translated_from.get(name)
    ]


def record_published_translation(page):
    """A translation was published: it no longer shows the Finnish text; remember what it was made from."""
    if page.alias_of_id or page.locale_id == Locale.get_default().pk:
        return
    source = source_page_of(page)
    texts = source_texts(source) if source is not None else {}
    type(page).objects.filter(pk=page.pk).update(awaiting_translation=False, translated_from=texts)
    page.awaiting_translation = False
    page.translated_from = texts


def start_translation(page, user, translator=None):
    """Turn the untranslated (alias) page ``page`` into a translation draft for ``user`` to edit.

    The live page keeps showing the Finnish text (``awaiting_translation``) until the translation
    is approved and published. With a ``translator`` the draft starts from a machine translation
    of the Finnish texts. Returns the page and the machine translation error, if there was one.
    """
    from wagtail.actions.convert_alias import ConvertAliasPageAction

    from .machine_translation import MachineTranslationError

    source = source_page_of(page)
    with transaction.atomic():
        if page.alias_of_id:
            ConvertAliasPageAction(page, user=user, log_action="wagtail.convert_alias").execute(
                skip_permission_checks=True
            )
        model = page.specific_class
        model.objects.filter(pk=page.pk).update(awaiting_translation=True)
        translation = model.objects.get(pk=page.pk)
        error = None
        if translator is not None:
            try:
                machine_translate(source, translation, translator)
            except MachineTranslationError as exc:
                error = exc
                copy_texts(source, translation)
        translation.save_revision(user=user, log_action=True)
    return translation, error


def machine_translate(source, translation, translator):
    """Fill the texts of ``translation`` (unsaved) with a machine translation of ``source``'s."""
    names = [name for name, kind in source.translated_fields.items() if kind and getattr(source, name)]
    for kind in ("text", "html"):
        batch = [name for name in names if source.translated_fields[name] == kind]
        if not batch:
            continue
        results = translator.translate([str(getattr(source, name)) for name in batch], html=kind == "html")
        for name, text in zip(batch, results, strict=True):
            setattr(translation, name, text)


def create_translation(page, locale, values):
    """Create the translation of ``page`` in ``locale`` with the translated ``values`` (unpublished).

    Unlike ``Page.copy_for_translation`` this gives the copy its own slug from the start, so no
    pointless redirect from the source slug is created. The parent must already be translated.
    If tree synchronisation has already made an alias, the alias is converted into a real page.
    """
    from django.utils.text import slugify

    from wagtail.actions.convert_alias import ConvertAliasPageAction
    from wagtail.coreutils import find_available_slug

    existing = page.get_translation_or_none(locale)
    if existing is not None:
        if existing.alias_of_id:
            ConvertAliasPageAction(existing, log_action=None).execute(skip_permission_checks=True)
        translation = existing.specific_class.objects.get(pk=existing.pk)
        for field, value in values.items():
            setattr(translation, field, value)
        return translation

    parent = page.get_parent()
    if not parent.is_root():
        parent = parent.get_translation(locale)
    slug = values.get("slug") or slugify(values.get("title", "")) or page.slug
    update_attrs = {**values, "locale": locale, "slug": find_available_slug(parent, slug)}
    source = page if page.live else page.get_latest_revision_as_object()
    return source.copy(
        to=parent,
        update_attrs=update_attrs,
        copy_revisions=False,
        keep_live=False,
        reset_translation_key=False,
        log_action="wagtail.copy_for_translation",
    ).specific
