"""The admin page where a group's leaders record how many came: a few taps on a phone."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.access import may

from .models import GroupPage
from .reporting_forms import VisitForm
from .services import source_group
from .visits import recent_meetings, record_visit


class VisitsView(WagtailAdminTemplateMixin, TemplateView):
    """Record or correct the visitor count of a recent meeting of one group."""

    template_name = "groups/admin/visits.html"
    page_title = gettext_lazy("Visitors")
    header_icon = "group"

    def setup(self, request, *args, page_id, **kwargs):
        super().setup(request, *args, **kwargs)
        self.group = source_group(get_object_or_404(GroupPage, pk=page_id))

    def dispatch(self, request, *args, **kwargs):
        if not may(request.user, "record_visits", self.group):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.group.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_pages:edit", args=[self.group.pk]), "label": self.group.title},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        meetings = recent_meetings(self.group)
        context.update(
            group=self.group,
            meetings=meetings,
            form=form or VisitForm(),
            error_date=form.data.get("date") if form is not None else None,
            history_url=reverse("wagtailadmin_pages:history", args=[self.group.pk]),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = VisitForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                record_visit(self.group, data["date"], data["visitors"], data["first_timers"], user=request.user)
            except ValidationError as error:
                for name, errors in error.message_dict.items():
                    for message in errors:
                        form.add_error(name if name in form.fields else None, message)
            else:
                messages.success(
                    request,
                    _("Saved: %(count)d visitors on %(date)s.")
                    % {"count": data["visitors"], "date": formats.date_format(data["date"], "j.n.Y")},
                )
                return redirect(request.path)
        messages.error(request, _("The number was not saved. Check the form."))
        return self.render_to_response(self.get_context_data(form=form), status=400)
