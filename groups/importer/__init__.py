"""Import organisations, venues and groups from a ``lowthreshold-groups/1`` file.

The import is all-or-nothing: the whole file is checked first and every problem is reported with
the item and the field it concerns; only a file without problems is written, inside one
transaction. Items are matched by their ``id``, so importing the same file twice changes nothing.
Imported content is published; Swedish texts become the Swedish versions of the pages.

``reading`` parses the file and checks it against the schema, ``checks`` checks its values,
``writing`` writes it (the ``Importer``), ``report`` holds the problems and the report.
"""

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from wagtail.signal_handlers import disable_reference_index_auto_update

from core.batching import batch

from .checks import check
from .reading import parse, read_file
from .report import ImportFailed, ImportReport, Problem, command_error
from .writing import Importer


def import_data(data, *, dry_run=False, user=None, progress=None):
    """Check ``data`` and, if it has no problems, import it in one transaction.

    Raises :class:`ImportFailed` (and changes nothing) if there is any problem. With ``dry_run``
    everything is done and then rolled back, so the report says what an import would do.
    ``progress(kind, done, total)`` is called after each item ("organisations", "venues", "groups").
    """
    problems = check(data)
    if problems:
        raise ImportFailed(problems)
    report = ImportReport(dry_run=dry_run)
    importer = None
    try:
        with transaction.atomic():
            importer = Importer(data, report, user=user, progress=progress)
            # Each group is indexed for the finder once, after all its pages are written, and
            # Wagtail's reference index is brought up to date once per page instead of per save.
            with batch(), disable_reference_index_auto_update():
                importer.run()
            _update_references(data)
            if dry_run:
                transaction.set_rollback(True)
    except ValidationError as error:
        # The checks should have found everything; this names at least the item.
        raise ImportFailed([Problem(importer.location if importer else "", "; ".join(error.messages))]) from error
    except DatabaseError as error:
        raise ImportFailed(
            [
                Problem(
                    importer.location if importer else "",
                    _("the database refused the item: %(error)s") % {"error": str(error).strip()},
                )
            ]
        ) from error
    if not dry_run:
        _refresh_statistics()
    return report


def _update_references(data):
    """Wagtail's reference index (what uses an image, a venue, a page) for what the file names."""
    from wagtail.models import Page, ReferenceIndex

    from organisations.models import OrganisationPage

    from ..models import GroupPage, Venue

    keys = []
    for model, kind in ((OrganisationPage, "organisations"), (GroupPage, "groups")):
        identifiers = [item["id"] for item in data.get(kind, [])]
        keys += model.objects.filter(identifier__in=identifiers).values_list("translation_key", flat=True)
    for page in Page.objects.filter(translation_key__in=set(keys)).specific():
        ReferenceIndex.create_or_update_for_object(page)
    for venue in Venue.objects.filter(identifier__in=[item["id"] for item in data.get("venues", [])]):
        ReferenceIndex.create_or_update_for_object(venue)


def _refresh_statistics():
    """After a large import, the finder refreshes its tables' statistics (``groups_imported``)."""
    from core.signals import groups_imported

    groups_imported.send(sender=Importer)


def import_file(path, *, dry_run=False, user=None, progress=None):
    """Read, check and import the file at ``path``."""
    return import_data(read_file(path), dry_run=dry_run, user=user, progress=progress)


__all__ = [
    "ImportFailed",
    "ImportReport",
    "Problem",
    "check",
    "command_error",
    "import_data",
    "import_file",
    "parse",
    "read_file",
]
