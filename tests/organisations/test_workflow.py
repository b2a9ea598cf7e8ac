"""Approval: the organisation's approvers first (if any), then a coordinator; nobody approves their own change.

Driven through Wagtail's workflow API and through the real admin views.
"""

from http import HTTPStatus

import pytest

from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from wagtail.models import Page, TaskState, WorkflowState

from groups.models import GroupPage
from organisations import roles
from organisations.models import CoordinatorApprovalTask, OrganisationApprovalTask, PartnerAccess
from organisations.services import add_user
from tests.conftest import form_values

pytestmark = pytest.mark.django_db

NEW_TITLE = "Yhteinen aamupala ja kahvi"


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def submit_change(client, user, page, title=NEW_TITLE):
    """Change the title in the real edit view and submit it for approval."""
    client.force_login(user)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_values(client.get(url))
    data["title"] = [title]
    data["action-submit"] = ["action-submit"]
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[-2000:]
    return fresh(page)


def act(client, user, page, action, comment=""):
    """Approve or reject the current step in the real workflow action view."""
    client.force_login(user)
    task_state = fresh(page).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def current_task(page):
    task_state = fresh(page).current_workflow_task_state
    return task_state.task.specific if task_state else None


def api_actions(user, page):
    page = fresh(page)
    task = page.current_workflow_task
    return {name for name, _label, _modal in task.get_actions(page, user)} if task else set()


# --- Through the admin views ------------------------------------------------------------------


def test_editors_change_is_not_live_until_approver_and_coordinator_approve(client, partners, pages):
    page = submit_change(client, partners.editor, pages.own_group)
    assert page.title == "Yhteinen aamupala"
    assert page.workflow_in_progress
    assert isinstance(current_task(page), OrganisationApprovalTask)

    assert act(client, partners.approver, page, "approve").status_code == HTTPStatus.FOUND
    page = fresh(page)
    assert page.title == "Yhteinen aamupala"
    assert isinstance(current_task(page), CoordinatorApprovalTask)

    assert act(client, partners.coordinator, page, "approve").status_code == HTTPStatus.FOUND
    page = fresh(page)
    assert page.title == NEW_TITLE
    assert page.live and not page.has_unpublished_changes
    assert not page.workflow_in_progress


def test_swedish_page_goes_through_the_same_approval(client, partners, pages):
    page = submit_change(client, partners.editor, pages.own_group_sv, title="Gemensam frukost och kaffe")
    assert fresh(page).title == "Gemensam frukost"
    act(client, partners.approver, page, "approve")
    assert fresh(page).title == "Gemensam frukost"
    act(client, partners.coordinator, page, "approve")
    assert fresh(page).title == "Gemensam frukost och kaffe"


def test_organisation_page_goes_through_approval(client, partners, pages):
    page = submit_change(client, partners.editor, pages.own_org, title="Soite")
    assert fresh(page).title != "Soite"
    act(client, partners.approver, page, "approve")
    act(client, partners.coordinator, page, "approve")
    assert fresh(page).title == "Soite"


def test_editor_cannot_approve_the_change(client, partners, pages):
    page = submit_change(client, partners.editor, pages.own_group)
    response = act(client, partners.editor, page, "approve")
    assert response.status_code == HTTPStatus.FOUND and response["Location"] == "/admin/"
    assert isinstance(current_task(page), OrganisationApprovalTask)
    assert fresh(page).title == "Yhteinen aamupala"


@pytest.mark.parametrize("role", ["other_approver", "coordinator", "editor"])
def test_only_the_organisations_approvers_approve_the_first_step(client, partners, pages, role):
    page = submit_change(client, partners.editor, pages.own_group)
    act(client, getattr(partners, role), page, "approve")
    assert isinstance(current_task(page), OrganisationApprovalTask)


def test_approver_cannot_approve_the_coordinators_step(client, partners, pages):
    page = submit_change(client, partners.editor, pages.own_group)
    act(client, partners.approver, page, "approve")
    act(client, partners.approver, page, "approve")
    assert isinstance(current_task(page), CoordinatorApprovalTask)
    assert fresh(page).title == "Yhteinen aamupala"


def test_editor_cannot_edit_the_page_while_it_waits(client, partners, pages, soup):
    page = submit_change(client, partners.editor, pages.own_group)
    client.force_login(partners.editor)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_values(client.get(url))
    data["title"] = ["Salaa muutettu"]
    client.post(url, data)
    assert fresh(page).get_latest_revision_as_object().title == NEW_TITLE


def test_rejected_change_returns_to_the_editor_with_the_comment(client, partners, pages, soup):
    page = submit_change(client, partners.editor, pages.own_group)
    act(client, partners.approver, page, "reject", comment="Lisää kellonaika otsikkoon.")
    page = fresh(page)
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert page.title == "Yhteinen aamupala"

    client.force_login(partners.editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert "Lisää kellonaika otsikkoon." in soup(response).get_text(" ")
    dashboard = client.get("/admin/")
    assert "Lisää kellonaika otsikkoon." in soup(dashboard).select_one("#partner-returned-section").get_text(" ")

    # The editor fixes it and resubmits; the approver's step starts again.
    data = form_values(response)
    data["title"] = ["Yhteinen aamupala klo 9"]
    data["action-submit"] = ["action-submit"]
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert fresh(page).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert isinstance(current_task(page), OrganisationApprovalTask)


def test_rejection_is_emailed_to_the_editor_with_the_comment(client, partners, pages):
    page = submit_change(client, partners.editor, pages.own_group)
    mail.outbox.clear()
    act(client, partners.approver, page, "reject", comment="Tarkista osoite.")
    to_editor = [message for message in mail.outbox if partners.editor.email in message.to]
    assert len(to_editor) == 1
    assert "Tarkista osoite." in to_editor[0].body


def test_approvers_are_emailed_when_a_change_waits_for_them(client, partners, pages):
    mail.outbox.clear()
    submit_change(client, partners.editor, pages.own_group)
    recipients = {address for message in mail.outbox for address in message.to}
    assert partners.approver.email in recipients
    assert partners.other_approver.email not in recipients
    assert partners.editor.email not in recipients
    assert partners.coordinator.email not in recipients


def test_coordinators_are_emailed_when_the_approver_has_approved(client, partners, pages):
    page = submit_change(client, partners.editor, pages.own_group)
    mail.outbox.clear()
    act(client, partners.approver, page, "approve")
    recipients = {address for message in mail.outbox for address in message.to}
    assert {partners.coordinator.email, partners.second_coordinator.email} <= recipients
    assert partners.approver.email not in recipients


def test_approver_opens_the_page_with_review_actions(client, partners, pages, soup):
    page = submit_change(client, partners.editor, pages.own_group)
    client.force_login(partners.approver)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == HTTPStatus.OK
    actions = {button["data-workflow-action-name"] for button in soup(response).select("[data-workflow-action-name]")}
    assert actions == {"approve", "reject"}
    client.force_login(partners.editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert not soup(response).select("[data-workflow-action-name]")


def test_page_waits_in_the_approvers_review_list(client, partners, pages, soup):
    page = submit_change(client, partners.editor, pages.own_group)
    client.force_login(partners.approver)
    assert page.title in soup(client.get("/admin/")).get_text(" ")
    client.force_login(partners.other_approver)
    review = soup(client.get("/admin/")).select_one("#objects-to-moderate")
    assert review is None or page.title not in review.get_text(" ")


# --- Nobody approves their own change ---------------------------------------------------------


def test_approvers_own_change_skips_to_a_coordinator_when_there_is_no_other_approver(client, partners, pages):
    page = submit_change(client, partners.approver, pages.own_group)
    assert isinstance(current_task(page), CoordinatorApprovalTask)
    skipped = TaskState.objects.get(
        workflow_state=fresh(page).current_workflow_state, task__name__startswith="Toimijan"
    )
    assert skipped.status == TaskState.STATUS_SKIPPED


def test_approver_cannot_approve_own_change_when_another_approver_exists(client, partners, pages):
    second = add_user("soite-approver-2", email="a2@example.org", role="approver", organisation_id="soite").user
    page = submit_change(client, partners.approver, pages.own_group)
    assert isinstance(current_task(page), OrganisationApprovalTask)
    assert api_actions(partners.approver, page) == set()
    act(client, partners.approver, page, "approve")
    assert isinstance(current_task(page), OrganisationApprovalTask)
    act(client, second, page, "approve")
    assert isinstance(current_task(page), CoordinatorApprovalTask)


def test_coordinator_cannot_approve_own_submitted_change(client, partners, pages):
    page = submit_change(client, partners.coordinator, pages.own_group)
    act(client, partners.approver, page, "approve")
    assert isinstance(current_task(page), CoordinatorApprovalTask)
    assert api_actions(partners.coordinator, page) == set()
    act(client, partners.coordinator, page, "approve")
    assert fresh(page).title == "Yhteinen aamupala"
    act(client, partners.second_coordinator, page, "approve")
    assert fresh(page).title == NEW_TITLE


def test_organisation_without_approvers_goes_straight_to_a_coordinator(client, partners, pages):
    Group.objects.get(pk=PartnerAccess.objects.get(organisation__identifier="soite").approvers_id).user_set.clear()
    page = submit_change(client, partners.editor, pages.own_group)
    assert isinstance(current_task(page), CoordinatorApprovalTask)
    act(client, partners.coordinator, page, "approve")
    assert fresh(page).title == NEW_TITLE


def test_inactive_approvers_do_not_count(client, partners, pages):
    partners.approver.is_active = False
    partners.approver.save()
    page = submit_change(client, partners.editor, pages.own_group)
    assert isinstance(current_task(page), CoordinatorApprovalTask)


# --- Through the API --------------------------------------------------------------------------


def start_workflow(page, user, title=NEW_TITLE):
    page = fresh(page)
    page.title = title
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


def test_every_group_page_has_the_approval_workflow(partners):
    for page in GroupPage.objects.all():
        workflow = page.get_workflow()
        assert workflow.name == roles.WORKFLOW_NAME
        assert [type(task.specific) for task in workflow.tasks] == [OrganisationApprovalTask, CoordinatorApprovalTask]


def test_api_refuses_self_approval_and_outsiders(partners, pages):
    state = start_workflow(pages.own_group, partners.editor)
    task_state = state.current_task_state
    task = task_state.task.specific
    page = fresh(pages.own_group)
    for user in (partners.editor, partners.other_approver, partners.coordinator):
        assert task.get_actions(page, user) == []
        with pytest.raises(PermissionDenied):
            task.on_action(task_state, user, "approve")
    assert {name for name, *_ in task.get_actions(page, partners.approver)} == {"approve", "reject"}
    task.on_action(task_state, partners.approver, "approve")
    state.refresh_from_db()
    coordinator_state = state.current_task_state
    coordinator_task = coordinator_state.task.specific
    with pytest.raises(PermissionDenied):
        coordinator_task.on_action(coordinator_state, partners.approver, "approve")
    coordinator_task.on_action(coordinator_state, partners.coordinator, "approve")
    assert fresh(pages.own_group).title == NEW_TITLE


def test_approver_does_not_review_a_revision_they_wrote(partners, pages):
    second = add_user("soite-approver-2", email="a2@example.org", role="approver", organisation_id="soite").user
    page = fresh(pages.own_group)
    page.title = "Approverin muutos"
    page.save_revision(user=partners.approver)
    state = page.get_workflow().start(page, partners.editor)
    task = state.current_task_state.task.specific
    assert task.get_actions(fresh(page), partners.approver) == []
    assert task.get_actions(fresh(page), second) != []


def test_review_lists_leave_out_own_changes(partners, pages):
    start_workflow(pages.own_group, partners.editor)
    start_workflow(pages.other_group, partners.other_editor, title="Muutos")
    reviewable = {state.workflow_state.object_id for state in TaskState.objects.reviewable_by(partners.approver)}
    assert reviewable == {str(pages.own_group.pk)}
    assert not TaskState.objects.reviewable_by(partners.editor).exists()
    assert not TaskState.objects.reviewable_by(partners.coordinator).exists()


def test_superuser_sees_everything_to_review(partners, pages):
    start_workflow(pages.own_group, partners.editor)
    assert TaskState.objects.reviewable_by(partners.admin).count() == 1


def test_task_state_itself_refuses_the_author_and_outsiders(partners, pages):
    start_workflow(pages.own_group, partners.editor)
    task_state = fresh(pages.own_group).current_workflow_task_state
    for user in (partners.editor, partners.other_approver):
        with pytest.raises(PermissionDenied):
            task_state.approve(user=user)
        with pytest.raises(PermissionDenied):
            task_state.reject(user=user, comment="Ei käy.")
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    task_state.approve(user=partners.approver)
    assert isinstance(current_task(pages.own_group), CoordinatorApprovalTask)
