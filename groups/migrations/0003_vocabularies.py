"""Create the shared vocabularies: municipalities, activity types, target groups and languages."""

from django.db import migrations


def create_vocabularies(apps, schema_editor):
    from groups.vocabularies import seed_vocabularies

    seed_vocabularies(
        apps.get_model("groups", "Municipality"),
        apps.get_model("groups", "ActivityType"),
        apps.get_model("groups", "TargetGroup"),
        apps.get_model("groups", "Language"),
    )


class Migration(migrations.Migration):
    dependencies = [("groups", "0002_initial")]

    operations = [migrations.RunPython(create_vocabularies, migrations.RunPython.noop)]
