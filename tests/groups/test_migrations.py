"""Data migrations of the groups app, run back and forth on the historical models.

The tests use SQLite inside a transaction, where Django's schema editor cannot run, so the data
migration's own RunPython functions are called with the models as they were at that migration.
"""

import pytest

from django.db import connection
from django.db.migrations.loader import MigrationLoader

from groups.models import TargetGroup

pytestmark = pytest.mark.django_db

LABELS = ("groups", "0008_target_group_labels_name_people")
CODE = "mental_health_and_substance_use"


def run_labels_migration(backwards=False):
    """Run 0008's data migration forwards (or backwards) on the database of the test."""
    loader = MigrationLoader(connection)
    (operation,) = loader.get_migration(*LABELS).operations
    apps = loader.project_state(LABELS).apps
    (operation.reverse_code if backwards else operation.code)(apps, None)


def labels():
    return tuple(TargetGroup.objects.filter(code=CODE).values_list("name_fi", "name_sv").get())


def test_mental_health_target_group_names_people_after_the_migrations():
    assert labels() == ("Mielenterveys- ja päihdekuntoutujat", "Personer med psykisk ohälsa eller beroende")


def test_relabelling_goes_back_to_the_old_topic_and_forward_again():
    run_labels_migration(backwards=True)
    assert labels() == ("Mielenterveys ja päihteet", "Psykisk hälsa och rusmedel")
    run_labels_migration()
    assert labels() == ("Mielenterveys- ja päihdekuntoutujat", "Personer med psykisk ohälsa eller beroende")


def test_relabelling_keeps_a_label_a_coordinator_has_edited():
    run_labels_migration(backwards=True)
    TargetGroup.objects.filter(code=CODE).update(name_sv="Personer med psykiska problem")
    run_labels_migration()
    # Each language on its own: the Finnish default is replaced, the edited Swedish label is kept.
    assert labels() == ("Mielenterveys- ja päihdekuntoutujat", "Personer med psykiska problem")
    other = TargetGroup.objects.get(code="older_people")
    assert (other.name_fi, other.name_sv) == ("Ikääntyneet", "Äldre")
