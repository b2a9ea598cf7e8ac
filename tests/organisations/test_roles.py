"""The coordinators group and the default workflow, created by a data migration through small helpers."""

import pytest

from django.contrib.auth.models import Group

from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page, Workflow, WorkflowPage

from organisations import roles
from organisations.models import CoordinatorApprovalTask, OrganisationApprovalTask

pytestmark = pytest.mark.django_db


def page_codenames(group, page):
    return set(
        GroupPagePermission.objects.filter(group=group, page=page).values_list("permission__codename", flat=True)
    )


def test_migration_creates_the_coordinators_group_with_publishing_rights_everywhere():
    coordinators = Group.objects.get(name=roles.COORDINATORS)
    root = Page.get_first_root_node()
    assert page_codenames(coordinators, root) == set(roles.COORDINATOR_PAGE_PERMISSIONS)
    granted = {f"{p.content_type.app_label}.{p.codename}" for p in coordinators.permissions.all()}
    assert set(roles.COORDINATOR_PERMISSIONS) <= granted
    assert "organisations.coordinate" in granted
    assert GroupCollectionPermission.objects.filter(group=coordinators, permission__codename="delete_image").exists()


def test_coordinators_cannot_administer_users():
    coordinators = Group.objects.get(name=roles.COORDINATORS)
    assert not coordinators.permissions.filter(content_type__app_label="auth").exists()


def test_migration_puts_the_two_step_workflow_on_the_root_page():
    workflow = Page.get_first_root_node().get_workflow()
    assert workflow.name == roles.WORKFLOW_NAME
    tasks = [task.specific for task in workflow.tasks]
    assert [type(task) for task in tasks] == [OrganisationApprovalTask, CoordinatorApprovalTask]
    assert list(tasks[1].groups.values_list("name", flat=True)) == [roles.COORDINATORS]


def test_wagtails_initial_workflow_and_site_wide_groups_are_gone():
    assert not Workflow.objects.filter(name=roles.WAGTAIL_DEFAULT_WORKFLOW, active=True).exists()
    assert not Group.objects.filter(name__in=roles.WAGTAIL_DEFAULT_GROUPS).exists()


def test_role_helpers_are_idempotent():
    before = (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
        Workflow.objects.count(),
        WorkflowPage.objects.count(),
    )
    roles.ensure_coordinators()
    roles.ensure_default_workflow()
    roles.remove_wagtail_default_groups()
    after = (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
        Workflow.objects.count(),
        WorkflowPage.objects.count(),
    )
    assert after == before


def test_helpers_restore_a_removed_workflow_assignment():
    WorkflowPage.objects.all().delete()
    assert Page.get_first_root_node().get_workflow() is None
    roles.ensure_default_workflow()
    assert Page.get_first_root_node().get_workflow().name == roles.WORKFLOW_NAME


def test_wagtail_default_groups_with_members_are_kept(django_user_model):
    editors = Group.objects.create(name="Editors")
    django_user_model.objects.create_user("someone").groups.add(editors)
    roles.remove_wagtail_default_groups()
    assert Group.objects.filter(name="Editors").exists()


def test_unknown_permission_name_is_an_error():
    from django.contrib.auth.models import Permission

    with pytest.raises(Permission.DoesNotExist):
        roles.get_permissions(["groups.fly_venue"])
