"""What happens when the last approval step approves a change: the reviewed revision is published.

Wagtail publishes the page's *latest* revision when a workflow finishes. A revision made while
the change waited (by any path that skipped the page lock) would then go live without anyone
having reviewed it. Here the revision that goes live is the one the last step reviewed, or the
correction the approving reviewer saved while approving (Wagtail's editor saves it as the latest
revision just before the approval). A newer revision by anyone else stays a draft, to be
submitted like any change.
"""


def reviewed_revision(workflow_state, user=None):
    """The revision that the approval of ``workflow_state`` by ``user`` may publish."""
    reviewed = workflow_state.current_task_state.revision
    latest = workflow_state.content_object.get_latest_revision()
    if latest is None or reviewed is None:
        return reviewed or latest
    if latest.pk != reviewed.pk and user is not None and latest.user_id == user.pk:
        return latest
    return reviewed


def publish_reviewed_revision(workflow_state, user=None):
    """``WAGTAIL_FINISH_WORKFLOW_ACTION``: publish what was reviewed, nothing newer."""
    # Publishing an older revision leaves a newer one as the page's draft (Wagtail keeps
    # has_unpublished_changes for it).
    reviewed_revision(workflow_state, user).publish(user=user)
