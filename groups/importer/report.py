"""What an import tells: the problems found in a file, and the report of what was done."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass
class Problem:
    """One thing wrong with an import file: where it is and what is wrong."""

    location: str
    message: str

    def __str__(self):
        return f"{self.location}: {self.message}" if self.location else self.message


class ImportFailed(Exception):
    """The file was refused; nothing was changed. ``problems`` says why."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def command_error(failure, stderr):
    """Write each problem of ``failure`` (an :class:`ImportFailed`) to a command's ``stderr``, one
    a line, and return the error that ends the command: nothing was changed."""
    from django.core.management.base import CommandError

    for problem in failure.problems:
        stderr.write(f"- {problem}")
    return CommandError(
        _("The file was not imported: %(count)d problem(s) found. Nothing was changed.")
        % {"count": len(failure.problems)}
    )


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    dry_run: bool = False

    def record(self, kind, outcome):
        getattr(self, outcome)[kind] += 1

    def lines(self):
        kinds = [("organisation", _("Organisations")), ("venue", _("Venues")), ("group", _("Groups"))]
        return [
            _("%(kind)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged")
            % {
                "kind": label,
                "created": self.created[kind],
                "updated": self.updated[kind],
                "unchanged": self.unchanged[kind],
            }
            for kind, label in kinds
        ]
