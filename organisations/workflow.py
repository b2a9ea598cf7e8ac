"""The approval workflow's review tasks: the organisation's approvers, then a coordinator.

Neither lets anyone approve their own change (:class:`NoSelfApprovalMixin`). What is published
when the last step approves is in organisations/publishing.py (``WAGTAIL_FINISH_WORKFLOW_ACTION``,
which Wagtail imports while its own models load, so it cannot sit beside these models).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask, Page, Task, TaskState


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
            from .models import OrganisationPage

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
