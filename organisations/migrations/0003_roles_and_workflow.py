"""Create the coordinators group and the default approval workflow (see organisations/roles.py)."""

from django.db import migrations


def create_roles_and_workflow(apps, schema_editor):
    from organisations import roles

    roles.ensure_permissions_exist(apps)
    roles.ensure_coordinators(apps)
    roles.ensure_default_workflow(apps)
    roles.remove_wagtail_default_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_partner_access_and_approval_tasks"),
        ("groups", "0003_vocabularies"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_roles_and_workflow, migrations.RunPython.noop)]
