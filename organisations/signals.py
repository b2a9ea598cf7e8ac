"""Signal handlers of the organisations app: provisioning and approval e-mails."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save

from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.signals import task_submitted


def provision_new_organisation(sender, instance, created, raw=False, **kwargs):
    """A new organisation page in any language tree (made in the admin, by the importer, or as a
    Swedish alias or translation) gets its groups, permissions, collection and workflow."""
    if created and not raw:
        from .services import provision_organisation

        provision_organisation(instance)


class ReviewEmailNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    """E-mails the coordinators when a change reaches their step: Wagtail's notifier and texts.

    Wagtail connects its notifier to its own ``TaskState`` class only, and picks the e-mail
    templates by the task state's class name; the review steps here use ``ReviewTaskState``.
    """

    def get_template_base_prefix(self, instance, **kwargs):
        return "task_state_"


class OrganisationApprovalEmailNotifier(ReviewEmailNotifier):
    """E-mails the organisation's approvers when a change waits for them (Wagtail's own texts).

    Wagtail's notifier for group approval tasks finds the approvers through the task's groups;
    the organisation step finds them through the page's organisation instead.
    """

    def can_handle(self, instance, **kwargs):
        from .models import OrganisationApprovalTask

        return isinstance(instance, self.valid_classes) and isinstance(instance.task.specific, OrganisationApprovalTask)

    def get_recipient_users(self, task_state, **kwargs):
        obj = task_state.workflow_state.content_object.specific
        recipients = task_state.task.specific.approvers(obj)
        # The person whose change it is does not approve it, so need not be told.
        excluded = {task_state.workflow_state.requested_by_id, kwargs.get("user") and kwargs["user"].pk}
        return get_user_model().objects.filter(pk__in=recipients.values("pk")).exclude(pk__in=excluded - {None})


review_email_notifier = ReviewEmailNotifier()
organisation_approval_email_notifier = OrganisationApprovalEmailNotifier()


def connect():
    from .models import OrganisationPage, ReviewTaskState

    post_save.connect(provision_new_organisation, sender=OrganisationPage, dispatch_uid="provision-organisation")
    task_submitted.connect(
        organisation_approval_email_notifier, sender=ReviewTaskState, dispatch_uid="organisation-approval-email"
    )
    task_submitted.connect(review_email_notifier, sender=ReviewTaskState, dispatch_uid="review-email")


connect()
