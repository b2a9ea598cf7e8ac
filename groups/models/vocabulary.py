"""The shared vocabularies: municipalities, activity types, target groups, languages spoken.

Their terms are seeded from the tables in ``groups/vocabularies.py``."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
)

from core.i18n import LocalizedField


class Vocabulary(models.Model):
    """A shared list of terms with a stable code and a Finnish and Swedish label."""

    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        validators=[RegexValidator(r"^[a-z0-9_]+$", _("Use lower-case letters, digits and underscores."))],
        help_text=_("Stable code used in import files and web addresses. Do not change it."),
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=100)
    name_sv = models.CharField(_("name in Swedish"), max_length=100, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    name = LocalizedField("name")

    panels = [FieldPanel("code"), FieldPanel("name_fi"), FieldPanel("name_sv"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name


class Concept(Vocabulary):
    """A vocabulary whose terms map to national concepts, so that other services can read them:
    the YSO ontology (Finto) and the Suomi.fi service classes (PTV). Shown in the API and JSON-LD."""

    yso_uri = models.URLField(
        _("YSO concept"),
        blank=True,
        validators=[RegexValidator(r"^http://www\.yso\.fi/onto/yso/p[0-9]+$", _("Use a YSO concept URI."))],
        help_text=_(
            "The address of the matching YSO concept, e.g. http://www.yso.fi/onto/yso/p916. Leave empty if none fits."
        ),
    )
    ptv_code = models.CharField(
        _("PTV service class"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^P[0-9]+(\.[0-9]+)*$", _("Use a PTV service class code, e.g. P27.1."))],
        help_text=_("The code of the matching Suomi.fi service class, where one exists."),
    )

    panels = [*Vocabulary.panels, FieldPanel("yso_uri"), FieldPanel("ptv_code")]

    class Meta(Vocabulary.Meta):
        abstract = True


class Municipality(Vocabulary):
    """One of the municipalities of the wellbeing services county: where a group meets."""

    neighbours = models.ManyToManyField(
        "self",
        verbose_name=_("neighbouring municipalities"),
        blank=True,
        symmetrical=True,
        help_text=_("Offered to visitors when a search finds nothing in this municipality."),
    )

    panels = [*Vocabulary.panels, FieldPanel("neighbours")]

    class Meta(Vocabulary.Meta):
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")


class ActivityType(Concept):
    """What people do in a group: breakfast, walking, singing..."""

    class Meta(Concept.Meta):
        verbose_name = _("activity type")
        verbose_name_plural = _("activity types")


class TargetGroup(Concept):
    """Whom a group is especially aimed at. It never limits who may come."""

    class Meta(Concept.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Language(Vocabulary):
    """A language spoken in a group (not the language of the web page)."""

    code = models.CharField(
        _("code"),
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^[a-z]{2,3}$", _("Use the two- or three-letter ISO 639 code."))],
        help_text=_("The ISO 639 language code, for example fi, sv or en."),
    )

    class Meta(Vocabulary.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")
