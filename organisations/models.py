"""Partner organisations. The page tree is ownership: an organisation's groups are its children."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import AbstractGroupApprovalTask, Page, Task, TaskState
from wagtail.search import index

from core.forms import PageCopyForm
from core.identifiers import identifier_validator, unique_identifier
from core.models import BasePage
from core.signals import organisation_page_context
from core.translation import SharedFactsMixin

from .forms import OrganisationPageForm


class OrganisationKind(models.TextChoices):
    WELLBEING_COUNTY = "wellbeing_county", _("Wellbeing services county")
    MUNICIPALITY = "municipality", _("Municipality or town")
    PARISH = "parish", _("Parish")
    ASSOCIATION = "association", _("Association or organisation")
    EDUCATIONAL = "educational", _("Educational institution")
    PROJECT = "project", _("Project")
    OTHER = "other", _("Other")


class OrganisationIndexPage(BasePage):
    """The list of all partner organisations."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["organisations.OrganisationPage"]
    page_description = _("Lists the partner organisations. One per language.")
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("organisation list")
        verbose_name_plural = _("organisation lists")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["organisations"] = (
            OrganisationPage.objects.child_of(self).live().public().select_related("municipality").order_by("title")
        )
        return context


class OrganisationPage(SharedFactsMixin, BasePage):
    """A partner: the wellbeing services county, a municipality, a parish, an association..."""

    identifier = models.CharField(
        _("identifier"),
        max_length=80,
        blank=True,
        db_index=True,
        validators=[identifier_validator],
        help_text=_("Stable identifier used in import files. Filled in automatically if left empty."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    description = RichTextField(_("description"), blank=True, features=["bold", "italic", "link", "ul"])
    business_id = models.CharField(
        _("business ID"),
        max_length=9,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{7}-[0-9]$", _("A business ID looks like 1234567-8."))],
        help_text=_("The Finnish business ID (Y-tunnus), if the organisation has one."),
    )
    municipality = models.ForeignKey(
        "groups.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=60, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    shared_fields = [
        "identifier",
        "kind",
        "business_id",
        "municipality_id",
        "website",
        "contact_name",
        "contact_phone",
        "contact_email",
        "logo_id",
    ]
    translated_fields = {"title": "text", "description": "html"}

    base_form_class = OrganisationPageForm
    # A copy is another organisation: it gets an identifier (and so user groups) of its own.
    exclude_fields_in_copy = ["identifier"]
    copy_form_class = PageCopyForm

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("municipality")]),
        FieldRowPanel([FieldPanel("business_id"), FieldPanel("website")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_phone")]),
                FieldPanel("contact_email"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("logo"),
        FieldPanel("identifier"),
    ]

    parent_page_types = ["organisations.OrganisationIndexPage"]
    subpage_types = ["groups.GroupPage"]
    page_description = _("A partner organisation. Its groups are added under it.")

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.FilterField("identifier"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def clean(self):
        super().clean()
        if self.identifier:
            clash = (
                OrganisationPage.objects.filter(identifier=self.identifier, locale_id=self.locale_id)
                .exclude(translation_key=self.translation_key)
                .exists()
            )
            if clash:
                raise ValidationError({"identifier": _("Another organisation already uses this identifier.")})

    def full_clean(self, *args, **kwargs):
        if not self.identifier and self.title:
            self.identifier = unique_identifier(OrganisationPage, self.title, self.translation_key)
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        # A draft is saved without full_clean(), so a copy (which has no identifier) gets one here.
        # A translation takes its source's identifier instead (SharedFactsMixin).
        if not self.identifier and self.title and kwargs.get("update_fields") is None and not self.get_source_page():
            self.identifier = unique_identifier(OrganisationPage, self.title, self.translation_key)
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The groups it runs and co-runs come from the groups app, which listens (groups/signals.py).
        organisation_page_context.send(sender=type(self), page=self, context=context)
        return context


class PartnerAccess(models.Model):
    """What belongs to one partner organisation in the admin: its two user groups and its collection.

    Created and kept up to date by :func:`organisations.services.provision_organisation`. It points
    at the organisation's source (Finnish) page; its translations share the ``translation_key``, so
    ``organisation__translation_key`` finds it from a page in either language tree.
    """

    organisation = models.OneToOneField(
        OrganisationPage, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="access"
    )
    editors = models.OneToOneField(
        "auth.Group", verbose_name=_("editors"), on_delete=models.PROTECT, related_name="editor_of"
    )
    approvers = models.OneToOneField(
        "auth.Group", verbose_name=_("approvers"), on_delete=models.PROTECT, related_name="approver_of"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", verbose_name=_("collection"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("partner access")
        verbose_name_plural = _("partner accesses")
        default_permissions = ()
        permissions = [("coordinate", _("Can coordinate the content of every organisation"))]

    def __str__(self):
        return str(self.organisation)


# --- Approval workflow ----------------------------------------------------------------------


class ReviewTaskState(TaskState):
    """A step of a review that refuses an approval or rejection by someone who may not review it.

    The tasks check this before offering their buttons too; here the rule also holds for code
    that calls ``approve()`` or ``reject()`` on the task state directly.
    """

    exclude_fields_in_copy = ["taskstate_ptr"]

    class Meta:
        verbose_name = _("review task state")
        verbose_name_plural = _("review task states")

    def _check_reviewer(self, user):
        if user is None:
            return
        obj = self.workflow_state.content_object
        if isinstance(obj, Page):
            obj = obj.specific
        if not self.task.specific.can_review(obj, user, self):
            raise PermissionDenied

    def approve(self, user=None, update=True, comment=""):
        self._check_reviewer(user)
        return super().approve(user=user, update=update, comment=comment)

    def reject(self, user=None, update=True, comment=""):
        self._check_reviewer(user)
        return super().reject(user=user, update=update, comment=comment)


class NoSelfApprovalMixin:
    """A review task in which nobody approves (or rejects) their own change.

    The author of a change is the person who submitted it for approval and the person who wrote
    the revision under review. They get no review actions, the page is not in their review list,
    and an approval or rejection they attempt through the API is refused.
    """

    task_state_class = ReviewTaskState

    def is_author(self, obj, user, task_state=None):
        task_state = task_state or obj.current_workflow_task_state
        if task_state is None:
            return False
        workflow_state = task_state.workflow_state
        return user.pk in {workflow_state.requested_by_id, task_state.revision.user_id}

    def is_reviewer(self, obj, user):
        """True if ``user`` reviews this task for ``obj``, ignoring who wrote the change."""
        raise NotImplementedError

    def can_review(self, obj, user, task_state=None):
        return user.is_active and self.is_reviewer(obj, user) and not self.is_author(obj, user, task_state)

    def get_actions(self, obj, user):
        if not self.can_review(obj, user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.workflow_state.content_object
        if isinstance(obj, Page):
            obj = obj.specific
        if action_name in {"approve", "reject"} and not self.can_review(obj, user, task_state):
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    def user_can_access_editor(self, obj, user):
        return self.is_reviewer(obj, user)

    def locked_for_user(self, obj, user):
        # While a change waits for review only its reviewers (and coordinators) may touch it.
        from .permissions import is_coordinator

        return not (self.is_reviewer(obj, user) or is_coordinator(user))

    def exclude_own(self, task_states, user):
        return task_states.exclude(workflow_state__requested_by=user).exclude(revision__user=user)


class OrganisationApprovalTask(NoSelfApprovalMixin, Task):
    """The organisation's own approvers check a change first.

    The approvers are the members of the approvers group of the organisation the page belongs to,
    so one task serves every organisation. When an organisation has no approver other than the
    person who submitted the change, the step is skipped and the change goes to a coordinator.
    """

    class Meta:
        verbose_name = _("organisation approval task")
        verbose_name_plural = _("organisation approval tasks")

    @classmethod
    def get_description(cls):
        return _("The approvers of the organisation that owns the page approve it. Skipped if it has none.")

    def approvers(self, obj):
        """Active users who approve changes to ``obj`` for its organisation."""
        from .permissions import access_for_page

        access = access_for_page(obj) if isinstance(obj, Page) else None
        if access is None:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, groups=access.approvers_id)

    def is_reviewer(self, obj, user):
        from .permissions import access_for_page, user_group_ids

        if user.is_superuser:
            return True
        access = access_for_page(obj) if isinstance(obj, Page) else None
        return access is not None and access.approvers_id in user_group_ids(user)

    def start(self, workflow_state, user=None):
        obj = workflow_state.content_object
        if isinstance(obj, Page):
            obj = obj.specific
        requested_by = workflow_state.requested_by_id
        if not self.approvers(obj).exclude(pk=requested_by).exists():
            return ReviewTaskState.objects.create(
                workflow_state=workflow_state,
                revision=obj.get_latest_revision(),
                task=self,
                status=TaskState.STATUS_SKIPPED,
                finished_at=timezone.now(),
            )
        return super().start(workflow_state, user=user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from .permissions import approver_accesses, paths_q

        in_progress = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if not user.is_superuser:
            accesses = approver_accesses(user)
            if not accesses:
                return TaskState.objects.none()
            keys = [access.organisation.translation_key for access in accesses]
            organisation_paths = OrganisationPage.objects.filter(translation_key__in=keys).values_list(
                "path", flat=True
            )
            page_ids = (
                Page.objects.filter(paths_q(list(organisation_paths)))
                .annotate(key=Cast("pk", models.CharField()))
                .values("key")
            )
            in_progress = in_progress.filter(workflow_state__object_id__in=page_ids)
        return self.exclude_own(in_progress, user)


class CoordinatorApprovalTask(NoSelfApprovalMixin, AbstractGroupApprovalTask):
    """A coordinator approves last: members of the chosen groups, never the author of the change."""

    class Meta:
        verbose_name = _("coordinator approval task")
        verbose_name_plural = _("coordinator approval tasks")

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve, but never a change they made themselves.")

    def is_reviewer(self, obj, user):
        return user.is_superuser or self._user_in_groups(user)

    def user_can_lock(self, obj, user):
        return self._user_in_groups(user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return self.exclude_own(super().get_task_states_user_can_moderate(user, **kwargs), user)
