"""The target group "Mielenterveys ja päihteet" / "Psykisk hälsa och rusmedel" names people instead.

The group page says "Ryhmä on tarkoitettu erityisesti näille: …" / "Gruppen riktar sig särskilt
till …", which needs people, not a topic. Coordinators can edit the labels in the admin, so only a
label that is still the old default is changed (each language on its own).
"""

from django.db import migrations

CODE = "mental_health_and_substance_use"
OLD = {"name_fi": "Mielenterveys ja päihteet", "name_sv": "Psykisk hälsa och rusmedel"}
NEW = {"name_fi": "Mielenterveys- ja päihdekuntoutujat", "name_sv": "Personer med psykisk ohälsa eller beroende"}


def relabel(apps, before, after):
    target_group = apps.get_model("groups", "TargetGroup")
    for field, old in before.items():
        target_group.objects.filter(code=CODE, **{field: old}).update(**{field: after[field]})


def forwards(apps, schema_editor):
    relabel(apps, OLD, NEW)


def backwards(apps, schema_editor):
    relabel(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [("groups", "0007_translation_state")]

    operations = [migrations.RunPython(forwards, backwards)]
