"""The coordinators' report of Swedish translations: which groups and organisations need one."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page, WorkflowState

from core.translation import changed_source_fields
from organisations.models import OrganisationPage
from organisations.permissions import is_coordinator

from .models import GroupPage, Status


class TranslationState:
    """The states of a Swedish version, most urgent first (see docs/translation.md)."""

    MISSING = "missing"
    STARTED = "started"
    IN_REVIEW = "in_review"
    OUT_OF_DATE = "out_of_date"
    UP_TO_DATE = "up_to_date"

    labels = {
        MISSING: pgettext_lazy("translation state", "Not translated"),
        STARTED: pgettext_lazy("translation state", "Translation started"),
        IN_REVIEW: pgettext_lazy("translation state", "Waiting for approval"),
        OUT_OF_DATE: pgettext_lazy("translation state", "Out of date"),
        UP_TO_DATE: pgettext_lazy("translation state", "Up to date"),
    }
    order = [MISSING, STARTED, IN_REVIEW, OUT_OF_DATE, UP_TO_DATE]


@dataclass
class TranslationRow:
    """One Finnish page and the state of its Swedish version."""

    source: Page
    translation: Page | None
    organisation_title: str
    state: str
    changed: list = field(default_factory=list)

    @property
    def title(self):
        return self.source.title

    @property
    def kind(self):
        return self.source._meta.verbose_name

    @property
    def state_label(self):
        return TranslationState.labels[self.state]

    @property
    def changed_text(self):
        return ", ".join(str(self.source._meta.get_field(name).verbose_name) for name in self.changed)

    @property
    def finnish_published_at(self):
        return self.source.last_published_at

    @property
    def edit_url(self):
        page = self.translation or self.source
        return reverse("wagtailadmin_pages:edit", args=[page.pk])


def translation_rows(include_up_to_date=False):
    """The state of the Swedish version of every live Finnish group and organisation page.

    A fixed number of queries, however many pages there are.
    """
    source_locale = Locale.get_default()
    organisations = {page.path: page for page in OrganisationPage.objects.filter(locale=source_locale)}
    sources = [
        *OrganisationPage.objects.live().filter(locale=source_locale).order_by("title"),
        *GroupPage.objects.live().filter(locale=source_locale).exclude(status=Status.ENDED).order_by("title"),
    ]
    keys = [page.translation_key for page in sources]
    translations = {}
    for model in (OrganisationPage, GroupPage):
        for page in model.objects.filter(translation_key__in=keys).exclude(locale=source_locale):
            translations[page.translation_key] = page
    in_review = set(
        WorkflowState.objects.active()
        .filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(page.pk) for page in translations.values()],
        )
        .values_list("object_id", flat=True)
    )
    rows = []
    for source in sources:
        translation = translations.get(source.translation_key)
        changed = []
        if translation is None or translation.alias_of_id:
            state = TranslationState.MISSING
        elif str(translation.pk) in in_review:
            state = TranslationState.IN_REVIEW
        elif translation.awaiting_translation:
            state = TranslationState.STARTED
        else:
            changed = changed_source_fields(translation, source)
            state = TranslationState.OUT_OF_DATE if changed else TranslationState.UP_TO_DATE
        if state == TranslationState.UP_TO_DATE and not include_up_to_date:
            continue
        organisation = (
            source if isinstance(source, OrganisationPage) else organisations.get(source.path[: -source.steplen])
        )
        rows.append(TranslationRow(source, translation, organisation.title if organisation else "", state, changed))
    rows.sort(key=lambda row: (TranslationState.order.index(row.state), row.organisation_title, row.title))
    return rows


class TranslationTitleColumn(TitleColumn):
    """The page's title, linking to the editor of its Swedish version."""

    def get_link_url(self, instance, parent_context):
        return instance.edit_url


class TranslationsReportView(ReportView):
    """Groups and organisations whose Swedish version is missing, unfinished or out of date."""

    page_title = gettext_lazy("Swedish translations")
    header_icon = "doc-empty-inverse"
    index_url_name = "organisations_translations_report"
    index_results_url_name = "organisations_translations_report_results"
    paginate_by = 100
    list_export = ["title", "kind", "organisation_title", "state_label", "changed_text", "finnish_published_at"]
    export_headings = {
        "title": gettext_lazy("Page in Finnish"),
        "kind": gettext_lazy("Type"),
        "organisation_title": gettext_lazy("Organisation"),
        "state_label": gettext_lazy("Swedish version"),
        "changed_text": gettext_lazy("Changed in Finnish"),
        "finnish_published_at": gettext_lazy("Finnish page published"),
    }

    @property
    def columns(self):
        return [
            TranslationTitleColumn("title", label=gettext_lazy("Page in Finnish")),
            Column("kind", label=gettext_lazy("Type")),
            Column("organisation_title", label=gettext_lazy("Organisation")),
            Column("state_label", label=gettext_lazy("Swedish version")),
            Column("changed_text", label=gettext_lazy("Changed in Finnish")),
            DateColumn("finnish_published_at", label=gettext_lazy("Finnish page published")),
        ]

    def dispatch(self, request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"swedish-translations-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return translation_rows(include_up_to_date=self.request.GET.get("all") == "1")
