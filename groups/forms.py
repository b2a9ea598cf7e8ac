"""Admin forms for groups."""

from wagtail.admin.forms import WagtailAdminPageForm


class GroupPageForm(WagtailAdminPageForm):
    """The group editor. A new group is open to everyone and speaks Finnish until told otherwise."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and not self.is_bound:
            from .models import Language, TargetGroup

            if "target_groups" in self.fields:
                self.initial.setdefault(
                    "target_groups", list(TargetGroup.objects.filter(code="everyone").values_list("pk", flat=True))
                )
            if "languages" in self.fields:
                self.initial.setdefault(
                    "languages", list(Language.objects.filter(code="fi").values_list("pk", flat=True))
                )
